import type { FormatReader, InputFile, ObjectSuppression, ReadContext, ReadResult, ReaderProblem, SourceComment } from '../../formats/types';
import type { HealthMonitor, Listener, ListenerProtocol, LoadBalancer, Model, Pool, PoolProtocol, SessionPersistence } from '../../model/types';
import { entry, type SEntry, type SMap, type SNode } from '../../parse/tree';
import { parseKubernetesYaml } from './lenient';
import type { SourceText } from '../../text/source';
import { closest } from '../../text/suggest';
import type { Locale, Span, TextEdit } from '../../types';
import { ALL_KEYS, ELB_PREFIX, IGNORE_ANNOTATION, isPrefixedKey, specOf, specsFor, type Dialect, type ObjectKind } from './annotations';
import { YamlEditor } from '../../fix/yaml-edit';
import { AnnotationEditor, type JsonPath } from './edit';
import { K8sOrigin, type FieldBinding } from './origin';
import { decodeScalar } from './scalar';
import { ValueChecker, annBool, annInt, annString, jsonInt, jsonStr, jsonStrings, jsonValue, type Ann } from './values';
import { readIngress } from './ingress';

const HELM_TEMPLATE = /\{\{-?\s*(?:\.Values|\.Release|\.Chart|\.Capabilities|\.Files|include\s|template\s|toYaml\b|if\s|else\b|end\s*-?\}\}|range\s|with\s|define\s|\$\.Values)/;

/** Whether a path and text look like Kubernetes manifests that concern Huawei Cloud ELB (cheap). */
export function looksLikeKubernetes(path: string, text: string): boolean {
  const p = path.toLowerCase();
  if (!(p.endsWith('.yaml') || p.endsWith('.yml')) || /\.elb\.ya?ml$/.test(p)) return false;
  if (!/^\s*(?:-\s+)?apiVersion\s*:/m.test(text) || !/^\s*(?:-\s+)?kind\s*:/m.test(text)) return false;
  // An unrendered Helm template is not YAML yet: lint its rendered output (`helm template`).
  // (Rendered output may still hold `{{ $labels.x }}` in ConfigMap data: that is fine.)
  if (HELM_TEMPLATE.test(text)) return false;
  return text.includes(ELB_PREFIX) || /^\s*type\s*:\s*["']?LoadBalancer["']?\s*(?:#.*)?$/m.test(text);
}

/** Equivalent annotations of the two dialects (for "did you mean" on the other dialect's names). */
const EQUIVALENT: Record<string, string> = {
  'kubernetes.io/elb.idle-timeout': 'kubernetes.io/elb.keepalive_timeout',
  'kubernetes.io/elb.request-timeout': 'kubernetes.io/elb.client_timeout',
  'kubernetes.io/elb.response-timeout': 'kubernetes.io/elb.member_timeout',
  'kubernetes.io/elb.enable-transparent-client-ip': 'kubernetes.io/elb.transparent-client-ip',
  'kubernetes.io/elb.default-tls-container-ref': 'kubernetes.io/elb.cert-id',
};
for (const [a, b] of Object.entries(EQUIVALENT)) EQUIVALENT[b] = a;

const DIALECT_NAMES: Record<Dialect, Record<Locale, string>> = {
  cce: { en: 'CCE', 'zh-cn': 'CCE' },
  ccm: { en: 'the open-source cloud controller manager (cloud-provider-huaweicloud)', 'zh-cn': '开源云控制器（cloud-provider-huaweicloud）' },
};

/** A Kubernetes object of a manifest (a document, or an item of a `kind: List`). */
export interface K8sObject {
  source: SourceText;
  /** The document root the object lies in (for the YAML editor). */
  root: SNode;
  node: SMap;
  kind: string;
  name: string;
  namespace?: string;
  dialect: Dialect;
  anns: Map<string, Ann>;
  editor: AnnotationEditor;
  nameSpan: Span;
}

export function str(n: SNode | null | undefined): string | undefined {
  if (!n || n.kind !== 'scalar' || n.value === null) return undefined;
  return String(n.value);
}

export function mapAt(m: SMap | undefined, key: string): SMap | undefined {
  const v = entry(m, key)?.value;
  return v && v.kind === 'map' ? v : undefined;
}

/** The shared state of one read: the model under construction and the problems. */
export class ReadState {
  readonly model: Model = { references: [], vpcs: [], subnets: [], networkAcls: [], securityGroups: [], servers: [], certificates: [], ipGroups: [], loadbalancers: [], listeners: [], pools: [], members: [] };
  readonly problems: ReaderProblem[] = [];
  readonly suppressions: ObjectSuppression[] = [];
  /** Load balancers by `elb.id` (shared by several objects) or by object. */
  readonly lbs = new Map<string, LoadBalancer>();
  /** Listener ports taken on each load balancer: `tcp:80` → the listener and what made it. */
  readonly ports = new Map<LoadBalancer, Map<string, { listener: Listener; owner: string; span: Span; path: string }>>();

  constructor(readonly locale: Locale) {}
}

function idOf(obj: K8sObject): string {
  return obj.namespace ? `${obj.namespace}/${obj.name}` : obj.name;
}

export const kubernetesReader: FormatReader = {
  format: 'kubernetes',
  accepts: looksLikeKubernetes,
  /**
   * The manifests of one directory are read together (a Kustomize base, the files `kubectl apply -f`
   * takes): Services and Ingresses naming the same load balancer meet, so port conflicts show.
   */
  groupKey(path: string): string {
    const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return i >= 0 ? path.slice(0, i) : '.';
  },
  read(files: InputFile[], ctx: ReadContext): ReadResult {
    const state = new ReadState(ctx.locale);
    const comments = new Map<string, SourceComment[]>();
    for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) readFile(state, f, comments, ctx.sourceOf(f.path));
    return { model: state.model, problems: state.problems, comments, objectSuppressions: state.suppressions };
  },
};

