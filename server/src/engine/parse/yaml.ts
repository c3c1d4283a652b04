import { Composer, Parser, isAlias, isMap, isPair, isScalar, isSeq, visit, type Alias, type Document, type Node as YNode } from 'yaml';
import type { Span } from '../types';
import { capProblems, type ParseProblem } from './problems';
import type { SEntry, SMap, SNode } from './tree';

/** Limits that keep hostile input (alias bombs, absurd nesting) from stalling the engine. */
export const YAML_LIMITS = {
  /** Nodes materialised through aliases, in total, per document. */
  aliasExpansion: 10_000,
  /** Nesting depth of collections. */
  depth: 200,
  /**
   * Nesting depth of the syntax tree above which the file is not composed at all: the yaml
   * composer recurses per level and overflows the stack near 2,000 levels, at a depth that
   * varies from run to run (so the output would too). Anything below `depth` is read as usual.
   */
  syntaxDepth: 500,
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
  /** No anchor or alias anywhere (a precondition of {@link reparseYaml}'s incremental path). */
  aliasFree?: boolean;
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
  // yaml makes an Error object per problem; broken input can have tens of thousands, and capturing
  // a stack trace for each (never read: we keep code, message and position) was most of the time.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let tokens: ReturnType<Parser['parse']> extends Iterable<infer T> ? T[] : never;
  let docs: Document.Parsed[];
  try {
    tokens = Array.from(parser.parse(text));
    const deep = tooDeepAt(tokens, YAML_LIMITS.syntaxDepth);
    if (deep !== undefined) {
      const at = Math.min(deep, text.length);
      problems.push({ span: { start: at, end: Math.min(at + 1, text.length) }, messageId: 'tooDeep', data: { limit: YAML_LIMITS.depth }, severity: 'error' });
      return { documents: [], problems, directiveComments };
    }
    const composer = new Composer({ prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2' });
    docs = Array.from(composer.compose(tokens, true, text.length)) as Document.Parsed[];
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  if (text.includes('elb-lint-')) collectComments(tokens, directiveComments);
  const documents: ParsedYamlDocument[] = [];
  let aliasFree = true;
  for (const doc of docs) {
    for (const e of doc.errors) problems.push(problemOf(e, text, 'error'));
    for (const w of doc.warnings) problems.push(problemOf(w, text, 'warning'));
    const conv = new Converter(doc, problems);
    const root = doc.contents ? conv.node(doc.contents as YNode, 0, undefined) : null;
    if (conv.sawAnchor) aliasFree = false;
    documents.push({ root, span: { start: doc.range[0], end: doc.range[2] } });
  }
  return { documents, problems: capProblems(problems), directiveComments, aliasFree };
}

/** Offset of the first syntax node nested deeper than `limit` collections, if any (no recursion). */
function tooDeepAt(tokens: readonly unknown[], limit: number): number | undefined {
  type Tok = { type?: string; offset?: number; value?: unknown; items?: { key?: unknown; value?: unknown }[] };
  const stack: [Tok, number][] = [];
  for (const t of tokens) if (t && typeof t === 'object') stack.push([t as Tok, 0]);
  while (stack.length) {
    const [t, d] = stack.pop()!;
    if (t.items) {
      if (d + 1 > limit) return t.offset ?? 0;
      for (const it of t.items) {
        if (it.key && typeof it.key === 'object') stack.push([it.key as Tok, d + 1]);
        if (it.value && typeof it.value === 'object') stack.push([it.value as Tok, d + 1]);
      }
    } else if (t.type === 'document' && t.value && typeof t.value === 'object') stack.push([t.value as Tok, d]);
  }
  return undefined;
}

function problemOf(e: { code: string; message: string; pos: [number, number] }, text: string, severity: 'error' | 'warning'): ParseProblem {
  // yaml places errors at the end of input one past the last character: keep spans inside the text.
  const start = Math.min(e.pos[0], text.length);
  const span = { start, end: Math.min(Math.max(e.pos[1], start), text.length) };
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
  /** An anchor or an alias was met. */
  sawAnchor = false;

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
    if (n.anchor) this.sawAnchor = true;
    if (isAlias(n)) {
      this.sawAnchor = true;
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

// ---------------------------------------------------------------------------------------------
// Incremental re-parse. A configuration is a mapping of lists of objects, and a keystroke almost
// always lands inside one list item. Instead of parsing the whole text again, the item around the
// edit is parsed on its own (it is a complete YAML block sequence of one item, at its own
// indentation) and spliced into the previous tree; the nodes after it are copied with their spans
// shifted. Whenever that could differ from a full parse — problems anywhere, anchors or aliases,
// an edit that touches an item's `- ` line or a boundary, tabs, document markers, a line that
// leaves the item's indentation — the whole text is parsed as before.
// ---------------------------------------------------------------------------------------------

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** `- ` (one dash, then spaces) from the start of the line to `at`: its indentation, or -1. */
function dashIndent(text: string, at: number): number {
  const ls = lineStartOf(text, at);
  let i = ls;
  while (i < at && text.charCodeAt(i) === 32) i++;
  if (i >= at || text.charCodeAt(i) !== 45 /* - */) return -1;
  let j = i + 1;
  if (j >= at) return -1;
  while (j < at && text.charCodeAt(j) === 32) j++;
  return j === at ? i - ls : -1;
}

function shiftSpan(s: Span, d: number): Span {
  return { start: s.start + d, end: s.end + d };
}

/** A copy of a tree with every span moved by `d` (trees are never mutated: results may share them). */
export function shiftNode(n: SNode, d: number): SNode {
  switch (n.kind) {
    case 'scalar':
      return { ...n, span: shiftSpan(n.span, d) };
    case 'seq': {
      const items = new Array<SNode>(n.items.length);
      for (let i = 0; i < items.length; i++) items[i] = shiftNode(n.items[i]!, d);
      return { ...n, span: shiftSpan(n.span, d), items };
    }
    case 'map': {
      const entries = new Array<SEntry>(n.entries.length);
      for (let i = 0; i < entries.length; i++) {
        const e = n.entries[i]!;
        entries[i] = { key: e.key, keySpan: shiftSpan(e.keySpan, d), value: e.value ? shiftNode(e.value, d) : null };
      }
      return { ...n, span: shiftSpan(n.span, d), entries };
    }
  }
}

/** Index of the last element whose start is ≤ `offset` (elements sorted by start), or -1. */
function lastAtOrBefore<T>(xs: readonly T[], start: (x: T) => number, offset: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (start(xs[mid]!) <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Every line of an item's text stays inside the item: deeper than its dash, or a new `- ` at it. */
function linesStayInside(slice: string, dashCol: number): boolean {
  let ls = 0;
  while (ls < slice.length) {
    let le = slice.indexOf('\n', ls);
    if (le < 0) le = slice.length;
    let i = ls;
    while (i < le && slice.charCodeAt(i) === 32) i++;
    const c = slice.charCodeAt(i);
    const blank = i >= le || c === 13 || c === 35; /* CR, # */
    if (!blank) {
      const indent = i - ls;
      if (indent < dashCol) return false;
      if (indent === dashCol) {
        const next = slice.charCodeAt(i + 1);
        if (c !== 45 || !(i + 1 >= le || next === 32 || next === 13)) return false;
      }
    }
    ls = le + 1;
  }
  return true;
}

/**
 * Parse `text`, reusing the parse of `prevText` (the previous version of the same file) for
 * everything an edit did not touch. The result equals `parseYaml(text)` (tests compare them on
 * random edits); when reuse is not safe it *is* `parseYaml(text)`.
 */
export function reparseYaml(prevText: string, prev: ParsedYaml, text: string): ParsedYaml {
  return (prevText === text ? prev : undefined) ?? incremental(prevText, prev, text) ?? parseYaml(text);
}

function incremental(prevText: string, prev: ParsedYaml, text: string): ParsedYaml | undefined {
  if (prev.problems.length || prev.documents.length !== 1 || !prev.aliasFree) return undefined;
  const doc = prev.documents[0]!;
  const root = doc.root;
  if (!root || root.kind !== 'map' || root.flow || root.aliased) return undefined;
  // The changed region: [p, oldEnd) of the previous text became [p, oldEnd + delta).
  const oldLen = prevText.length;
  const max = Math.min(oldLen, text.length);
  let p = 0;
  while (p < max && prevText.charCodeAt(p) === text.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && prevText.charCodeAt(oldLen - 1 - s) === text.charCodeAt(text.length - 1 - s)) s++;
  const oldEnd = oldLen - s;
  const delta = text.length - oldLen;
  if (prevText.slice(0, root.span.start).includes('%')) return undefined; // %YAML / %TAG directives

  // The root entry and the list item around the edit.
  const ei = lastAtOrBefore(root.entries, (e) => e.keySpan.start, p);
  if (ei < 0) return undefined;
  const entryAt = root.entries[ei]!;
  const seq = entryAt.value;
  if (!seq || seq.kind !== 'seq' || seq.flow || seq.aliased || !seq.items.length) return undefined;
  const ii = lastAtOrBefore(seq.items, (it) => it.span.start, p);
  if (ii < 0) return undefined;
  const item = seq.items[ii]!;
  const dashCol = dashIndent(prevText, item.span.start);
  if (dashCol < 0) return undefined;
  const sliceStart = lineStartOf(prevText, item.span.start);
  const lastItem = ii === seq.items.length - 1;
  const lastEntry = ei === root.entries.length - 1;
  let sliceEnd: number;
  if (!lastItem) {
    const next = seq.items[ii + 1]!;
    if (dashIndent(prevText, next.span.start) !== dashCol) return undefined;
    sliceEnd = lineStartOf(prevText, next.span.start);
  } else if (!lastEntry) {
    const nextKey = root.entries[ei + 1]!.keySpan.start;
    sliceEnd = lineStartOf(prevText, nextKey);
    if (sliceEnd !== nextKey) return undefined;
  } else sliceEnd = oldLen;
  // The edit must stay strictly inside the item: after its `- `, before the line break that ends it.
  if (p < item.span.start || sliceEnd <= item.span.start) return undefined;
  if (sliceEnd < oldLen ? oldEnd > sliceEnd - 1 : oldEnd > oldLen) return undefined;

  const slice = text.slice(sliceStart, sliceEnd + delta);
  if (slice.includes('\t') || /^(---|\.\.\.)/m.test(slice) || !linesStayInside(slice, dashCol)) return undefined;

  // Parse the item's text on its own: a block sequence at the item's indentation.
  const problems: ParseProblem[] = [];
  const tokens = Array.from(new Parser().parse(slice));
  const composer = new Composer({ prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2' });
  const docs = Array.from(composer.compose(tokens, true, slice.length)) as Document.Parsed[];
  if (docs.length !== 1) return undefined;
  const d = docs[0]!;
  if (d.errors.length || d.warnings.length || !d.contents || !isSeq(d.contents) || d.contents.flow) return undefined;
  const conv = new Converter(d, problems);
  const part = conv.node(d.contents as YNode, 1, undefined);
  if (problems.length || conv.sawAnchor || !part || part.kind !== 'seq' || !part.items.length) return undefined;
  const fresh = part.items.map((it) => shiftNode(it, sliceStart));
  for (const it of fresh) if (dashIndent(text, it.span.start) !== dashCol) return undefined;
  const seqRange = d.contents.range;

  // Splice: items before the edit are shared, the edited one replaced, the ones after shifted.
  const items = seq.items.slice(0, ii);
  for (const it of fresh) items.push(it);
  for (let i = ii + 1; i < seq.items.length; i++) items.push(shiftNode(seq.items[i]!, delta));
  const seqEnd = lastItem ? sliceStart + seqRange[1] : seq.span.end + delta;
  const newSeq: SNode = { ...seq, span: { start: seq.span.start, end: seqEnd }, items };
  const entries = root.entries.slice(0, ei);
  entries.push({ key: entryAt.key, keySpan: entryAt.keySpan, value: newSeq });
  for (let i = ei + 1; i < root.entries.length; i++) {
    const e = root.entries[i]!;
    entries.push({ key: e.key, keySpan: shiftSpan(e.keySpan, delta), value: e.value ? shiftNode(e.value, delta) : null });
  }
  const rootEnd = lastItem && lastEntry ? sliceStart + seqRange[2] : root.span.end + delta;
  const newRoot: SNode = { ...root, span: { start: root.span.start, end: rootEnd }, entries };

  // Directive comments: kept before the item, re-read inside it, shifted after it.
  const directiveComments: Comment[] = [];
  for (const c of prev.directiveComments) if (c.offset < sliceStart) directiveComments.push(c);
  if (slice.includes('elb-lint-')) {
    const inside: Comment[] = [];
    collectComments(tokens, inside);
    for (const c of inside) directiveComments.push({ offset: c.offset + sliceStart, text: c.text });
  }
  for (const c of prev.directiveComments) if (c.offset >= sliceEnd) directiveComments.push({ offset: c.offset + delta, text: c.text });

  return {
    documents: [{ root: newRoot, span: { start: doc.span.start, end: doc.span.end + delta } }],
    problems: [],
    directiveComments,
    aliasFree: true,
  };
}
