/**
 * Editor features for Kubernetes manifests (hover and completion of `kubernetes.io/elb.*`
 * annotations), as plain data: the language server only converts them.
 */
import { entry, type SMap, type SNode } from '../../parse/tree';
import { parseKubernetesYaml } from './lenient';
import type { Locale, Span } from '../../types';
import { ANNOTATIONS, CCM_CLASS, ELB_PREFIX, IGNORE_ANNOTATION, isPrefixedKey, specOf, type AnnotationSpec, type Dialect, type Member, type ValueShape } from './annotations';
import { parseJson } from '../../parse/json';
import { decodeScalar } from './scalar';
import { mapAt, str } from './reader';

export interface EditorHover {
  markdown: string;
  span: Span;
}

export interface EditorCompletion {
  label: string;
  kind: 'key' | 'value';
  documentation?: string;
  /** Text to insert (the label when absent). */
  insertText?: string;
  /** Text the completion replaces. */
  replace?: Span;
}

const L = {
  en: { values: 'Values', range: 'Range', field: 'ELB field', dialect: { cce: 'CCE', ccm: 'cloud-provider-huaweicloud (CCM)' }, json: 'JSON inside the string; keys:', ignore: 'Suppress elb-lint findings inside this object: rule IDs separated by commas, then `--` and the reason. Survives Helm and Kustomize, which drop comments.' },
  'zh-cn': { values: '可选值', range: '取值范围', field: '对应 ELB 字段', dialect: { cce: 'CCE', ccm: 'cloud-provider-huaweicloud（CCM）' }, json: '字符串中为 JSON；可用的键：', ignore: '屏蔽本对象内的 elb-lint 检查结果：逗号分隔的规则 ID，之后写 `--` 和原因。Helm 和 Kustomize 渲染会丢弃注释，注解则会保留。' },
} as const;

function shapeFacts(shape: ValueShape, locale: Locale): string[] {
  const t = L[locale];
  if (shape.type === 'enum') return [`${t.values}: ${shape.values.map((v) => '`' + v + '`').join(', ')}`];
  if (shape.type === 'int' && (shape.min !== undefined || shape.max !== undefined)) return [`${t.range}: ${shape.min ?? '…'}–${shape.max ?? '…'}`];
  if (shape.type === 'bool') return [`${t.values}: \`true\`, \`false\``];
  if (shape.type === 'onoff') return [`${t.values}: \`on\`, \`off\``];
  return [];
}

function members(shape: ValueShape): Record<string, Member> | undefined {
  if (shape.type === 'object') return shape.members;
  if (shape.type === 'array' && shape.items.type === 'object') return shape.items.members;
  return undefined;
}

function annotationDoc(spec: AnnotationSpec, locale: Locale): string {
  const t = L[locale];
  const out = [`**\`${spec.key}\`** (${spec.dialects.map((d) => t.dialect[d]).join(', ')})`, '', locale === 'zh-cn' ? spec.zh : spec.en, ''];
  const facts = shapeFacts(spec.shape, locale);
  if (spec.field) facts.push(`${t.field}: \`${spec.field}\``);
  if (facts.length) out.push(facts.join(' · '), '');
  const m = members(spec.shape);
  if (m) {
    out.push(t.json);
    for (const [k, v] of Object.entries(m)) out.push(`- \`${k}\` — ${locale === 'zh-cn' ? v.zh : v.en}`);
  }
  return out.join('\n').trim();
}

interface AnnotationAt {
  anns: SMap;
  dialect: Dialect;
}

/** The `metadata.annotations` mappings of the Services and Ingresses of a text. */
function annotationMaps(text: string): AnnotationAt[] {
  const out: AnnotationAt[] = [];
  const visit = (n: SNode | null | undefined, depth: number) => {
    if (!n || n.kind !== 'map' || depth > 3) return;
    const kind = str(entry(n, 'kind')?.value);
    const items = entry(n, 'items')?.value;
    if (kind && /List$/.test(kind) && items?.kind === 'seq') {
      for (const it of items.items) visit(it, depth + 1);
      return;
    }
    if (kind !== 'Service' && kind !== 'Ingress') return;
    const anns = mapAt(mapAt(n, 'metadata'), 'annotations');
    if (!anns) return;
    const cls = str(entry(anns, 'kubernetes.io/elb.class')?.value);
    const dialect: Dialect = cls === 'shared' || cls === 'dedicated' || anns.entries.some((e) => !specOf(e.key, 'cce') && specOf(e.key, 'ccm')) ? 'ccm' : 'cce';
    out.push({ anns, dialect });
  };
  for (const d of parseKubernetesYaml(text).documents) visit(d.root, 0);
  return out;
}

const within = (s: Span, o: number) => o >= s.start && o <= s.end;

