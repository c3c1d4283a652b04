/**
 * Readers of Terraform input: `.tf` modules (a directory of files plus `*.tfvars`), `terraform show
 * -json` plan output, and `.tf.json`. Each builds `TfRes` views and hands them to the one mapping
 * (`mapping.ts`), so every rule runs unchanged on Terraform.
 */
import * as path from 'node:path';
import type { FormatReader, InputFile, ReadContext, ReaderProblem, ReadResult, SourceComment } from '../../formats/types';
import { kindName } from '../../i18n/kinds';
import type * as M from '../../model/types';
import { parseHclJson } from '../../parse/hcl-json';
import { parseHcl, terraformParserError, terraformParserReady, type HclBlock, type HclExpr, type HclFile } from '../../parse/hcl';
import { SourceText } from '../../text/source';
import type { Span, TextEdit } from '../../types';
import { ACL_RULE, FIELDS, SECGROUP_RULE, isArg, type FieldMap } from './fields';
import { kindOfType, TerraformMapper, type OriginSpecial, type TfObj, type TfRes } from './mapping';
import { EditModule, HclOrigin, attributeLines, hclValue, removalEdit, resourceBlock, type OriginHooks } from './origin';
import { Evaluator, UNKNOWN, asNumber, asString, type Bindings, type ModuleScope, type TfResource, type Val } from './values';

export interface TerraformEditorData {
  file: HclFile;
  /** Resources of this file, for hovers and completion. */
  resources: { type: string; name: string; block: HclBlock }[];
}

interface ParsedFile {
  path: string;
  source: SourceText;
  hcl: HclFile;
  /** `.tf.json`: read, never edited (fixes are HCL text). */
  readOnly?: boolean;
}

const isTf = (p: string) => /\.tf(\.json)?$/i.test(p);
const isTfJson = (p: string) => /\.tf\.json$/i.test(p);
const isTfvars = (p: string) => /\.tfvars$/i.test(p);

/** tfvars precedence (lowest first): terraform.tfvars, then *.auto.tfvars by name, then other files. */
function tfvarsRank(p: string): number {
  const b = path.basename(p).toLowerCase();
  if (b === 'terraform.tfvars') return 0;
  if (b.endsWith('.auto.tfvars')) return 1;
  return 2;
}

/** A nested block of a resource (static, or one instance of a `dynamic` block). */
class HclBlockObj implements TfObj {
  constructor(
    protected readonly ev: Evaluator,
    readonly file: ParsedFile,
    readonly block: HclBlock,
    protected readonly module: EditModule,
    readonly bind: Bindings | undefined,
    protected readonly readOnly: boolean,
  ) {}

  has(arg: string): boolean {
    return this.block.body.attributes.has(arg);
  }

  val(arg: string): Val {
    const a = this.block.body.attributes.get(arg);
    return a ? this.ev.evalIn(this.file.path, a.expr, this.bind) : UNKNOWN;
  }

  private dynamics(type: string): HclBlock[] {
    return this.block.body.blocks.filter((b) => b.type === 'dynamic' && b.labels[0] === type);
  }

  blocks(type: string): TfObj[] {
    const out: TfObj[] = this.block.body.blocks.filter((b) => b.type === type).map((b) => new HclBlockObj(this.ev, this.file, b, this.module, this.bind, this.readOnly));
    for (const d of this.dynamics(type)) {
      const content = d.body.blocks.find((b) => b.type === 'content');
      if (!content) continue;
      const fe = this.ev.evalIn(this.file.path, d.body.attributes.get('for_each')?.expr, this.bind);
      const it = d.body.attributes.get('iterator')?.expr;
      const itName = it && it.k === 'traversal' && it.steps.length === 0 ? it.root : type;
      const items: [Val, Val][] = fe.k === 'list' ? fe.items.map((v, i) => [{ k: 'known', v: i }, v]) : fe.k === 'map' ? [...fe.entries].map(([k, v]) => [{ k: 'known', v: k }, v]) : [];
      for (const [key, value] of items) {
        const bind = new Map(this.bind ?? []);
        bind.set(itName, { k: 'map', entries: new Map([['key', key], ['value', value]]) });
        out.push(new HclBlockObj(this.ev, this.file, content, this.module, bind, true));
      }
    }
    return out;
  }

