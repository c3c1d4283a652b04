/**
 * Values of Terraform expressions, as far as they can be known without running Terraform:
 * literals, `var.x` (tfvars, else the default), literal `locals`, references to other resources'
 * arguments, a few pure functions. Everything else is `unknown` (computed attributes such as `id`,
 * data sources, unset variables, functions not evaluated), and rules stay silent on unknowns.
 * Nothing of the input is executed: this is a small interpreter over data.
 */
import * as ipaddr from 'ipaddr.js';
import type { HclBlock, HclExpr } from '../../parse/hcl';
import type { Span } from '../../types';

/** A reference to an attribute of a resource of the module (`huaweicloud_vpc_subnet.web.id`). */
export interface ResRef {
  resource: { type: string; name: string; address: string };
  /** The file the reference is written in. */
  path: string;
  /** The attribute named after the resource address (`id`, `ipv4_subnet_id`, `name`). */
  attr: string;
  /** The traversal's span (for diagnostics and edits). */
  span: Span;
  /** Span of the attribute step (`.id`), to replace it. */
  attrSpan?: Span;
}

export type Val = (
  | { k: 'known'; v: string | number | boolean | null }
  | { k: 'list'; items: Val[] }
  | { k: 'map'; entries: Map<string, Val> }
  | { k: 'unknown' }
) & {
  /** Set when the value was reached through a resource reference. */
  ref?: ResRef;
  /** Set on a reference that fails when Terraform evaluates it (an instance of a resource with `count = 0`). */
  failed?: boolean;
  /** Set on a reference to a resource the module does not define. */
  missing?: { type: string; name: string; span: Span; path: string };
};

export const UNKNOWN: Val = { k: 'unknown' };

/** A `resource` (or `data`) block of the module. */
export interface TfResource {
  mode: 'resource' | 'data';
  type: string;
  name: string;
  /** `type.name` */
  address: string;
  path: string;
  block: HclBlock;
  /** From `count` / `for_each`: whether instances exist (`maybe` when it cannot be told). */
  exists: 'yes' | 'no' | 'maybe';
  /** Whether `count` or `for_each` is present. */
  repeated: boolean;
  /** `count.index` / `each.key` / `each.value` of one instance. */
  bind?: Bindings;
  /** The instances of a resource whose `count` / `for_each` is known, by key (`0`, `"a"`). */
  readonly instances?: Map<string, TfResource>;
}

export interface ModuleScope {
  /** Variable values: tfvars, else defaults (an unset variable is absent). */
  vars: Map<string, { expr: HclExpr; path: string } | { val: Val }>;
  locals: Map<string, { expr: HclExpr; path: string }>;
  resources: Map<string, TfResource>;
}

export type Bindings = Map<string, Val>;

export function known(v: string | number | boolean | null): Val {
  return { k: 'known', v };
}

export function asString(v: Val | undefined): string | undefined {
  if (!v || v.k !== 'known') return undefined;
  if (typeof v.v === 'string') return v.v;
  if (typeof v.v === 'number') return String(v.v);
  if (typeof v.v === 'boolean') return String(v.v);
  return undefined;
}

export function asNumber(v: Val | undefined): number | undefined {
  if (!v || v.k !== 'known') return undefined;
  if (typeof v.v === 'number' && Number.isFinite(v.v)) return v.v;
  if (typeof v.v === 'string' && /^-?\d+(\.\d+)?$/.test(v.v.trim())) return Number(v.v);
  return undefined;
}

/** Terraform converts "true"/"false" strings to bool where a bool is expected (and some provider arguments are strings). */
export function asBool(v: Val | undefined): boolean | undefined {
  if (!v || v.k !== 'known') return undefined;
  if (typeof v.v === 'boolean') return v.v;
  if (v.v === 'true') return true;
  if (v.v === 'false') return false;
  return undefined;
}

export function isNull(v: Val | undefined): boolean {
  return !!v && v.k === 'known' && v.v === null;
}

function eq(a: Val, b: Val): boolean | undefined {
  if (a.k === 'known' && b.k === 'known') {
    if (typeof a.v === typeof b.v || a.v === null || b.v === null) return a.v === b.v;
    return String(a.v) === String(b.v);
  }
  if (a.k === 'unknown' || b.k === 'unknown') return undefined;
  if (a.k === 'list' && b.k === 'list') {
    if (a.items.length !== b.items.length) return false;
    for (let i = 0; i < a.items.length; i++) {
      const e = eq(a.items[i]!, b.items[i]!);
      if (e !== true) return e;
    }
    return true;
  }
  return undefined;
}

