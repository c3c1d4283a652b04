import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver';
import { REFERENCE_KEYS } from '../engine/adapters/own/references';
import type { LintResult } from '../engine/lint';
import type { Model, ModelObject } from '../engine/model/types';
import { locate } from '../engine/parse/locate';
import type { SMap, SNode } from '../engine/parse/tree';
import { enumValueDescription, resolveSchema, schemaAt, schemaDescription, type JsonSchema } from '../engine/schema/validate';
import type { Locale } from '../engine/types';
import { kubernetesCompletions } from '../engine/adapters/kubernetes/editor';
import { terraformField, terraformValueContext } from '../engine/adapters/terraform/editor';
import type { TerraformEditorData } from '../engine/adapters/terraform/reader';
import { toRange } from './convert';

type Path = (string | number)[];

/** Whole-object snippets for the objects people add most. */
const SNIPPETS: Record<string, string> = {
  healthmonitor: 'healthmonitor:\n  type: ${1|TCP,UDP_CONNECT,HTTP,HTTPS,GRPC,TLS|}\n  delay: ${2:5}\n  timeout: ${3:3}\n  max_retries: ${4:3}',
  session_persistence: 'session_persistence:\n  type: ${1|SOURCE_IP,HTTP_COOKIE,APP_COOKIE|}\n  persistence_timeout: ${2:20}',
  rules:
    'rules:\n  - direction: ${1|ingress,egress|}\n    protocol: ${2|tcp,udp,icmp,any|}\n    port_range_min: ${3:8080}\n    port_range_max: ${4:8080}\n    remote_ip_prefix: ${5:100.125.0.0/16}\n    action: allow\n    priority: 1',
  members: 'members:\n  - server: ${1}\n    protocol_port: ${2:8080}\n    weight: 1',
  listeners: 'listeners:\n  - name: ${1:http-80}\n    protocol: ${2|HTTP,HTTPS,TCP,UDP,TLS,QUIC|}\n    protocol_port: ${3:80}\n    default_pool: ${4}',
  pools: 'pools:\n  - name: ${1:web-pool}\n    protocol: ${2|HTTP,HTTPS,TCP,UDP,TLS,GRPC,QUIC|}\n    lb_algorithm: ${3|ROUND_ROBIN,LEAST_CONNECTIONS,SOURCE_IP,QUIC_CID|}\n    members: []',
};

interface MapInfo {
  map: SMap;
  path: Path;
  keyColumn: number;
}

const mapCache = new WeakMap<LintResult, MapInfo[]>();

function blockMaps(result: LintResult): MapInfo[] {
  let list = mapCache.get(result);
  if (list) return list;
  list = [];
  const out = list;
  const walk = (n: SNode | null, path: Path) => {
    if (!n || n.aliased) return;
    if (n.kind === 'map') {
      const first = n.entries[0];
      if (first && !n.flow) out.push({ map: n, path, keyColumn: result.source.positionAt(first.keySpan.start).character });
      for (const e of n.entries) walk(e.value, [...path, e.key]);
    } else if (n.kind === 'seq') n.items.forEach((it, i) => walk(it, [...path, i]));
  };
  walk(result.root ?? null, []);
  mapCache.set(result, list);
  return list;
}

/** The mapping a line at `column` continues: the latest block mapping whose keys start there. */
function containerAt(result: LintResult, offset: number, column: number): MapInfo | undefined {
  let best: MapInfo | undefined;
  for (const m of blockMaps(result)) {
    if (m.keyColumn !== column || m.map.span.start > offset) continue;
    if (!best || m.map.span.start > best.map.span.start) best = m;
  }
  return best;
}

/** When no mapping starts at the column: the key above the cursor whose (empty) value we are writing. */
function openKeyAbove(result: LintResult, offset: number, column: number): { path: Path; map: SMap; key: string } | undefined {
  let best: { path: Path; map: SMap; key: string; at: number } | undefined;
  for (const m of blockMaps(result)) {
    for (const e of m.map.entries) {
      if (e.keySpan.start >= offset || m.keyColumn >= column) continue;
      const empty = !e.value || (e.value.kind === 'scalar' && e.value.value === null);
      if (!empty) continue;
      if (!best || e.keySpan.start > best.at) best = { path: m.path, map: m.map, key: e.key, at: e.keySpan.start };
    }
  }
  return best;
}