function readFile(state: ReadState, file: InputFile, comments: Map<string, SourceComment[]>, source: SourceText): void {
  let parsed;
  try {
    parsed = parseKubernetesYaml(file.text);
  } catch {
    return;
  }
  for (const p of parsed.problems) {
    const span = { start: Math.min(p.span.start, file.text.length), end: Math.min(p.span.end, file.text.length) };
    state.problems.push({ ruleId: 'ELB001', path: file.path, span, messageId: p.messageId, data: p.data as Record<string, string | number>, severity: p.severity === 'warning' ? 'warning' : 'error' });
  }
  comments.set(file.path, parsed.directiveComments.map((c) => ({ offset: c.offset, text: c.text })));
  const objects: { node: SMap; root: SNode }[] = [];
  const collect = (n: SNode | null | undefined, root: SNode, depth: number) => {
    if (!n || n.kind !== 'map' || depth > 3) return;
    const kind = str(entry(n, 'kind')?.value);
    const items = entry(n, 'items')?.value;
    if (kind && /List$/.test(kind) && items && items.kind === 'seq') {
      for (const it of items.items) collect(it, root, depth + 1);
      return;
    }
    if (kind && entry(n, 'apiVersion')) objects.push({ node: n, root });
  };
  for (const d of parsed.documents) if (d.root) collect(d.root, d.root, 0);
  const checker = new ValueChecker(source, state.locale, state.problems);
  const read: K8sObject[] = [];
  for (const { node, root } of objects) {
    const kind = str(entry(node, 'kind')?.value)!;
    if (kind !== 'Service' && kind !== 'Ingress') continue;
    const meta = mapAt(node, 'metadata');
    const anns = mapAt(meta, 'annotations');
    const nameNode = entry(meta, 'name')?.value;
    const obj: K8sObject = {
      source,
      root,
      node,
      kind,
      name: str(nameNode) ?? '?',
      namespace: str(entry(meta, 'namespace')?.value),
      dialect: 'cce',
      anns: new Map(),
      editor: new AnnotationEditor(source, node, root),
      nameSpan: nameNode?.span ?? node.span,
    };
    obj.dialect = dialectOf(anns);
    readAnnotations(state, checker, obj, anns);
    read.push(obj);
  }
  for (const obj of read) {
    if (obj.kind === 'Service') readService(state, checker, obj);
  }
  for (const obj of read) {
    if (obj.kind === 'Ingress') readIngress(state, checker, obj);
  }
}

function dialectOf(anns: SMap | undefined): Dialect {
  if (!anns) return 'cce';
  const cls = str(entry(anns, 'kubernetes.io/elb.class')?.value);
  if (cls === 'shared' || cls === 'dedicated') return 'ccm';
  if (cls === 'union' || cls === 'performance') return 'cce';
  let cce = 0;
  let ccm = 0;
  for (const e of anns.entries) {
    const specs = specsFor(e.key);
    if (specs.length !== 1 || specs[0]!.dialects.length !== 1) continue;
    if (specs[0]!.dialects[0] === 'cce') cce++;
    else ccm++;
  }
  return ccm > cce ? 'ccm' : 'cce';
}

/** Whether a key is probably a misspelt ELB annotation (`kubernetes.io/elb-class`, `kubernets.io/elb.id`). */
function misspeltPrefix(key: string, anns: SMap): string | undefined {
  if (key.startsWith(ELB_PREFIX) || !/elb/i.test(key)) return undefined;
  return closest(key, ALL_KEYS.filter((k) => !entry(anns, k)));
}

function readAnnotations(state: ReadState, checker: ValueChecker, obj: K8sObject, anns: SMap | undefined): void {
  if (!anns) return;
  const t = state.locale;
  for (const e of anns.entries) {
    const key = e.key;
    if (key === IGNORE_ANNOTATION) {
      readIgnore(state, obj, e);
      continue;
    }
    if (!key.startsWith(ELB_PREFIX)) {
      const s = misspeltPrefix(key, anns);
      if (s) {
        checker.problem('ELB010', e.keySpan, 'unknownSuggest', { key, suggestion: s }, [{ messageId: 'rename', data: { suggestion: s }, edits: obj.editor.renameAnnotation(e.keySpan, s), preferred: true }]);
      }
      continue;
    }
    const spec = specOf(key, obj.dialect);
    if (!spec) {
      if (isPrefixedKey(key)) {
        obj.anns.set(key, checker.read(e, undefined));
        continue;
      }
      const other = specsFor(key)[0];
      if (other) {
        const eq = EQUIVALENT[key] && !entry(anns, EQUIVALENT[key]!) ? EQUIVALENT[key] : undefined;
        const data = { key, other: DIALECT_NAMES[other.dialects[0]!][t], dialect: DIALECT_NAMES[obj.dialect][t], suggestion: eq ?? '' };
        checker.problem('ELB010', e.keySpan, eq ? 'otherDialectSuggest' : 'otherDialect', data, eq ? [{ messageId: 'rename', data: { suggestion: eq }, edits: obj.editor.renameAnnotation(e.keySpan, eq), preferred: true }] : undefined);
      } else {
        const known = ALL_KEYS.filter((k) => specOf(k, obj.dialect) && !entry(anns, k));
        const s = closest(key, known);
        checker.problem('ELB010', e.keySpan, s ? 'unknownSuggest' : 'unknown', { key, suggestion: s ?? '' }, s ? [{ messageId: 'rename', data: { suggestion: s }, edits: obj.editor.renameAnnotation(e.keySpan, s), preferred: true }] : undefined);
      }
      continue;
    }
    const ann = checker.read(e, spec);
    obj.anns.set(key, ann);
    if (!spec.objects.includes(obj.kind as ObjectKind)) {
      const objects = spec.objects.map((k) => (t === 'zh-cn' ? k : k + 's')).join(t === 'zh-cn' ? '、' : ', ');
      checker.problem('ELB012', e.keySpan, 'wrongObject', { key, objects, kind: obj.kind }, removeFix(obj, key));
    }
  }
}

