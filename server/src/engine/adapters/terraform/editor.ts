/**
 * Editor features for `.tf` files (hover, completion of enum values): which model field an
 * argument of a `huaweicloud` resource is, and where that field lives in the JSON Schema of our
 * format (its descriptions, ranges and enum values serve both formats).
 */
import type { HclAttribute, HclBlock } from '../../parse/hcl';
import type { Span } from '../../types';
import {
  CONNECTION_DRAIN, DEDICATED, DEDICATED_IPGROUP, FIELDS, FORWARD_HEADERS, INSTANCE, SECGROUP, SECGROUP_RULE, SHARED, SHARED_HEADERS,
  SUBNET, VPC, isArg, type FieldMap,
} from './fields';
import type { TerraformEditorData } from './reader';

/** Where each resource type's object sits in our format (schema path of one object). */
const OBJECT_PATH: Record<string, (string | number)[]> = {
  [VPC]: ['vpcs', 0],
  [SUBNET]: ['vpcs', 0, 'subnets', 0],
  [SECGROUP]: ['security_groups', 0],
  [SECGROUP_RULE]: ['security_groups', 0, 'rules', 0],
  [INSTANCE]: ['servers', 0],
  [DEDICATED.certificate]: ['certificates', 0],
  [SHARED.certificate]: ['certificates', 0],
  [DEDICATED.ipgroup]: ['ip_groups', 0],
  [DEDICATED.lb]: ['loadbalancers', 0],
  [SHARED.lb]: ['loadbalancers', 0],
  [DEDICATED.listener]: ['loadbalancers', 0, 'listeners', 0],
  [SHARED.listener]: ['loadbalancers', 0, 'listeners', 0],
  [DEDICATED.pool]: ['loadbalancers', 0, 'pools', 0],
  [SHARED.pool]: ['loadbalancers', 0, 'pools', 0],
  [DEDICATED.member]: ['loadbalancers', 0, 'pools', 0, 'members', 0],
  [SHARED.member]: ['loadbalancers', 0, 'pools', 0, 'members', 0],
  [DEDICATED.monitor]: ['loadbalancers', 0, 'pools', 0, 'healthmonitor'],
  [SHARED.monitor]: ['loadbalancers', 0, 'pools', 0, 'healthmonitor'],
  [DEDICATED.l7policy]: ['loadbalancers', 0, 'listeners', 0, 'l7policies', 0],
  [SHARED.l7policy]: ['loadbalancers', 0, 'listeners', 0, 'l7policies', 0],
  [DEDICATED.l7rule]: ['loadbalancers', 0, 'listeners', 0, 'l7policies', 0, 'rules', 0],
  [SHARED.l7rule]: ['loadbalancers', 0, 'listeners', 0, 'l7policies', 0, 'rules', 0],
};

export interface TerraformFieldAt {
  resourceType: string;
  /** The Terraform argument (`idle_timeout`). */
  arg: string;
  /** The model / API field (`keepalive_timeout`). */
  field: string;
  /** Schema path of the field in our format (for descriptions, ranges, enums). */
  schemaPath: (string | number)[];
  keySpan: Span;
  valueSpan?: Span;
  onKey: boolean;
  /** The literal value, when the argument holds one. */
  value?: string | number | boolean | null;
  /** The provider writes this boolean as a string ("true"/"false"). */
  strBool?: boolean;
}

function reverse(fields: FieldMap, arg: string): { field: string; sub?: FieldMap } | undefined {
  for (const [field, f] of Object.entries(fields)) {
    if (isArg(f) && f.arg === arg) return { field };
    if (!isArg(f) && f.block === arg) return { field, sub: f.fields };
  }
  return undefined;
}