function objectSchema(path: Path): JsonSchema | undefined {
  const s = schemaAt(path);
  if (!s) return undefined;
  const r = resolveSchema(s);
  if (r.properties) return r;
  for (const alt of [...(r.oneOf ?? []), ...(r.anyOf ?? [])]) {
    const a = resolveSchema(alt);
    if (a.properties) return a;
  }
  return undefined;
}

/** A whole-object snippet only where the schema has the keys it writes (`rules` differ by place). */
function snippetFits(key: string, s: JsonSchema): boolean {
  const keys = [...SNIPPETS[key]!.matchAll(/^\s*-?\s*([a-z_]+):/gm)].map((m) => m[1]!).filter((k) => k !== key);
  const r = resolveSchema(s);
  const target = r.type === 'array' && r.items && !Array.isArray(r.items) ? resolveSchema(r.items) : r;
  return keys.every((k) => !!target.properties?.[k]);
}

function keyItems(schema: JsonSchema, existing: Set<string>, locale: Locale): CompletionItem[] {
  const items: CompletionItem[] = [];
  const required = new Set(schema.required ?? []);
  for (const [key, raw] of Object.entries(schema.properties ?? {})) {
    if (existing.has(key) || key === '$schema') continue;
    const s = resolveSchema(raw);
    const doc = schemaDescription(raw, locale) ?? schemaDescription(s, locale);
    const type = Array.isArray(s.type) ? s.type[0] : s.type;
    let insertText = `${key}: `;
    let format: InsertTextFormat = InsertTextFormat.PlainText;
    if (SNIPPETS[key] && snippetFits(key, s)) {
      insertText = SNIPPETS[key]!;
      format = InsertTextFormat.Snippet;
    } else if (type === 'object') {
      insertText = `${key}:\n  $0`;
      format = InsertTextFormat.Snippet;
    } else if (type === 'array') {
      insertText = `${key}:\n  - $0`;
      format = InsertTextFormat.Snippet;
    } else if (Array.isArray(s.enum)) {
      insertText = `${key}: \${1|${s.enum.map(String).join(',')}|}`;
      format = InsertTextFormat.Snippet;
    }
    items.push({
      label: key,
      kind: CompletionItemKind.Property,
      detail: type,
      documentation: doc ? { kind: 'markdown', value: doc } : undefined,
      insertText,
      insertTextFormat: format,
      sortText: (required.has(key) ? '0' : '1') + key,
    });
  }
  return items;
}

function namesOf(model: Model | undefined, kind: string, offset: number): ModelObject[] {
  if (!model) return [];
  switch (kind) {
    case 'server': return model.servers;
    case 'subnet': return model.subnets;
    case 'security_group': return model.securityGroups;
    case 'certificate': return model.certificates;
    case 'ip_group': return model.ipGroups;
    case 'vpc': return model.vpcs;
    case 'network_acl': return model.networkAcls;
    case 'pool': {
      // Pools are named within their load balancer: the one whose text holds the cursor.
      const lb = model.loadbalancers.find((l) => l.$.span.start <= offset && offset <= l.$.span.end);
      return lb ? lb.pools : [];
    }
    default: return [];
  }
}

function valueItems(result: LintResult, path: Path, key: string, locale: Locale, offset: number): CompletionItem[] {
  const ref = REFERENCE_KEYS[key];
  if (ref) {
    return namesOf(result.model, ref.kind, offset)
      .filter((o) => o.name)
      .map((o) => ({ label: o.name, kind: CompletionItemKind.Reference, detail: ref.kind }));
  }
  const s = schemaAt([...path, key]);
  if (!s) return [];
  const r = resolveSchema(s);
  if (Array.isArray(r.enum)) {
    return r.enum.map((v) => {
      const d = enumValueDescription(r, v, locale);
      return { label: String(v), kind: CompletionItemKind.EnumMember, documentation: d ? { kind: 'markdown', value: d } : undefined };
    });
  }
  const type = Array.isArray(r.type) ? r.type : [r.type];
  if (type.includes('boolean')) return ['true', 'false'].map((v) => ({ label: v, kind: CompletionItemKind.Value }));
  if (r.default !== undefined) return [{ label: String(r.default), kind: CompletionItemKind.Value, detail: 'default' }];
  return [];
}

