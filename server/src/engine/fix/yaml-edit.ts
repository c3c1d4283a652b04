import { stringify } from 'yaml';
import type { TreeEditor } from '../adapters/own/origin';
import { entry, type SEntry, type SMap, type SNode, type SSeq } from '../parse/tree';
import type { SourceText } from '../text/source';
import type { TextEdit } from '../types';

const STEP = 2;

/**
 * Edits YAML as text at the spans of the parsed nodes, so comments, key order, quoting and the
 * layout of everything else stay byte-for-byte. Values are rendered with `yaml`'s stringifier.
 */
export class YamlEditor implements TreeEditor {
  private parents: Map<SNode, SSeq> | undefined;

  constructor(private readonly src: SourceText, private readonly root: SNode | null = null) {}

  /** The sequence that holds a node (index built once, on the first removal). */
  private parentSeq(node: SNode): SSeq | undefined {
    if (!this.parents) {
      const parents = new Map<SNode, SSeq>();
      const walk = (n: SNode | null) => {
        if (!n || n.aliased) return;
        if (n.kind === 'seq') for (const it of n.items) (parents.set(it, n), walk(it));
        else if (n.kind === 'map') for (const e of n.entries) walk(e.value);
      };
      walk(this.root);
      this.parents = parents;
    }
    return this.parents.get(node);
  }

  removeItem(map: SMap): TextEdit[] | undefined {
    const seq = this.parentSeq(map);
    if (!seq || seq.aliased) return undefined;
    const i = seq.items.indexOf(map);
    if (i < 0) return undefined;
    const prev = seq.items[i - 1];
    const next = seq.items[i + 1];
    if (seq.flow) {
      if (next) return [{ span: { start: map.span.start, end: next.span.start }, newText: '' }];
      if (prev) return [{ span: { start: this.contentEnd(prev), end: this.contentEnd(map) }, newText: '' }];
      return [{ span: { start: map.span.start, end: this.contentEnd(map) }, newText: '' }];
    }
    const dash = this.text.lastIndexOf('-', map.span.start);
    if (dash < 0) return undefined;
    if (seq.items.length === 1) return [{ span: { start: dash, end: this.contentEnd(map) }, newText: '[]' }];
    if (!this.startsLine(dash)) {
      // `key: - item` on one line cannot be: the first item follows a parent `- ` (`- - a`): leave it.
      return undefined;
    }
    // The comment lines right above the item (no blank line between) describe it: they go too.
    const dashLine = this.src.positionAt(dash).line;
    const dashCol = this.column(dash);
    let first = dashLine;
    while (first > 0) {
      const ls = this.src.lineStart(first - 1);
      const line = this.text.slice(ls, this.src.lineEndAt(ls));
      const m = /^([ \t]*)#/.exec(line);
      if (!m || m[1]!.length < dashCol) break;
      first--;
    }
    const lineStart = this.src.lineStart(first);
    const end = this.src.lineEndAt(this.contentEnd(map));
    const stop = end < this.text.length ? end + (this.text[end] === '\r' ? 2 : 1) : end;
    return [{ span: { start: lineStart, end: stop }, newText: '' }];
  }

  private get text(): string {
    return this.src.text;
  }

  private column(offset: number): number {
    return this.src.positionAt(offset).character;
  }

  /** Whether only blanks stand between the line start and `offset`. */
  private startsLine(offset: number): boolean {
    const ls = this.src.lineStart(this.src.positionAt(offset).line);
    return /^[ \t]*$/.test(this.text.slice(ls, offset));
  }

  private eolize(s: string): string {
    const eol = this.src.eol;
    return eol === '\n' ? s : s.replace(/\n/g, eol);
  }

  /** A value rendered in flow style for one line (`{a: 1}`, `[x]`, `80`). */
  private inline(value: unknown): string {
    return stringify(value, { collectionStyle: 'flow', lineWidth: 0, flowCollectionPadding: false }).trimEnd();
  }

  /** `key: value` rendered as block lines at `indent`. */
  private blockEntry(key: string, value: unknown, indent: number): string {
    const pad = ' '.repeat(indent);
    if (value !== null && typeof value === 'object' && (Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0)) {
      const body = stringify(value, { indent: STEP, lineWidth: 0 }).trimEnd();
      const inner = ' '.repeat(indent + STEP);
      return `${pad}${this.inline(key)}:\n${body.split('\n').map((l) => inner + l).join('\n')}`;
    }
    return `${pad}${this.inline(key)}: ${this.inline(value)}`;
  }

