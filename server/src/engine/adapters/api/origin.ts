import type { JsonEditor } from '../../fix/json-edit';
import { ReadOnlyOrigin } from '../../model/read-only-origin';
import type { Origin } from '../../model/types';
import { entry, type SMap, type SNode, type SSeq } from '../../parse/tree';
import type { SourceText } from '../../text/source';
import type { Span, TextEdit } from '../../types';

/** One JSON file of an API export, parsed, with the editor that edits it keeping its layout. */
export interface ApiFile {
  path: string;
  source: SourceText;
  root: SNode | null;
  editor: JsonEditor;
  /** The list holding each object that is a list item (built on first use). */
  parents?: Map<SNode, SSeq>;
}

function parentList(file: ApiFile, node: SNode): SSeq | undefined {
  if (!file.parents) {
    const parents = new Map<SNode, SSeq>();
    const walk = (n: SNode): void => {
      if (n.kind === 'seq') for (const c of n.items) {
        parents.set(c, n);
        walk(c);
      }
      else if (n.kind === 'map') for (const e of n.entries) if (e.value) walk(e.value);
    };
    if (file.root) walk(file.root);
    file.parents = parents;
  }
  return file.parents.get(node);
}

/**
 * How an object's model fields are written in the API body: `paths` renames a dotted model path
 * (`default_pool` → `default_pool_id`), `values` turns a model value into the API's (a subnet
 * name into its `neutron_subnet_id`, `dedicated` into `guaranteed: true`); returning `undefined`
 * means the API cannot express it. `appendTo` redirects list appends (a security group's `rules`).
 */
export interface FieldMap {
  paths?: Readonly<Record<string, string>>;
  values?: Readonly<Record<string, (value: unknown) => unknown>>;
  /** Model paths the API body cannot hold (a pool's health monitor is a separate object). */
  readOnly?: ReadonlySet<string>;
  appendTo?: (path: string, items: Record<string, unknown>[]) => TextEdit[] | undefined;
}

/**
 * Adds the file path to edits (a fix may edit another file of an export than the finding's), and
 * writes inserted members the way the file writes its own: `"key" : value` in the layout the API
 * documentation and Jackson-printed responses use, `"key": value` otherwise.
 */
export function inFile(file: ApiFile, edits: TextEdit[] | undefined): TextEdit[] | undefined {
  const spaced = spacedColons(file);
  return edits?.map((e) => ({ ...e, newText: spaced && e.newText ? spaceColons(e.newText) : e.newText, path: file.path }));
}

const colonStyle = new WeakMap<ApiFile, boolean>();

/** Whether the file writes `"key" : value` (more often than `"key": value`). */
function spacedColons(file: ApiFile): boolean {
  let v = colonStyle.get(file);
  if (v === undefined) {
    const head = file.source.text.slice(0, 20000);
    const spaced = head.match(/"[^"\n]*" :/g)?.length ?? 0;
    const tight = head.match(/"[^"\n]*":/g)?.length ?? 0;
    v = spaced > tight;
    colonStyle.set(file, v);
  }
  return v;
}

/** `"key": value` → `"key" : value` for every member key of a JSON fragment (strings are skipped whole). */
function spaceColons(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c !== '"') {
      out += c;
      i++;
      continue;
    }
    let j = i + 1;
    while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    out += text.slice(i, j + 1);
    i = j + 1;
    let k = i;
    while (k < text.length && (text[k] === ' ' || text[k] === '\t')) k++;
    if (text[k] === ':') {
      out += ' :';
      i = k + 1;
    }
  }
  return out;
}

/**
 * Append items to a list of a file's object, in the layout of the list's last item. Items of a list
 * printed as `[ {` … `}, {` … `} ]` (Jackson's layout, the API documentation's) are written the same
 * way; other layouts are the JSON editor's.
 */
export function appendItems(file: ApiFile, map: SMap, path: string[], items: Record<string, unknown>[]): TextEdit[] | undefined {
  let cur: SNode | null | undefined = map;
  for (const seg of path) cur = cur?.kind === 'map' ? entry(cur, seg)?.value : undefined;
  const last = cur?.kind === 'seq' ? cur.items[cur.items.length - 1] : undefined;
  if (last && last.kind === 'map' && last.entries.length > 0) {
    const text = file.source.text;
    const lineOf = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
    const lead = text.slice(lineOf(last.span.start), last.span.start);
    const body = text.slice(last.span.start, last.span.end);
    if (!/^\s*$/.test(lead) && body.includes('\n')) {
      const indentAt = (offset: number) => /^[ \t]*/.exec(text.slice(lineOf(offset)))![0];
      const inner = indentAt(last.entries[0]!.keySpan.start);
      const close = indentAt(last.span.end - 1);
      const unit = inner.startsWith(close) && inner.length > close.length ? inner.slice(close.length) : '  ';
      const eol = file.source.text.includes('\r\n') ? '\r\n' : '\n';
      const render = (v: unknown, ind: string): string => {
        if (v && typeof v === 'object' && !Array.isArray(v)) {
          const es = Object.entries(v as Record<string, unknown>);
          if (!es.length) return '{ }';
          return '{' + eol + es.map(([k, x]) => ind + unit + JSON.stringify(k) + ': ' + render(x, ind + unit)).join(',' + eol) + eol + ind + '}';
        }
        if (Array.isArray(v)) return v.length ? '[ ' + v.map((x) => render(x, ind)).join(', ') + ' ]' : '[ ]';
        return JSON.stringify(v);
      };
      const insert = items.map((x) => ', ' + render(x, close)).join('');
      return inFile(file, [{ span: { start: last.span.end, end: last.span.end }, newText: insert }]);
    }
  }
  return inFile(file, file.editor.append(map, path, items));
}

