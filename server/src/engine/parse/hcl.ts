/**
 * HCL (Terraform `.tf`) → a small syntax tree whose every node keeps its span (UTF-16 offsets).
 *
 * Parsing is done by tree-sitter (`web-tree-sitter`, WebAssembly) with the Terraform grammar of
 * `@tree-sitter-grammars/tree-sitter-hcl`. Loading WebAssembly is asynchronous while a lint is
 * synchronous: the shells (CLI, language server, tests) await `ensureTerraformParser()` once at
 * start-up; `parseHcl` then parses synchronously, or returns `undefined` when nobody loaded it.
 * Nothing of the input is evaluated here: expressions become data (`HclExpr`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
// `require` (not `import`): bundlers then take the package's CommonJS build, whose WebAssembly
// loader works from a bundled file (the ESM build locates itself through `import.meta.url`).
import TreeSitter = require('web-tree-sitter');
import type { Node as TsNode, Parser as TsParser } from 'web-tree-sitter';

const { Language, Parser } = TreeSitter;
import type { Span } from '../types';

export interface HclComment {
  /** Offset of the comment marker (`#`, `//`, `/*`). */
  offset: number;
  /** Text after the marker. */
  text: string;
  /** Length of the marker (`#` 1, `//` and `/*` 2). */
  markerLength: number;
  span: Span;
}

export type HclExpr =
  | { k: 'literal'; value: string | number | boolean | null; span: Span }
  /** A quoted string or heredoc with interpolations (`"${var.a}-x"`). */
  | { k: 'template'; parts: (string | HclExpr)[]; span: Span }
  /** `var.a`, `huaweicloud_elb_pool.web.id`, `local.x[0].y`. */
  | { k: 'traversal'; root: string; rootSpan: Span; steps: HclStep[]; span: Span }
  | { k: 'tuple'; items: HclExpr[]; span: Span }
  | { k: 'object'; entries: HclObjectEntry[]; span: Span }
  | { k: 'call'; name: string; args: HclExpr[]; span: Span }
  | { k: 'conditional'; cond: HclExpr; then: HclExpr; else: HclExpr; span: Span }
  | { k: 'unary'; op: string; operand: HclExpr; span: Span }
  | { k: 'binary'; op: string; left: HclExpr; right: HclExpr; span: Span }
  /** For expressions, splats, template directives: never evaluated. */
  | { k: 'other'; span: Span };

export type HclStep = { attr: string; span: Span } | { index: HclExpr; span: Span } | { splat: true; span: Span };

export interface HclObjectEntry {
  /** The key when it is a name or a literal string. */
  key?: string;
  keySpan: Span;
  value: HclExpr;
}

export interface HclAttribute {
  kind: 'attribute';
  name: string;
  keySpan: Span;
  /** `name = value`, without the line break. */
  span: Span;
  expr: HclExpr;
}

export interface HclBlock {
  kind: 'block';
  type: string;
  typeSpan: Span;
  labels: string[];
  labelSpans: Span[];
  /** From the block type to the closing brace. */
  span: Span;
  body: HclBody;
  open: Span;
  close: Span;
}

export interface HclBody {
  items: (HclAttribute | HclBlock)[];
  attributes: Map<string, HclAttribute>;
  blocks: HclBlock[];
}

export interface HclSyntaxError {
  span: Span;
  /** `missing` (the parser expected a token here) or `unexpected` (text it could not place). */
  kind: 'missing' | 'unexpected';
  text: string;
}

export interface HclFile {
  text: string;
  body: HclBody;
  comments: HclComment[];
  errors: HclSyntaxError[];
}

let parser: TsParser | undefined;
let loading: Promise<boolean> | undefined;
let loadError: string | undefined;

function firstExisting(candidates: (string | undefined)[]): string | undefined {
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  return undefined;
}

function resolveQuiet(id: string): string | undefined {
  try {
    return require.resolve(id);
  } catch {
    return undefined;
  }
}

/** Where the WebAssembly files are: beside the bundle (the .vsix), else in node_modules. */
export function terraformWasmPaths(): { runtime?: string; grammar?: string } {
  const here = __dirname;
  const runtime = firstExisting([
    path.join(here, 'tree-sitter.wasm'),
    resolveQuiet('web-tree-sitter/tree-sitter.wasm'),
  ]);
  const grammar = firstExisting([
    path.join(here, 'tree-sitter-terraform.wasm'),
    resolveQuiet('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'),
  ]);
  return { runtime, grammar };
}

/**
 * Load the parser once (idempotent, safe to call concurrently). Resolves to whether Terraform files
 * can be read; never rejects.
 */
