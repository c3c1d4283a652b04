import type { AclRule, NetworkAcl } from '../model/types';
import { ANY_V4, ANY_V6, containsRange, parseRange, subtract, type AddrRange, type Intervals } from './cidr';
import { parsePortList, portSetHas, type PortSet } from './ports';

/**
 * Network ACL evaluation (VPC API v3 firewall rules, formats.md §1.11).
 *
 * An ACL bound to a subnet filters packets that enter (inbound rules) and leave (outbound rules)
 * the subnet. The rules of one direction are matched in the order they are listed: the first rule
 * that matches a packet decides, and a packet that no rule matches is dropped by the ACL's default
 * deny rule (FAQ 3.1, 3.2: "网络ACL默认规则会拒绝所有入站和出站流量").
 *
 * Traffic is described from the subnet's point of view: `local` is the address inside the subnet
 * (the destination of an inbound packet, the source of an outbound one), `peer` the range on the
 * other side, every address of which must be let through.
 */

export type AclDirection = 'inbound' | 'outbound';

export interface AclTraffic {
  direction: AclDirection;
  protocol: 'tcp' | 'udp' | 'icmp';
  /** The far side: the sources of inbound packets, the destinations of outbound ones. Every address must pass. */
  peer: AddrRange;
  /** The address inside the subnet (inbound: destination, outbound: source); `undefined` when unknown. */
  local?: AddrRange;
  /** The port inside the subnet (inbound: destination port, outbound: source port); tcp/udp only. */
  localPort?: number;
  /**
   * The ports the peer may use on its side (the source port ELB picks for a connection, the port a
   * reply goes back to); tcp/udp only. A rule's port condition on the peer side matches when it is
   * absent, covers this whole range, or names `localPort` itself (the reading of FAQ 3.1 table 3-3,
   * which asks for "the health check port" in both directions).
   */
  peerPorts?: [number, number];
}

export type AclVerdict =
  | { kind: 'allowed' }
  | { kind: 'unknown' }
  /** Part or all of the peer range is dropped. `deniedBy` is the first deny rule that decided, if any. */
  | { kind: 'blocked'; deniedBy?: AclRule; deniedIndex?: number; partlyAllowed: boolean };

const PROTOCOL_NUMBERS: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

function ruleProtocol(r: AclRule): string {
  const p = (r.protocol ?? 'any').trim().toLowerCase();
  if (p === '' || p === 'all' || p === '-1') return 'any';
  return PROTOCOL_NUMBERS[p] ?? p;
}

function protocolMatches(r: AclRule, t: AclTraffic): boolean {
  const p = ruleProtocol(r);
  if (p === 'any') return true;
  if (t.protocol === 'icmp') return t.peer.family === 4 ? p === 'icmp' : p === 'icmpv6';
  return p === t.protocol;
}

/** The family a rule applies to: `ip_version`, else its addresses, else IPv4; `undefined` when unreadable. */
function ruleFamily(r: AclRule): 4 | 6 | undefined {
  if (r.ip_version === 6) return 6;
  if (r.ip_version === 4) return 4;
  if (r.ip_version !== undefined) return undefined;
  for (const a of [r.source_ip_address, r.destination_ip_address]) {
    if (a === undefined || a.trim() === '') continue;
    const range = parseRange(a);
    if (!range) return undefined;
    return range.family;
  }
  return 4;
}

function ports(text: string | undefined): PortSet | undefined {
  if (text === undefined) return 'all';
  return parsePortList(text);
}

function coversRange(set: PortSet, lo: number, hi: number): boolean {
  if (set === 'all') return true;
  const sorted = [...set].sort((a, b) => a[0] - b[0]);
  let next = lo; // the lowest port not yet shown to be covered
  for (const [a, b] of sorted) {
    if (b < next) continue;
    if (a > next) return false;
    next = b + 1;
    if (next > hi) return true;
  }
  return false;
}