  blocksUnknown(type: string): boolean {
    return this.dynamics(type).some((d) => {
      const fe = this.ev.evalIn(this.file.path, d.body.attributes.get('for_each')?.expr, this.bind);
      return fe.k !== 'list' && fe.k !== 'map';
    });
  }

  origin(fields: FieldMap): M.Origin {
    return new HclOrigin(this.file.source, this.block, fields, this.module, {}, this.readOnly || this.file.readOnly === true);
  }
}

/** A `resource` or `data` block. */
class HclRes extends HclBlockObj implements TfRes, TfResource {
  private existence: 'yes' | 'no' | 'maybe' | undefined;
  private settling = false;
  private expanded: Map<string, HclRes> | undefined | null = null;
  readonly repeated: boolean;
  readonly address: string;

  constructor(
    ev: Evaluator,
    file: ParsedFile,
    block: HclBlock,
    module: EditModule,
    readonly mode: 'resource' | 'data',
    readonly type: string,
    readonly name: string,
    private readonly all: () => Map<string, HclRes>,
    /** One instance of a resource with a known `count` / `for_each`: its key and bindings. */
    instance?: { key: string; bind: Bindings; label: string },
  ) {
    super(ev, file, block, module, instance?.bind, false);
    const base = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
    this.address = instance ? `${base}[${instance.label}]` : base;
    this.repeated = block.body.attributes.has('count') || block.body.attributes.has('for_each');
    if (instance) {
      this.existence = 'yes';
      this.expanded = undefined;
    }
  }

  /** The instances, when `count` / `for_each` is known (worked out on first use). */
  get instances(): Map<string, HclRes> | undefined {
    if (this.expanded !== null) return this.expanded;
    this.expanded = undefined;
    if (!this.repeated || this.exists !== 'yes') return undefined;
    const out = new Map<string, HclRes>();
    const count = this.block.body.attributes.get('count');
    const mk = (key: string, bind: Bindings, label: string) => new HclRes(this.ev, this.file, this.block, this.module, this.mode, this.type, this.name, this.all, { key, bind, label });
    if (count) {
      const n = asNumber(this.ev.evalIn(this.path, count.expr)) ?? 0;
      if (n > 64) return undefined;
      for (let i = 0; i < n; i++) out.set(String(i), mk(String(i), new Map([['count', { k: 'map', entries: new Map([['index', { k: 'known', v: i }]]) }]]), String(i)));
    } else {
      const v = this.ev.evalIn(this.path, this.block.body.attributes.get('for_each')?.expr);
      const items: [string, Val][] = v.k === 'map' ? [...v.entries] : v.k === 'list' ? v.items.map((x) => [asString(x) ?? '', x] as [string, Val]) : [];
      if (items.length > 64 || items.some(([k]) => k === '')) return undefined;
      for (const [k, val] of items) {
        const each: Val = { k: 'map', entries: new Map<string, Val>([['key', { k: 'known', v: k }], ['value', val]]) };
        out.set(k, mk(k, new Map([['each', each]]), JSON.stringify(k)));
      }
    }
    this.expanded = out;
    return out;
  }

  /** Whether instances exist, from `count` / `for_each` (worked out on first use). */
  get exists(): 'yes' | 'no' | 'maybe' {
    if (this.existence) return this.existence;
    if (this.settling) return 'maybe';
    this.settling = true;
    try {
      this.existence = this.settle();
    } finally {
      this.settling = false;
    }
    return this.existence;
  }

  get path(): string {
    return this.file.path;
  }

