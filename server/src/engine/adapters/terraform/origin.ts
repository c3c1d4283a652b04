/**
 * Origins of model objects read from `.tf` files: spans of the Terraform arguments behind each
 * model field, and edits in HCL (replace a value in place, add an argument line with the block's
 * indentation, remove an argument or nested block, add a new `resource` block after another).
 */
import type { Origin } from '../../model/types';
import { quoteHcl, type HclAttribute, type HclBlock } from '../../parse/hcl';
import type { SourceText } from '../../text/source';
import type { Span, TextEdit } from '../../types';
import { isArg, type ArgField, type FieldMap } from './fields';

/** What the origins of one module share: its files and the resource names in use. */
export class EditModule {
  private readonly used = new Map<string, Set<string>>();

  constructor(readonly files: Map<string, SourceText>) {}

  use(type: string, name: string): void {
    let s = this.used.get(type);
    if (!s) this.used.set(type, (s = new Set()));
    s.add(name);
  }

  /** A resource name not used by any resource of `type` (nor by a name handed out before). */
  freshName(type: string, base: string): string {
    let b = base.replace(/[^A-Za-z0-9_-]/g, '_').replace(/_+/g, '_').replace(/^_|_$/g, '');
    if (!/^[A-Za-z_]/.test(b)) b = 'r_' + b;
    const s = this.used.get(type) ?? new Set<string>();
    let name = b;
    for (let i = 2; s.has(name); i++) name = `${b}_${i}`;
    return name;
  }
}

export interface OriginHooks {
  /** Return `null` to fall back to the field table, `undefined` when the edit cannot be expressed. */
  set?(path: string, value: unknown): TextEdit[] | undefined | null;
  remove?(path: string): TextEdit[] | undefined | null;
  append?(path: string, item: Record<string, unknown> | Record<string, unknown>[]): TextEdit[] | undefined;
  /** Spans of model fields that are not one argument (insert_headers, healthmonitor, ...). */
  span?(path: string): { value?: Span; key?: Span } | undefined;
  /** More edits when the object itself is removed (an L7 policy's rule resources). */
  alsoRemove?(): TextEdit[] | undefined;
}

export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

export function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

export function lineEndOf(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** The offset just after the line break that ends the line holding `offset`. */
export function afterLine(text: string, offset: number): number {
  const e = lineEndOf(text, offset);
  if (text[e] === '\r' && text[e + 1] === '\n') return e + 2;
  if (e < text.length) return e + 1;
  return e;
}

export function indentOf(text: string, offset: number): string {
  const ls = lineStartOf(text, offset);
  return /^[ \t]*/.exec(text.slice(ls, offset))![0];
}

/** An HCL literal for a model value written to argument `f`. */
export function hclValue(value: unknown, f?: ArgField): string {
  if (f?.ref && typeof value === 'string') return `${value}.${f.ref.attr}`;
  if (f?.strBool && typeof value === 'boolean') return quoteHcl(String(value));
  if (typeof value === 'string') return quoteHcl(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return '[' + value.map((v) => hclValue(v, f?.ref ? f : undefined)).join(', ') + ']';
  if (typeof value === 'object') return '{ ' + Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k} = ${hclValue(v)}`).join(', ') + ' }';
  return 'null';
}

/** `key = value` lines with the `=` aligned as `terraform fmt` does. */
export function attributeLines(pairs: [string, string][], indent: string, eol: string): string {
  const w = Math.max(0, ...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${indent}${k.padEnd(w)} = ${v}${eol}`).join('');
}

/** Remove whole lines when the span is alone on them; else the span. */
export function removalEdit(text: string, span: Span, path: string): TextEdit {
  const ls = lineStartOf(text, span.start);
  const le = lineEndOf(text, span.end);
  const before = text.slice(ls, span.start);
  const after = text.slice(span.end, le);
  if (/^\s*$/.test(before) && /^\s*(#.*|\/\/.*)?$/.test(after)) {
    let start = ls;
    const end = afterLine(text, span.end);
    // A blank line left between the previous line and a closing brace (or another blank) goes too.
    const next = text.slice(end, lineEndOf(text, end));
    if (start > 0) {
      const prevStart = lineStartOf(text, start - 1);
      const prev = text.slice(prevStart, lineEndOf(text, prevStart));
      if (/^\s*$/.test(prev) && prevStart > 0 && /^\s*(\}|$)/.test(next)) start = prevStart;
    }
    return { path, span: { start, end }, newText: '' };
  }
  return { path, span, newText: '' };
}

