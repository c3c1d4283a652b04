import type { ModelIndex } from '../../model/indexes';
import type { Listener, LoadBalancer, Member, Model, Pool, Vpc } from '../../model/types';
import { containsRange, parseRange, type AddrRange } from '../../network/cidr';
import type { Locale } from '../../types';

/**
 * Facts about pool members shared by ELB403–ELB418: which VPC a member and a load balancer are
 * in, which address a member has, whether transparent client IP is in effect on a listener, and
 * whether member weights count. Every function answers `undefined` when the input does not tell.
 */

/** The VPC of a load balancer: its `vpc`, else the VPC of its frontend or backend subnets. */
export function lbVpc(lb: LoadBalancer): Vpc | undefined {
  return lb.vpc?.target ?? lb.vip_subnet?.target?.vpc ?? lb.ipv6_vip_subnet?.target?.vpc ?? lb.backend_subnets?.[0]?.target?.vpc;
}

/**
 * The VPC a member that is not an IP-type member sits in: the VPC of its own `subnet`, else of
 * its server's subnet. `undefined` when neither is given.
 */
export function memberVpc(index: ModelIndex, m: Member): Vpc | undefined {
  return m.subnet?.target?.vpc ?? index.serverOf(m)?.subnet?.target?.vpc;
}

/** The addresses a member is reached at: its own `address`, else its server's addresses. */
export function memberAddresses(index: ModelIndex, m: Member): string[] {
  if (m.address !== undefined) return [m.address];
  const s = index.serverOf(m);
  const out: string[] = [];
  if (s?.address) out.push(s.address);
  if (s?.ipv6_address) out.push(s.ipv6_address);
  return out;
}

/** A single address (or a /32, /128 CIDR) as a comparable key, `undefined` for ranges and junk. */
export function addressKey(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const r = parseRange(text);
  if (!r || r.lo !== r.hi) return undefined;
  return `${r.family}:${r.lo}`;
}

/** Whether `address` lies in `cidr`; `undefined` when either cannot be read. */
export function inCidr(address: string | undefined, cidr: string | undefined): boolean | undefined {
  if (address === undefined || cidr === undefined) return undefined;
  const a = parseRange(address);
  const c = parseRange(cidr);
  if (!a || !c) return undefined;
  return containsRange(c, a);
}

/** Declared VPCs whose CIDR holds an address. */
export function vpcsHolding(model: Model, address: AddrRange): Vpc[] {
  return model.vpcs.filter((v) => {
    const c = v.cidr === undefined ? null : parseRange(v.cidr);
    return c !== null && containsRange(c, address);
  });
}

/**
 * Whether a listener passes the client's own address to the members (获取客户端IP in effect):
 * TCP/UDP listeners only (TLS is source-NATed like L7, FAQ 2.11, 5.10); shared: when
 * `transparent_client_ip_enable` is on (default off); dedicated: always, unless the load balancer
 * has `ip_target_enable` on, which switches to FullNAT (FAQ 2.3, 4.5 note, 4.9), or the listener
 * uses NAT64, which the API does not combine with transparent client IP.
 */
export function transparentClientIp(l: Listener): boolean | undefined {
  if (l.protocol !== 'TCP' && l.protocol !== 'UDP') return l.protocol === undefined ? undefined : false;
  if (l.lb.type === 'shared') return l.transparent_client_ip_enable === true;
  return l.lb.ip_target_enable !== true && l.nat64_enable !== true;
}

/** Algorithms under which the API ignores member weights [API fact, formats.md §1.4]. */
const WEIGHTLESS = new Set(['SOURCE_IP', 'QUIC_CID']);

/**
 * Whether member weights decide where traffic goes in this pool. Not with the SOURCE_IP or
 * QUIC_CID algorithm (the API ignores weights there), nor for a QUIC pool whose algorithm is not
 * given (a QUIC pool uses QUIC_CID).
 */
export function weightsCount(pool: Pool, algorithm = pool.lb_algorithm): boolean {
  if (algorithm !== undefined) return !WEIGHTLESS.has(algorithm);
  return pool.protocol !== 'QUIC';
}

/** A member's weight as the API takes it: the default is 1. */
export function weightOf(m: Member): number {
  return m.weight ?? 1;
}

/** Whether a pool has a member with weight 0 (findings of ELB407/ELB408 when weights count). */
export function hasZeroWeight(pool: Pool): boolean {
  return pool.members.some((m) => weightOf(m) === 0);
}

/** Whether a server is a database instance (ELB416). */
export function isDatabase(index: ModelIndex, m: Member): boolean {
  return index.serverOf(m)?.server_kind === 'database';
}

/** "`a`, `b`" or "`a`、`b`". */
export function nameList(names: string[], locale: Locale): string {
  return names.map((n) => '`' + n + '`').join(locale === 'zh-cn' ? '、' : ', ');
}

/** The field to point at for a member: its `server`, else its `address`. */
export function memberField(m: Member): 'server' | 'address' {
  return m.server ? 'server' : 'address';
}

/** How a member is named in messages: its server's name, else its address. */
export function memberName(m: Member): string {
  return m.server?.name ?? m.address ?? m.name;
}