export function ensureTerraformParser(): Promise<boolean> {
  if (parser) return Promise.resolve(true);
  loading ??= (async () => {
    try {
      const { runtime, grammar } = terraformWasmPaths();
      if (!runtime || !grammar) throw new Error('tree-sitter WebAssembly files not found');
      await Parser.init({ locateFile: () => runtime });
      const lang = await Language.load(grammar);
      const p = new Parser();
      p.setLanguage(lang);
      parser = p;
      return true;
    } catch (err) {
      loadError = err instanceof Error ? err.message : String(err);
      return false;
    }
  })();
  return loading;
}

/** Whether `ensureTerraformParser()` has completed successfully. */
export function terraformParserReady(): boolean {
  return parser !== undefined;
}

/** Why the parser could not be loaded, if it failed. */
export function terraformParserError(): string | undefined {
  return loadError;
}

function sp(n: TsNode): Span {
  return { start: n.startIndex, end: n.endIndex };
}

function named(n: TsNode): TsNode[] {
  return n.namedChildren.filter((c): c is TsNode => c !== null && c.type !== 'comment');
}

/** Unescape the text of a quoted template literal (HCL escapes, `$${` and `%%{`). */
export function unescapeHcl(raw: string): string {
  if (!raw.includes('\\') && !raw.includes('$${') && !raw.includes('%%{')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\' && i + 1 < raw.length) {
      const n = raw[++i]!;
      if (n === 'n') out += '\n';
      else if (n === 't') out += '\t';
      else if (n === 'r') out += '\r';
      else if (n === '"' || n === '\\') out += n;
      else if (n === 'u' || n === 'U') {
        const len = n === 'u' ? 4 : 8;
        const hex = raw.slice(i + 1, i + 1 + len);
        if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === len) {
          out += String.fromCodePoint(parseInt(hex, 16));
          i += len;
        } else out += '\\' + n;
      } else out += '\\' + n;
    } else if ((c === '$' || c === '%') && raw[i + 1] === c && raw[i + 2] === '{') {
      out += c + '{';
      i += 2;
    } else out += c;
  }
  return out;
}

