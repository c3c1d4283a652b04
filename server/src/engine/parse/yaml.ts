import { Composer, Parser, isAlias, isMap, isPair, isScalar, isSeq, visit, type Alias, type Document, type Node as YNode } from 'yaml';
import type { Span } from '../types';
import type { ParseProblem } from './problems';
import type { SEntry, SMap, SNode } from './tree';

/** Limits that keep hostile input (alias bombs, absurd nesting) from stalling the engine. */
export const YAML_LIMITS = {
  /** Nodes materialised through aliases, in total, per document. */
  aliasExpansion: 10_000,
  /** Nesting depth of collections. */
  depth: 200,
};

export interface Comment {
  /** Offset of the `#`. */
  offset: number;
  /** The text after `#`. */
  text: string;
}

export interface ParsedYamlDocument {
  root: SNode | null;
  span: Span;
}

export interface ParsedYaml {
  documents: ParsedYamlDocument[];
  problems: ParseProblem[];
  /** Comments of interest (only those holding `elb-lint-` directives are collected). */
  directiveComments: Comment[];
}

const KNOWN_TAGS = new Set([
  'tag:yaml.org,2002:str',
  'tag:yaml.org,2002:int',
  'tag:yaml.org,2002:float',
  'tag:yaml.org,2002:bool',
  'tag:yaml.org,2002:null',
  'tag:yaml.org,2002:map',
  'tag:yaml.org,2002:seq',
]);

/** Parse YAML into format-neutral trees, one per document, collecting positioned problems. */
export function parseYaml(text: string): ParsedYaml {
  const problems: ParseProblem[] = [];
  const directiveComments: Comment[] = [];
  const parser = new Parser();
  const tokens = Array.from(parser.parse(text));
  if (text.includes('elb-lint-')) collectComments(tokens, directiveComments);
  const composer = new Composer({ prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2' });
  const docs = Array.from(composer.compose(tokens, true, text.length)) as Document.Parsed[];
  const documents: ParsedYamlDocument[] = [];
  for (const doc of docs) {
    for (const e of doc.errors) problems.push(problemOf(e, text, 'error'));
    for (const w of doc.warnings) problems.push(problemOf(w, text, 'warning'));
    const conv = new Converter(doc, problems);
    const root = doc.contents ? conv.node(doc.contents as YNode, 0, undefined) : null;
    documents.push({ root, span: { start: doc.range[0], end: doc.range[2] } });
  }
  return { documents, problems, directiveComments };
}

function problemOf(e: { code: string; message: string; pos: [number, number] }, text: string, severity: 'error' | 'warning'): ParseProblem {
  const span = { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0]) };
  if (e.code === 'DUPLICATE_KEY') {
    // yaml points at the key's first character: widen the span to the key as written.
    const raw = /^[^:\r\n]*/.exec(text.slice(span.start))![0].trimEnd();
    const keyText = raw || '?';
    return { span: { start: span.start, end: span.start + raw.length }, messageId: 'duplicateKey', data: { key: keyText }, severity: 'error' };
  }
  if (e.code === 'TAG_RESOLVE_FAILED') {
    const tag = /Unresolved tag: (.*)$/.exec(e.message)?.[1] ?? '';
    return { span, messageId: 'unknownTag', data: { tag: shortTag(tag) }, severity: 'error' };
  }
  // yaml's own message, without its "at line x, column y" suffix (we place it ourselves).
  const msg = e.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
  return { span, messageId: 'yaml', data: { detail: msg }, severity };
}

function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? '!!' + tag.slice('tag:yaml.org,2002:'.length) : tag;
}

function spanOf(n: { range?: [number, number, number] | null } | null | undefined, fallback: Span): Span {
  const r = n?.range;
  return r ? { start: r[0], end: r[1] } : fallback;
}

/**
 * What every alias of a document points at, found in one walk: the last node before the alias (in
 * document order) that carries its anchor — yaml's own rule. yaml's `Alias.resolve(doc)` walks the
 * whole document for each call, which made alias-heavy files quadratic.
 */
function resolveAliases(doc: Document.Parsed): Map<Alias, YNode | undefined> {
  const out = new Map<Alias, YNode | undefined>();
  const anchors = new Map<string, YNode>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) out.set(node, anchors.get(node.source));
      else if (node.anchor) anchors.set(node.anchor, node as YNode);
    },
  });
  return out;
}

class Converter {
  private expanded = 0;
  private reportedBomb = false;
  private aliases: Map<Alias, YNode | undefined> | undefined;

  constructor(private readonly doc: Document.Parsed, private readonly problems: ParseProblem[]) {}

