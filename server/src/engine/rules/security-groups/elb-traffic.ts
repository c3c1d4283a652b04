import { lbTypeName } from '../../i18n/kinds';
import type { ModelIndex, SourceRange } from '../../model/indexes';
import type { HealthMonitor, Listener, LoadBalancer, Member, Pool, SecurityGroup, Server } from '../../model/types';
import { SHARED_ALT_SOURCE_CIDR, SHARED_SOURCE_CIDR, checkTransport, poolTransport } from '../../model/indexes';
import { parseRange } from '../../network/cidr';
import { evaluate, orderedRules, type Traffic, type Verdict } from '../../network/security-groups';
import type { Locale } from '../../types';
import type { Change, Data, FixSpec, RelatedSpec } from '../rule';

/** What a security-group rule needs to know about one member: its server, groups and ELB's range. */
export interface MemberContext {
  member: Member;
  server: Server;
  groups: SecurityGroup[];
  source: SourceRange;
}

/** The member's server, security groups and the ELB source range, when the input gives them all. */
export function memberContext(index: ModelIndex, lb: LoadBalancer, member: Member): MemberContext | undefined {
  const server = index.serverOf(member);
  if (!server) return undefined;
  const groups = index.groupsOf(server);
  if (!groups || groups.length === 0) return undefined;
  if (groups.some((g) => !g.rules)) return undefined;
  const source = index.sourceRange(lb);
  if (!source) return undefined;
  if (source.range.family !== 4) return undefined;
  return { member, server, groups, source };
}

/** The rule to add so that `traffic` is admitted: highest priority, allow, exactly the range. */
export function ingressRuleFor(traffic: Traffic, ethertype: 'IPv4' | 'IPv6'): Record<string, unknown> {
  const r: Record<string, unknown> = { direction: traffic.direction, ethertype, protocol: traffic.protocol === 'icmp' ? (ethertype === 'IPv4' ? 'icmp' : 'icmpv6') : traffic.protocol };
  if (traffic.port !== undefined) {
    r.port_range_min = traffic.port;
    r.port_range_max = traffic.port;
  }
  r.remote_ip_prefix = traffic.peer.text;
  r.action = 'allow';
  r.priority = 1;
  return r;
}

/**
 * A fix that appends the missing rule to the server's first security group, offered only when
 * that rule would really admit the traffic (a deny rule at priority 1 would still win).
 */
export function addRuleFix(ctx: MemberContext, traffic: Traffic, messageId: string, data: Data): FixSpec | undefined {
  const target = ctx.groups[0]!;
  const rule = ingressRuleFor(traffic, 'IPv4');
  const simulated: SecurityGroup = {
    ...target,
    rules: [
      ...(target.rules ?? []),
      {
        $: target.$, group: target, direction: traffic.direction, ethertype: 'IPv4', protocol: rule.protocol as string,
        port_range_min: traffic.port, port_range_max: traffic.port, remote_ip_prefix: traffic.peer.text, action: 'allow', priority: 1,
      },
    ],
  };
  const groups = ctx.groups.map((g) => (g === target ? simulated : g));
  const ordered = orderedRules(groups);
  if (!ordered || evaluate(groups, traffic, ordered).kind !== 'allowed') return undefined;
  const change: Change = { op: 'append', at: target.$, path: 'rules', value: rule };
  // Shared load balancers also use 214.0.0.0/8 where 100.125.0.0/16 ran out (FAQ 7.4, ELB106):
  // a rule for the main range alone would leave that gap, so the fix admits both.
  const alt: Traffic = { ...traffic, peer: parseRange(SHARED_ALT_SOURCE_CIDR)! };
  if (ctx.source.from === 'shared' && traffic.direction === 'ingress' && traffic.peer.text === SHARED_SOURCE_CIDR && evaluate(groups, alt, ordered).kind !== 'allowed') {
    const altRule = ingressRuleFor(alt, 'IPv4');
    simulated.rules!.push({ ...simulated.rules![simulated.rules!.length - 1]!, remote_ip_prefix: SHARED_ALT_SOURCE_CIDR });
    const both = orderedRules(groups);
    if (!both || evaluate(groups, alt, both).kind !== 'allowed') return undefined;
    const changes: Change[] = [{ op: 'append', at: target.$, path: 'rules', value: [rule, altRule] }];
    return { messageId, data: { ...data, cidr: `${traffic.peer.text}, ${SHARED_ALT_SOURCE_CIDR}`, group: target.name }, changes, preferred: true };
  }
  return { messageId, data: { ...data, group: target.name }, changes: [change], preferred: true };
}

