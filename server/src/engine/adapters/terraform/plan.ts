/**
 * `terraform show -json` output (a plan: `planned_values`; a state: `values`) → `TfRes` views for
 * the shared mapping. Values there are already evaluated; links between resources come from the
 * plan's `configuration` (each argument's `references`) and, for resources that exist already,
 * from IDs matching. Spans point into the JSON; the JSON is never edited (fixes belong in `.tf`).
 */
import { ReadOnlyOrigin } from '../../model/read-only-origin';
import type { FormatReader, InputFile, ReadContext, ReaderProblem, ReadResult } from '../../formats/types';
import type * as M from '../../model/types';
import { parseJson } from '../../parse/json';
import { asMap, asSeq, entry, type SMap, type SNode } from '../../parse/tree';
import type { SourceText } from '../../text/source';
import type { Span } from '../../types';
import { isArg, type FieldMap } from './fields';
import { TerraformMapper, type TfObj, type TfRes } from './mapping';
import { UNKNOWN, type ResRef, type Val } from './values';

function plain(n: SNode | null | undefined): Val {
  if (!n) return UNKNOWN;
  if (n.kind === 'scalar') return { k: 'known', v: n.value };
  if (n.kind === 'seq') return { k: 'list', items: n.items.map(plain) };
  const entries = new Map<string, Val>();
  for (const e of n.entries) entries.set(e.key, plain(e.value));
  return { k: 'map', entries };
}

/** Origin of an object of plan JSON: spans only. */
class JsonOrigin extends ReadOnlyOrigin {
  constructor(
    readonly source: SourceText,
    private readonly node: SMap,
    private readonly fields: FieldMap,
    readonly nameSpan: Span,
  ) {
    super();
  }

  get span(): Span {
    return this.node.span;
  }

  private arg(path: string): string | undefined {
    const f = this.fields[path.split('.')[0]!];
    if (isArg(f)) return f.arg;
    if (f) return f.block;
    return undefined;
  }

  valueSpan(path: string): Span | undefined {
    const a = this.arg(path);
    return a ? entry(this.node, a)?.value?.span : undefined;
  }

  keySpan(path: string): Span | undefined {
    const a = this.arg(path);
    return a ? entry(this.node, a)?.keySpan : undefined;
  }
}

interface ConfigRes {
  /** Argument → references (`huaweicloud_elb_pool.web.id`), in source order. */
  refs: Map<string, string[]>;
  /** Arguments written in the configuration. */
  written: Set<string>;
}

class PlanObj implements TfObj {
  constructor(
    protected readonly plan: PlanModule,
    readonly source: SourceText,
    readonly node: SMap,
    protected readonly config: ConfigRes | undefined,
    protected readonly labelSpan: Span,
  ) {}

  /** Written in the configuration (when the plan has it), else present with a value. */
  has(arg: string): boolean {
    if (this.config) return this.config.written.has(arg);
    const v = entry(this.node, arg)?.value;
    return !!v && !(v.kind === 'scalar' && v.value === null);
  }

  val(arg: string): Val {
    return plain(entry(this.node, arg)?.value);
  }

  blocks(type: string): TfObj[] {
    const s = asSeq(entry(this.node, type)?.value);
    if (!s) return [];
    return s.items.flatMap((i) => (i.kind === 'map' ? [new PlanObj(this.plan, this.source, i, undefined, i.span)] : []));
  }

  blocksUnknown(): boolean {
    return false;
  }

  origin(fields: FieldMap): M.Origin {
    return new JsonOrigin(this.source, this.node, fields, this.labelSpan);
  }
}

class PlanRes extends PlanObj implements TfRes {
  readonly mode = 'resource' as const;
  readonly exists = 'yes' as const;

  constructor(
    plan: PlanModule,
    source: SourceText,
    node: SMap,
    config: ConfigRes | undefined,
    labelSpan: Span,
    readonly type: string,
    readonly name: string,
    readonly address: string,
    /** `module.x.` or empty. */
    readonly modulePrefix: string,
    readonly index: string | undefined,
  ) {
    super(plan, source, node, config, labelSpan);
  }