function ipv4Cidr(prefix: string): { addr: bigint; bits: number; width: number } | undefined {
  try {
    const [addr, bits] = ipaddr.parseCIDR(prefix);
    let v = 0n;
    for (const b of addr.toByteArray()) v = (v << 8n) | BigInt(b);
    return { addr: v, bits, width: addr.kind() === 'ipv4' ? 32 : 128 };
  } catch {
    return undefined;
  }
}

function fromBig(v: bigint, width: number): string {
  const bytes: number[] = [];
  for (let i = width / 8 - 1; i >= 0; i--) bytes.push(Number((v >> BigInt(i * 8)) & 0xffn));
  if (width === 32) return new ipaddr.IPv4(bytes).toString();
  const parts: number[] = [];
  for (let i = 0; i < bytes.length; i += 2) parts.push((bytes[i]! << 8) | bytes[i + 1]!);
  return new ipaddr.IPv6(parts).toString();
}

/** `cidrsubnet(prefix, newbits, netnum)` as Terraform computes it. */
export function cidrsubnet(prefix: string, newbits: number, netnum: number): string | undefined {
  const c = ipv4Cidr(prefix);
  if (!c || !Number.isInteger(newbits) || !Number.isInteger(netnum) || newbits < 0 || netnum < 0) return undefined;
  const bits = c.bits + newbits;
  if (bits > c.width || netnum >= 2 ** newbits) return undefined;
  const host = BigInt(c.width - c.bits);
  const base = (c.addr >> host) << host;
  const v = base | (BigInt(netnum) << BigInt(c.width - bits));
  return `${fromBig(v, c.width)}/${bits}`;
}

/** `cidrhost(prefix, hostnum)`. */
export function cidrhost(prefix: string, hostnum: number): string | undefined {
  const c = ipv4Cidr(prefix);
  if (!c || !Number.isInteger(hostnum)) return undefined;
  const host = BigInt(c.width - c.bits);
  const size = 1n << host;
  const n = BigInt(hostnum);
  if (n >= size || -n > size) return undefined;
  const base = (c.addr >> host) << host;
  return fromBig(base + (n >= 0n ? n : size + n), c.width);
}

const MAX_DEPTH = 64;

/** Evaluates expressions of one module. Memoises variables, locals and resource attributes. */
export class Evaluator {
  private readonly active = new Set<string>();
  private readonly memo = new Map<string, Val>();
  private depth = 0;

  private curPath = '';

  constructor(readonly scope: ModuleScope) {}

  /** Evaluate an expression written in file `path`. */
  evalIn(path: string, e: HclExpr | undefined, bind?: Bindings): Val {
    const prev = this.curPath;
    this.curPath = path;
    try {
      return this.eval(e, bind);
    } finally {
      this.curPath = prev;
    }
  }

  eval(e: HclExpr | undefined, bind?: Bindings): Val {
    if (!e) return UNKNOWN;
    if (this.depth > MAX_DEPTH) return UNKNOWN;
    this.depth++;
    try {
      return this.evalInner(e, bind);
    } finally {
      this.depth--;
    }
  }

  private guarded(key: string, f: () => Val): Val {
    const m = this.memo.get(key);
    if (m) return m;
    if (this.active.has(key)) return UNKNOWN;
    this.active.add(key);
    try {
      const v = f();
      this.memo.set(key, v);
      return v;
    } finally {
      this.active.delete(key);
    }
  }

  variable(name: string): Val {
    return this.guarded('var.' + name, () => {
      const v = this.scope.vars.get(name);
      if (!v) return UNKNOWN;
      return 'val' in v ? v.val : this.evalIn(v.path, v.expr);
    });
  }

  local(name: string): Val {
    return this.guarded('local.' + name, () => {
      const l = this.scope.locals.get(name);
      return l ? this.evalIn(l.path, l.expr) : UNKNOWN;
    });
  }

  /** An argument of a resource as written (its expression evaluated), or unknown. */
  resourceAttr(r: TfResource, attr: string): Val {
    return this.guarded(`res.${r.address}.${attr}`, () => {
      const a = r.block.body.attributes.get(attr);
      if (a) return this.evalIn(r.path, a.expr, r.bind);
      return UNKNOWN;
    });
  }