/** Facts every security-group message names. */
export function verdictData(ctx: MemberContext, verdict: Verdict, locale: Locale, lb: LoadBalancer): Data {
  const data: Data = {
    server: ctx.server.name,
    groups: ctx.groups.map((g) => '`' + g.name + '`').join(locale === 'zh-cn' ? '、' : ', '),
    cidr: ctx.source.cidr,
    lbType: lbTypeName(lb.type, locale),
  };
  if (verdict.kind === 'blocked' && verdict.deniedBy) {
    data.denyGroup = verdict.deniedBy.group.name;
    data.denyPriority = verdict.deniedBy.priority ?? 1;
  }
  return data;
}

export function messageFor(verdict: Verdict): 'denied' | 'partial' | 'default' {
  if (verdict.kind !== 'blocked') return 'default';
  if (verdict.deniedBy) return 'denied';
  return verdict.partlyAllowed ? 'partial' : 'default';
}

/** Related locations: the server's groups (and the deny rule that decided, when one did). */
export function groupRelated(ctx: MemberContext, verdict: Verdict): RelatedSpec[] {
  const out: RelatedSpec[] = ctx.groups.map((g) => ({ at: g.$, messageId: 'relatedGroup', data: { group: g.name, server: ctx.server.name } }));
  if (verdict.kind === 'blocked' && verdict.deniedBy) out.unshift({ at: verdict.deniedBy.$, messageId: 'relatedDeny', data: { group: verdict.deniedBy.group.name } });
  return out;
}

/**
 * Whether the members of a listener see ELB's addresses as the source of forwarded traffic
 * (source NAT), as opposed to the client's own address (FAQ 2.2 note, 2.5 note, 3.1 note, 7.8 note).
 * `undefined` when the input does not tell.
 */
export function forwardsFromElbRange(lb: LoadBalancer, l: Listener): boolean | undefined {
  switch (l.protocol) {
    case 'HTTP':
    case 'HTTPS':
    case 'QUIC':
    case 'TLS':
      return true;
    case 'TCP':
    case 'UDP':
      if (lb.type === 'shared') return l.transparent_client_ip_enable !== true;
      return lb.ip_target_enable === true;
    default:
      return undefined;
  }
}

/** The port a health check probes on a member: `monitor_port`, else the member's port (0 = none). */
export function checkPort(hm: HealthMonitor, member: Member): number | undefined {
  const port = hm.monitor_port ?? member.protocol_port;
  return port === undefined || port === 0 ? undefined : port;
}

/** One kind of traffic ELB sends to a member from its source range. */
export interface ElbTraffic {
  protocol: 'tcp' | 'udp' | 'icmp';
  port?: number;
  /** Health-check traffic (never exempt from security groups or ACLs). */
  check: boolean;
  /** The ICMP echo a UDP check sends first (FAQ 3.4). */
  icmpProbe: boolean;
  /** Listeners whose forwarded traffic comes from the ELB range to this port. */
  listeners: Listener[];
}

/**
 * Everything ELB sends a member from its own range: the health check (and the ping of a UDP
 * check), and traffic forwarded with source NAT; merged where check and forwarding coincide.
 */
export function elbTrafficTo(index: ModelIndex, pool: Pool, member: Member): ElbTraffic[] {
  const out: ElbTraffic[] = [];
  const hm = pool.healthmonitor;
  if (hm && hm.admin_state_up !== false) {
    const t = checkTransport(hm.type);
    const port = checkPort(hm, member);
    if (t && port !== undefined) out.push({ protocol: t, port, check: true, icmpProbe: false, listeners: [] });
    if (hm.type === 'UDP_CONNECT') out.push({ protocol: 'icmp', check: true, icmpProbe: true, listeners: [] });
  }
  const listeners = index.listenersOf(pool).filter((l) => forwardsFromElbRange(pool.lb, l) === true);
  const t = poolTransport(pool.protocol);
  if (listeners.length > 0 && t && member.protocol_port !== undefined && member.protocol_port !== 0) {
    const same = out.find((n) => n.protocol === t && n.port === member.protocol_port);
    if (same) same.listeners = listeners;
    else out.push({ protocol: t, port: member.protocol_port, check: false, icmpProbe: false, listeners });
  }
  return out;
}