  /**
   * Convert a yaml node. `aliasSpan` is set while converting the target of an alias: every node
   * below takes the alias's span, so diagnostics land on the `*name` the user wrote.
   */
  node(n: YNode | null, depth: number, aliasSpan: Span | undefined): SNode | null {
    if (!n) return null;
    const span = aliasSpan ?? spanOf(n, { start: 0, end: 0 });
    if (aliasSpan) {
      if (++this.expanded > YAML_LIMITS.aliasExpansion) {
        if (!this.reportedBomb) {
          this.reportedBomb = true;
          this.problems.push({ span, messageId: 'aliasLimit', data: { limit: YAML_LIMITS.aliasExpansion }, severity: 'error' });
        }
        return null;
      }
    }
    if (depth > YAML_LIMITS.depth) {
      this.problems.push({ span, messageId: 'tooDeep', data: { limit: YAML_LIMITS.depth }, severity: 'error' });
      return null;
    }
    if (isAlias(n)) {
      this.aliases ??= resolveAliases(this.doc);
      const target = this.aliases.get(n);
      if (!target) {
        // Reported where it is written, not again for each expansion of an anchor around it.
        if (!aliasSpan) this.problems.push({ span, messageId: 'undefinedAlias', data: { name: n.source }, severity: 'error' });
        return null;
      }
      const aSpan = aliasSpan ?? spanOf(n, span);
      return this.node(target as YNode, depth + 1, aSpan);
    }
    if (isScalar(n)) {
      const tag = n.tag;
      if (tag && !KNOWN_TAGS.has(tag) && !tag.startsWith('!')) {
        // Unknown tags were reported by the composer; the value is never interpreted.
      }
      let value = n.value as unknown;
      if (typeof value === 'bigint') value = Number(value);
      if (value !== null && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') value = String(value);
      const quoted = n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE' || n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED';
      return { kind: 'scalar', span, value: value as string | number | boolean | null, quoted, aliased: aliasSpan ? true : undefined, flow: false };
    }
    if (isSeq(n)) {
      const items: SNode[] = [];
      for (const it of n.items) {
        const c = this.node(it as YNode, depth + 1, aliasSpan);
        if (c) items.push(c);
      }
      return { kind: 'seq', span, items, aliased: aliasSpan ? true : undefined, flow: n.flow === true };
    }
    if (isMap(n)) {
      const entries: SEntry[] = [];
      for (const p of n.items) {
        if (!isPair(p)) continue;
        const k = p.key as YNode | null;
        const keySpan = aliasSpan ?? spanOf(k, span);
        let key: string;
        if (k && isScalar(k)) key = String(k.value);
        else {
          this.problems.push({ span: keySpan, messageId: 'complexKey', data: {}, severity: 'error' });
          continue;
        }
        const v = this.node(p.value as YNode | null, depth + 1, aliasSpan);
        if (key === '<<' && !(k as { type?: string }).type?.startsWith('QUOTE')) {
          this.merge(entries, v);
          continue;
        }
        entries.push({ key, keySpan, value: v });
      }
      return { kind: 'map', span, entries, aliased: aliasSpan ? true : undefined, flow: n.flow === true };
    }
    return null;
  }

  /** YAML merge keys (`<<: *base`): keys of the merged maps that the map does not set itself. */
  private merge(entries: SEntry[], v: SNode | null): void {
    const sources = v?.kind === 'map' ? [v] : v?.kind === 'seq' ? v.items.filter((i): i is SMap => i.kind === 'map') : [];
    for (const src of sources) {
      for (const e of src.entries) {
        if (!entries.some((x) => x.key === e.key)) entries.push({ ...e });
      }
    }
  }
}

/** Every `#` comment of a YAML text (used by tests that prove fixes keep comments). */
export function allComments(text: string): Comment[] {
  const out: Comment[] = [];
  collectComments(Array.from(new Parser().parse(text)), out, true);
  return out;
}

/** Collect `#` comments from the CST (only those that may hold directives, unless `all`). */
function collectComments(tokens: unknown[], out: Comment[], all = false): void {
  const stack: unknown[] = [...tokens];
  while (stack.length) {
    const t = stack.pop();
    if (!t || typeof t !== 'object') continue;
    if (Array.isArray(t)) {
      for (const x of t) stack.push(x);
      continue;
    }
    const tok = t as Record<string, unknown>;
    if (tok.type === 'comment' && typeof tok.source === 'string' && typeof tok.offset === 'number') {
      if (all || tok.source.includes('elb-lint-')) out.push({ offset: tok.offset, text: tok.source.slice(1) });
      continue;
    }
    for (const key of ['start', 'key', 'sep', 'value', 'items', 'end', 'props']) {
      const v = tok[key];
      if (v && typeof v === 'object') stack.push(v);
    }
  }
  out.sort((a, b) => a.offset - b.offset);
}