  /** `resource.attr` (an argument as written, else a computed attribute: unknown). */
  private attrOf(r: TfResource, attr: string, span: Span, attrSpan: Span | undefined): Val {
    const ref: ResRef = { resource: r, attr, span, attrSpan, path: this.curPath };
    if (r.block.body.attributes.has(attr)) return { ...this.resourceAttr(r, attr), ref };
    return { k: 'unknown', ref };
  }

  private step(v: Val, key: string | number): Val {
    if (v.k === 'list' && typeof key === 'number') return v.items[key] ?? UNKNOWN;
    if (v.k === 'map') return v.entries.get(String(key)) ?? UNKNOWN;
    if (v.k === 'list' && typeof key === 'string' && /^\d+$/.test(key)) return v.items[Number(key)] ?? UNKNOWN;
    return UNKNOWN;
  }

  private traversal(e: Extract<HclExpr, { k: 'traversal' }>, bind?: Bindings): Val {
    const steps = e.steps;
    let i = 0;
    let cur: Val;
    const bound = bind?.get(e.root);
    if (bound) cur = bound;
    else if (e.root === 'var' || e.root === 'local') {
      const s = steps[0];
      if (!s || !('attr' in s)) return UNKNOWN;
      cur = e.root === 'var' ? this.variable(s.attr) : this.local(s.attr);
      i = 1;
    } else if (['count', 'each', 'self', 'path', 'terraform', 'module', 'data'].includes(e.root)) return UNKNOWN;
    else {
      // A resource: `type.name[index].attr...`
      const s = steps[0];
      if (!s || !('attr' in s)) return UNKNOWN;
      const r = this.scope.resources.get(`${e.root}.${s.attr}`);
      if (!r) return { k: 'unknown', missing: { type: e.root, name: s.attr, span: e.span, path: this.curPath } };
      i = 1;
      if (r.exists === 'no') return { k: 'unknown', failed: true };
      const insts = r.instances;
      if (insts) {
        // `type.name[key]`: that instance; `type.name` alone: all of them, by key.
        const ix = steps[i];
        if (!ix) {
          const entries = new Map<string, Val>();
          for (const [k, inst] of insts) entries.set(k, { k: 'unknown', ref: { resource: inst, attr: '', span: e.span, path: this.curPath } });
          return { k: 'map', entries };
        }
        if (!('index' in ix)) return UNKNOWN;
        const kv = this.eval(ix.index, bind);
        const key = kv.k === 'known' && (typeof kv.v === 'number' || typeof kv.v === 'string') ? String(kv.v) : undefined;
        if (key === undefined) return UNKNOWN;
        const inst = insts.get(key);
        if (!inst) return { k: 'unknown', failed: true };
        const a2 = steps[i + 1];
        if (!a2 || !('attr' in a2)) return { k: 'unknown', ref: { resource: inst, attr: '', span: e.span, path: this.curPath } };
        return this.applySteps(this.attrOf(inst, a2.attr, e.span, a2.span), steps.slice(i + 2), bind);
      }
      if (steps[i] && ('index' in steps[i]! || 'splat' in steps[i]!)) i++;
      const a = steps[i];
      if (!a || !('attr' in a)) return { k: 'unknown', ref: { resource: r, attr: '', span: e.span, path: this.curPath } };
      i++;
      const ref: ResRef = { resource: r, attr: a.attr, span: e.span, attrSpan: a.span, path: this.curPath };
      const written = r.block.body.attributes.get(a.attr);
      if (written) cur = { ...this.resourceAttr(r, a.attr), ref };
      else {
        // A nested block (`network[0].fixed_ip_v4`): its attributes, when the rest is literal.
        const blocks = r.block.body.blocks.filter((b) => b.type === a.attr);
        if (blocks.length > 0 && steps[i] && 'index' in steps[i]!) {
          const idx = this.eval((steps[i] as { index: HclExpr }).index, bind);
          const n = asNumber(idx);
          const b = n !== undefined ? blocks[n] : undefined;
          const at = steps[i + 1];
          if (b && at && 'attr' in at) {
            const inner = b.body.attributes.get(at.attr);
            const v = inner ? this.evalIn(r.path, inner.expr, r.bind) : UNKNOWN;
            return { ...this.applySteps(v, steps.slice(i + 2), bind), ref: { resource: r, attr: `${a.attr}.${at.attr}`, span: e.span, path: this.curPath } };
          }
        }
        return { k: 'unknown', ref };
      }
    }
    return this.applySteps(cur, steps.slice(i), bind);
  }