  private nestedValue(rest: string[], value: unknown): unknown {
    let v = value;
    for (let i = rest.length - 1; i >= 0; i--) v = { [rest[i]!]: v };
    return v;
  }

  /** Where the text of a node ends (block collections' spans may run on to the next line). */
  private contentEnd(n: SNode): number {
    if (n.flow || n.kind === 'scalar') return n.span.end;
    if (n.kind === 'map') {
      const last = n.entries[n.entries.length - 1];
      return last ? this.valueEnd(last) : n.span.end;
    }
    const lastItem = n.items[n.items.length - 1];
    return lastItem ? this.contentEnd(lastItem) : n.span.end;
  }

  private valueEnd(e: SEntry): number {
    if (e.value) return this.contentEnd(e.value);
    const colon = this.text.indexOf(':', e.keySpan.end);
    return colon >= 0 ? colon + 1 : e.keySpan.end;
  }

  private insertEntry(map: SMap, key: string, value: unknown): TextEdit[] | undefined {
    if (map.aliased) return undefined;
    if (map.flow) {
      const close = this.text.lastIndexOf('}', map.span.end);
      if (close < map.span.start) return undefined;
      const last = map.entries[map.entries.length - 1];
      const item = `${this.inline(key)}: ${this.inline(value)}`;
      if (!last) return [{ span: { start: close, end: close }, newText: item }];
      const at = this.valueEnd(last);
      return [{ span: { start: at, end: at }, newText: `, ${item}` }];
    }
    const first = map.entries[0];
    if (!first) return undefined;
    const indent = this.column(first.keySpan.start);
    const last = map.entries[map.entries.length - 1]!;
    const at = this.src.lineEndAt(this.valueEnd(last));
    return [{ span: { start: at, end: at }, newText: this.eolize('\n' + this.blockEntry(key, value, indent)) }];
  }

  /** Replace an entry's value (or fill an empty one) with `value`. */
  private replaceValue(e: SEntry, value: unknown): TextEdit[] | undefined {
    const isCollection = value !== null && typeof value === 'object';
    if (e.value && e.value.aliased) return undefined;
    const keyCol = this.column(e.keySpan.start);
    const flowContext = e.value?.flow || (e.value?.kind === 'scalar' && this.inFlow(e));
    if (typeof value === 'string' && value.includes('\n') && !flowContext) {
      // A multi-line text (a PEM, say) becomes a literal block scalar indented under its key.
      const colonEnd = this.text.indexOf(':', e.keySpan.end) + 1;
      let end = e.value ? e.value.span.end : colonEnd;
      while (end > colonEnd && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
      const trailing = /\n*$/.exec(value)![0].length;
      const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
      const lines = value.slice(0, value.length - trailing).split('\n');
      const indicator = /^\s/.test(lines[0] ?? '') ? String(STEP) : '';
      const inner = ' '.repeat(keyCol + STEP);
      const body = lines.map((l) => (l === '' ? '' : inner + l)).join('\n');
      const extra = trailing > 1 ? '\n'.repeat(trailing - 1) : '';
      return [{ span: { start: colonEnd, end }, newText: this.eolize(` |${indicator}${chomp}\n${body}${extra}`) }];
    }
    if (!isCollection || flowContext) {
      if (e.value) return [{ span: e.value.span, newText: this.inline(value) }];
      const at = this.valueEnd(e);
      return [{ span: { start: at, end: at }, newText: ' ' + this.inline(value) }];
    }
    // A block collection replaces whatever followed the colon.
    const colonEnd = this.text.indexOf(':', e.keySpan.end) + 1;
    const end = e.value ? this.contentEnd(e.value) : colonEnd;
    const body = stringify(value, { indent: STEP, lineWidth: 0 }).trimEnd();
    const inner = ' '.repeat(keyCol + STEP);
    return [{ span: { start: colonEnd, end }, newText: this.eolize('\n' + body.split('\n').map((l) => inner + l).join('\n')) }];
  }

  private inFlow(e: SEntry): boolean {
    // A scalar written inside `{ ... }` on the same line as an opening brace before the key.
    const ls = this.src.lineStart(this.src.positionAt(e.keySpan.start).line);
    const before = this.text.slice(ls, e.keySpan.start);
    return before.lastIndexOf('{') > before.lastIndexOf('}');
  }

  set(map: SMap, path: string[], value: unknown): TextEdit[] | undefined {
    let cur: SMap = map;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      const e = entry(cur, seg);
      const isLast = i === path.length - 1;
      if (!e) return this.insertEntry(cur, seg, this.nestedValue(path.slice(i + 1), value));
      if (isLast) return this.replaceValue(e, value);
      if (e.value && e.value.kind === 'map') {
        cur = e.value;
        continue;
      }
      return this.replaceValue(e, this.nestedValue(path.slice(i + 1), value));
    }
    return undefined;
  }