function removeFix(obj: K8sObject, key: string): ReaderProblem['fixes'] {
  const edits = obj.editor.removeAnnotation(key);
  return edits ? [{ messageId: 'remove', data: { key }, edits }] : undefined;
}

/** `elb-lint.io/ignore: "ELB401, ELB202 -- reason"`: suppress findings inside this object. */
function readIgnore(state: ReadState, obj: K8sObject, e: SEntry): void {
  const v = e.value;
  if (!v || v.kind !== 'scalar') return;
  const text = typeof v.value === 'string' ? v.value : String(v.value ?? '');
  const cut = text.indexOf('--');
  const ids = (cut >= 0 ? text.slice(0, cut) : text).split(/[\s,]+/).filter(Boolean);
  const reason = cut >= 0 ? text.slice(cut + 2).trim() || undefined : undefined;
  const d = typeof v.value === 'string' ? decodeScalar(obj.source.text, v) : undefined;
  const at = d && d.content.end > d.content.start ? d.content : v.span;
  state.suppressions.push({ path: obj.source.path, span: obj.node.span, rules: ids, reason, at });
}

// ---------------------------------------------------------------------------------------------
// Bindings: where a model field is written and how to edit it

/** The annotation's value (inside quotes): set rewrites it, remove deletes the annotation. */
export function annBinding(obj: K8sObject, key: string, encode: (v: unknown) => string | undefined = (v) => String(v)): FieldBinding {
  const a = obj.anns.get(key);
  return {
    valueSpan: a ? (a.decoded.content.end > a.decoded.content.start ? a.decoded.content : a.entry.value?.span ?? a.entry.keySpan) : undefined,
    keySpan: a?.entry.keySpan,
    set: (v) => {
      const s = encode(v);
      return s === undefined ? undefined : obj.editor.setAnnotation(key, s);
    },
    remove: () => (a ? obj.editor.removeAnnotation(key) : undefined),
  };
}

/** A member of the JSON in an annotation; set adds the annotation when absent (`{"member": value}`). */
export function memberBinding(obj: K8sObject, checker: ValueChecker, key: string, path: JsonPath, encode: (v: unknown, asString: boolean) => unknown = (v, s) => (s ? String(v) : v)): FieldBinding {
  const a = obj.anns.get(key);
  const n = a?.json ? jsonValue(a, path) ?? jsonAtLoose(a, path) : undefined;
  const parent = a?.json && path.length ? jsonAtLoose(a, path.slice(0, -1)) : undefined;
  const keyEntry = parent && parent.kind === 'map' ? entry(parent, String(path[path.length - 1])) : undefined;
  // CCE writes numbers as strings in these JSON annotations; keep what the file does.
  const asString = n ? n.kind === 'scalar' && typeof n.value === 'string' : obj.dialect === 'cce';
  return {
    valueSpan: a && n ? checker.nodeSpan(a, n) : undefined,
    keySpan: a && keyEntry ? checker.span(a, keyEntry.keySpan.start, keyEntry.keySpan.end) : undefined,
    set: (v) => {
      const value = encode(v, asString);
      if (a?.json) return obj.editor.setJsonMember(key, path, value);
      if (a || path.length !== 1) return undefined;
      return obj.editor.setAnnotation(key, JSON.stringify({ [path[0]!]: value }));
    },
    remove: () => (a?.json && n ? obj.editor.setJsonMember(key, path, undefined) : undefined),
  };
}

function jsonAtLoose(a: Ann, path: JsonPath): SNode | undefined {
  let cur: SNode | null | undefined = a.json;
  for (const seg of path) {
    if (!cur) return undefined;
    if (typeof seg === 'number') cur = cur.kind === 'seq' ? cur.items[seg] : undefined;
    else cur = cur.kind === 'map' ? entry(cur, seg)?.value : undefined;
  }
  return cur ?? undefined;
}

function concat(...parts: (TextEdit[] | undefined)[]): TextEdit[] | undefined {
  const out: TextEdit[] = [];
  for (const p of parts) if (p) out.push(...p);
  return out.length ? out : undefined;
}

// ---------------------------------------------------------------------------------------------
// Load balancers