/** Hover on an annotation key (what it does, its values) or inside its value (the JSON key under the cursor). */
export function kubernetesHover(text: string, offset: number, locale: Locale): EditorHover | undefined {
  for (const { anns, dialect } of annotationMaps(text)) {
    if (!within(anns.span, offset)) continue;
    for (const e of anns.entries) {
      if (e.key === IGNORE_ANNOTATION && (within(e.keySpan, offset) || (e.value && within(e.value.span, offset)))) {
        return { markdown: `**\`${IGNORE_ANNOTATION}\`**\n\n${L[locale].ignore}`, span: e.keySpan };
      }
      const spec = specOf(e.key, dialect) ?? specOf(e.key, dialect === 'cce' ? 'ccm' : 'cce');
      if (within(e.keySpan, offset)) {
        if (spec) return { markdown: annotationDoc(spec, locale), span: e.keySpan };
        const prefixed = isPrefixedKey(e.key);
        if (prefixed) return { markdown: `**\`${e.key}\`**\n\n${locale === 'zh-cn' ? prefixed.zh : prefixed.en}`, span: e.keySpan };
        return undefined;
      }
      const v = e.value;
      if (!spec || !v || !within(v.span, offset) || v.kind !== 'scalar' || typeof v.value !== 'string') continue;
      // Inside a JSON value: the member whose key or value is under the cursor.
      const m = members(spec.shape);
      if (m && spec.json) {
        const d = decodeScalar(text, v);
        const parsed = parseJson(d.value);
        const hit = memberAt(parsed.root, d.offsets, offset);
        if (hit && m[hit.key]) {
          const doc = m[hit.key]!;
          const facts = shapeFacts(doc.shape, locale);
          return { markdown: [`**\`${hit.key}\`** — \`${spec.key}\``, '', locale === 'zh-cn' ? doc.zh : doc.en, facts.length ? '\n' + facts.join(' · ') : ''].join('\n').trim(), span: { start: d.offsets[hit.span.start]!, end: d.offsets[Math.max(hit.span.start, hit.span.end - 1)]! + 1 } };
        }
      }
      return { markdown: annotationDoc(spec, locale), span: v.span };
    }
  }
  return undefined;
}

function memberAt(root: SNode | null, offsets: number[], offset: number): { key: string; span: Span } | undefined {
  let found: { key: string; span: Span } | undefined;
  const src = (i: number) => offsets[Math.min(i, offsets.length - 1)]!;
  const visit = (n: SNode | null | undefined) => {
    if (!n) return;
    if (n.kind === 'seq') n.items.forEach(visit);
    if (n.kind !== 'map') return;
    for (const e of n.entries) {
      const end = e.value ? e.value.span.end : e.keySpan.end;
      if (offset >= src(e.keySpan.start) && offset <= src(Math.max(e.keySpan.start, end - 1)) + 1) {
        found = { key: e.key, span: e.keySpan };
        if (e.value && (e.value.kind === 'map' || e.value.kind === 'seq')) visit(e.value);
      }
    }
  };
  visit(root);
  return found;
}

/** Completion of annotation keys (in `metadata.annotations`) and values (after `key: `). */
export function kubernetesCompletions(text: string, offset: number, locale: Locale): EditorCompletion[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = text.slice(lineStart, offset);
  const value = /^(\s+)(["']?)(kubernetes\.io\/elb\.[\w.-]+)\2:\s*(["']?)([^"'#]*)$/.exec(prefix);
  const key = /^(\s+)([\w./-]*)$/.exec(prefix);
  const maps = annotationMaps(text);
  const nearest = maps.find((m) => within({ start: m.anns.span.start, end: m.anns.span.end + 1 }, offset));
  const dialect: Dialect = nearest?.dialect ?? 'cce';
  if (value) {
    const spec = specOf(value[3]!, dialect) ?? specOf(value[3]!, dialect === 'cce' ? 'ccm' : 'cce');
    if (!spec) return [];
    const quote = value[4] ?? '';
    const replace = { start: offset - value[5]!.length, end: offset };
    const wrap = (v: string, needsQuote: boolean) => (quote ? v : needsQuote ? `"${v}"` : v);
    const s = spec.shape;
    const items = (vals: string[], quoteAll: boolean) => vals.map((v) => ({ label: v, kind: 'value' as const, insertText: wrap(v, quoteAll), replace }));
    if (s.type === 'enum') return items(s.values, s.values.some((v) => /^(true|false|on|off|yes|no)$/i.test(v)));
    if (s.type === 'bool') return items(['true', 'false'], true);
    if (s.type === 'onoff') return items(['on', 'off'], true);
    const m = members(s);
    if (m && spec.json && !quote) {
      const body = Object.keys(m).filter((k) => k !== 'target_service_port' || s.type === 'array').slice(0, 4);
      const obj = `{${body.map((k) => `"${k}": ""`).join(', ')}}`;
      const json = s.type === 'array' ? `[${obj}]` : obj;
      return [{ label: json, kind: 'value', insertText: `'${json}'`, replace, documentation: annotationDoc(spec, locale) }];
    }
    return [];
  }
  if (key && inAnnotationsBlock(text, lineStart, key[1]!.length)) {
    const present = new Set(nearest?.anns.entries.map((e) => e.key) ?? []);
    const replace = { start: offset - key[2]!.length, end: offset };
    const specs = [...ANNOTATIONS, CCM_CLASS].filter((a) => a.dialects.includes(dialect) && !present.has(a.key));
    const out: EditorCompletion[] = specs.map((a) => ({ label: a.key, kind: 'key', documentation: annotationDoc(a, locale), insertText: `${a.key}: `, replace }));
    if (!present.has(IGNORE_ANNOTATION)) out.push({ label: IGNORE_ANNOTATION, kind: 'key', documentation: L[locale].ignore, insertText: `${IGNORE_ANNOTATION}: "ELB -- "`, replace });
    return out.filter((c) => c.label.startsWith(key[2]!) || key[2]!.length === 0 || c.label.includes(key[2]!));
  }
  return [];
}

/** Whether the line at `lineStart` (indented by `column`) lies in a `metadata.annotations` block. */
function inAnnotationsBlock(text: string, lineStart: number, column: number): boolean {
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    end = start - 1;
    if (/^\s*(#.*)?$/.test(line)) continue;
    const indent = /^ */.exec(line)![0].length;
    if (indent >= column) continue;
    return /^\s*annotations:\s*(#.*)?$/.test(line);
  }
  return false;
}

export { ELB_PREFIX };