  remove(map: SMap, path: string[]): TextEdit[] | undefined {
    let cur: SMap = map;
    for (let i = 0; i < path.length - 1; i++) {
      const v: SNode | null | undefined = entry(cur, path[i]!)?.value;
      if (!v || v.kind !== 'map') return undefined;
      cur = v;
    }
    if (cur.aliased) return undefined;
    const key = path[path.length - 1]!;
    const idx = cur.entries.findIndex((x) => x.key === key);
    if (idx < 0) return undefined;
    const e = cur.entries[idx]!;
    const next = cur.entries[idx + 1];
    const prev = cur.entries[idx - 1];
    if (cur.flow) {
      if (next) return [{ span: { start: e.keySpan.start, end: next.keySpan.start }, newText: '' }];
      if (prev) return [{ span: { start: this.valueEnd(prev), end: this.valueEnd(e) }, newText: '' }];
      return [{ span: { start: e.keySpan.start, end: this.valueEnd(e) }, newText: '' }];
    }
    if (this.startsLine(e.keySpan.start)) {
      if (cur.entries.length === 1 && !this.startsLine(cur.span.start)) {
        return [{ span: { start: e.keySpan.start, end: this.valueEnd(e) }, newText: '{}' }];
      }
      const lineStart = this.src.lineStart(this.src.positionAt(e.keySpan.start).line);
      const endLine = this.src.positionAt(this.valueEnd(e)).line;
      const end = this.src.lineStart(endLine + 1);
      const stop = end > this.valueEnd(e) ? end : this.text.length;
      if (cur.entries.length === 1) {
        // The mapping would become empty: leave `{}` so the parent key keeps a mapping.
        return [{ span: { start: e.keySpan.start, end: this.valueEnd(e) }, newText: '{}' }];
      }
      return [{ span: { start: lineStart, end: stop }, newText: '' }];
    }
    // The key follows `- ` on its line: pull the next key up, or leave an empty mapping.
    if (next) return [{ span: { start: e.keySpan.start, end: next.keySpan.start }, newText: '' }];
    return [{ span: { start: e.keySpan.start, end: this.valueEnd(e) }, newText: '{}' }];
  }

  append(map: SMap, path: string[], value: Record<string, unknown> | Record<string, unknown>[]): TextEdit[] | undefined {
    const items = Array.isArray(value) ? value : [value];
    let cur: SMap = map;
    for (let i = 0; i < path.length - 1; i++) {
      const v: SNode | null | undefined = entry(cur, path[i]!)?.value;
      if (!v || v.kind !== 'map') return this.set(map, path, items);
      cur = v;
    }
    const e = entry(cur, path[path.length - 1]!);
    if (!e || !e.value || (e.value.kind === 'scalar' && e.value.value === null)) return this.set(map, path, items);
    const seq = e.value;
    if (seq.kind !== 'seq' || seq.aliased) return undefined;
    const inlineItems = items.map((x) => this.inline(x)).join(', ');
    if (seq.flow) {
      const close = this.text.lastIndexOf(']', seq.span.end);
      const last = seq.items[seq.items.length - 1];
      if (!last) return [{ span: { start: close, end: close }, newText: inlineItems }];
      const end = this.contentEnd(last);
      return [{ span: { start: end, end }, newText: ', ' + inlineItems }];
    }
    const firstItem = seq.items[0];
    if (!firstItem) return undefined;
    const lastItem = seq.items[seq.items.length - 1]!;
    if (lastItem.kind === 'map' && lastItem.flow) {
      // Items written as one-line `{...}` mappings: add more of the same kind.
      const pad = ' '.repeat(this.column(this.text.lastIndexOf('-', lastItem.span.start)));
      const at = this.src.lineEndAt(lastItem.span.end);
      return [{ span: { start: at, end: at }, newText: this.eolize(items.map((x) => '\n' + pad + '- ' + this.inline(x)).join('')) }];
    }
    const dash = this.text.lastIndexOf('-', firstItem.span.start);
    const dashCol = this.column(dash);
    const at = this.src.lineEndAt(this.contentEnd(lastItem));
    const body = stringify(items, { indent: STEP, lineWidth: 0 }).trimEnd();
    const pad = ' '.repeat(dashCol);
    return [{ span: { start: at, end: at }, newText: this.eolize('\n' + body.split('\n').map((l) => pad + l).join('\n')) }];
  }

}
