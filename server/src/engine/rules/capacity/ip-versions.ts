import type { ModelIndex } from '../../model/indexes';
import type { Locale } from '../../types';
import type { LoadBalancer, Member, Origin, Subnet } from '../../model/types';
import { parseRange } from '../../network/cidr';

/** Facts about IPv4/IPv6 shared by the address rules (ELB602–ELB605, ELB610). */

/** 4 or 6 for an address, `undefined` when it is not one. */
export function ipVersion(address: string | undefined): 4 | 6 | undefined {
  if (!address) return undefined;
  const r = parseRange(address);
  return r && r.lo === r.hi ? r.family : undefined;
}

/**
 * Whether IPv6 is on in a subnet: `ipv6_enable`, or an `ipv6_cidr` (only an IPv6 subnet has one).
 * Absent `ipv6_enable` reads as the API default, off (formats.md §2.3, TF `vpc_subnet`).
 */
export function subnetIpv6(s: Subnet): { on: boolean; given: boolean } {
  if (s.ipv6_enable === true || s.ipv6_cidr) return { on: true, given: true };
  return { on: false, given: s.ipv6_enable === false };
}

export interface Ipv6Address {
  at: Origin;
  field: string;
  /** What gives the load balancer an IPv6 address, for messages. */
  what: 'ipv6_vip_subnet' | 'ipv6_vip_address' | 'eip';
  text: string;
}

/** Everything that gives a load balancer an IPv6 address: IPv6 frontend subnet or address, IPv6 EIPs. */
export function ipv6AddressesOf(lb: LoadBalancer): Ipv6Address[] {
  const out: Ipv6Address[] = [];
  if (lb.ipv6_vip_subnet) out.push({ at: lb.$, field: 'ipv6_vip_subnet', what: 'ipv6_vip_subnet', text: lb.ipv6_vip_subnet.name });
  if (lb.ipv6_vip_address) out.push({ at: lb.$, field: 'ipv6_vip_address', what: 'ipv6_vip_address', text: lb.ipv6_vip_address });
  for (const e of lb.eips ?? []) {
    if (ipVersion(e.address) === 6) out.push({ at: e.$, field: 'address', what: 'eip', text: e.address! });
  }
  return out;
}

/** Whether a load balancer is dual stack (has an IPv6 address). */
export function hasIpv6(lb: LoadBalancer): boolean {
  return ipv6AddressesOf(lb).length > 0;
}

/**
 * The IP version a member is added with: its `address`; for a member named by server, the
 * server's IPv4 address when it has one, else its IPv6 address. `undefined` when unknown.
 */
export function memberVersion(index: ModelIndex, m: Member): 4 | 6 | undefined {
  if (m.address !== undefined) return ipVersion(m.address);
  const s = index.serverOf(m);
  if (!s) return undefined;
  if (s.address) return ipVersion(s.address);
  return ipVersion(s.ipv6_address);
}

/**
 * The backend subnets of a dedicated load balancer: `backend_subnets`, else (API default) the IPv6
 * frontend subnet, else the IPv4 frontend subnet. `undefined` when a named subnet is not defined.
 */
export function backendSubnetsOf(lb: LoadBalancer): { subnets: Subnet[]; explicit: boolean } | undefined {
  if (lb.backend_subnets && lb.backend_subnets.length > 0) {
    const out: Subnet[] = [];
    for (const r of lb.backend_subnets) {
      if (!r.target) return undefined;
      out.push(r.target);
    }
    return { subnets: out, explicit: true };
  }
  const implicit = lb.ipv6_vip_subnet ?? lb.vip_subnet;
  if (!implicit) return undefined;
  return implicit.target ? { subnets: [implicit.target], explicit: false } : undefined;
}

/** `ipv6_vip_subnet`: name, `eips`: address, ... for messages. */
export function ipv6List(list: Ipv6Address[]): string {
  return list.map((a) => `\`${a.what === 'eip' ? 'eips' : a.what}\`: ${a.text}`).join(', ');
}

/** Said when `ipv6_enable` is absent and read as the default (off). */
export function unsetNote(locale: Locale): string {
  return locale === 'zh-cn' ? '（未填写 `ipv6_enable`，默认关闭）' : ' (`ipv6_enable` not set: off by default)';
}