/** Completion of keys and values at `offset` in a YAML document of our format. */
export function completionsAt(result: LintResult, offset: number, locale: Locale): CompletionItem[] {
  if (result.format === 'kubernetes') return kubernetesCompletionItems(result, offset, locale);
  if (result.format === 'terraform') return terraformCompletions(result, offset, locale);
  if (result.format !== 'elb-yaml') return [];
  const text = result.source.text;
  const pos = result.source.positionAt(offset);
  const prefix = text.slice(offset - pos.character, offset);

  // A value that is already there (block or flow style): complete it in place.
  if (result.root) {
    const at = locate(result.root, offset);
    if (at.entry && !at.onKey && at.node?.kind === 'scalar' && at.node.span.start <= offset) {
      return valueItems(result, at.path.slice(0, -1), at.entry.key, locale, offset);
    }
  }

  const flowList = /^(\s*)(-\s+)?([\w-]+):\s*\[[^\]]*$/.exec(prefix);
  const value = /^(\s*)(-\s+)?([\w-]+):\s*([^\s#[{]*)$/.exec(prefix);
  const key = /^(\s*)(-\s+)?([A-Za-z_][\w-]*)?$/.exec(prefix);

  if (flowList || value) {
    const m = (flowList ?? value)!;
    const column = m[1]!.length + (m[2]?.length ?? 0);
    const container = containerAt(result, offset, column);
    const path = container ? container.path : m[2] ? [] : [];
    if (flowList && !REFERENCE_KEYS[m[3]!]?.list) return [];
    return valueItems(result, path, m[3]!, locale, offset);
  }
  if (key) {
    const column = key[1]!.length + (key[2]?.length ?? 0);
    const container = containerAt(result, offset, column);
    if (container) {
      const schema = objectSchema(container.path);
      if (!schema) return [];
      // A new "- " item starts a fresh mapping: every key is available again.
      const existing = key[2] ? new Set<string>() : new Set(container.map.entries.map((e) => e.key).filter((k) => k !== key[3]));
      return keyItems(schema, existing, locale);
    }
    const open = openKeyAbove(result, offset, column);
    if (open) {
      const base = [...open.path, open.key];
      const schema = objectSchema(base) ?? objectSchema([...base, 0]);
      return schema ? keyItems(schema, new Set(), locale) : [];
    }
    if (column === 0) {
      const schema = objectSchema([]);
      const root = result.root && result.root.kind === 'map' ? result.root : undefined;
      return schema ? keyItems(schema, new Set(root?.entries.map((e) => e.key) ?? []), locale) : [];
    }
  }
  return [];
}

/** Kubernetes manifests: annotation keys and values (the logic lives in the engine's Kubernetes adapter). */
function kubernetesCompletionItems(result: LintResult, offset: number, locale: Locale): CompletionItem[] {
  return kubernetesCompletions(result.source.text, offset, locale).map((c) => ({
    label: c.label,
    kind: c.kind === 'key' ? CompletionItemKind.Property : CompletionItemKind.Value,
    documentation: c.documentation ? { kind: 'markdown', value: c.documentation } : undefined,
    textEdit: c.replace ? { range: toRange(result.source, c.replace), newText: c.insertText ?? c.label } : undefined,
    insertText: c.replace ? undefined : c.insertText,
  }));
}

/** Completion of enum values of our resources' arguments in a Terraform document (`protocol = "|`). */
function terraformCompletions(result: LintResult, offset: number, locale: Locale): CompletionItem[] {
  const data = result.editorData as TerraformEditorData | undefined;
  if (!data) return [];
  const at = terraformValueContext(data, result.source.text, offset);
  if (!at) return [];
  const f = terraformField(at.type, at.arg, at.within);
  const s = f && schemaAt(f.schemaPath);
  if (!f || !s) return [];
  const range = toRange(result.source, { start: at.start, end: offset });
  const item = (value: unknown, quoted: boolean, detail?: string): CompletionItem => {
    const text = quoted ? `"${String(value)}"` : String(value);
    return { label: String(value), kind: CompletionItemKind.EnumMember, detail, textEdit: { range, newText: text }, filterText: text };
  };
  if (Array.isArray(s.enum)) return s.enum.map((v) => item(v, typeof v === 'string', enumValueDescription(s, v, locale)));
  const type = Array.isArray(s.type) ? s.type : [s.type];
  if (type.includes('boolean')) return [true, false].map((v) => item(v, f.strBool === true));
  return [];
}
