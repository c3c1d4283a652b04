import { parseRange, type AddrRange } from '../network/cidr';
import { evaluate, orderedRules, type Traffic, type Verdict } from '../network/security-groups';
import type { Listener, LoadBalancer, Member, Model, Pool, SecurityGroup, SecurityGroupRule, Server, Subnet } from './types';

/** The address ELB uses toward backends of a shared load balancer (FAQ 2.2, 7.4). */
export const SHARED_SOURCE_CIDR = '100.125.0.0/16';
/** The range some regions use instead (FAQ 7.4). */
export const SHARED_ALT_SOURCE_CIDR = '214.0.0.0/8';

export type Layer = 'L4' | 'L7';

export function listenerLayer(p: Listener['protocol']): Layer | undefined {
  if (p === 'TCP' || p === 'UDP' || p === 'TLS') return 'L4';
  if (p === 'HTTP' || p === 'HTTPS' || p === 'QUIC') return 'L7';
  return undefined;
}

/** Transport protocol that carries a pool's traffic to its members. */
export function poolTransport(p: Pool['protocol']): 'tcp' | 'udp' | undefined {
  if (p === 'UDP' || p === 'QUIC') return 'udp';
  if (p === undefined) return undefined;
  return 'tcp';
}

/** Transport protocol of a health check type. */
export function checkTransport(type: string | undefined): 'tcp' | 'udp' | undefined {
  if (type === undefined) return undefined;
  if (type === 'UDP_CONNECT') return 'udp';
  if (['TCP', 'HTTP', 'HTTPS', 'TLS', 'GRPC'].includes(type)) return 'tcp';
  return undefined;
}

export interface SourceRange {
  cidr: string;
  range: AddrRange;
  /** Where the range comes from: the shared constant, or the VPC holding the backend subnet. */
  from: 'shared' | { vpcName: string };
  /**
   * Dedicated: the ranges of the backend subnets ELB really takes its addresses from (FAQ 5.3),
   * when the input gives them all. A security group that admits every one of them is enough, even
   * if it does not admit the whole VPC range the FAQ recommends.
   */
  subnets?: AddrRange[];
}

/**
 * Facts derived once per lint from the model, indexed so that rules never scan members × rules:
 * which listeners feed a pool, which server a member is, what range ELB uses toward backends, and
 * memoised security-group verdicts.
 */
export class ModelIndex {
  private readonly listenersByPool = new Map<Pool, Listener[]>();
  private readonly serversByAddress = new Map<string, Server[]>();
  private readonly verdicts = new Map<string, Verdict>();
  private readonly groupKeys = new WeakMap<Server, string>();
  private readonly ordered = new Map<string, SecurityGroupRule[] | undefined>();
  private readonly groupIds = new Map<SecurityGroup, number>();

  constructor(readonly model: Model) {
    model.securityGroups.forEach((g, i) => this.groupIds.set(g, i));
    for (const l of model.listeners) {
      // poolsOf() lists each pool once per listener, so a listener is pushed once per pool.
      for (const p of this.poolsOf(l)) {
        const list = this.listenersByPool.get(p);
        if (list) list.push(l);
        else this.listenersByPool.set(p, [l]);
      }
    }
    for (const s of model.servers) {
      for (const a of [s.address, s.ipv6_address]) {
        if (!a) continue;
        const list = this.serversByAddress.get(a);
        if (list) list.push(s);
        else this.serversByAddress.set(a, [s]);
      }
    }
  }

  /** Pools a listener forwards to: its default pool and its forwarding policies' pools. */
  poolsOf(l: Listener): Pool[] {
    const out: Pool[] = [];
    if (l.default_pool?.target) out.push(l.default_pool.target);
    for (const pol of l.l7policies) {
      const t = pol.redirect_pool?.target;
      if (t && !out.includes(t)) out.push(t);
    }
    return out;
  }

  /** Listeners that forward to a pool. */
  listenersOf(p: Pool): Listener[] {
    return this.listenersByPool.get(p) ?? [];
  }