  get path(): string {
    return this.source.path;
  }

  get repeated(): boolean {
    return this.index !== undefined;
  }

  get nameSpan(): Span {
    return this.labelSpan;
  }

  override val(arg: string): Val {
    const v = super.val(arg);
    const refs = this.config?.refs.get(arg);
    if (refs?.length) {
      const span = entry(this.node, arg)?.value?.span ?? this.nameSpan;
      const targets = refs.map((r) => this.plan.resolve(this, r, span)).filter((x): x is ResRef => x !== undefined);
      if (v.k === 'list') return { ...v, items: v.items.map((item, i) => (targets[i] ? { ...item, ref: targets[i] } : item)) };
      if (targets.length === 1 && v.k !== 'map') return { ...(v.k === 'known' && v.v === null ? UNKNOWN : v), ref: targets[0] };
    }
    // A resource that exists already: a known ID names it.
    if (v.k === 'known' && typeof v.v === 'string' && v.v !== '') {
      const byId = this.plan.byId(v.v);
      if (byId) return { ...v, ref: { ...byId, span: entry(this.node, arg)!.value!.span, path: this.path } };
    }
    if (v.k === 'list') {
      return { ...v, items: v.items.map((item) => {
        if (item.k !== 'known' || typeof item.v !== 'string') return item;
        const byId = this.plan.byId(item.v);
        return byId ? { ...item, ref: { ...byId, span: entry(this.node, arg)!.value!.span, path: this.path } } : item;
      }) };
    }
    return v;
  }
}

/** All resources of a plan (root and child modules). */
class PlanModule {
  readonly resources: PlanRes[] = [];
  private readonly ids = new Map<string, Omit<ResRef, 'span' | 'path'>>();
  private readonly byAddress = new Map<string, PlanRes[]>();

  index(): void {
    for (const r of this.resources) {
      const base = r.modulePrefix + `${r.type}.${r.name}`;
      this.byAddress.set(base, [...(this.byAddress.get(base) ?? []), r]);
      for (const attr of ['id', 'ipv4_subnet_id']) {
        const v = r.val(attr);
        if (v.k === 'known' && typeof v.v === 'string' && v.v !== '' && !this.ids.has(v.v)) this.ids.set(v.v, { resource: r, attr });
      }
    }
  }

  byId(id: string): Omit<ResRef, 'span' | 'path'> | undefined {
    return this.ids.get(id);
  }

  /** A configuration reference (`huaweicloud_vpc_subnet.back.ipv4_subnet_id`, `...dns[0].id`) from `from`. */
  resolve(from: PlanRes, ref: string, span: Span): ResRef | undefined {
    const m = /^([a-z0-9_]+)\.([A-Za-z0-9_-]+)(?:\[([^\]]+)\])?\.([A-Za-z0-9_]+)/.exec(ref);
    if (!m) return undefined;
    const [, type, name, idx, attr] = m;
    const list = this.byAddress.get(from.modulePrefix + `${type}.${name}`);
    if (!list?.length) return undefined;
    let target: PlanRes | undefined;
    if (list.length === 1) target = list[0];
    else if (idx !== undefined) target = list.find((r) => r.index === idx.replace(/^"|"$/g, ''));
    else if (from.index !== undefined) target = list.find((r) => r.index === from.index);
    if (!target) return undefined;
    return { resource: target, attr: attr!, span, path: from.path };
  }
}