/** The schema path and field of argument `arg` of a resource type (nested block `within`, if any). */
export function terraformField(type: string, arg: string, within?: string): { field: string; schemaPath: (string | number)[]; strBool?: boolean } | undefined {
  const base = OBJECT_PATH[type];
  const fields = FIELDS[type];
  if (!base || !fields) return undefined;
  if (within) {
    const outer = reverse(fields, within);
    if (!outer?.sub) return undefined;
    const inner = reverse(outer.sub, arg);
    if (!inner) return undefined;
    return { field: `${outer.field}.${inner.field}`, schemaPath: [...base, outer.field, inner.field] };
  }
  if (type === DEDICATED.listener) {
    const ig = reverse(DEDICATED_IPGROUP, arg);
    if (ig) return { field: `ipgroup.${ig.field}`, schemaPath: [...base, 'ipgroup', ig.field], strBool: ig.field === 'enable_ipgroup' };
    if (FORWARD_HEADERS[arg]) return { field: `insert_headers.${FORWARD_HEADERS[arg]}`, schemaPath: [...base, 'insert_headers', FORWARD_HEADERS[arg]!] };
  }
  if (type === SHARED.listener && SHARED_HEADERS[arg]) return { field: `insert_headers.${SHARED_HEADERS[arg]}`, schemaPath: [...base, 'insert_headers', SHARED_HEADERS[arg]!] };
  if (type === DEDICATED.pool) {
    const cd = reverse(CONNECTION_DRAIN, arg);
    if (cd) return { field: `connection_drain.${cd.field}`, schemaPath: [...base, 'connection_drain', cd.field] };
  }
  const r = reverse(fields, arg);
  if (!r || r.sub) return undefined;
  const f = fields[r.field];
  return { field: r.field, schemaPath: [...base, r.field], strBool: isArg(f) ? f.strBool : undefined };
}

function inside(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

function attrAt(block: HclBlock, offset: number): { attr: HclAttribute; within?: string } | undefined {
  for (const a of block.body.attributes.values()) if (inside(a.span, offset)) return { attr: a };
  for (const b of block.body.blocks) {
    if (!inside(b.span, offset)) continue;
    // `dynamic "persistence" { content { ... } }` reads as the `persistence` block.
    const body = b.type === 'dynamic' ? b.body.blocks.find((c) => c.type === 'content') : b;
    const within = b.type === 'dynamic' ? b.labels[0] : b.type;
    if (!body) continue;
    for (const a of body.body.attributes.values()) if (inside(a.span, offset)) return { attr: a, within };
  }
  return undefined;
}

/** The argument of one of our resources at `offset`, if any. */
export function terraformFieldAt(data: TerraformEditorData, offset: number): TerraformFieldAt | undefined {
  const res = data.resources.find((r) => inside(r.block.span, offset));
  if (!res || res.block.type !== 'resource') return undefined;
  const hit = attrAt(res.block, offset);
  if (!hit) return undefined;
  const f = terraformField(res.type, hit.attr.name, hit.within);
  if (!f) return undefined;
  const e = hit.attr.expr;
  return {
    resourceType: res.type,
    arg: hit.attr.name,
    field: f.field,
    schemaPath: f.schemaPath,
    keySpan: hit.attr.keySpan,
    valueSpan: e.span,
    onKey: inside(hit.attr.keySpan, offset),
    value: e.k === 'literal' ? e.value : undefined,
    strBool: f.strBool,
  };
}

/**
 * The argument whose value is being typed at `offset` (`protocol = "HT|`), also in text the parser
 * could not read yet: the resource block around the line, and the argument name before `=`.
 */
export function terraformValueContext(data: TerraformEditorData, text: string, offset: number): { type: string; arg: string; within?: string; start: number } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = text.slice(lineStart, offset);
  const m = /^\s*([A-Za-z_][\w-]*)\s*=\s*("?)([\w.-]*)$/.exec(prefix);
  if (!m) return undefined;
  const start = offset - m[3]!.length - m[2]!.length;
  // The innermost resource block that starts before the line (by parse, else by its header line).
  const res = data.resources.find((r) => r.block.span.start <= lineStart && r.block.span.end >= lineStart);
  let within: string | undefined;
  if (res) {
    const nested = res.block.body.blocks.find((b) => b.span.start < lineStart && b.span.end >= lineStart);
    if (nested) within = nested.type === 'dynamic' ? nested.labels[0] : nested.type;
    return { type: res.type, arg: m[1]!, within, start };
  }
  const before = text.slice(0, lineStart);
  const headers = [...before.matchAll(/^\s*resource\s+"([\w-]+)"\s+"[\w-]+"\s*\{/gm)];
  const last = headers[headers.length - 1];
  if (!last) return undefined;
  return { type: last[1]!, arg: m[1]!, start };
}