  get nameSpan(): Span {
    return this.block.labelSpans[1] ?? this.block.typeSpan;
  }

  override val(arg: string): Val {
    if (!this.block.body.attributes.has(arg)) return UNKNOWN;
    return this.ev.resourceAttr(this, arg);
  }

  private settle(): 'yes' | 'no' | 'maybe' {
    const count = this.block.body.attributes.get('count');
    const forEach = this.block.body.attributes.get('for_each');
    if (count) {
      const n = asNumber(this.ev.evalIn(this.path, count.expr));
      return n === undefined ? 'maybe' : n <= 0 ? 'no' : 'yes';
    }
    if (forEach) {
      const v = this.ev.evalIn(this.path, forEach.expr);
      const size = v.k === 'list' ? v.items.length : v.k === 'map' ? v.entries.size : undefined;
      return size === undefined ? 'maybe' : size === 0 ? 'no' : 'yes';
    }
    return 'yes';
  }

  override origin(fields: FieldMap, special?: OriginSpecial): M.Origin {
    if (this.file.readOnly) return new HclOrigin(this.file.source, this.block, fields, this.module, {}, true);
    const o: HclOrigin = new HclOrigin(this.file.source, this.block, fields, this.module, this.hooks(() => o, special), false, this.bind !== undefined);
    return o;
  }

  private hooks(self: () => HclOrigin, special: OriginSpecial | undefined): OriginHooks {
    if (!special) return {};
    const hooks: OriginHooks = {};
    const sg = special.secgroupRules;
    if (sg) {
      hooks.append = (p, item) => {
        if (p !== 'rules' || sg.group.repeated) return undefined;
        const items = Array.isArray(item) ? item : [item];
        const fields = FIELDS[SECGROUP_RULE]!;
        const eolText: string[] = [];
        const origin = self();
        const taken = new Set<string>();
        const edit = origin.blockAfter((indent, eol) => {
          for (const it of items) {
            const pairs: [string, string][] = [];
            for (const key of ['direction', 'ethertype', 'protocol', 'port_range_min', 'port_range_max', 'multiport', 'remote_ip_prefix', 'action', 'priority']) {
              const v = it[key];
              if (v === undefined || v === null) continue;
              if (key === 'action' && v === 'allow') continue;
              if (key === 'priority' && v === 1) continue;
              const f = fields[key];
              if (!isArg(f)) continue;
              pairs.push([f.arg, hclValue(v)]);
            }
            pairs.push(['security_group_id', `${sg.group.address}.id`]);
            const port = it.port_range_min !== undefined ? String(it.port_range_min) : 'all';
            const cidr = typeof it.remote_ip_prefix === 'string' && it.remote_ip_prefix.startsWith('214.') ? '_alt' : '';
            const base = `${sg.group.name}_${it.direction ?? 'ingress'}_${it.protocol ?? 'any'}_${port}${cidr}`;
            let name = this.module.freshName(SECGROUP_RULE, base);
            for (let i = 2; taken.has(name); i++) name = this.module.freshName(SECGROUP_RULE, `${base}_${i}`);
            taken.add(name);
            eolText.push(resourceBlock(SECGROUP_RULE, name, pairs, indent, eol));
          }
          return eolText.join(eol);
        });
        return [edit];
      };
    }
    const mon = special.monitor;
    if (mon) {
      hooks.set = (p, value) => {
        if (p !== 'healthmonitor') return null;
        if (mon.pool.repeated || typeof value !== 'object' || value === null) return undefined;
        const fields = FIELDS[mon.type]!;
        const pairs: [string, string][] = [['pool_id', `${mon.pool.address}.id`]];
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          const f = fields[k];
          if (!isArg(f)) return undefined;
          pairs.push([f.arg, hclValue(v, f)]);
        }
        const name = this.module.freshName(mon.type, mon.pool.name);
        return [self().blockAfter((indent, eol) => resourceBlock(mon.type, name, pairs, indent, eol))];
      };
    }
    const headers = special.headerArgs;
    if (headers) {
      const present = () => Object.keys(headers).map((a) => this.block.body.attributes.get(a)).filter((a) => a !== undefined);
      hooks.remove = (p) => {
        if (p !== 'insert_headers') return null;
        const list = present();
        if (!list.length) return undefined;
        return list.map((a) => removalEdit(this.file.source.text, a!.span, this.path));
      };
      hooks.set = (p) => (p === 'insert_headers' ? undefined : null);
      hooks.span = (p) => {
        if (p !== 'insert_headers') return undefined;
        const list = present();
        if (!list.length) return undefined;
        return { value: { start: list[0]!.span.start, end: list[list.length - 1]!.span.end }, key: list[0]!.keySpan };
      };
    }
    if (special.aclRules) {
      hooks.append = (p, item) => {
        const type = p === 'inbound_rules' ? 'ingress_rules' : p === 'outbound_rules' ? 'egress_rules' : undefined;
        if (!type || this.repeated) return undefined;
        const items = Array.isArray(item) ? item : [item];
        return self().insertInBlock(this.block, (indent, eol) => items.map((it) => {
          const pairs: [string, string][] = [];
          for (const [k, v] of Object.entries(it)) {
            const f = ACL_RULE[k];
            if (isArg(f) && v !== undefined) pairs.push([f.arg, hclValue(v)]);
          }
          // The provider requires the IP version of each rule.
          if (!('ip_version' in it)) {
            const cidr = String(it.source_ip_address ?? it.destination_ip_address ?? '');
            pairs.push(['ip_version', cidr.includes(':') ? '6' : '4']);
          }
          return `${eol}${indent}${type} {${eol}${attributeLines(pairs, indent + '  ', eol)}${indent}}${eol}`;
        }).join(''));
      };
    }
    const also = special.alsoRemove;
    if (also?.length) {
      hooks.alsoRemove = () => {
        const out: TextEdit[] = [];
        for (const r of also) {
          if (!(r instanceof HclRes)) return undefined;
          out.push(removalEdit(r.file.source.text, r.block.span, r.path));
        }
        return out;
      };
    }
    void this.all;
    return hooks;
  }
}

