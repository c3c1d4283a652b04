import type { Span } from '../types';

/**
 * The format-neutral syntax tree the adapters read: YAML and JSON both parse into it, every node
 * keeps the span of its text. Nodes reached through a YAML alias carry the alias's span and are
 * marked `aliased` (fixes never edit through an alias).
 */
export type SNode = SMap | SSeq | SScalar;

export interface SBase {
  span: Span;
  aliased?: boolean;
  /** The node is written in flow style (`{a: 1}`, `[1, 2]`, or any JSON node). */
  flow?: boolean;
}

export interface SEntry {
  key: string;
  keySpan: Span;
  value: SNode | null;
}

export interface SMap extends SBase {
  kind: 'map';
  entries: SEntry[];
}

export interface SSeq extends SBase {
  kind: 'seq';
  items: SNode[];
}

export interface SScalar extends SBase {
  kind: 'scalar';
  value: string | number | boolean | null;
  /** YAML: the scalar was quoted (`"80"`), so it is text even if it looks like a number. */
  quoted?: boolean;
}

export function entry(map: SMap | null | undefined, key: string): SEntry | undefined {
  if (!map) return undefined;
  const es = map.entries;
  for (let i = 0; i < es.length; i++) if (es[i]!.key === key) return es[i];
  return undefined;
}

export function child(map: SMap | null | undefined, key: string): SNode | null | undefined {
  return entry(map, key)?.value;
}

export function asMap(n: SNode | null | undefined): SMap | undefined {
  return n && n.kind === 'map' ? n : undefined;
}

export function asSeq(n: SNode | null | undefined): SSeq | undefined {
  return n && n.kind === 'seq' ? n : undefined;
}

/** Plain JavaScript value of a node (what a JSON Schema validator sees). */
export function toPlain(n: SNode | null | undefined): unknown {
  if (!n) return null;
  switch (n.kind) {
    case 'scalar':
      return n.value;
    case 'seq': {
      const out = new Array(n.items.length);
      for (let i = 0; i < n.items.length; i++) out[i] = toPlain(n.items[i]);
      return out;
    }
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const e of n.entries) {
        if (e.key === '__proto__') continue;
        out[e.key] = toPlain(e.value);
      }
      return out;
    }
  }
}

/** Walk a JSON-pointer-like path of keys and indices; stops at the deepest node that exists. */
export function nodeAtPath(
  root: SNode | null,
  path: readonly (string | number)[],
): { node: SNode | null; entry?: SEntry; depth: number } {
  let node: SNode | null = root;
  let last: SEntry | undefined;
  let depth = 0;
  for (const seg of path) {
    if (!node) break;
    if (node.kind === 'map' && typeof seg === 'string') {
      const e = entry(node, seg);
      if (!e) break;
      last = e;
      node = e.value;
    } else if (node.kind === 'seq' && typeof seg === 'number' && seg < node.items.length) {
      last = undefined;
      node = node.items[seg]!;
    } else break;
    depth++;
  }
  return { node, entry: last, depth };
}