/** The load balancer an object uses: the one named by `elb.id` (shared), else its own. */
export function loadBalancerFor(state: ReadState, checker: ValueChecker, obj: K8sObject): LoadBalancer {
  const a = obj.anns;
  const id = annString(a.get('kubernetes.io/elb.id'));
  const key = id ? `id:${id}` : `obj:${obj.source.path}:${obj.kind}:${idOf(obj)}`;
  const existing = state.lbs.get(key);
  if (existing) return existing;
  const idAnn = a.get('kubernetes.io/elb.id');
  const cls = annString(a.get('kubernetes.io/elb.class'));
  const type = cls === 'performance' || cls === 'dedicated' ? 'dedicated' : 'shared';
  const o = new K8sOrigin(obj.source, obj.node.span, idAnn?.decoded.content ?? obj.nameSpan);
  const lb: LoadBalancer = {
    kind: 'loadbalancer',
    name: id ?? idOf(obj),
    type,
    typeGiven: cls !== undefined,
    listeners: [],
    listenersGiven: true,
    pools: [],
    $: o,
  };
  const toClass = (v: unknown) => (obj.dialect === 'ccm' ? String(v) : v === 'dedicated' ? 'performance' : v === 'shared' ? 'union' : undefined);
  o.bind('type', annBinding(obj, 'kubernetes.io/elb.class', toClass));
  const auto = a.get('kubernetes.io/elb.autocreate');
  // With `elb.id` too, the load balancer is the one CCE created from `autocreate` (CCE writes the
  // ID back into a live object), so what `autocreate` says still describes it.
  if (auto?.json) {
    const l4 = jsonStr(auto, ['l4_flavor_name']);
    const l7 = jsonStr(auto, ['l7_flavor_name']);
    if (l4 !== undefined) lb.l4_flavor = l4;
    if (l7 !== undefined) lb.l7_flavor = l7;
    o.bind('l4_flavor', memberBinding(obj, checker, auto.key, ['l4_flavor_name']));
    o.bind('l7_flavor', memberBinding(obj, checker, auto.key, ['l7_flavor_name']));
    const azs = jsonStrings(auto, ['available_zone']);
    if (azs) lb.availability_zones = azs;
    else if (type === 'dedicated' && auto.json.kind === 'map' && !entry(auto.json, 'available_zone')) {
      // A dedicated load balancer is created in the zones it names: CCE requires them.
      checker.problem('ELB011', auto.decoded.content, 'missingMember', { key: auto.key, at: '', member: 'available_zone' });
    }
    o.bind('availability_zones', memberBinding(obj, checker, auto.key, ['available_zone']));
    const vip = jsonStr(auto, ['vip_address']);
    if (vip) lb.vip_address = vip;
    o.bind('vip_address', memberBinding(obj, checker, auto.key, ['vip_address']));
    if (jsonStr(auto, ['type']) === 'public') {
      const eo = new K8sOrigin(obj.source, auto.decoded.content, auto.decoded.content);
      eo.bind('bandwidth', memberBinding(obj, checker, auto.key, ['bandwidth_size']));
      lb.eips = [{ $: eo, bandwidth: jsonInt(auto, ['bandwidth_size']) }];
      o.bind('eips', memberBinding(obj, checker, auto.key, ['type']));
    }
    if (jsonValue(auto, ['ip_target_enable'])) {
      const v = jsonValue(auto, ['ip_target_enable']);
      if (v?.kind === 'scalar' && typeof v.value === 'boolean') lb.ip_target_enable = v.value;
      o.bind('ip_target_enable', memberBinding(obj, checker, auto.key, ['ip_target_enable']));
    }
  }
  // The open-source CCM's spellings.
  const l4id = annString(a.get('kubernetes.io/elb.l4-flavor-id'));
  const l7id = annString(a.get('kubernetes.io/elb.l7-flavor-id'));
  if (l4id) (lb.l4_flavor = l4id), o.bind('l4_flavor', annBinding(obj, 'kubernetes.io/elb.l4-flavor-id'));
  if (l7id) (lb.l7_flavor = l7id), o.bind('l7_flavor', annBinding(obj, 'kubernetes.io/elb.l7-flavor-id'));
  const zones = annString(a.get('kubernetes.io/elb.availability-zones'));
  if (zones) (lb.availability_zones = zones.split(';').map((z) => z.trim()).filter(Boolean)), o.bind('availability_zones', annBinding(obj, 'kubernetes.io/elb.availability-zones'));
  const cross = annBool(a.get('kubernetes.io/elb.enable-cross-vpc'));
  if (cross !== undefined) (lb.ip_target_enable = cross), o.bind('ip_target_enable', annBinding(obj, 'kubernetes.io/elb.enable-cross-vpc'));
  const eipOpt = a.get('kubernetes.io/elb.eip-auto-create-option');
  for (const k of ['kubernetes.io/elb.custom-eip-id', 'kubernetes.io/elb.eip-id']) {
    const e = a.get(k);
    if (annString(e) && !lb.eips) {
      lb.eips = [{ $: new K8sOrigin(obj.source, e!.decoded.content, e!.decoded.content) }];
      o.bind('eips', annBinding(obj, k));
    }
  }
  if (eipOpt?.json && !lb.eips) {
    const eo = new K8sOrigin(obj.source, eipOpt.decoded.content, eipOpt.decoded.content);
    eo.bind('bandwidth', memberBinding(obj, checker, eipOpt.key, ['bandwidth_size']));
    lb.eips = [{ $: eo, bandwidth: jsonInt(eipOpt, ['bandwidth_size']) }];
    o.bind('eips', annBinding(obj, eipOpt.key));
  }
  const ip = annString(a.get('kubernetes.io/elb.ip'));
  if (ip) (lb.vip_address = ip), o.bind('vip_address', annBinding(obj, 'kubernetes.io/elb.ip'));
  state.lbs.set(key, lb);
  state.model.loadbalancers.push(lb);
  state.ports.set(lb, new Map());
  return lb;
}

/**
 * Record a listener's port on its load balancer. A port another object already took is ELB013,
 * except for Ingresses with the same protocol, which share the listener (returned).
 */