  /** The server a member is: the one it names, else the only server with its address. */
  serverOf(m: Member): Server | undefined {
    if (m.server) return m.server.target;
    if (!m.address) return undefined;
    const list = this.serversByAddress.get(m.address);
    return list && list.length === 1 ? list[0] : undefined;
  }

  /** A member added by IP address only (no server and no subnet): an IP-type backend (FAQ 2.3). */
  isIpTypeMember(m: Member): boolean {
    return !m.server && !m.subnet && m.address !== undefined;
  }

  /** The VPC holding a dedicated load balancer's backend subnet (FAQ 2.2, 3.1, 4.9). */
  backendSubnet(lb: LoadBalancer): Subnet | undefined {
    return lb.backend_subnets?.[0]?.target ?? lb.vip_subnet?.target ?? lb.ipv6_vip_subnet?.target;
  }

  /** The ELB source range toward backends, or `undefined` when the input does not tell it. */
  sourceRange(lb: LoadBalancer): SourceRange | undefined {
    if (lb.type === 'shared') return { cidr: SHARED_SOURCE_CIDR, range: parseRange(SHARED_SOURCE_CIDR)!, from: 'shared' };
    const vpc = this.backendSubnet(lb)?.vpc ?? lb.vpc?.target;
    if (!vpc?.cidr) return undefined;
    const range = parseRange(vpc.cidr);
    if (!range) return undefined;
    const out: SourceRange = { cidr: vpc.cidr, range, from: { vpcName: vpc.name } };
    const subnets = this.backendRanges(lb);
    if (subnets) out.subnets = subnets;
    return out;
  }

  /**
   * The IPv4 ranges of a dedicated load balancer's backend subnets: those listed, else the subnet
   * the API uses when none is listed (the IPv6 frontend subnet, else the IPv4 one). `undefined` when
   * any of them is unknown.
   */
  private backendRanges(lb: LoadBalancer): AddrRange[] | undefined {
    const refs = lb.backend_subnets?.length ? lb.backend_subnets : lb.ipv6_vip_subnet ? [lb.ipv6_vip_subnet] : lb.vip_subnet ? [lb.vip_subnet] : undefined;
    if (!refs) return undefined;
    const out: AddrRange[] = [];
    for (const r of refs) {
      const cidr = r.target?.cidr;
      const range = cidr ? parseRange(cidr) : undefined;
      if (!range || range.family !== 4) return undefined;
      out.push(range);
    }
    return out;
  }

  /**
   * The verdict of a server's security groups on traffic ELB sends from `source`: admitted when the
   * whole range is, or when every backend subnet ELB takes its addresses from is.
   */
  admitsFromElb(server: Server, traffic: Traffic, source: SourceRange): Verdict {
    const v = this.admits(server, traffic);
    if (v.kind !== 'blocked' || !source.subnets?.length) return v;
    for (const r of source.subnets) if (this.admits(server, { ...traffic, peer: r }).kind !== 'allowed') return v;
    return { kind: 'allowed' };
  }

  /** The security groups of a server, or `undefined` when unknown (not listed, or a name not defined). */
  groupsOf(server: Server): SecurityGroup[] | undefined {
    if (!server.security_groups) return undefined;
    const out: SecurityGroup[] = [];
    for (const r of server.security_groups) {
      if (!r.target) return undefined;
      out.push(r.target);
    }
    return out;
  }

  /** Memoised verdict of a server's security groups for a traffic pattern. */
  admits(server: Server, traffic: Traffic): Verdict {
    const groups = this.groupsOf(server);
    if (!groups) return { kind: 'unknown' };
    let gk = this.groupKeys.get(server);
    if (gk === undefined) {
      gk = groups.map((g) => this.groupIds.get(g)).join(',');
      this.groupKeys.set(server, gk);
      if (!this.ordered.has(gk)) this.ordered.set(gk, orderedRules(groups));
    }
    const key = `${gk}|${traffic.direction}|${traffic.protocol}|${traffic.port ?? ''}|${traffic.peer.text}`;
    let v = this.verdicts.get(key);
    if (!v) {
      const ordered = this.ordered.get(gk);
      v = ordered ? evaluate(groups, traffic, ordered) : { kind: 'unknown' };
      this.verdicts.set(key, v);
    }
    return v;
  }
}