/** Whether a rule's port conditions match the traffic; `undefined` when a port list cannot be read. */
function portsMatch(r: AclRule, t: AclTraffic): boolean | undefined {
  if (t.protocol === 'icmp') return true;
  const localText = t.direction === 'inbound' ? r.destination_port : r.source_port;
  const peerText = t.direction === 'inbound' ? r.source_port : r.destination_port;
  const local = ports(localText);
  const peer = ports(peerText);
  if (local === undefined || peer === undefined) return undefined;
  const localOk = t.localPort === undefined ? local === 'all' : portSetHas(local, t.localPort);
  if (!localOk) return false;
  if (peer === 'all') return true;
  if (t.peerPorts && coversRange(peer, t.peerPorts[0], t.peerPorts[1])) return true;
  return t.localPort !== undefined && portSetHas(peer, t.localPort);
}

/** The rule's address on the peer side as a range, `undefined` when unreadable. */
function rulePeer(r: AclRule, t: AclTraffic): AddrRange | undefined {
  const text = t.direction === 'inbound' ? r.source_ip_address : r.destination_ip_address;
  if (text === undefined || text.trim() === '') return t.peer.family === 4 ? ANY_V4 : ANY_V6;
  return parseRange(text) ?? undefined;
}

/** Whether the rule's address on the local side holds the local address; `undefined` when it cannot tell. */
function localMatches(r: AclRule, t: AclTraffic): boolean | undefined {
  const text = t.direction === 'inbound' ? r.destination_ip_address : r.source_ip_address;
  if (text === undefined || text.trim() === '') return true;
  const range = parseRange(text);
  if (!range) return undefined;
  if (range.family !== t.peer.family) return false;
  if (range.lo === 0n && range.hi === (range.family === 4 ? ANY_V4.hi : ANY_V6.hi)) return true;
  if (!t.local) return undefined;
  return containsRange(range, t.local);
}

/** The rules of one direction of an ACL; `undefined` when the input does not list them. */
export function aclRules(acl: NetworkAcl, direction: AclDirection): AclRule[] | undefined {
  return direction === 'inbound' ? acl.inbound_rules : acl.outbound_rules;
}

/**
 * Decide whether the rules of one direction let `traffic` through for every address of its peer
 * range. `rules` undefined (not listed) gives `unknown`; an empty list drops everything.
 * A rule that would match but cannot be read (bad address, bad port list, no action) makes the
 * verdict unknown, unless earlier rules already decided every address.
 */
export function evaluateAcl(rules: readonly AclRule[] | undefined, traffic: AclTraffic): AclVerdict {
  if (!rules) return { kind: 'unknown' };
  let undecided: Intervals = [[traffic.peer.lo, traffic.peer.hi]];
  let allowedAny = false;
  let deniedBy: AclRule | undefined;
  let deniedIndex: number | undefined;
  for (let i = 0; i < rules.length; i++) {
    if (undecided.length === 0) break;
    const r = rules[i]!;
    if (r.enabled === false) continue;
    const family = ruleFamily(r);
    if (family === undefined) return { kind: 'unknown' };
    if (family !== traffic.peer.family) continue;
    if (!protocolMatches(r, traffic)) continue;
    const pm = portsMatch(r, traffic);
    if (pm === undefined) return { kind: 'unknown' };
    if (!pm) continue;
    const lm = localMatches(r, traffic);
    if (lm === undefined) return { kind: 'unknown' };
    if (!lm) continue;
    const remote = rulePeer(r, traffic);
    if (!remote) return { kind: 'unknown' };
    if (remote.family !== traffic.peer.family) continue;
    const { rest, taken } = subtract(undecided, remote.lo, remote.hi);
    if (taken.length === 0) continue;
    const action = r.action?.trim().toLowerCase();
    if (action !== 'allow' && action !== 'deny') return { kind: 'unknown' };
    undecided = rest;
    if (action === 'deny') {
      if (!deniedBy) {
        deniedBy = r;
        deniedIndex = i;
      }
    } else allowedAny = true;
  }
  if (!deniedBy && undecided.length === 0) return { kind: 'allowed' };
  return { kind: 'blocked', deniedBy, deniedIndex, partlyAllowed: allowedAny };
}