/** Escape a string for a quoted HCL template. */
export function quoteHcl(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t').replace(/\$\{/g, '$${').replace(/%\{/g, '%%{') + '"';
}

class Converter {
  readonly comments: HclComment[] = [];
  readonly errors: HclSyntaxError[] = [];

  constructor(private readonly text: string) {}

  collectProblems(n: TsNode): void {
    if (n.type === 'comment') {
      const t = this.text.slice(n.startIndex, n.endIndex);
      const marker = t.startsWith('#') ? 1 : t.startsWith('//') ? 2 : t.startsWith('/*') ? 2 : 0;
      let body = t.slice(marker);
      if (t.startsWith('/*')) body = body.replace(/\*\/$/, '');
      this.comments.push({ offset: n.startIndex, text: body, markerLength: marker, span: sp(n) });
      return;
    }
    if (n.isMissing) {
      this.errors.push({ span: sp(n), kind: 'missing', text: n.type });
      return;
    }
    if (n.type === 'ERROR') {
      this.errors.push({ span: sp(n), kind: 'unexpected', text: this.text.slice(n.startIndex, Math.min(n.endIndex, n.startIndex + 40)) });
      // Comments inside still count for directives.
      for (const c of n.children) if (c && c.type === 'comment') this.collectProblems(c);
      return;
    }
    if (!n.hasError && n.type !== 'config_file' && n.type !== 'body' && n.type !== 'block') {
      // Only the body level holds comments we need; still walk to find comments in nested bodies.
    }
    for (const c of n.children) if (c) this.collectProblems(c);
  }

  body(n: TsNode | undefined): HclBody {
    const body: HclBody = { items: [], attributes: new Map(), blocks: [] };
    if (!n) return body;
    for (const c of named(n)) {
      if (c.type === 'attribute') {
        const a = this.attribute(c);
        if (!a) continue;
        body.items.push(a);
        if (!body.attributes.has(a.name)) body.attributes.set(a.name, a);
      } else if (c.type === 'block') {
        const b = this.block(c);
        if (!b) continue;
        body.items.push(b);
        body.blocks.push(b);
      }
    }
    return body;
  }

  attribute(n: TsNode): HclAttribute | undefined {
    const kids = named(n);
    const id = kids.find((k) => k.type === 'identifier');
    const ex = kids.find((k) => k.type === 'expression');
    if (!id) return undefined;
    return {
      kind: 'attribute',
      name: id.text,
      keySpan: sp(id),
      span: sp(n),
      expr: ex ? this.expr(ex) : { k: 'other', span: { start: id.endIndex, end: id.endIndex } },
    };
  }

  block(n: TsNode): HclBlock | undefined {
    const kids = named(n);
    const id = kids[0];
    if (!id || id.type !== 'identifier') return undefined;
    const labels: string[] = [];
    const labelSpans: Span[] = [];
    let open: Span | undefined;
    let close: Span | undefined;
    let bodyNode: TsNode | undefined;
    for (const k of kids.slice(1)) {
      if (k.type === 'string_lit') {
        labels.push(this.stringLit(k));
        labelSpans.push(sp(k));
      } else if (k.type === 'identifier') {
        labels.push(k.text);
        labelSpans.push(sp(k));
      } else if (k.type === 'block_start') open = sp(k);
      else if (k.type === 'block_end') close = sp(k);
      else if (k.type === 'body') bodyNode = k;
    }
    if (!open) return undefined;
    return {
      kind: 'block',
      type: id.text,
      typeSpan: sp(id),
      labels,
      labelSpans,
      span: sp(n),
      body: this.body(bodyNode),
      open,
      close: close ?? { start: n.endIndex, end: n.endIndex },
    };
  }

  stringLit(n: TsNode): string {
    let s = '';
    for (const c of n.namedChildren) if (c && c.type === 'template_literal') s += c.text;
    return unescapeHcl(s);
  }

  expr(n: TsNode): HclExpr {
    const span = sp(n);
    if (n.type !== 'expression') return this.primary(n, span);
    return this.seq(named(n), span);
  }

  /** A primary expression followed by attribute, index and splat steps. */
  seq(kids: TsNode[], span: Span): HclExpr {
    if (kids.length === 0) return { k: 'other', span };
    const head = kids[0]!;
    const rest = kids.slice(1);
    if (head.type === 'variable_expr') {
      const id = head.namedChildren[0];
      const steps: HclStep[] = [];
      for (const r of rest) {
        const s = this.step(r);
        if (!s) return { k: 'other', span };
        steps.push(s);
      }
      return { k: 'traversal', root: id?.text ?? head.text, rootSpan: sp(head), steps, span };
    }
    if (rest.length > 0) {
      // `(expr).attr`, `f(x)[0]`, splats: not evaluated.
      return { k: 'other', span };
    }
    return this.primary(head, span);
  }

  step(n: TsNode): HclStep | undefined {
    if (n.type === 'get_attr') {
      const id = n.namedChildren.find((c) => c?.type === 'identifier');
      return id ? { attr: id.text, span: sp(n) } : undefined;
    }
    if (n.type === 'index') {
      const inner = n.namedChildren[0];
      if (!inner) return undefined;
      if (inner.type === 'new_index') {
        const e = inner.namedChildren.find((c) => c?.type === 'expression');
        return e ? { index: this.expr(e), span: sp(n) } : undefined;
      }
      if (inner.type === 'legacy_index') {
        const digits = inner.text.replace(/^\./, '');
        const v = Number(digits);
        return { index: { k: 'literal', value: Number.isFinite(v) ? v : digits, span: sp(inner) }, span: sp(n) };
      }
      return undefined;
    }
    if (n.type === 'splat') return { splat: true, span: sp(n) };
    return undefined;
  }

  primary(n: TsNode, span: Span): HclExpr {
    switch (n.type) {
      case 'expression':
        return this.expr(n);
      case 'literal_value': {
        const c = n.namedChildren[0];
        if (!c) return { k: 'other', span };
        if (c.type === 'numeric_lit') {
          const v = Number(c.text);
          return Number.isFinite(v) ? { k: 'literal', value: v, span } : { k: 'other', span };
        }
        if (c.type === 'bool_lit') return { k: 'literal', value: c.text === 'true', span };
        if (c.type === 'null_lit') return { k: 'literal', value: null, span };
        if (c.type === 'string_lit') return { k: 'literal', value: this.stringLit(c), span };
        return { k: 'other', span };
      }
      case 'template_expr': {
        const t = n.namedChildren[0];
        if (!t) return { k: 'other', span };
        return this.template(t, span);
      }
      case 'collection_value': {
        const c = n.namedChildren[0];
        if (!c) return { k: 'other', span };
        if (c.type === 'tuple') return { k: 'tuple', items: named(c).filter((x) => x.type === 'expression').map((x) => this.expr(x)), span };
        if (c.type === 'object') {
          const entries: HclObjectEntry[] = [];
          for (const el of named(c)) {
            if (el.type !== 'object_elem') continue;
            const key = el.childForFieldName('key');
            const val = el.childForFieldName('val');
            if (!key || !val) continue;
            const ke = this.expr(key);
            let keyName: string | undefined;
            if (ke.k === 'traversal' && ke.steps.length === 0) keyName = ke.root;
            else if (ke.k === 'literal' && typeof ke.value === 'string') keyName = ke.value;
            entries.push({ key: keyName, keySpan: sp(key), value: this.expr(val) });
          }
          return { k: 'object', entries, span };
        }
        return { k: 'other', span };
      }
      case 'function_call': {
        const id = n.namedChildren.find((c) => c?.type === 'identifier');
        const argsNode = n.namedChildren.find((c) => c?.type === 'function_arguments');
        const args = argsNode ? named(argsNode).filter((x) => x.type === 'expression').map((x) => this.expr(x)) : [];
        if (argsNode && named(argsNode).some((x) => x.type === 'ellipsis')) return { k: 'other', span };
        return { k: 'call', name: id?.text ?? '', args, span };
      }
      case 'conditional': {
        const parts = named(n).filter((x) => x.type === 'expression');
        if (parts.length !== 3) return { k: 'other', span };
        return { k: 'conditional', cond: this.expr(parts[0]!), then: this.expr(parts[1]!), else: this.expr(parts[2]!), span };
      }
      case 'operation': {
        const op = n.namedChildren[0];
        if (!op) return { k: 'other', span };
        // Operands are flat sequences of a primary and its steps around the operator token.
        const all = op.children.filter((c): c is TsNode => c !== null && c.type !== 'comment');
        const at = all.findIndex((c) => !c.isNamed);
        if (at < 0) return { k: 'other', span };
        const opText = all[at]!.type;
        const side = (list: TsNode[]): HclExpr => {
          if (list.length === 0) return { k: 'other', span };
          const s2 = { start: list[0]!.startIndex, end: list[list.length - 1]!.endIndex };
          return list.length === 1 ? this.operand(list[0]!) : this.seq(list, s2);
        };
        if (op.type === 'unary_operation') return { k: 'unary', op: opText, operand: side(all.slice(at + 1)), span };
        if (op.type === 'binary_operation') return { k: 'binary', op: opText, left: side(all.slice(0, at)), right: side(all.slice(at + 1)), span };
        return { k: 'other', span };
      }
      default:
        return { k: 'other', span };
    }
  }

  operand(n: TsNode): HclExpr {
    if (n.type === 'expression') return this.expr(n);
    if (n.type === 'variable_expr') return this.seq([n], sp(n));
    return this.primary(n, sp(n));
  }

  template(t: TsNode, span: Span): HclExpr {
    const parts: (string | HclExpr)[] = [];
    const heredoc = t.type === 'heredoc_template';
    for (const c of t.namedChildren) {
      if (!c) continue;
      if (c.type === 'template_literal') parts.push(heredoc ? c.text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{') : unescapeHcl(c.text));
      else if (c.type === 'template_interpolation') {
        const e = c.namedChildren.find((x) => x?.type === 'expression');
        if (!e || c.namedChildren.some((x) => x?.type === 'strip_marker')) return { k: 'other', span };
        parts.push(this.expr(e));
      } else if (c.type === 'template_directive') return { k: 'other', span };
    }
    if (heredoc) {
      // `<<-EOT` strips the common leading whitespace of the lines; only literal heredocs are read.
      const start = t.namedChildren.find((x) => x?.type === 'heredoc_start');
      if (parts.some((p) => typeof p !== 'string')) return { k: 'other', span };
      let s = parts.join('');
      if (start?.text.startsWith('<<-')) {
        const lines = s.split('\n');
        const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length);
        const min = indents.length ? Math.min(...indents) : 0;
        s = lines.map((l) => l.slice(Math.min(min, /^[ \t]*/.exec(l)![0].length))).join('\n');
      }
      return { k: 'literal', value: s, span };
    }
    if (parts.every((p) => typeof p === 'string')) return { k: 'literal', value: parts.join(''), span };
    return { k: 'template', parts, span };
  }
}

/**
 * Parse one HCL text. `undefined` when the parser has not been loaded (`ensureTerraformParser`).
 * Syntax errors are returned as data; the tree holds whatever could be read.
 */
export function parseHcl(text: string): HclFile | undefined {
  if (!parser) return undefined;
  const tree = parser.parse(text);
  if (!tree) return undefined;
  try {
    const root = tree.rootNode;
    const conv = new Converter(text);
    conv.collectProblems(root);
    const bodyNode = root.namedChildren.find((c) => c?.type === 'body') ?? undefined;
    const body = conv.body(bodyNode);
    return { text, body, comments: conv.comments, errors: conv.errors };
  } finally {
    tree.delete();
  }
}
