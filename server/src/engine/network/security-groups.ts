import type { SecurityGroup, SecurityGroupRule } from '../model/types';
import { ANY_V4, ANY_V6, parseRange, subtract, type AddrRange, type Intervals } from './cidr';
import { parsePortList, portSetHas, type PortSet } from './ports';

export type Transport = 'tcp' | 'udp' | 'icmp';

/** Traffic whose admission we ask about: from (ingress) or to (egress) every address of `peer`. */
export interface Traffic {
  direction: 'ingress' | 'egress';
  protocol: Transport;
  /** Destination port for tcp/udp; absent for ICMP echo. */
  port?: number;
  peer: AddrRange;
}

export type Verdict =
  | { kind: 'allowed' }
  | { kind: 'unknown' }
  /** Part or all of the peer range is refused. `deniedBy` is the deny rule that decided first, if any. */
  | { kind: 'blocked'; deniedBy?: SecurityGroupRule; partlyAllowed: boolean };

const PROTOCOL_NUMBERS: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

function ruleProtocol(r: SecurityGroupRule): string {
  const p = (r.protocol ?? 'any').toLowerCase();
  return PROTOCOL_NUMBERS[p] ?? p;
}

function protocolMatches(r: SecurityGroupRule, t: Traffic): boolean {
  const p = ruleProtocol(r);
  if (p === 'any' || p === '' || p === '-1') return true;
  if (t.protocol === 'icmp') return t.peer.family === 4 ? p === 'icmp' : p === 'icmpv6';
  return p === t.protocol;
}

/** The ports a tcp/udp rule admits; `undefined` when they cannot be read. */
function rulePorts(r: SecurityGroupRule): PortSet | undefined {
  if (r.multiport !== undefined) return parsePortList(r.multiport);
  if (r.port_range_min === undefined && r.port_range_max === undefined) return 'all';
  const lo = r.port_range_min ?? r.port_range_max!;
  const hi = r.port_range_max ?? lo;
  return [[lo, hi]];
}

function portMatches(r: SecurityGroupRule, t: Traffic): boolean | undefined {
  const p = ruleProtocol(r);
  if (p === 'any' || p === '' || p === '-1') return true;
  if (t.protocol === 'icmp') {
    // For ICMP rules the "port" fields hold the ICMP type and code; echo request is type 8 (v4) / 128 (v6).
    const echo = t.peer.family === 4 ? 8 : 128;
    return r.port_range_min === undefined || r.port_range_min === echo;
  }
  const set = rulePorts(r);
  if (!set) return undefined;
  return t.port === undefined ? set === 'all' : portSetHas(set, t.port);
}

/** The source (ingress) or destination (egress) range of a rule, as seen for ELB traffic. */
function ruleRemote(r: SecurityGroupRule, family: 4 | 6): AddrRange | 'none' | undefined {
  // A remote security group admits members of that group; ELB's own addresses are never in one.
  if (r.remote_group) return 'none';
  if (r.remote_ip_prefix === undefined || r.remote_ip_prefix === '') return family === 4 ? ANY_V4 : ANY_V6;
  return parseRange(r.remote_ip_prefix) ?? undefined;
}

function ruleFamily(r: SecurityGroupRule): 4 | 6 | undefined {
  if (r.ethertype) return r.ethertype.toLowerCase() === 'ipv6' ? 6 : 4;
  if (r.remote_ip_prefix) return parseRange(r.remote_ip_prefix)?.family;
  return 4;
}

/** Every rule of a set of groups, in the order the platform decides: priority (1 first), deny before allow. */
export function orderedRules(groups: readonly SecurityGroup[]): SecurityGroupRule[] | undefined {
  const all: SecurityGroupRule[] = [];
  for (const g of groups) {
    if (!g.rules) return undefined;
    for (const r of g.rules) all.push(r);
  }
  return all.sort((a, b) => {
    const pa = a.priority ?? 1;
    const pb = b.priority ?? 1;
    if (pa !== pb) return pa - pb;
    const da = (a.action ?? 'allow') === 'deny' ? 0 : 1;
    const db = (b.action ?? 'allow') === 'deny' ? 0 : 1;
    return da - db;
  });
}

/**
 * Decide whether the rules of all `groups` together admit `traffic` from/to every address of its
 * peer range. Rules are matched in priority order (1 is highest; at equal priority deny wins);
 * traffic that no rule matches is refused. A group whose rules are unknown makes the verdict unknown.
 */
export function evaluate(groups: readonly SecurityGroup[], traffic: Traffic, ordered?: SecurityGroupRule[]): Verdict {
  const rules = ordered ?? orderedRules(groups);
  if (!rules) return { kind: 'unknown' };
  let undecided: Intervals = [[traffic.peer.lo, traffic.peer.hi]];
  let allowedAny = false;
  let deniedBy: SecurityGroupRule | undefined;
  for (const r of rules) {
    if (undecided.length === 0) break;
    if (r.enabled === false) continue;
    if ((r.direction ?? 'ingress') !== traffic.direction) continue;
    const family = ruleFamily(r);
    if (family === undefined) return { kind: 'unknown' };
    if (family !== traffic.peer.family) continue;
    if (!protocolMatches(r, traffic)) continue;
    const pm = portMatches(r, traffic);
    if (pm === undefined) return { kind: 'unknown' };
    if (!pm) continue;
    const remote = ruleRemote(r, traffic.peer.family);
    if (remote === undefined) return { kind: 'unknown' };
    if (remote === 'none' || remote.family !== traffic.peer.family) continue;
    const { rest, taken } = subtract(undecided, remote.lo, remote.hi);
    if (taken.length === 0) continue;
    undecided = rest;
    if ((r.action ?? 'allow') === 'deny') deniedBy ??= r;
    else allowedAny = true;
  }
  if (!deniedBy && undecided.length === 0) return { kind: 'allowed' };
  return { kind: 'blocked', deniedBy, partlyAllowed: allowedAny };
}

/** Whether a group set lists custom egress rules (anything but the default allow-all egress). */
export function hasCustomEgress(groups: readonly SecurityGroup[]): boolean | undefined {
  for (const g of groups) {
    if (!g.rules) return undefined;
    for (const r of g.rules) {
      if ((r.direction ?? 'ingress') !== 'egress') continue;
      const allowAll = (r.action ?? 'allow') === 'allow' && ruleProtocol(r) === 'any' && (!r.remote_ip_prefix || r.remote_ip_prefix === '0.0.0.0/0' || r.remote_ip_prefix === '::/0') && !r.remote_group;
      if (!allowAll) return true;
    }
  }
  return false;
}
