import { modify, type FormattingOptions, type JSONPath } from 'jsonc-parser';
import type { TreeEditor } from '../adapters/own/origin';
import type { SMap, SNode } from '../parse/tree';
import type { SourceText } from '../text/source';
import type { TextEdit } from '../types';
import { applyEdits } from './apply';

/** Edits JSON through jsonc-parser's `modify`, formatted the way the file is indented. */
export class JsonEditor implements TreeEditor {
  private paths: Map<SNode, JSONPath> | undefined;
  private formatting: FormattingOptions | undefined;

  constructor(private readonly src: SourceText, private readonly root: SNode | null) {}

  private pathOf(node: SMap): JSONPath | undefined {
    if (!this.paths) {
      const paths = new Map<SNode, JSONPath>();
      const walk = (n: SNode, p: JSONPath): void => {
        paths.set(n, p);
        if (n.kind === 'map') for (const e of n.entries) if (e.value) walk(e.value, [...p, e.key]);
        if (n.kind === 'seq') n.items.forEach((c, i) => walk(c, [...p, i]));
      };
      if (this.root) walk(this.root, []);
      this.paths = paths;
    }
    return this.paths.get(node);
  }

  private options(): FormattingOptions {
    if (!this.formatting) {
      const m = /\n([ \t]+)\S/.exec(this.src.text);
      const indent = m?.[1] ?? '  ';
      this.formatting = { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol: this.src.eol };
    }
    return this.formatting;
  }

  private edits(path: JSONPath, value: unknown, isArrayInsertion = false): TextEdit[] | undefined {
    try {
      // Removals need no formatting (and formatting would touch the neighbouring members).
      const formattingOptions = value === undefined ? undefined : this.options();
      return modify(this.src.text, path, value, { formattingOptions, isArrayInsertion }).map((e) => ({
        span: { start: e.offset, end: e.offset + e.length },
        newText: e.content,
      }));
    } catch {
      return undefined;
    }
  }

  set(map: SMap, path: string[], value: unknown): TextEdit[] | undefined {
    const base = this.pathOf(map);
    return base ? this.edits([...base, ...path], value) : undefined;
  }

  remove(map: SMap, path: string[]): TextEdit[] | undefined {
    const base = this.pathOf(map);
    return base ? this.edits([...base, ...path], undefined) : undefined;
  }

  removeItem(map: SMap): TextEdit[] | undefined {
    const p = this.pathOf(map);
    return p && typeof p[p.length - 1] === 'number' ? this.edits(p, undefined) : undefined;
  }

  append(map: SMap, path: string[], value: Record<string, unknown> | Record<string, unknown>[]): TextEdit[] | undefined {
    const items = Array.isArray(value) ? value : [value];
    const base = this.pathOf(map);
    if (!base) return undefined;
    let cur: SNode | null | undefined = map;
    for (const seg of path) cur = cur?.kind === 'map' ? cur.entries.find((e) => e.key === seg)?.value : undefined;
    if (!cur || cur.kind !== 'seq') return this.edits([...base, ...path], items);
    const last = cur.items[cur.items.length - 1];
    if (!last) {
      // An empty array: let jsonc-parser lay out the first items.
      let text = this.src.text;
      items.forEach((item, i) => {
        const step = modify(text, [...base, ...path, i], item, { formattingOptions: this.options(), isArrayInsertion: true });
        text = applyEdits(text, step.map((e) => ({ span: { start: e.offset, end: e.offset + e.length }, newText: e.content })));
      });
      return [diffEdit(this.src.text, text)];
    }
    // After the last item, in the layout of that item, leaving every existing byte alone.
    const src = this.src.text;
    const lineStart = this.src.lineStart(this.src.positionAt(last.span.start).line);
    const lead = src.slice(lineStart, last.span.start);
    const lastText = src.slice(last.span.start, last.span.end);
    const opts = this.options();
    const unit = opts.insertSpaces ? ' '.repeat(opts.tabSize ?? 2) : '\t';
    let insert: string;
    if (!/^\s*$/.test(lead)) insert = items.map((x) => ', ' + oneLine(x, lastText)).join('');
    else if (!lastText.includes('\n')) insert = items.map((x) => ',' + this.src.eol + lead + oneLine(x, lastText)).join('');
    else insert = items.map((x) => ',' + this.src.eol + lead + JSON.stringify(x, null, unit).replace(/\n/g, this.src.eol + lead)).join('');
    return [{ span: { start: last.span.end, end: last.span.end }, newText: insert }];
  }

}

/** The single edit that turns `before` into `after` (common prefix and suffix kept). */
export function diffEdit(before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  return { span: { start, end: endB }, newText: after.slice(start, endA) };
}

/** A value on one line, spaced like the neighbour it joins (`{ "a": 1 }` or `{"a":1}`). */
function oneLine(value: unknown, like: string): string {
  const compact = JSON.stringify(value);
  if (!/^[{[]\s/.test(like) && !/":\s/.test(like)) return compact;
  const pad = /^[{[]\s/.test(like);
  const render = (v: unknown): string => {
    if (Array.isArray(v)) return v.length ? (pad ? '[ ' : '[') + v.map(render).join(', ') + (pad ? ' ]' : ']') : '[]';
    if (v && typeof v === 'object') {
      const es = Object.entries(v as Record<string, unknown>);
      return es.length ? (pad ? '{ ' : '{') + es.map(([k, x]) => `${JSON.stringify(k)}: ${render(x)}`).join(', ') + (pad ? ' }' : '}') : '{}';
    }
    return JSON.stringify(v);
  };
  return render(value);
}
