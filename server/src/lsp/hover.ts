import type { Hover } from 'vscode-languageserver';
import { getRule } from '../engine/rules/index';
import { kindName, lbTypeName } from '../engine/i18n/kinds';
import type { LintResult } from '../engine/lint';
import type { ModelObject, Reference } from '../engine/model/types';
import { locate } from '../engine/parse/locate';
import { enumValueDescription, schemaAt, schemaDescription, type JsonSchema } from '../engine/schema/validate';
import type { Locale, Span } from '../engine/types';
import { toRange } from './convert';
import { referencesIn } from './navigation';
import { kubernetesHover } from '../engine/adapters/kubernetes/editor';
import { terraformFieldAt } from '../engine/adapters/terraform/editor';
import type { TerraformEditorData } from '../engine/adapters/terraform/reader';

const L = {
  en: { range: 'Range', default: 'Default', applies: 'Applies to', values: 'Values', shared: 'shared load balancers', dedicated: 'dedicated load balancers', both: 'shared and dedicated load balancers', fix: 'Quick fix', refersTo: 'refers to', notDefined: 'not defined in this file', checkedBy: 'Checked by' },
  'zh-cn': { range: '取值范围', default: '默认值', applies: '适用于', values: '可选值', shared: '共享型负载均衡器', dedicated: '独享型负载均衡器', both: '共享型和独享型负载均衡器', fix: '快速修复', refersTo: '引用', notDefined: '本文件中未定义', checkedBy: '检查规则' },
} as const;