/** Origin of an object of an ELB / VPC API response body: a JSON object of one file of the export. */
export class ApiOrigin implements Origin {
  constructor(
    readonly file: ApiFile,
    readonly node: SMap,
    private readonly fields: FieldMap = {},
  ) {}

  get source(): SourceText {
    return this.file.source;
  }

  get span(): Span {
    return this.node.span;
  }

  get nameSpan(): Span {
    for (const key of ['name', 'id']) {
      const v = entry(this.node, key)?.value;
      if (v && v.kind === 'scalar' && typeof v.value === 'string' && v.value !== '') return v.span;
    }
    return this.node.span;
  }

  /** The API path of a model path. */
  apiPath(path: string): string {
    return this.fields.paths?.[path] ?? path;
  }

  private locate(path: string): { parent: SMap; key: string } | undefined {
    const segs = this.apiPath(path).split('.');
    let map: SMap = this.node;
    for (let i = 0; i < segs.length - 1; i++) {
      const v: SNode | null | undefined = entry(map, segs[i]!)?.value;
      if (!v || v.kind !== 'map') return undefined;
      map = v;
    }
    return { parent: map, key: segs[segs.length - 1]! };
  }

  valueSpan(path: string): Span | undefined {
    const loc = this.locate(path);
    return loc ? entry(loc.parent, loc.key)?.value?.span : undefined;
  }

  keySpan(path: string): Span | undefined {
    const loc = this.locate(path);
    return loc ? entry(loc.parent, loc.key)?.keySpan : undefined;
  }

  setField(path: string, value: unknown): TextEdit[] | undefined {
    if (this.fields.readOnly?.has(path)) return undefined;
    const convert = this.fields.values?.[path];
    const v = convert ? convert(value) : value;
    if (v === undefined) return undefined;
    return inFile(this.file, this.file.editor.set(this.node, this.apiPath(path).split('.'), v));
  }

  removeField(path: string): TextEdit[] | undefined {
    if (this.fields.readOnly?.has(path)) return undefined;
    return inFile(this.file, this.file.editor.remove(this.node, this.apiPath(path).split('.')));
  }

  appendToList(path: string, item: Record<string, unknown> | Record<string, unknown>[]): TextEdit[] | undefined {
    const items = Array.isArray(item) ? item : [item];
    if (this.fields.appendTo) return this.fields.appendTo(path, items);
    if (this.fields.readOnly?.has(path)) return undefined;
    return appendItems(this.file, this.node, this.apiPath(path).split('.'), items);
  }

  /**
   * Removes the object from its list together with one separating comma and the layout before
   * it, so the remaining items keep their layout (a last item takes the comma before it).
   */
  removeSelf(): TextEdit[] | undefined {
    const list = parentList(this.file, this.node);
    if (!list) return undefined;
    const i = list.items.indexOf(this.node);
    const text = this.file.source.text;
    let span: Span;
    if (list.items.length === 1) {
      // The only item: leave an empty list.
      span = { start: list.span.start + 1, end: list.span.end - 1 };
    } else if (i === list.items.length - 1) {
      span = { start: list.items[i - 1]!.span.end, end: this.node.span.end };
    } else {
      span = { start: this.node.span.start, end: list.items[i + 1]!.span.start };
      // Keep the layout of the next item: remove from this item's line start instead.
      const lineStart = text.lastIndexOf('\n', this.node.span.start - 1) + 1;
      const nextLineStart = text.lastIndexOf('\n', list.items[i + 1]!.span.start - 1) + 1;
      if (/^[ \t]*$/.test(text.slice(lineStart, this.node.span.start)) && /^[ \t]*$/.test(text.slice(nextLineStart, list.items[i + 1]!.span.start)) && nextLineStart > lineStart) {
        span = { start: lineStart, end: nextLineStart };
      }
    }
    return [{ span, newText: '', path: this.file.path }];
  }
}

/**
 * Origin of an object the export refers to but does not hold (a load balancer whose listeners
 * are exported without it, a VPC named only by its id): it points at the reference and edits nothing.
 */
export class RefOrigin extends ReadOnlyOrigin {
  constructor(readonly source: SourceText, readonly span: Span) {
    super();
  }
  get nameSpan(): Span {
    return this.span;
  }
  valueSpan(): Span | undefined {
    return undefined;
  }
  keySpan(): Span | undefined {
    return undefined;
  }
}