  private applySteps(v: Val, steps: Extract<HclExpr, { k: 'traversal' }>['steps'], bind?: Bindings): Val {
    let cur = v;
    if (v.failed) return v;
    for (const [n, s] of steps.entries()) {
      if ('splat' in s) return { k: 'unknown', ref: cur.ref };
      // A whole resource instance (`each.value` of `for_each = huaweicloud_x.y`): its attribute.
      if (cur.k === 'unknown' && cur.ref && cur.ref.attr === '' && 'attr' in s && 'block' in cur.ref.resource) {
        const r = cur.ref.resource as TfResource;
        return this.applySteps(this.attrOf(r, s.attr, cur.ref.span, s.span), steps.slice(n + 1), bind);
      }
      const key = 'attr' in s ? s.attr : (() => {
        const iv = this.eval(s.index, bind);
        return iv.k === 'known' && (typeof iv.v === 'number' || typeof iv.v === 'string') ? iv.v : undefined;
      })();
      if (key === undefined) return { k: 'unknown', ref: cur.ref };
      const ref = cur.ref;
      cur = this.step(cur, key);
      if (ref && !cur.ref) cur = { ...cur, ref };
    }
    return cur;
  }

  private evalInner(e: HclExpr, bind?: Bindings): Val {
    switch (e.k) {
      case 'literal':
        return known(e.value);
      case 'template': {
        // `"${x}"` alone is `x` itself (its type and reference kept).
        if (e.parts.length === 1 && typeof e.parts[0] !== 'string') return this.eval(e.parts[0], bind);
        let s = '';
        for (const p of e.parts) {
          if (typeof p === 'string') s += p;
          else {
            const v = asString(this.eval(p, bind));
            if (v === undefined) return UNKNOWN;
            s += v;
          }
        }
        return known(s);
      }
      case 'traversal':
        return this.traversal(e, bind);
      case 'tuple':
        return { k: 'list', items: e.items.map((x) => this.eval(x, bind)) };
      case 'object': {
        const entries = new Map<string, Val>();
        for (const en of e.entries) if (en.key !== undefined) entries.set(en.key, this.eval(en.value, bind));
        return { k: 'map', entries };
      }
      case 'conditional': {
        const c = asBool(this.eval(e.cond, bind));
        if (c === true) return this.eval(e.then, bind);
        if (c === false) return this.eval(e.else, bind);
        return UNKNOWN;
      }
      case 'unary': {
        const v = this.eval(e.operand, bind);
        if (e.op === '-') {
          const n = asNumber(v);
          return n === undefined ? UNKNOWN : known(-n);
        }
        if (e.op === '!') {
          const b = asBool(v);
          return b === undefined ? UNKNOWN : known(!b);
        }
        return UNKNOWN;
      }
      case 'binary':
        return this.binary(e.op, this.eval(e.left, bind), () => this.eval(e.right, bind));
      case 'call':
        return this.call(e.name, e.args, bind);
      default:
        return UNKNOWN;
    }
  }

  private binary(op: string, l: Val, rf: () => Val): Val {
    if (op === '&&' || op === '||') {
      const a = asBool(l);
      if (op === '&&' && a === false) return known(false);
      if (op === '||' && a === true) return known(true);
      const b = asBool(rf());
      if (a === undefined || b === undefined) return UNKNOWN;
      return known(op === '&&' ? a && b : a || b);
    }
    const r = rf();
    if (op === '==' || op === '!=') {
      const x = eq(l, r);
      return x === undefined ? UNKNOWN : known(op === '==' ? x : !x);
    }
    const a = asNumber(l);
    const b = asNumber(r);
    if (a === undefined || b === undefined) return UNKNOWN;
    switch (op) {
      case '+': return known(a + b);
      case '-': return known(a - b);
      case '*': return known(a * b);
      case '/': return b === 0 ? UNKNOWN : known(a / b);
      case '%': return b === 0 ? UNKNOWN : known(a % b);
      case '<': return known(a < b);
      case '>': return known(a > b);
      case '<=': return known(a <= b);
      case '>=': return known(a >= b);
      default: return UNKNOWN;
    }
  }