function problemAt(ruleId: string, pathName: string, span: Span, messageId: string, data?: Record<string, string | number>): ReaderProblem {
  return { ruleId, path: pathName, span, messageId, data };
}

/** Read one Terraform module (its `.tf` files and `*.tfvars`). */
export function readTerraformModule(files: InputFile[], ctx: ReadContext): ReadResult {
  const problems: ReaderProblem[] = [];
  const comments = new Map<string, SourceComment[]>();
  const editorData = new Map<string, unknown>();
  const tfFiles = files.filter((f) => !isTfvars(f.path));
  const varFiles = files.filter((f) => isTfvars(f.path)).sort((a, b) => tfvarsRank(a.path) - tfvarsRank(b.path) || a.path.localeCompare(b.path));
  if (!terraformParserReady()) {
    for (const f of files) problems.push(problemAt('ELB006', f.path, { start: 0, end: 0 }, 'parserUnavailable', { detail: terraformParserError() ?? 'not initialised' }));
    return { problems, comments };
  }
  const parsed: ParsedFile[] = [];
  const parseOne = (f: InputFile): ParsedFile | undefined => {
    const source = ctx.sourceOf ? ctx.sourceOf(f.path) : new SourceText(f.path, f.text);
    if (isTfJson(f.path)) {
      const j = parseHclJson(f.text);
      for (const p of j.jsonProblems) problems.push({ ruleId: 'ELB001', path: f.path, span: p.span, messageId: p.messageId, data: p.data, severity: p.severity === 'warning' ? 'warning' : 'error' });
      comments.set(f.path, []);
      return { path: f.path, source, hcl: j, readOnly: true };
    }
    const hcl = parseHcl(f.text);
    if (!hcl) {
      problems.push(problemAt('ELB006', f.path, { start: 0, end: 0 }, 'parserUnavailable', { detail: terraformParserError() ?? 'not initialised' }));
      return undefined;
    }
    comments.set(f.path, hcl.comments.map((c) => ({ offset: c.offset, text: c.text, markerLength: c.markerLength })));
    for (const e of hcl.errors.slice(0, 20)) {
      problems.push(problemAt('ELB006', f.path, e.span, e.kind === 'missing' ? 'missing' : 'unexpected', { text: e.text.replace(/\s+/g, ' ').trim() }));
    }
    return { path: f.path, source, hcl };
  };
  for (const f of tfFiles) {
    const p = parseOne(f);
    if (p) parsed.push(p);
  }
  const scope: ModuleScope = { vars: new Map(), locals: new Map(), resources: new Map() };
  const ev = new Evaluator(scope);
  const sources = new Map(parsed.map((p) => [p.path, p.source]));
  const module = new EditModule(sources);
  const resources = new Map<string, HclRes>();
  const exported: string[] = [];
  for (const f of parsed) {
    const fileRes: TerraformEditorData['resources'] = [];
    for (const b of f.hcl.body.blocks) {
      if (b.type === 'variable' && b.labels[0]) {
        const d = b.body.attributes.get('default');
        if (d && !scope.vars.has(b.labels[0])) scope.vars.set(b.labels[0], { expr: d.expr, path: f.path });
      } else if (b.type === 'locals') {
        for (const a of b.body.attributes.values()) scope.locals.set(a.name, { expr: a.expr, path: f.path });
      } else if ((b.type === 'resource' || b.type === 'data') && b.labels.length >= 2) {
        const [type, name] = b.labels as [string, string];
        const r = new HclRes(ev, f, b, module, b.type, type, name, () => resources);
        const first = resources.get(r.address);
        if (first) {
          const kind = kindName(kindOfType(type), ctx.locale);
          problems.push({
            ruleId: 'ELB004', path: f.path, span: r.nameSpan, messageId: 'duplicate', data: { kind, name: r.address },
            related: [{ path: first.path, span: first.nameSpan, messageId: 'firstDefinition', data: { kind, name: r.address } }],
          });
          continue;
        }
        resources.set(r.address, r);
        if (b.type === 'resource') {
          scope.resources.set(r.address, r);
          module.use(type, name);
        }
        fileRes.push({ type, name, block: b });
      } else if (b.type === 'output' || b.type === 'module') {
        exported.push(f.source.text.slice(b.span.start, b.span.end));
      }
    }
    editorData.set(f.path, { file: f.hcl, resources: fileRes } satisfies TerraformEditorData);
  }
  // tfvars override defaults; a variable without a default stays unknown unless a tfvars sets it.
  for (const vf of varFiles) {
    const p = parseOne(vf);
    if (!p) continue;
    for (const a of p.hcl.body.attributes.values()) scope.vars.set(a.name, { expr: a.expr, path: p.path });
  }
  const spanOf = (obj: TfObj, arg: string): Span | undefined => (obj instanceof HclBlockObj ? obj.block.body.attributes.get(arg)?.expr.span : undefined);
  const all: TfRes[] = [];
  for (const r of resources.values()) {
    const inst = r.instances;
    if (inst && inst.size > 0) all.push(...inst.values());
    else all.push(r);
  }
  const mapper = new TerraformMapper(all, ctx.locale, spanOf, exported.join('\n'));
  const { model, problems: mp } = mapper.build();
  problems.push(...mp);
  return { model, problems, comments, editorData };
}

export const terraformReader: FormatReader = {
  format: 'terraform',
  accepts: (p) => isTf(p),
  groupKey: (p) => path.dirname(p),
  companion: (p) => isTfvars(p),
  read: (files, ctx) => readTerraformModule(files, ctx),
};

export type { HclExpr };