function inSpan(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

function fieldDoc(s: JsonSchema, key: string, locale: Locale): string[] {
  const t = L[locale];
  const out: string[] = [`**\`${key}\`**`, ''];
  const desc = schemaDescription(s, locale);
  if (desc) out.push(desc, '');
  const facts: string[] = [];
  if (s.minimum !== undefined || s.maximum !== undefined) facts.push(`${t.range}: ${s.minimum ?? '…'}–${s.maximum ?? '…'}`);
  if (s.default !== undefined) facts.push(`${t.default}: \`${JSON.stringify(s.default)}\``);
  const applies = s['x-applies-to'];
  if (applies) facts.push(`${t.applies}: ${t[applies]}`);
  if (s['x-checked-by']) facts.push(`${t.checkedBy}: ${s['x-checked-by']}`);
  if (facts.length) out.push(facts.join(' · '), '');
  if (Array.isArray(s.enum)) {
    out.push(`${t.values}:`);
    for (const v of s.enum) {
      const d = enumValueDescription(s, v, locale);
      out.push(`- \`${String(v)}\`${d ? ' — ' + d : ''}`);
    }
    out.push('');
  }
  return out;
}

function objectSummary(obj: ModelObject, locale: Locale): string {
  const o = obj as unknown as Record<string, unknown>;
  const facts: string[] = [];
  const add = (label: string, v: unknown) => {
    if (v === undefined || v === null || v === '') return;
    if (Array.isArray(v)) {
      if (v.length === 0) return;
      v = v.map((x) => (x && typeof x === 'object' && 'name' in x ? (x as { name: string }).name : String(x))).join(', ');
    } else if (v && typeof v === 'object' && 'name' in v) v = (v as { name: string }).name;
    facts.push(`${label}: \`${String(v)}\``);
  };
  switch (obj.kind) {
    case 'pool':
      add('protocol', o.protocol);
      add('lb_algorithm', o.lb_algorithm);
      add('members', (o.members as unknown[]).length);
      if (o.healthmonitor) add('healthmonitor', (o.healthmonitor as { type?: string }).type);
      if (o.session_persistence) add('session_persistence', (o.session_persistence as { type?: string }).type);
      break;
    case 'server':
      add('address', o.address);
      add('subnet', o.subnet);
      add('security_groups', o.security_groups);
      break;
    case 'security_group':
      add('rules', Array.isArray(o.rules) ? o.rules.length : undefined);
      break;
    case 'subnet':
      add('cidr', o.cidr);
      add('vpc', o.vpc);
      add('ipv6_enable', o.ipv6_enable);
      break;
    case 'vpc':
      add('cidr', o.cidr);
      add('subnets', o.subnets);
      break;
    case 'certificate':
      add('type', o.type);
      add('domain', o.domain);
      break;
    case 'ip_group':
      add('ip_list', o.ip_list);
      break;
    case 'listener':
      add('protocol', o.protocol);
      add('protocol_port', o.protocol_port);
      break;
    case 'loadbalancer':
      add('type', lbTypeName((o.type as 'shared' | 'dedicated') ?? 'dedicated', locale));
      break;
    default:
      break;
  }
  return `${kindName(obj.kind, locale)} **\`${obj.name}\`**${facts.length ? '\n\n' + facts.map((f) => `- ${f}`).join('\n') : ''}`;
}

/** Hover text for the key, value or reference at `offset`, plus the findings there. */
export function hoverAt(result: LintResult, offset: number, locale: Locale, withFindings = true): Hover | null {
  const t = L[locale];
  const parts: string[] = [];
  let span: Span | undefined;

  const ref: Reference | undefined = referencesIn(result).find((r) => inSpan(r.ref.span, offset));
  if (result.format === 'kubernetes') {
    // Kubernetes manifests: the annotation (or JSON key inside it) under the cursor.
    const h = kubernetesHover(result.source.text, offset, locale);
    if (h) {
      span = h.span;
      parts.push(h.markdown, '');
    }
  } else if (ref) {
    span = ref.ref.span;
    parts.push(ref.ref.target ? objectSummary(ref.ref.target, locale) : `${kindName(ref.kind, locale)} \`${ref.ref.name}\` — ${t.notDefined}`);
  } else if (result.format === 'terraform' && result.editorData) {
    // A Terraform argument: the model field it maps to, documented by our schema.
    const at = terraformFieldAt(result.editorData as TerraformEditorData, offset);
    const s = at && schemaAt(at.schemaPath);
    if (at && s) {
      span = at.onKey ? at.keySpan : at.valueSpan;
      const valueDoc = !at.onKey && Array.isArray(s.enum) && at.value !== undefined ? enumValueDescription(s, at.value, locale) : undefined;
      if (valueDoc) parts.push(`**\`${String(at.value)}\`** — ${valueDoc}`, '');
      parts.push(...fieldDoc(s, at.arg, locale));
      if (at.field !== at.arg) parts.push(`\`${at.resourceType}.${at.arg}\` → API \`${at.field}\``, '');
    }
  } else if (result.root) {
    const at = locate(result.root, offset);
    if (at.entry) {
      const path = at.onKey ? at.path : at.path;
      const s = schemaAt(path);
      if (s) {
        if (at.onKey) {
          span = at.entry.keySpan;
          parts.push(...fieldDoc(s, at.entry.key, locale));
        } else if (at.node && at.node.kind === 'scalar') {
          span = at.node.span;
          const valueDoc = Array.isArray(s.enum) ? enumValueDescription(s, at.node.value, locale) : undefined;
          if (valueDoc) parts.push(`**\`${String(at.node.value)}\`** — ${valueDoc}`, '');
          parts.push(...fieldDoc(s, at.entry.key, locale));
        }
      }
    }
  }

  const here = withFindings ? result.findings.filter((f) => inSpan(f.span, offset)) : [];
  if (here.length) {
    if (parts.length) parts.push('---', '');
    for (const f of here) {
      const rule = getRule(f.ruleId);
      parts.push(`**${f.ruleId}** ${rule ? `(${rule.name})` : ''}: ${f.message}`);
      for (const fix of f.fixes) parts.push(`- ${t.fix}: ${fix.title}`);
      parts.push('');
    }
    span ??= here[0]!.span;
  }
  if (!parts.length || !span) return null;
  return { contents: { kind: 'markdown', value: parts.join('\n').trim() }, range: toRange(result.source, span) };
}