/** Origin of a Terraform block (a resource, or a nested block such as `persistence {}`). */
export class HclOrigin implements Origin {
  constructor(
    readonly source: SourceText,
    readonly block: HclBlock,
    readonly fields: FieldMap,
    readonly module: EditModule,
    readonly hooks: OriginHooks = {},
    /** Set on nested blocks created by `dynamic`: not editable in place. */
    readonly readOnly = false,
    /** Set on one instance of a `count` / `for_each` resource: arguments that vary per instance are not edited. */
    readonly instance = false,
  ) {}

  /** Whether an argument's value may be replaced from this object (not per-instance, not dynamic). */
  private editable(a: HclAttribute | undefined): boolean {
    if (this.readOnly) return false;
    if (!a || !this.instance) return true;
    return !/\b(each|count)\./.test(this.source.text.slice(a.expr.span.start, a.expr.span.end));
  }

  get span(): Span {
    return this.block.span;
  }

  get nameSpan(): Span {
    return this.block.labelSpans[this.block.labelSpans.length - 1] ?? this.block.typeSpan;
  }

  get path(): string {
    return this.source.path;
  }

  private attr(path: string): HclAttribute | undefined {
    const f = this.fields[path];
    if (!isArg(f)) return undefined;
    return this.block.body.attributes.get(f.arg);
  }

  private nested(path: string): { block: HclBlock | undefined; sub: string | undefined; fields: FieldMap } | undefined {
    const dot = path.indexOf('.');
    const head = dot < 0 ? path : path.slice(0, dot);
    const f = this.fields[head];
    if (!f || isArg(f)) return undefined;
    const block = this.block.body.blocks.find((b) => b.type === f.block);
    return { block, sub: dot < 0 ? undefined : path.slice(dot + 1), fields: f.fields };
  }

  valueSpan(path: string): Span | undefined {
    const h = this.hooks.span?.(path);
    if (h) return h.value;
    const a = this.attr(path);
    if (a) return a.expr.span;
    const n = this.nested(path);
    if (n?.block) {
      if (!n.sub) return n.block.span;
      const f = n.fields[n.sub];
      if (isArg(f)) return n.block.body.attributes.get(f.arg)?.expr.span;
    }
    return undefined;
  }

  keySpan(path: string): Span | undefined {
    const h = this.hooks.span?.(path);
    if (h) return h.key ?? h.value;
    const a = this.attr(path);
    if (a) return a.keySpan;
    const n = this.nested(path);
    if (n?.block) {
      if (!n.sub) return n.block.typeSpan;
      const f = n.fields[n.sub];
      if (isArg(f)) return n.block.body.attributes.get(f.arg)?.keySpan;
    }
    return undefined;
  }

  private text(): string {
    return this.source.text;
  }

  /** Indentation for a new line inside `block`. */
  private innerIndent(block: HclBlock): string {
    const t = this.text();
    const first = block.body.items[0];
    if (first && lineStartOf(t, first.span.start) > block.open.start) return indentOf(t, first.span.start);
    return indentOf(t, block.span.start) + '  ';
  }

  /** Insert lines at the end of a block's body (before its closing brace). */
  insertInBlock(block: HclBlock, lines: (indent: string, eol: string) => string): TextEdit[] | undefined {
    if (this.readOnly) return undefined;
    const t = this.text();
    const eol = eolOf(t);
    const indent = this.innerIndent(block);
    const closeLine = lineStartOf(t, block.close.start);
    if (closeLine > block.open.end && /^\s*$/.test(t.slice(closeLine, block.close.start))) {
      return [{ path: this.path, span: { start: closeLine, end: closeLine }, newText: lines(indent, eol) }];
    }
    // `{}` or `{ a = 1 }` on one line: open it up.
    const inner = t.slice(block.open.end, block.close.start).trim();
    const outer = indentOf(t, block.span.start);
    const existing = inner ? `${indent}${inner}${eol}` : '';
    return [{ path: this.path, span: { start: block.open.end, end: block.close.start }, newText: eol + existing + lines(indent, eol) + outer }];
  }

