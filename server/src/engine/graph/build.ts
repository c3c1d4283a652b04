import { lbTypeName } from '../i18n/kinds';
import { ModelIndex } from '../model/indexes';
import type { Certificate, L7Policy, L7Rule, Listener, LoadBalancer, Member, Model, ModelObject, Pool, SecurityGroup, Server } from '../model/types';
import type { Traffic } from '../network/security-groups';
import { elbTrafficTo, memberContext } from '../rules/security-groups/elb-traffic';
import type { Finding, Locale, Severity, Span } from '../types';
import type { Graph, GraphEdge, GraphFinding, GraphNode, GraphNodeKind, TrafficStatus } from './types';

/** The words of the picture that are not data from the input. */
const WORDS = {
  en: {
    sourceRange: 'ELB source range',
    lb: (type: string) => `${type} load balancer`,
    check: 'check',
    noCheck: 'no health check',
    checkOff: 'health check off',
    persistence: 'persistence',
    weight: 'weight',
    rules: (n: number) => (n === 1 ? '1 rule' : `${n} rules`),
    rulesUnknown: 'rules not given',
    unattached: 'no listener',
    ping: 'ICMP ping',
    more: (n: number) => `+${n} more`,
    fullPort: 'all ports',
  },
  'zh-cn': {
    sourceRange: 'ELB 源地址段',
    lb: (type: string) => `${type}负载均衡器`,
    check: '健康检查',
    noCheck: '无健康检查',
    checkOff: '健康检查已关闭',
    persistence: '会话保持',
    weight: '权重',
    rules: (n: number) => `${n} 条规则`,
    rulesUnknown: '未给出规则',
    unattached: '无监听器',
    ping: 'ICMP ping',
    more: (n: number) => `另有 ${n} 项`,
    fullPort: '全端口',
  },
} as const;

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

export function worse(a: Severity | undefined, b: Severity): Severity {
  return a === undefined || RANK[b] > RANK[a] ? b : a;
}

/** Shallower kinds first: among objects with the same span, the shallowest is taken as the innermost. */
const DEPTH: Record<GraphNodeKind, number> = { loadbalancer: 0, listener: 1, l7policy: 2, pool: 3, member: 4, server: 5, security_group: 6, source_range: 7, certificate: 8 };

export interface GraphInput {
  model: Model | undefined;
  /** Every finding to paint (of every file of a group). */
  findings: readonly Finding[];
  locale?: Locale;
}

/**
 * The input of a group's picture from its lint results (one per file of a Terraform module, say):
 * the group's model and the findings of every file.
 */
export function graphInputOf(results: readonly { model?: Model; findings: readonly Finding[] }[], locale?: Locale): GraphInput {
  const input: GraphInput = { model: results.find((r) => r.model)?.model, findings: results.flatMap((r) => r.findings) };
  if (locale) input.locale = locale;
  return input;
}

function toGraphFinding(f: Finding): GraphFinding {
  let fixes: string[] = [];
  try {
    fixes = f.fixes.map((x) => x.title);
  } catch {
    // a fix that cannot be rendered is simply not offered here
  }
  return { ruleId: f.ruleId, severity: f.severity, message: f.message, path: f.path, span: f.span, fixes };
}

function policyRule(r: L7Rule): string {
  return [r.type, r.compare_type, r.value].filter((x) => x !== undefined && x !== '').join(' ');
}

/**
 * Finds the innermost drawn object holding a span: per file, objects sorted by start with a
 * parent pointer to the nearest enclosing object, so a lookup is a binary search and a short walk up.
 */
class Placer {
  private readonly byPath = new Map<string, { node: GraphNode; span: Span; parent: number }[]>();

  constructor(
    nodes: GraphNode[],
    /** The names an object goes by in messages (its name; a member's server and address). */
    private readonly names: Map<GraphNode, string[]> = new Map(),
  ) {
    const groups = new Map<string, GraphNode[]>();
    for (const n of nodes) {
      if (!n.path || !n.span) continue;
      const list = groups.get(n.path);
      if (list) list.push(n);
      else groups.set(n.path, [n]);
    }
    for (const [p, list] of groups) {
      list.sort((a, b) => a.span!.start - b.span!.start || b.span!.end - a.span!.end || DEPTH[b.kind] - DEPTH[a.kind]);
      const out: { node: GraphNode; span: Span; parent: number }[] = [];
      const stack: number[] = [];
      for (const node of list) {
        const span = node.span!;
        while (stack.length && out[stack[stack.length - 1]!]!.span.end < span.end) stack.pop();
        out.push({ node, span, parent: stack.length ? stack[stack.length - 1]! : -1 });
        stack.push(out.length - 1);
      }
      this.byPath.set(p, out);
    }
  }

