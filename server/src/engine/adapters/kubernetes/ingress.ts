import type { L7Policy, L7Rule, Listener, ListenerProtocol, Pool, PoolProtocol } from '../../model/types';
import { entry, type SMap, type SNode } from '../../parse/tree';
import type { Span } from '../../types';
import { ELB_PREFIX } from './annotations';
import { K8sOrigin } from './origin';
import { annBinding, claimPort, loadBalancerFor, mapAt, readListenerAnnotations, str, type K8sObject, type ReadState } from './reader';
import { annInt, annString, jsonValue, type ValueChecker } from './values';

/**
 * An Ingress of class `cce` (LoadBalancer ingress): listeners from `listen-ports` or `elb.port`,
 * one forwarding policy per host and path, one pool per backend Service port. Ingresses on the
 * same load balancer and port share one listener (their policies add up).
 */
export function readIngress(state: ReadState, checker: ValueChecker, obj: K8sObject): void {
  const spec = mapAt(obj.node, 'spec');
  const rawAnns = mapAt(mapAt(obj.node, 'metadata'), 'annotations');
  const cls = str(entry(spec, 'ingressClassName')?.value) ?? str(entry(rawAnns, 'kubernetes.io/ingress.class')?.value);
  const hasElb = [...obj.anns.keys()].some((k) => k.startsWith(ELB_PREFIX));
  if (cls !== undefined && cls !== 'cce') return;
  if (cls === undefined && !hasElb) return;
  const a = obj.anns;
  const lb = loadBalancerFor(state, checker, obj);
  const tls = entry(spec, 'tls')?.value;
  const tlsItems = tls && tls.kind === 'seq' ? tls.items.filter((x): x is SMap => x.kind === 'map') : [];
  const certAnn = a.get('kubernetes.io/elb.tls-certificate-ids');
  const certIds = (annString(certAnn) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const secure = tlsItems.length > 0 || certIds.length > 0;
  // The listeners this ingress asks for.
  const wanted: { protocol: ListenerProtocol; port: number; span: Span }[] = [];
  const lp = a.get('kubernetes.io/elb.listen-ports');
  const portAnn = a.get('kubernetes.io/elb.port');
  if (lp?.json && lp.json.kind === 'seq') {
    lp.json.items.forEach((it, i) => {
      if (it.kind !== 'map' || it.entries.length !== 1) return;
      const e = it.entries[0]!;
      const v = jsonValue(lp, [i, e.key]);
      const port = v && v.kind === 'scalar' && /^\d+$/.test(String(v.value)) ? Number(v.value) : undefined;
      if (port === undefined || (e.key !== 'HTTP' && e.key !== 'HTTPS')) return;
      wanted.push({ protocol: e.key, port, span: checker.nodeSpan(lp, it, false) });
    });
    if (portAnn) checker.problem('ELB012', portAnn.entry.keySpan, 'overridden', { key: portAnn.key, by: lp.key });
  } else {
    const port = annInt(portAnn) ?? (secure ? 443 : 80);
    wanted.push({ protocol: secure ? 'HTTPS' : 'HTTP', port, span: portAnn?.decoded.content ?? obj.nameSpan });
  }
  const listeners: Listener[] = [];
  for (const w of wanted) {
    const lo = new K8sOrigin(obj.source, w.span, w.span);
    const l: Listener = { kind: 'listener', name: `${lb.name}:${w.port}`, lb, protocol: w.protocol, protocol_port: w.port, l7policies: [], $: lo };
    lo.bind('protocol_port', portAnn && !lp ? annBinding(obj, portAnn.key) : { valueSpan: w.span });
    lo.bind('protocol', { valueSpan: w.span });
    readListenerAnnotations(obj, l, lo);
    if (w.protocol === 'HTTPS') {
      if (certIds.length) {
        l.default_tls_container = { name: certIds[0]!, span: certAnn!.decoded.content };
        if (certIds.length > 1) l.sni_containers = certIds.slice(1).map((name) => ({ name, span: certAnn!.decoded.content }));
        lo.bind('default_tls_container', annBinding(obj, certAnn!.key));
      } else if (tlsItems.length) {
        const secret = entry(tlsItems[0], 'secretName')?.value;
        if (secret) l.default_tls_container = { name: str(secret) ?? '', span: secret.span };
        lo.bind('default_tls_container', { valueSpan: secret?.span ?? tls!.span });
      }
    }
    const shared = claimPort(state, lb, l, `Ingress ${obj.namespace ? obj.namespace + '/' : ''}${obj.name}`, w.span, true);
    if (shared) {
      listeners.push(shared);
      continue;
    }
    lb.listeners.push(l);
    state.model.listeners.push(l);
    listeners.push(l);
  }
  // Pools and forwarding policies.
  const poolProto = annString(a.get('kubernetes.io/elb.pool-protocol'));
  const protocol: PoolProtocol = poolProto ? (poolProto.toUpperCase() as PoolProtocol) : 'HTTP';
  const pools = new Map<string, Pool>();
  const poolFor = (backend: SMap | undefined): { pool: Pool; span: Span } | undefined => {
    const b = backendOf(backend);
    if (!b) return undefined;
    const key = `${b.service}:${b.port}`;
    let pool = pools.get(key) ?? lb.pools.find((p) => p.name === key);
    if (!pool) {
      const po = new K8sOrigin(obj.source, backend!.span, b.span);
      pool = { kind: 'pool', name: key, lb, protocol, members: [], healthmonitor: { $: new K8sOrigin(obj.source, backend!.span, b.span) }, $: po };
      if (poolProto) po.bind('protocol', annBinding(obj, 'kubernetes.io/elb.pool-protocol', (v) => String(v).toLowerCase()));
      lb.pools.push(pool);
      state.model.pools.push(pool);
    }
    pools.set(key, pool);
    return { pool, span: b.span };
  };
  const def = poolFor(mapAt(spec, 'defaultBackend') ?? mapAt(spec, 'backend'));
  if (def) for (const l of listeners) l.default_pool ??= { name: def.pool.name, span: def.span, target: def.pool };
  const rules = entry(spec, 'rules')?.value;
  if (!rules || rules.kind !== 'seq') return;
  for (const r of rules.items) {
    if (r.kind !== 'map') continue;
    const hostNode = entry(r, 'host')?.value;
    const host = str(hostNode);
    const paths = entry(mapAt(r, 'http'), 'paths')?.value;
    if (!paths || paths.kind !== 'seq') continue;
    for (const p of paths.items) {
      if (p.kind !== 'map') continue;
      const target = poolFor(mapAt(p, 'backend'));
      if (!target) continue;
      const pathNode = entry(p, 'path')?.value;
      const path = str(pathNode) ?? '/';
      const pathType = str(entry(p, 'pathType')?.value) ?? 'ImplementationSpecific';
      const mode = str(entry(mapAt(p, 'property'), 'ingress.beta.kubernetes.io/url-match-mode')?.value);
      const compare = pathType === 'Exact' ? 'EQUAL_TO' : pathType === 'Prefix' ? 'STARTS_WITH' : mode ?? 'STARTS_WITH';
      for (const l of listeners) {
        const ruleList: L7Rule[] = [];
        if (host) ruleList.push({ $: new K8sOrigin(obj.source, hostNode!.span, hostNode!.span).bind('value', { valueSpan: hostNode!.span }), type: 'HOST_NAME', compare_type: 'EQUAL_TO', value: host });
        const ps = pathNode?.span ?? p.span;
        ruleList.push({ $: new K8sOrigin(obj.source, ps, ps).bind('value', { valueSpan: ps }), type: 'PATH', compare_type: compare, value: path });
        const po = new K8sOrigin(obj.source, p.span, ps);
        const policy: L7Policy = {
          kind: 'l7policy',
          name: `${obj.name} ${host ?? '*'}${path}`,
          listener: l,
          action: 'REDIRECT_TO_POOL',
          redirect_pool: { name: target.pool.name, span: target.span, target: target.pool },
          rules: ruleList,
          $: po,
        };
        l.l7policies.push(policy);
      }
    }
  }
}

/** The backend Service and port of an Ingress backend (networking.k8s.io/v1 and v1beta1 shapes). */
function backendOf(b: SMap | undefined): { service: string; port: string; span: Span } | undefined {
  if (!b) return undefined;
  const svc = mapAt(b, 'service');
  if (svc) {
    const nameNode = entry(svc, 'name')?.value;
    const port = mapAt(svc, 'port');
    const p = str(entry(port, 'number')?.value) ?? str(entry(port, 'name')?.value);
    if (!nameNode || !p) return undefined;
    return { service: str(nameNode)!, port: p, span: nameNode.span };
  }
  const nameNode: SNode | null | undefined = entry(b, 'serviceName')?.value;
  const p = str(entry(b, 'servicePort')?.value);
  if (!nameNode || !p) return undefined;
  return { service: str(nameNode)!, port: p, span: nameNode.span };
}