  setField(path: string, value: unknown): TextEdit[] | undefined {
    if (this.hooks.set) {
      const h = this.hooks.set(path, value);
      if (h !== null) return h;
    }
    if (this.readOnly) return undefined;
    const f = this.fields[path];
    if (isArg(f)) {
      const a = this.block.body.attributes.get(f.arg);
      if (!this.editable(a)) return undefined;
      const v = hclValue(value, f);
      if (a) return [{ path: this.path, span: a.expr.span, newText: v }];
      return this.insertInBlock(this.block, (indent, eol) => `${indent}${f.arg} = ${v}${eol}`);
    }
    const n = this.nested(path);
    if (!n) return undefined;
    const head = path.split('.')[0]!;
    const bf = this.fields[head] as { block: string };
    if (n.sub) {
      const sf = n.fields[n.sub];
      if (!isArg(sf)) return undefined;
      const v = hclValue(value, sf);
      if (n.block) {
        const a = n.block.body.attributes.get(sf.arg);
        if (a) return [{ path: this.path, span: a.expr.span, newText: v }];
        return this.insertInBlock(n.block, (indent, eol) => `${indent}${sf.arg} = ${v}${eol}`);
      }
      return this.insertInBlock(this.block, (indent, eol) => `${indent}${bf.block} {${eol}${indent}  ${sf.arg} = ${v}${eol}${indent}}${eol}`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const pairs: [string, string][] = [];
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const sf = n.fields[k];
      if (!isArg(sf)) return undefined;
      pairs.push([sf.arg, hclValue(v, sf)]);
    }
    const edits: TextEdit[] = [];
    if (n.block) edits.push(removalEdit(this.text(), n.block.span, this.path));
    const ins = this.insertInBlock(this.block, (indent, eol) => `${indent}${bf.block} {${eol}${attributeLines(pairs, indent + '  ', eol)}${indent}}${eol}`);
    if (!ins) return undefined;
    return [...edits, ...ins];
  }

  removeField(path: string): TextEdit[] | undefined {
    if (this.hooks.remove) {
      const h = this.hooks.remove(path);
      if (h !== null) return h;
    }
    if (this.readOnly) return undefined;
    const a = this.attr(path);
    if (a && !this.editable(a)) return undefined;
    if (a) return [removalEdit(this.text(), a.span, this.path)];
    const n = this.nested(path);
    if (n?.block) {
      if (!n.sub) return [removalEdit(this.text(), n.block.span, this.path)];
      const f = n.fields[n.sub];
      const sa = isArg(f) ? n.block.body.attributes.get(f.arg) : undefined;
      return sa ? [removalEdit(this.text(), sa.span, this.path)] : undefined;
    }
    return undefined;
  }

  appendToList(path: string, item: Record<string, unknown> | Record<string, unknown>[]): TextEdit[] | undefined {
    return this.hooks.append?.(path, item);
  }

  removeSelf(): TextEdit[] | undefined {
    if (this.readOnly) return undefined;
    const own = removalEdit(this.text(), this.block.span, this.path);
    const more = this.hooks.alsoRemove ? this.hooks.alsoRemove() : [];
    if (!more) return undefined;
    return [own, ...more];
  }

  /** Text that inserts a new top-level block right after this one (same indentation). */
  blockAfter(render: (indent: string, eol: string) => string): TextEdit {
    const t = this.text();
    const at = afterLine(t, this.block.close.start);
    const eol = eolOf(t);
    const indent = indentOf(t, this.block.span.start);
    const lead = at === t.length && !t.endsWith('\n') ? eol : '';
    return { path: this.path, span: { start: at, end: at }, newText: lead + eol + render(indent, eol) };
  }
}

/** A new `resource "type" "name" { ... }` block. */
export function resourceBlock(type: string, name: string, pairs: [string, string][], indent: string, eol: string): string {
  return `${indent}resource "${type}" "${name}" {${eol}${attributeLines(pairs, indent + '  ', eol)}${indent}}${eol}`;
}