  private call(name: string, args: HclExpr[], bind?: Bindings): Val {
    const vals = () => args.map((a) => this.eval(a, bind));
    switch (name) {
      case 'toset':
      case 'tolist':
      case 'tomap':
        return this.eval(args[0], bind);
      case 'keys':
      case 'values': {
        const m = this.eval(args[0], bind);
        if (m.k !== 'map') return UNKNOWN;
        return { k: 'list', items: name === 'keys' ? [...m.entries.keys()].sort().map((k) => known(k)) : [...m.entries].sort(([a], [b]) => a.localeCompare(b)).map(([, v]) => v) };
      }
      case 'tostring': {
        const v = this.eval(args[0], bind);
        if (v.k === 'known' && v.v === null) return v;
        const s = asString(v);
        return s === undefined ? { k: 'unknown', ref: v.ref } : { ...known(s), ref: v.ref };
      }
      case 'tonumber': {
        const v = this.eval(args[0], bind);
        const n = asNumber(v);
        return n === undefined ? UNKNOWN : known(n);
      }
      case 'tobool': {
        const b = asBool(this.eval(args[0], bind));
        return b === undefined ? UNKNOWN : known(b);
      }
      case 'lower':
      case 'upper':
      case 'trimspace': {
        const s = asString(this.eval(args[0], bind));
        if (s === undefined) return UNKNOWN;
        return known(name === 'lower' ? s.toLowerCase() : name === 'upper' ? s.toUpperCase() : s.trim());
      }
      case 'join': {
        const [sep, ...lists] = vals();
        const sp = asString(sep);
        if (sp === undefined) return UNKNOWN;
        const out: string[] = [];
        for (const l of lists) {
          if (l.k !== 'list') return UNKNOWN;
          for (const i of l.items) {
            const s = asString(i);
            if (s === undefined) return UNKNOWN;
            out.push(s);
          }
        }
        return known(out.join(sp));
      }
      case 'distinct': {
        const l = this.eval(args[0], bind);
        if (l.k !== 'list') return UNKNOWN;
        const out: Val[] = [];
        for (const i of l.items) {
          if (i.k !== 'known') return UNKNOWN;
          if (!out.some((o) => eq(o, i) === true)) out.push(i);
        }
        return { k: 'list', items: out };
      }
      case 'concat': {
        const out: Val[] = [];
        for (const l of vals()) {
          if (l.k !== 'list') return UNKNOWN;
          out.push(...l.items);
        }
        return { k: 'list', items: out };
      }
      case 'length': {
        const v = this.eval(args[0], bind);
        if (v.k === 'list') return known(v.items.length);
        if (v.k === 'map') return known(v.entries.size);
        if (v.k === 'known' && typeof v.v === 'string') return known([...v.v].length);
        return UNKNOWN;
      }
      case 'element': {
        const [l, i] = vals();
        const n = asNumber(i);
        if (!l || l.k !== 'list' || n === undefined || l.items.length === 0) return UNKNOWN;
        return l.items[n % l.items.length] ?? UNKNOWN;
      }
      case 'lookup': {
        const [m, k, d] = vals();
        const key = asString(k);
        if (!m || m.k !== 'map' || key === undefined) return UNKNOWN;
        return m.entries.get(key) ?? d ?? UNKNOWN;
      }
      case 'coalesce': {
        for (const v of vals()) {
          if (v.k === 'unknown') return UNKNOWN;
          if (v.k === 'known' && (v.v === null || v.v === '')) continue;
          return v;
        }
        return UNKNOWN;
      }
      case 'format': {
        const [f, ...rest] = vals();
        const fmt = asString(f);
        if (fmt === undefined) return UNKNOWN;
        let i = 0;
        let bad = false;
        const s = fmt.replace(/%(%|s|d)/g, (m, c: string) => {
          if (c === '%') return '%';
          const v = asString(rest[i++]);
          if (v === undefined) bad = true;
          return v ?? m;
        });
        return bad ? UNKNOWN : known(s);
      }
      case 'cidrsubnet': {
        const [p, nb, nn] = vals();
        const prefix = asString(p);
        const a = asNumber(nb);
        const b = asNumber(nn);
        if (prefix === undefined || a === undefined || b === undefined) return UNKNOWN;
        const r = cidrsubnet(prefix, a, b);
        return r === undefined ? UNKNOWN : known(r);
      }
      case 'cidrhost': {
        const [p, h] = vals();
        const prefix = asString(p);
        const n = asNumber(h);
        if (prefix === undefined || n === undefined) return UNKNOWN;
        const r = cidrhost(prefix, n);
        return r === undefined ? UNKNOWN : known(r);
      }
      case 'try': {
        // The first argument that evaluates; an unknown argument may still succeed at apply.
        for (const a of args) {
          const v = this.eval(a, bind);
          if (v.failed) continue;
          return v.k === 'unknown' ? { k: 'unknown', ref: v.ref } : v;
        }
        return UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }
}