function configResources(mod: SMap | undefined, prefix: string, out: Map<string, ConfigRes>): void {
  if (!mod) return;
  for (const r of asSeq(entry(mod, 'resources')?.value)?.items ?? []) {
    const rm = asMap(r);
    const addr = rm && entry(rm, 'address')?.value;
    if (!rm || !addr || addr.kind !== 'scalar' || typeof addr.value !== 'string') continue;
    const refs = new Map<string, string[]>();
    const written = new Set<string>();
    for (const e of asMap(entry(rm, 'expressions')?.value)?.entries ?? []) {
      written.add(e.key);
      const em = asMap(e.value);
      const rs = asSeq(entry(em, 'references')?.value);
      if (rs) refs.set(e.key, rs.items.flatMap((x) => (x.kind === 'scalar' && typeof x.value === 'string' && /\.[A-Za-z0-9_]+$/.test(x.value) && x.value.split('.').length >= 3 ? [x.value] : [])));
    }
    out.set(prefix + addr.value, { refs, written });
  }
  for (const c of asMap(entry(mod, 'module_calls')?.value)?.entries ?? []) {
    configResources(asMap(entry(asMap(c.value), 'module')?.value), `${prefix}module.${c.key}.`, out);
  }
}

function collect(plan: PlanModule, source: SourceText, mod: SMap | undefined, config: Map<string, ConfigRes>): void {
  if (!mod) return;
  const modAddr = entry(mod, 'address')?.value;
  const prefix = modAddr && modAddr.kind === 'scalar' && typeof modAddr.value === 'string' ? modAddr.value + '.' : '';
  for (const r of asSeq(entry(mod, 'resources')?.value)?.items ?? []) {
    const rm = asMap(r);
    if (!rm) continue;
    const get = (k: string) => {
      const v = entry(rm, k)?.value;
      return v && v.kind === 'scalar' && (typeof v.value === 'string' || typeof v.value === 'number') ? String(v.value) : undefined;
    };
    if (get('mode') !== 'managed') continue;
    const type = get('type');
    const name = get('name');
    const address = get('address');
    const values = asMap(entry(rm, 'values')?.value);
    if (!type || !name || !address || !values || !type.startsWith('huaweicloud_')) continue;
    const label = entry(rm, 'address')?.value?.span ?? rm.span;
    plan.resources.push(new PlanRes(plan, source, values, config.get(prefix + `${type}.${name}`), label, type, name, address, prefix, get('index')));
  }
  for (const c of asSeq(entry(mod, 'child_modules')?.value)?.items ?? []) collect(plan, source, asMap(c), config);
}

/** Whether a JSON text is `terraform show -json` output. */
export function isPlanJson(text: string): boolean {
  const head = text.slice(0, 4096);
  return /^\s*\{/.test(head) && /"format_version"\s*:/.test(text) && /"(planned_values|values)"\s*:\s*\{/.test(text) && /"root_module"\s*:/.test(text);
}

export function readPlan(files: InputFile[], ctx: ReadContext): ReadResult {
  const problems: ReaderProblem[] = [];
  const file = files[0]!;
  const source = ctx.sourceOf(file.path);
  const parsed = parseJson(file.text);
  for (const p of parsed.problems) problems.push({ ruleId: 'ELB001', path: file.path, span: p.span, messageId: p.messageId, data: p.data, severity: p.severity === 'warning' ? 'warning' : 'error' });
  const root = asMap(parsed.root);
  if (!root) return { problems, comments: new Map() };
  const values = asMap(entry(root, 'planned_values')?.value) ?? asMap(entry(root, 'values')?.value);
  const config = new Map<string, ConfigRes>();
  configResources(asMap(entry(asMap(entry(root, 'configuration')?.value), 'root_module')?.value), '', config);
  const plan = new PlanModule();
  collect(plan, source, asMap(entry(values, 'root_module')?.value), config);
  plan.index();
  const spanOf = (obj: TfObj, arg: string): Span | undefined => (obj instanceof PlanObj ? entry(obj.node, arg)?.value?.span : undefined);
  const { model, problems: mp } = new TerraformMapper(plan.resources, ctx.locale, spanOf).build();
  problems.push(...mp);
  return { model, problems, comments: new Map() };
}

export const terraformPlanReader: FormatReader = {
  format: 'terraform-plan',
  accepts: (p, text) => /\.json$/i.test(p) && isPlanJson(text),
  read: (files, ctx) => readPlan(files, ctx),
};