export function claimPort(state: ReadState, lb: LoadBalancer, l: Listener, owner: string, span: Span, shareable: boolean): Listener | undefined {
  if (l.protocol_port === undefined) return undefined;
  const family = l.protocol === 'UDP' || l.protocol === 'QUIC' ? 'udp' : 'tcp';
  const key = `${family}:${l.protocol_port}`;
  const taken = state.ports.get(lb)!;
  const prev = taken.get(key);
  if (!prev) {
    taken.set(key, { listener: l, owner, span, path: l.$.source.path });
    return undefined;
  }
  if (shareable && prev.listener.protocol === l.protocol && prev.owner.startsWith('Ingress')) return prev.listener;
  if (prev.owner === owner) return undefined;
  state.problems.push({
    ruleId: 'ELB013',
    path: l.$.source.path,
    span,
    messageId: 'default',
    data: { protocol: l.protocol ?? '', port: l.protocol_port, lb: lb.name, other: prev.owner },
    related: [{ path: prev.path, span: prev.span, messageId: 'related', data: { other: prev.owner, port: l.protocol_port } }],
  });
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Services

const FOREIGN_LB = /^(service\.beta\.kubernetes\.io\/|service\.kubernetes\.io\/|cloud\.google\.com\/|networking\.gke\.io\/|oci\.oraclecloud\.com\/)/;

function readService(state: ReadState, checker: ValueChecker, obj: K8sObject): void {
  const spec = mapAt(obj.node, 'spec');
  const typeNode = entry(spec, 'type')?.value;
  const type = str(typeNode);
  const hasElb = [...obj.anns.keys()].some((k) => k.startsWith(ELB_PREFIX));
  if (type !== 'LoadBalancer') {
    // No type at all: a Kustomize patch or a partial object; its annotations were checked, nothing more is known.
    if (hasElb && type !== undefined) checker.problem('ELB012', typeNode!.span, 'notLoadBalancer', { type });
    return;
  }
  if (!hasElb) {
    // Another cloud's load balancer: not ours to read.
    if (entry(spec, 'loadBalancerClass')) return;
    const anns = mapAt(mapAt(obj.node, 'metadata'), 'annotations');
    if (anns?.entries.some((e) => FOREIGN_LB.test(e.key))) return;
  }
  const a = obj.anns;
  const lb = loadBalancerFor(state, checker, obj);
  const ports = entry(spec, 'ports')?.value;
  if (!ports || ports.kind !== 'seq') return;
  const l7 = protocolPorts(a.get('kubernetes.io/elb.protocol-port'));
  const ccmCert = obj.dialect === 'ccm' ? annString(a.get('kubernetes.io/elb.default-tls-container-ref')) : undefined;
  // CCM: rewriting X-Forwarded-Host makes its TCP listeners HTTP (its usage examples, "Example 12").
  const ccmHttp = obj.dialect === 'ccm' && annBool(a.get('kubernetes.io/elb.x-forwarded-host')) === true;
  const policyNode = entry(spec, 'externalTrafficPolicy')?.value;
  const policy = str(policyNode) ?? 'Cluster';
  const optionsAnn = a.get('kubernetes.io/elb.health-check-options');
  const optionAnn = a.get('kubernetes.io/elb.health-check-option');
  if (optionsAnn && optionAnn) {
    checker.problem('ELB012', optionsAnn.entry.keySpan, 'bothHealthOptions', {}, undefined, 'error');
  }
  const portIds: string[] = [];
  const serviceHasL7 = ports.items.some((p) => {
    if (p.kind !== 'map') return false;
    const tcp = (str(entry(p, 'protocol')?.value) ?? 'TCP').toUpperCase() === 'TCP';
    return tcp && (ccmCert !== undefined || ccmHttp || l7.has(Number(str(entry(p, 'port')?.value))));
  });
  checkProtocolPortTargets(checker, a.get('kubernetes.io/elb.protocol-port'), ports, l7);
  const targets = new Map<string, number>();
  if (optionsAnn?.json && optionsAnn.json.kind === 'seq') {
    optionsAnn.json.items.forEach((_it, i) => {
      const t = jsonStr(optionsAnn, [i, 'target_service_port']);
      if (!t) return;
      const n = jsonValue(optionsAnn, [i, 'target_service_port'])!;
      if (targets.has(t.toUpperCase())) checker.problem('ELB011', checker.nodeSpan(optionsAnn, n), 'duplicatePort', { key: optionsAnn.key, value: t });
      else targets.set(t.toUpperCase(), i);
    });
  }
  ports.items.forEach((pn) => {
    if (pn.kind !== 'map') return;
    const portNode = entry(pn, 'port')?.value;
    const port = portNode && portNode.kind === 'scalar' && /^\d+$/.test(String(portNode.value)) ? Number(portNode.value) : undefined;
    const protoNode = entry(pn, 'protocol')?.value;
    const transport = (str(protoNode) ?? 'TCP').toUpperCase();
    if (port === undefined || (transport !== 'TCP' && transport !== 'UDP')) return;
    portIds.push(`${transport}:${port}`);
    const layer7 = transport === 'TCP' ? l7.get(port) : undefined;
    const protocol: ListenerProtocol = layer7
      ? (layer7.protocol.toUpperCase() as ListenerProtocol)
      : ccmCert && transport === 'TCP' ? 'HTTPS' : ccmHttp && transport === 'TCP' ? 'HTTP' : (transport as ListenerProtocol);
    const name = `${obj.name}:${port}`;
    const lo = new K8sOrigin(obj.source, pn.span, portNode!.span);
    const listener: Listener = { kind: 'listener', name, lb, protocol, protocol_port: port, l7policies: [], $: lo };
    lo.bind('protocol', layer7 ? { valueSpan: layer7.span } : { valueSpan: protoNode?.span ?? portNode!.span });
    lo.bind('protocol_port', { valueSpan: portNode!.span });
    readListenerAnnotations(obj, listener, lo, serviceHasL7);
    // Transparent client IP.
    const tKey = obj.dialect === 'ccm' ? 'kubernetes.io/elb.enable-transparent-client-ip' : 'kubernetes.io/elb.transparent-client-ip';
    const tAnn = a.get(tKey);
    const t = annBool(tAnn);
    if (t !== undefined) {
      lo.bind('transparent_client_ip_enable', annBinding(obj, tKey, (v) => String(v)));
      if (obj.dialect === 'ccm') listener.transparent_client_ip_enable = t;
      else if (lb.type === 'dedicated') {
        // Dedicated TCP/UDP listeners always pass the client address; the annotation is for shared ones.
      } else if (protocol === 'TCP' || protocol === 'UDP') listener.transparent_client_ip_enable = t && policy === 'Local';
    }
    const pool = readPool(obj, checker, lb, listener, transport, port, optionsAnn, targets, optionAnn);
    listener.default_pool = { name: pool.name, span: portNode!.span, target: pool };
    const taken = claimPort(state, lb, listener, `Service ${idOf(obj)}`, portNode!.span, false);
    if (taken) return;
    lb.listeners.push(listener);
    lb.pools.push(pool);
    state.model.listeners.push(listener);
    state.model.pools.push(pool);
  });
  // Annotations that do nothing where they are.
  const tKey = 'kubernetes.io/elb.transparent-client-ip';
  const tAnn = obj.dialect === 'cce' ? a.get(tKey) : undefined;
  if (tAnn && annBool(tAnn) === true) {
    if (lb.type === 'dedicated') checker.problem('ELB012', tAnn.entry.keySpan, 'transparentDedicated', { key: tKey }, removeFix(obj, tKey));
    else if (policy !== 'Local') {
      const edits = setLocalPolicy(obj);
      checker.problem('ELB012', tAnn.entry.keySpan, 'transparentNeedsLocal', { key: tKey, policy },
        edits ? [{ messageId: 'setLocal', edits, preferred: false }] : undefined);
    }
  }
  const modeKey = 'kubernetes.io/elb.session-affinity-mode';
  const optKey = 'kubernetes.io/elb.session-affinity-option';
  if (obj.dialect === 'cce' && a.get(optKey) && !annString(a.get(modeKey))) {
    checker.problem('ELB012', a.get(optKey)!.entry.keySpan, 'optionWithoutMode', { key: optKey, mode: `${modeKey}: SOURCE_IP` }, removeFix(obj, optKey));
  }
  if (optionsAnn?.json && optionsAnn.json.kind === 'seq') {
    for (const [t, i] of targets) {
      if (portIds.includes(t)) continue;
      const n = jsonValue(optionsAnn, [i, 'target_service_port']);
      if (n) checker.problem('ELB011', checker.nodeSpan(optionsAnn, n), 'noSuchPort', { value: jsonStr(optionsAnn, [i, 'target_service_port'])!, ports: portIds.join(', ') });
    }
  }
}

/** Each `proto:port` of `elb.protocol-port` must name a TCP port of the Service. */
function checkProtocolPortTargets(checker: ValueChecker, ann: Ann | undefined, ports: SNode, l7: Map<number, { protocol: string; span: Span; item: Span }>): void {
  if (!ann || ports.kind !== 'seq') return;
  const tcp = new Set<number>();
  const udp = new Set<number>();
  for (const p of ports.items) {
    if (p.kind !== 'map') continue;
    const port = Number(str(entry(p, 'port')?.value));
    ((str(entry(p, 'protocol')?.value) ?? 'TCP').toUpperCase() === 'UDP' ? udp : tcp).add(port);
  }
  const list = [...tcp].map((p) => `TCP:${p}`).concat([...udp].map((p) => `UDP:${p}`)).join(', ');
  for (const [port, v] of l7) {
    if (tcp.has(port)) continue;
    const value = `${v.protocol}:${port}`;
    checker.problem('ELB011', v.item, 'noPortForProtocol', { key: ann.key, value, ports: list || '—' });
  }
}

/** Edits that set `spec.externalTrafficPolicy: Local`. */
function setLocalPolicy(obj: K8sObject): TextEdit[] | undefined {
  const spec = mapAt(obj.node, 'spec');
  if (!spec || spec.aliased) return undefined;
  const e = entry(spec, 'externalTrafficPolicy');
  if (e?.value && e.value.kind === 'scalar') return [{ span: e.value.span, newText: 'Local' }];
  return new YamlEditor(obj.source, obj.root).set(spec, ['externalTrafficPolicy'], 'Local');
}

function protocolPorts(a: Ann | undefined): Map<number, { protocol: string; span: Span; item: Span }> {
  const out = new Map<number, { protocol: string; span: Span; item: Span }>();
  if (!a || a.invalid) return out;
  let pos = 0;
  for (const part of a.text.split(',')) {
    const start = pos + (part.length - part.trimStart().length);
    pos += part.length + 1;
    const m = /^([A-Za-z]+):(\d+)$/.exec(part.trim());
    if (!m || !['http', 'https', 'tls'].includes(m[1]!.toLowerCase())) continue;
    const s = a.decoded.offsets[start]!;
    const last = start + part.trim().length - 1;
    out.set(Number(m[2]), { protocol: m[1]!.toLowerCase(), span: { start: s, end: a.decoded.offsets[start + m[1]!.length - 1]! + a.decoded.lengths[start + m[1]!.length - 1]! }, item: { start: s, end: a.decoded.offsets[last]! + a.decoded.lengths[last]! } });
  }
  return out;
}

/** Listener settings from annotations (timeouts, certificates, HTTP/2, ACL, headers). */
/**
 * Listener settings from annotations (timeouts, certificates, HTTP/2, ACL, headers). A Service's
 * annotations hold for all its ports, but the controller applies the layer-7 ones (request and
 * response timeouts, headers) only to its HTTP/HTTPS listeners and certificates only to
 * HTTPS/TLS ones: `serviceHasL7` says whether the Service has any (without one, the settings are
 * kept on every listener so the rules can say they do nothing there).
 */
export function readListenerAnnotations(obj: K8sObject, l: Listener, o: K8sOrigin, serviceHasL7 = true): void {
  const a = obj.anns;
  const l7 = l.protocol === 'HTTP' || l.protocol === 'HTTPS' || l.protocol === 'QUIC';
  const skipL7Only = serviceHasL7 && !l7;
  const timeouts: [keyof Listener & ('keepalive_timeout' | 'client_timeout' | 'member_timeout'), string, string][] = [
    ['keepalive_timeout', 'kubernetes.io/elb.keepalive_timeout', 'kubernetes.io/elb.idle-timeout'],
    ['client_timeout', 'kubernetes.io/elb.client_timeout', 'kubernetes.io/elb.request-timeout'],
    ['member_timeout', 'kubernetes.io/elb.member_timeout', 'kubernetes.io/elb.response-timeout'],
  ];
  for (const [field, cce, ccm] of timeouts) {
    if (field !== 'keepalive_timeout' && skipL7Only) continue;
    const key = obj.dialect === 'ccm' ? ccm : cce;
    const v = annInt(a.get(key));
    if (v !== undefined) l[field] = v;
    o.bind(field, annBinding(obj, key));
  }
  const certKey = obj.dialect === 'ccm' ? 'kubernetes.io/elb.default-tls-container-ref' : 'kubernetes.io/elb.cert-id';
  const cert = a.get(certKey);
  if (annString(cert) && obj.kind === 'Service' && (l.protocol === 'HTTPS' || l.protocol === 'TLS' || !serviceHasL7)) {
    l.default_tls_container = { name: annString(cert)!, span: cert!.decoded.content };
    o.bind('default_tls_container', annBinding(obj, certKey));
  }
  const ca = a.get('kubernetes.io/elb.client-ca-cert-id');
  if (annString(ca)) {
    l.client_ca_tls_container = { name: annString(ca)!, span: ca!.decoded.content };
    o.bind('client_ca_tls_container', annBinding(obj, ca!.key));
  }
  const sni = a.get('kubernetes.io/elb.tls-certificate-ids');
  if (annString(sni) && obj.kind === 'Service' && (l.protocol === 'HTTPS' || l.protocol === 'TLS' || !serviceHasL7)) {
    l.sni_containers = annString(sni)!.split(',').map((s) => s.trim()).filter(Boolean).map((name) => ({ name, span: sni!.decoded.content }));
    o.bind('sni_containers', annBinding(obj, sni!.key));
  }
  const h2 = annBool(a.get('kubernetes.io/elb.http2-enable'));
  if (h2 !== undefined) (l.http2_enable = h2), o.bind('http2_enable', annBinding(obj, 'kubernetes.io/elb.http2-enable'));
  const tls = annString(a.get('kubernetes.io/elb.tls-ciphers-policy'));
  if (tls) (l.tls_ciphers_policy = tls), o.bind('tls_ciphers_policy', annBinding(obj, 'kubernetes.io/elb.tls-ciphers-policy'));
  const headers: [string, string][] = [
    ['kubernetes.io/elb.x-forwarded-port', 'X-Forwarded-Port'],
    ['kubernetes.io/elb.x-forwarded-for-port', 'X-Forwarded-For-Port'],
    ['kubernetes.io/elb.x-forwarded-host', 'X-Forwarded-Host'],
  ];
  const removals: string[] = [];
  for (const [key, header] of headers) {
    if (skipL7Only) continue;
    const v = annBool(a.get(key));
    if (v === undefined) continue;
    (l.insert_headers ??= {})[header] = v;
    o.bind(`insert_headers.${header}`, annBinding(obj, key));
    removals.push(key);
  }
  if (removals.length) {
    const first = a.get(removals[0]!)!;
    o.bind('insert_headers', { valueSpan: first.decoded.content, keySpan: first.entry.keySpan, remove: () => concat(...removals.map((k) => obj.editor.removeAnnotation(k))) });
  }
  const aclId = a.get('kubernetes.io/elb.acl-id');
  const aclType = annString(a.get('kubernetes.io/elb.acl-type'));
  const aclStatus = annString(a.get('kubernetes.io/elb.acl-status'));
  if (aclId && annString(aclId) !== undefined) {
    const io = new K8sOrigin(obj.source, aclId.entry.value?.span ?? aclId.entry.keySpan, aclId.decoded.content);
    const ids = annString(aclId)!;
    l.ipgroup = {
      $: io,
      ip_group: ids ? { name: ids.split(',')[0]!.trim(), span: aclId.decoded.content } : undefined,
      type: aclType,
      enable_ipgroup: aclStatus === undefined ? undefined : aclStatus === 'on' || aclStatus === 'true',
    };
    io.bind('type', annBinding(obj, 'kubernetes.io/elb.acl-type'));
    io.bind('enable_ipgroup', annBinding(obj, 'kubernetes.io/elb.acl-status', (v) => (v ? 'on' : 'off')));
    io.bind('ip_group', annBinding(obj, aclId.key));
  }
}

/** The pool behind one Service port: algorithm, session affinity, health check. */
function readPool(obj: K8sObject, checker: ValueChecker, lb: LoadBalancer, l: Listener, transport: string, port: number, optionsAnn: Ann | undefined, targets: Map<string, number>, optionAnn: Ann | undefined): Pool {
  const a = obj.anns;
  const protocol: PoolProtocol = l.protocol === 'UDP' ? 'UDP' : l.protocol === 'HTTP' || l.protocol === 'HTTPS' ? 'HTTP' : 'TCP';
  const po = new K8sOrigin(obj.source, l.$.span, l.$.nameSpan);
  const pool: Pool = { kind: 'pool', name: l.name, lb, protocol, members: [], $: po };
  const alg = annString(a.get('kubernetes.io/elb.lb-algorithm'));
  if (alg) pool.lb_algorithm = alg;
  po.bind('lb_algorithm', annBinding(obj, 'kubernetes.io/elb.lb-algorithm'));
  // Session affinity.
  const modeKey = 'kubernetes.io/elb.session-affinity-mode';
  const flagKey = 'kubernetes.io/elb.session-affinity-flag';
  const optKey = 'kubernetes.io/elb.session-affinity-option';
  const mode = annString(a.get(modeKey));
  const flag = annString(a.get(flagKey));
  const opt = a.get(optKey);
  let sp: SessionPersistence | undefined;
  const so = new K8sOrigin(obj.source, (a.get(modeKey) ?? a.get(flagKey) ?? opt)?.entry.keySpan ?? l.$.span, l.$.nameSpan);
  if (mode === 'SOURCE_IP') {
    sp = { $: so, type: 'SOURCE_IP', persistence_timeout: jsonInt(opt, ['persistence_timeout']) };
    so.bind('type', annBinding(obj, modeKey));
    const modeAnn = a.get(modeKey)!;
    po.bind('session_persistence', { keySpan: modeAnn.entry.keySpan, valueSpan: modeAnn.decoded.content, remove: () => concat(obj.editor.removeAnnotation(modeKey), opt ? obj.editor.removeAnnotation(optKey) : undefined) });
  } else if (obj.dialect === 'ccm' && flag === 'on') {
    sp = { $: so, type: jsonStr(opt, ['type']), cookie_name: jsonStr(opt, ['cookie_name']), persistence_timeout: jsonInt(opt, ['persistence_timeout']) };
    so.bind('type', memberBinding(obj, checker, optKey, ['type']));
    so.bind('cookie_name', memberBinding(obj, checker, optKey, ['cookie_name']));
    const flagAnn = a.get(flagKey)!;
    po.bind('session_persistence', { keySpan: flagAnn.entry.keySpan, valueSpan: flagAnn.decoded.content, remove: () => concat(obj.editor.setAnnotation(flagKey, 'off'), opt ? obj.editor.removeAnnotation(optKey) : undefined) });
  }
  if (sp) {
    so.bind('persistence_timeout', memberBinding(obj, checker, optKey, ['persistence_timeout']));
    pool.session_persistence = sp;
  }
  // Health check: on unless the flag says off.
  const hflagKey = 'kubernetes.io/elb.health-check-flag';
  const hflag = a.get(hflagKey);
  const hflagText = annString(hflag);
  const target = `${transport}:${port}`;
  const idx = targets.get(target);
  const src = idx !== undefined && optionsAnn ? { ann: optionsAnn, base: [idx] as JsonPath } : optionAnn && !optionsAnn ? { ann: optionAnn, base: [] as JsonPath } : undefined;
  const hmSpan = src ? (jsonValue(src.ann, src.base) ? checker.nodeSpan(src.ann, jsonValue(src.ann, src.base)!, false) : src.ann.decoded.content) : hflag?.entry.keySpan ?? l.$.span;
  const ho = new K8sOrigin(obj.source, hmSpan, hmSpan);
  const hm: HealthMonitor = { $: ho };
  ho.bind('admin_state_up', annBinding(obj, hflagKey, (v) => (v ? 'on' : 'off')));
  if (hflagText === 'off') hm.admin_state_up = false;
  else if (hflagText === 'on' || hflagText === '') hm.admin_state_up = true;
  const memberKey = src?.ann.key ?? 'kubernetes.io/elb.health-check-option';
  const base = src?.base ?? [];
  const proto = jsonStr(src?.ann, [...base, 'protocol']);
  if (src && proto && src.ann === optionsAnn && (transport === 'UDP') !== (proto === 'UDP')) {
    // CCE: a TCP port takes a TCP or HTTP check, a UDP port a UDP check.
    const n = jsonValue(src.ann, [...base, 'protocol'])!;
    checker.problem('ELB011', checker.nodeSpan(src.ann, n), 'enum', { key: src.ann.key, at: ` \`[${base[0]}].protocol\``, value: proto, values: transport === 'UDP' ? '`UDP`' : '`TCP`, `HTTP`' });
  }
  hm.type = transport === 'UDP' ? 'UDP_CONNECT' : proto === 'HTTP' ? 'HTTP' : 'TCP';
  ho.bind('type', memberBinding(obj, checker, memberKey, [...base, 'protocol'], (v) => (v === 'UDP_CONNECT' ? 'UDP' : String(v))));
  const ints: [keyof HealthMonitor & ('delay' | 'timeout' | 'max_retries' | 'monitor_port'), string][] = [['delay', 'delay'], ['timeout', 'timeout'], ['max_retries', 'max_retries'], ['monitor_port', 'monitor_port']];
  for (const [field, member] of ints) {
    const v = jsonInt(src?.ann, [...base, member]);
    if (v !== undefined) hm[field] = v;
    ho.bind(field, memberBinding(obj, checker, memberKey, [...base, member]));
  }
  const path = jsonStr(src?.ann, [...base, 'path']);
  if (path !== undefined) hm.url_path = path;
  ho.bind('url_path', memberBinding(obj, checker, memberKey, [...base, 'path']));
  const codes = jsonStr(src?.ann, [...base, 'expected_codes']);
  if (codes !== undefined) hm.expected_codes = codes;
  ho.bind('expected_codes', memberBinding(obj, checker, memberKey, [...base, 'expected_codes']));
  pool.healthmonitor = hm;
  return pool;
}

