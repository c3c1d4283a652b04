/**
 * Terraform's JSON syntax (`.tf.json`) → the same HCL tree as `.tf` files, so one reader serves
 * both. Strings are templates (`"${var.name}-lb"`): those holding `${` are parsed as HCL templates
 * with their spans mapped back into the JSON. Which keys are nested blocks (not object-valued
 * arguments) follows the resource schemas the linter reads.
 */
import { parseHcl, type HclAttribute, type HclBlock, type HclBody, type HclExpr, type HclFile, type HclSyntaxError } from './hcl';
import { parseJson } from './json';
import type { SMap, SNode } from './tree';
import type { Span } from '../types';

/** Keys whose object (or list of objects) value is a nested block in the resources we read. */
const BLOCK_KEYS = new Set(['persistence', 'network', 'port_ranges', 'insert_headers', 'ip_list', 'lifecycle', 'dynamic', 'content', 'publicip', 'bandwidth']);

function shift(e: HclExpr, by: number): HclExpr {
  const s = (x: Span): Span => ({ start: x.start + by, end: x.end + by });
  switch (e.k) {
    case 'template':
      return { ...e, span: s(e.span), parts: e.parts.map((p) => (typeof p === 'string' ? p : shift(p, by))) };
    case 'traversal':
      return { ...e, span: s(e.span), rootSpan: s(e.rootSpan), steps: e.steps.map((st) => ('index' in st ? { index: shift(st.index, by), span: s(st.span) } : { ...st, span: s(st.span) })) };
    case 'tuple':
      return { ...e, span: s(e.span), items: e.items.map((i) => shift(i, by)) };
    case 'object':
      return { ...e, span: s(e.span), entries: e.entries.map((en) => ({ ...en, keySpan: s(en.keySpan), value: shift(en.value, by) })) };
    case 'call':
      return { ...e, span: s(e.span), args: e.args.map((a) => shift(a, by)) };
    case 'conditional':
      return { ...e, span: s(e.span), cond: shift(e.cond, by), then: shift(e.then, by), else: shift(e.else, by) };
    case 'unary':
      return { ...e, span: s(e.span), operand: shift(e.operand, by) };
    case 'binary':
      return { ...e, span: s(e.span), left: shift(e.left, by), right: shift(e.right, by) };
    default:
      return { ...e, span: s(e.span) };
  }
}

class JsonToHcl {
  readonly errors: HclSyntaxError[] = [];

  constructor(private readonly text: string) {}

  expr(n: SNode): HclExpr {
    if (n.kind === 'seq') return { k: 'tuple', items: n.items.map((i) => this.expr(i)), span: n.span };
    if (n.kind === 'map') return { k: 'object', entries: n.entries.map((e) => ({ key: e.key, keySpan: e.keySpan, value: e.value ? this.expr(e.value) : { k: 'literal', value: null, span: e.keySpan } })), span: n.span };
    if (typeof n.value !== 'string' || !n.value.includes('${')) return { k: 'literal', value: n.value, span: n.span };
    // A template: parse the JSON string's own text (same escapes) as an HCL quoted template.
    const raw = this.text.slice(n.span.start, n.span.end);
    const prefix = 'x = ';
    const parsed = parseHcl(prefix + raw);
    const a = parsed?.body.attributes.get('x');
    if (!parsed || !a || parsed.errors.length) return { k: 'other', span: n.span };
    return shift(a.expr, n.span.start - prefix.length);
  }

  /** A block body from an object: scalar/array-of-scalars keys are attributes, block keys blocks. */
  body(m: SMap): HclBody {
    const body: HclBody = { items: [], attributes: new Map(), blocks: [] };
    for (const e of m.entries) {
      if (!e.value || e.key === '//') continue;
      if (BLOCK_KEYS.has(e.key) && (e.value.kind === 'map' || e.value.kind === 'seq')) {
        if (e.key === 'dynamic' && e.value.kind === 'map') {
          // "dynamic": {"persistence": {"for_each": ..., "content": {...}}}
          for (const d of e.value.entries) {
            if (d.value?.kind === 'map') this.push(body, this.block('dynamic', [d.key], [d.keySpan], e.keySpan, d.value));
          }
          continue;
        }
        const list = e.value.kind === 'seq' ? e.value.items : [e.value];
        for (const item of list) if (item.kind === 'map') this.push(body, this.block(e.key, [], [], e.keySpan, item));
        continue;
      }
      const attr: HclAttribute = { kind: 'attribute', name: e.key, keySpan: e.keySpan, span: { start: e.keySpan.start, end: e.value.span.end }, expr: this.expr(e.value) };
      body.items.push(attr);
      if (!body.attributes.has(e.key)) body.attributes.set(e.key, attr);
    }
    return body;
  }

  private push(body: HclBody, b: HclBlock): void {
    body.items.push(b);
    body.blocks.push(b);
  }

  block(type: string, labels: string[], labelSpans: Span[], typeSpan: Span, m: SMap): HclBlock {
    return {
      kind: 'block', type, typeSpan, labels, labelSpans, span: m.span, body: this.body(m),
      open: { start: m.span.start, end: m.span.start + 1 }, close: { start: m.span.end - 1, end: m.span.end },
    };
  }

  /** `{"resource": {"type": {"name": {...}}}, "variable": {...}, "locals": {...}}` → top-level blocks. */
  file(root: SMap): HclBody {
    const body: HclBody = { items: [], attributes: new Map(), blocks: [] };
    for (const top of root.entries) {
      const v = top.value;
      if (!v || v.kind !== 'map') continue;
      if (top.key === 'resource' || top.key === 'data') {
        for (const t of v.entries) {
          if (t.value?.kind !== 'map') continue;
          for (const r of t.value.entries) {
            const items = r.value?.kind === 'seq' ? r.value.items : r.value ? [r.value] : [];
            for (const item of items) if (item.kind === 'map') this.push(body, this.block(top.key, [t.key, r.key], [t.keySpan, r.keySpan], top.keySpan, item));
          }
        }
      } else if (top.key === 'variable' || top.key === 'output' || top.key === 'module') {
        for (const x of v.entries) if (x.value?.kind === 'map') this.push(body, this.block(top.key, [x.key], [x.keySpan], top.keySpan, x.value));
      } else if (top.key === 'locals') {
        this.push(body, this.block('locals', [], [], top.keySpan, v));
      }
    }
    return body;
  }
}

/** Parse a `.tf.json` file into the HCL tree (templates need the HCL parser loaded; without it they are unknown). */
export function parseHclJson(text: string): HclFile & { jsonProblems: ReturnType<typeof parseJson>['problems'] } {
  const parsed = parseJson(text);
  const conv = new JsonToHcl(text);
  const root = parsed.root && parsed.root.kind === 'map' ? parsed.root : undefined;
  const body = root ? conv.file(root) : { items: [], attributes: new Map(), blocks: [] };
  return { text, body, comments: [], errors: conv.errors, jsonProblems: parsed.problems };
}