  place(path: string, span: Span, message?: string): GraphNode | undefined {
    const list = this.byPath.get(path);
    if (!list || !list.length) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.span.start <= span.start) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    // Entries with the same start as the span, later in the list, are narrower: the walk starts at the last one.
    for (let i = at; i >= 0; i = list[i]!.parent) {
      const e = list[i]!;
      if (!(e.span.start <= span.start && span.end <= e.span.end && e.span.end > e.span.start)) continue;
      // Objects of one kind written once (a Terraform resource with `count`: web[0], web[1]) share
      // a span: the finding goes to the one its message names, else to the first.
      const tied = [e];
      for (let j = e.parent; j >= 0; j = list[j]!.parent) {
        const o = list[j]!;
        if (o.span.start !== e.span.start || o.span.end !== e.span.end || o.node.kind !== e.node.kind) break;
        tied.unshift(o);
      }
      if (tied.length === 1 || !message) return tied[tied.length - 1]!.node;
      const named = tied.find((t) => (this.names.get(t.node) ?? []).some((n) => n !== '' && message.includes('`' + n + '`')));
      return (named ?? tied[0]!).node;
    }
    return undefined;
  }
}

/** The graph of a model and the findings on it. Pure: reads the model, never changes it. */
export function buildGraph(input: GraphInput): Graph {
  const w = WORDS[input.locale ?? 'en'];
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const model = input.model;
  const ids = new Map<object, string>();
  let edgeCount = 0;
  /** Servers, groups and certificates as found in the input, and their copies in the picture. */
  const shared: GraphNode[] = [];
  const copies = new Map<GraphNode, GraphNode[]>();
  /** The load balancer (index) each drawn object belongs to. */
  const lbOf = new Map<GraphNode, number>();
  const names = new Map<GraphNode, string[]>();

  const addNode = (kind: GraphNodeKind, id: string, label: string[], obj?: ModelObject | { $: ModelObject['$'] }): GraphNode => {
    const n: GraphNode = { id, kind, label: label.filter((l) => l !== ''), findings: [], related: [] };
    if (obj) {
      n.path = obj.$.source.path;
      n.span = obj.$.span;
      n.nameSpan = obj.$.nameSpan;
      ids.set(obj, id);
      if ('name' in obj && obj.name) names.set(n, [obj.name]);
    }
    nodes.push(n);
    return n;
  };
  const addEdge = (kind: GraphEdge['kind'], source: string, target: string, extra: Partial<GraphEdge> = {}): void => {
    edges.push({ id: `e${edgeCount++}`, kind, source, target, ...extra });
  };

  if (model) {
    const index = new ModelIndex(model);
    const lbLabel = (lb: LoadBalancer): string[] => {
      const lines = [lb.name || '(load balancer)', w.lb(lbTypeName(lb.type, input.locale ?? 'en'))];
      const addr = [lb.vip_address, lb.ipv6_vip_address, ...(lb.eips ?? []).map((e) => e.address)].filter((a): a is string => !!a);
      if (addr.length) lines.push(addr.slice(0, 2).join(', ') + (addr.length > 2 ? ` ${w.more(addr.length - 2)}` : ''));
      return lines;
    };
    const listenerLabel = (l: Listener): string[] => {
      const port = l.protocol_port === 0 ? w.fullPort : l.protocol_port;
      const head = `${l.protocol ?? '?'}:${port ?? '?'}`;
      return [head, l.name && l.name !== head ? l.name : ''];
    };
    const policyLabel = (p: L7Policy): string[] => {
      const rules = p.rules.map(policyRule).filter(Boolean);
      const lines = [p.name || p.action || '(policy)', p.name && p.action ? p.action : ''];
      lines.push(...rules.slice(0, 2));
      if (rules.length > 2) lines.push(w.more(rules.length - 2));
      return lines;
    };
    const poolLabel = (p: Pool): string[] => {
      const lines = [p.name || '(pool)', [p.protocol, p.lb_algorithm].filter(Boolean).join(' · ')];
      const sp = p.session_persistence;
      if (sp?.type) lines.push(`${w.persistence}: ${sp.type}${sp.cookie_name ? ` (${sp.cookie_name})` : ''}`);
      const hm = p.healthmonitor;
      if (hm === null) lines.push(w.noCheck);
      else if (hm) {
        if (hm.admin_state_up === false) lines.push(w.checkOff);
        else lines.push(`${w.check}: ${[hm.type, hm.url_path, hm.monitor_port !== undefined ? `:${hm.monitor_port}` : ''].filter(Boolean).join(' ') || '?'}`);
      }
      return lines;
    };
    const memberLabel = (m: Member): string[] => {
      const who = m.server?.name ?? m.address ?? m.name ?? '?';
      const lines = [`${who}:${m.protocol_port ?? '?'}`];
      if (m.server && m.address) lines.push(m.address);
      if (m.weight !== undefined) lines.push(`${w.weight} ${m.weight}`);
      return lines;
    };
    const serverLabel = (s: Server): string[] => [s.name || '(server)', [s.address, s.ipv6_address].filter(Boolean).join(', ')];
    const certLabel = (c: Certificate): string[] => [c.name || '(certificate)', [c.type, c.domain].filter(Boolean).join(' · ')];
    const groupLabel = (g: SecurityGroup): string[] => [g.name || '(security group)', g.rules ? w.rules(g.rules.length) : w.rulesUnknown];

    const lbIndex = new Map<LoadBalancer, number>();
    model.loadbalancers.forEach((lb, i) => lbIndex.set(lb, i));
    const belongs = (n: GraphNode, lb: LoadBalancer): void => {
      const i = lbIndex.get(lb);
      if (i !== undefined) lbOf.set(n, i);
    };
    model.loadbalancers.forEach((lb, i) => belongs(addNode('loadbalancer', `lb${i}`, lbLabel(lb), lb), lb));
    model.listeners.forEach((l, i) => belongs(addNode('listener', `listener${i}`, listenerLabel(l), l), l.lb));
    let policyCount = 0;
    for (const l of model.listeners) for (const p of l.l7policies) belongs(addNode('l7policy', `policy${policyCount++}`, policyLabel(p), p), l.lb);
    model.pools.forEach((p, i) => belongs(addNode('pool', `pool${i}`, poolLabel(p), p), p.lb));
    model.members.forEach((m, i) => {
      const n = addNode('member', `member${i}`, memberLabel(m), m);
      belongs(n, m.pool.lb);
      names.set(n, [m.name, m.server?.name ?? '', m.address ?? '']);
    });

    // Servers, security groups and certificates are drawn once per load balancer that leads to
    // them, so that each load balancer stays a picture of its own (ELK lays the pictures out side
    // by side, and 50 load balancers sharing 5 groups do not become one tangle). A finding on such
    // an object is painted on every copy.
    const canonical = new Map<object, GraphNode>();
    const addShared = (kind: GraphNodeKind, id: string, label: string[], obj: ModelObject): void => {
      const n: GraphNode = { id, kind, label: label.filter((l) => l !== ''), findings: [], related: [], path: obj.$.source.path, span: obj.$.span, nameSpan: obj.$.nameSpan };
      canonical.set(obj, n);
      names.set(n, [obj.name]);
      shared.push(n);
    };
    model.servers.forEach((s, i) => addShared('server', `server${i}`, serverLabel(s), s));
    model.securityGroups.forEach((g, i) => addShared('security_group', `sg${i}`, groupLabel(g), g));
    model.certificates.forEach((c, i) => addShared('certificate', `cert${i}`, certLabel(c), c));
    const copyIds = new Map<string, string>();
    const copyFor = (obj: ModelObject, lb: LoadBalancer): string | undefined => {
      const canon = canonical.get(obj);
      if (!canon) return undefined;
      const li = lbIndex.get(lb) ?? -1;
      const key = `${canon.id}@${li}`;
      let id = copyIds.get(key);
      if (!id) {
        id = li < 0 ? canon.id : key;
        copyIds.set(key, id);
        const copy: GraphNode = { ...canon, id, findings: [], related: [] };
        nodes.push(copy);
        belongs(copy, lb);
        const list = copies.get(canon);
        if (list) list.push(copy);
        else copies.set(canon, [copy]);
      }
      return id;
    };
    const serverId = (s: Server, lb: LoadBalancer): string | undefined => copyFor(s, lb);
    const groupId = (g: SecurityGroup, lb: LoadBalancer): string | undefined => copyFor(g, lb);

    for (const l of model.listeners) {
      const lid = ids.get(l)!;
      const lbId = ids.get(l.lb);
      if (lbId) addEdge('listener', lbId, lid);
      const dp = l.default_pool?.target;
      if (dp && ids.has(dp)) addEdge('default_pool', lid, ids.get(dp)!);
      const certs = [l.default_tls_container, l.client_ca_tls_container, ...(l.sni_containers ?? [])];
      for (const c of new Set(certs.map((r) => r?.target))) {
        const cid = c && copyFor(c, l.lb);
        if (cid) addEdge('certificate', lid, cid);
      }
      for (const p of l.l7policies) {
        const pid = ids.get(p)!;
        addEdge('policy', lid, pid);
        const rp = p.redirect_pool?.target;
        if (rp && ids.has(rp)) addEdge('redirect_pool', pid, ids.get(rp)!);
      }
    }
    for (const p of model.pools) {
      if (index.listenersOf(p).length === 0 && ids.has(p.lb)) addEdge('unattached_pool', ids.get(p.lb)!, ids.get(p)!, { label: w.unattached });
      for (const m of p.members) {
        const mid = ids.get(m);
        if (!mid) continue;
        addEdge('member', ids.get(p)!, mid);
      }
    }
    const drawnGroupEdges = new Set<string>();
    for (const m of model.members) {
      const s = index.serverOf(m);
      if (!s) continue;
      const lb = m.pool.lb;
      const sid = serverId(s, lb);
      if (!sid) continue;
      addEdge('server', ids.get(m)!, sid);
      if (drawnGroupEdges.has(sid)) continue;
      drawnGroupEdges.add(sid);
      for (const r of s.security_groups ?? []) {
        const gid = r.target && groupId(r.target, lb);
        if (gid) addEdge('security_group', sid, gid);
      }
    }

    // ELB's own traffic to each member (health checks, source-NATed forwarding) and whether the
    // member's security groups admit it: one source-range node per load balancer.
    const sourceIds = new Map<LoadBalancer, string>();
    for (const pool of model.pools) {
      const source = index.sourceRange(pool.lb);
      if (!source) continue;
      for (const member of pool.members) {
        const traffic = elbTrafficTo(index, pool, member);
        if (!traffic.length) continue;
        let sid = sourceIds.get(pool.lb);
        if (!sid) {
          sid = `source${model.loadbalancers.indexOf(pool.lb)}`;
          sourceIds.set(pool.lb, sid);
          belongs(addNode('source_range', sid, [w.sourceRange, source.cidr, pool.lb.name]), pool.lb);
        }
        const mc = memberContext(index, pool.lb, member);
        let status: TrafficStatus = 'allowed';
        const parts: string[] = [];
        for (const t of traffic) {
          parts.push(t.icmpProbe ? w.ping : `${t.protocol.toUpperCase()} ${t.port}`);
          if (!mc) {
            status = 'unknown';
            continue;
          }
          const tr: Traffic = { direction: 'ingress', protocol: t.protocol, peer: mc.source.range };
          if (t.port !== undefined) tr.port = t.port;
          const v = index.admits(mc.server, tr);
          if (v.kind === 'blocked') status = 'blocked';
          else if (v.kind === 'unknown' && status !== 'blocked') status = 'unknown';
        }
        addEdge('elb_traffic', sid, ids.get(member)!, { label: [...new Set(parts)].join(', '), status });
      }
    }
  }

  // Paint the findings: each on the innermost object holding its span; its related locations
  // mark the objects they point at.
  const placer = new Placer([...nodes, ...shared], names);
  const unplaced: GraphFinding[] = [];
  const placedOn = new Map<GraphFinding, GraphNode>();
  for (const f of input.findings) {
    const gf = toGraphFinding(f);
    const node = placer.place(f.path, f.span, f.message);
    if (node) {
      placedOn.set(gf, node);
      node.findings.push(gf);
      node.severity = worse(node.severity, f.severity);
    } else unplaced.push(gf);
    const seen = new Set<GraphNode>();
    for (const r of f.related) {
      const rn = placer.place(r.path, r.span, r.message);
      if (!rn || rn === node || seen.has(rn)) continue;
      seen.add(rn);
      rn.related.push(gf);
      rn.relatedSeverity = worse(rn.relatedSeverity, f.severity);
    }
  }
  for (const canon of shared) {
    const list = copies.get(canon);
    if (list) {
      for (const c of list) {
        // Findings on the object itself concern every copy; findings elsewhere that point at it
        // concern the copy of their own load balancer.
        c.findings = canon.findings;
        if (canon.severity) c.severity = canon.severity;
        const li = lbOf.get(c);
        c.related = canon.related.filter((gf) => {
          const on = placedOn.get(gf);
          const fromLb = on && lbOf.get(on);
          return fromLb === undefined || fromLb === li;
        });
        for (const gf of c.related) c.relatedSeverity = worse(c.relatedSeverity, gf.severity);
      }
    } else if (canon.findings.length || canon.related.length) nodes.push(canon);
  }
  return { nodes, edges, unplaced };
}
