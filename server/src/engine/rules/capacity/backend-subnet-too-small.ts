import { listenerLayer } from '../../model/indexes';
import type { LoadBalancer, Member, Server, Subnet } from '../../model/types';
import { containsRange, parseRange, rangeSize, type AddrRange } from '../../network/cidr';
import type { Locale } from '../../types';
import { defineRule, format, type Messages, type RelatedSpec } from '../rule';
import { backendSubnetsOf, hasIpv6 } from './ip-versions';

/** FAQ 5.3 table 5-1, per availability zone: L4 health checks take 1 address, L4 forwarding 4 more with IP-type backends on. */
export const L4_CHECK_ADDRESSES = 1;
export const L4_IP_TARGET_ADDRESSES = 4;
/** FAQ 5.3 table 5-1: L7 forwarding usually takes 20 addresses (8–128), not per AZ, shared by load balancers on the subnet. */
export const L7_ADDRESSES = 20;
/**
 * Addresses a Huawei Cloud VPC subnet keeps for itself: the network address, the gateway and the
 * last three (system interface, DHCP, broadcast). From the VPC documentation, not the FAQ.
 */
export const RESERVED_PER_SUBNET = 5;

const messages: Record<Locale, Messages> = {
  en: {
    default: 'Backend subnet `{subnet}` ({cidr}: {usable} usable addresses after the {reserved} the VPC reserves) is likely too small: the dedicated load balancers on it need about {estimate} addresses ({breakdown}) and the configuration already places {used} there ({usedDetail}); {estimate} + {used} > {usable}. This is a floor: with several AZs ELB may take more (FAQ 5.3; reserved addresses from the VPC documentation, not in the FAQ).',
    l4: 'L4 of `{lb}`: {azs} AZ{azNote} × ({check} health check{ipTarget}){dual} = {n}',
    ipTarget: ' + {n} IP-type backend forwarding',
    azAssumed: ' (none listed, 1 assumed)',
    dual: ' × 2 dual stack',
    l7: 'L7, shared by the load balancers on this subnet: {base} (FAQ: usually 20, 8–128){dual}',
    vip: 'VIP of `{lb}`: 1',
    servers: '{n} server/member address(es)',
    vips: '{n} VIP(s) of other load balancers',
    none: 'nothing',
    sep: '; ',
    relatedLb: 'load balancer `{lb}` uses this backend subnet',
  },
  'zh-cn': {
    default: '后端子网 `{subnet}`（{cidr}：扣除 VPC 保留的 {reserved} 个地址后可用 {usable} 个）可能过小：使用该子网的独享型负载均衡器约需 {estimate} 个地址（{breakdown}），配置中已有 {used} 个地址位于该子网（{usedDetail}）；{estimate} + {used} > {usable}。这是下限估算：多可用区时 ELB 可能占用更多（FAQ 5.3；保留地址数来自 VPC 文档，非 FAQ 内容）。',
    l4: '`{lb}` 的四层：{azs} 个可用区{azNote} × （{check} 个健康检查{ipTarget}）{dual} = {n}',
    ipTarget: ' + {n} 个IP类型后端转发',
    azAssumed: '（未填写，按 1 个计）',
    dual: ' × 2（双栈）',
    l7: '七层，由该子网上的负载均衡器共用：{base}（FAQ：通常 20 个，范围 8~128）{dual}',
    vip: '`{lb}` 的 VIP：1',
    servers: '{n} 个服务器/后端服务器地址',
    vips: '{n} 个其他负载均衡器的 VIP',
    none: '无',
    sep: '；',
    relatedLb: '负载均衡器 `{lb}` 使用该后端子网',
  },
};

function hasLayer(lb: LoadBalancer, layer: 'L4' | 'L7'): boolean {
  if (layer === 'L4' ? lb.l4_flavor : lb.l7_flavor) return true;
  return lb.listeners.some((l) => listenerLayer(l.protocol) === layer);
}

function vipIn(lb: LoadBalancer, s: Subnet, range: AddrRange): boolean {
  if (lb.vip_subnet?.target === s) return true;
  const v = lb.vip_address ? parseRange(lb.vip_address) : null;
  return !!v && containsRange(range, v);
}

interface PlacedAddresses {
  /** Distinct server/member IPv4 addresses inside a range. */
  countIn(range: AddrRange): number;
  isPlaced(address: string, range: AddrRange): boolean;
  unnamedBySubnet: Map<Subnet, number>;
  /** Load balancers whose VIP may lie in a subnet: those naming it, and those giving only an address. */
  vipCandidates(s: Subnet): LoadBalancer[];
}

/** Sorted distinct addresses, so each subnet counts its own by binary search (no servers × subnets scan). */
function placedAddresses(servers: readonly Server[], members: readonly Member[], lbs: readonly LoadBalancer[]): PlacedAddresses {
  const seen = new Set<string>();
  const values: bigint[] = [];
  const add = (a: string | undefined) => {
    if (!a || seen.has(a)) return;
    seen.add(a);
    const r = parseRange(a);
    if (r && r.family === 4 && r.lo === r.hi) values.push(r.lo);
  };
  const unnamedBySubnet = new Map<Subnet, number>();
  for (const srv of servers) {
    if (srv.address) add(srv.address);
    else if (srv.subnet?.target) unnamedBySubnet.set(srv.subnet.target, (unnamedBySubnet.get(srv.subnet.target) ?? 0) + 1);
  }
  for (const m of members) add(m.address);
  values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const lowerBound = (x: bigint) => {
    let lo = 0;
    let hi = values.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const byVipSubnet = new Map<Subnet, LoadBalancer[]>();
  const addressOnly: LoadBalancer[] = [];
  for (const lb of lbs) {
    const t = lb.vip_subnet?.target;
    if (t) {
      const list = byVipSubnet.get(t);
      if (list) list.push(lb);
      else byVipSubnet.set(t, [lb]);
    } else if (lb.vip_address) addressOnly.push(lb);
  }
  return {
    countIn: (range) => lowerBound(range.hi + 1n) - lowerBound(range.lo),
    isPlaced: (address, range) => {
      const r = parseRange(address);
      return !!r && seen.has(address) && containsRange(range, r);
    },
    unnamedBySubnet,
    vipCandidates: (s) => [...(byVipSubnet.get(s) ?? []), ...addressOnly],
  };
}

export default defineRule({
  id: 'ELB605',
  name: 'backend-subnet-too-small',
  severity: 'warning',
  category: 'capacity',
  faq: ['5.3'],
  fixable: false,
  notInFaq: {
    en: `The ${RESERVED_PER_SUBNET} addresses a subnet reserves (network address, gateway, and the last three: system interface, DHCP, broadcast) come from the Huawei Cloud VPC documentation (the subnet API reference keeps the first and the last three addresses of every subnet out of its allocation pools, and the gateway address is the fifth), not from the FAQ. The address counts per use are FAQ 5.3 table 5-1; 20 for L7 is the FAQ's "usually" figure. All are exported constants of the rule (\`RESERVED_PER_SUBNET\`, \`L7_ADDRESSES\`, ...) and will move to the settings when the framework reads rule options.`,
    'zh-cn': `子网保留的 ${RESERVED_PER_SUBNET} 个地址（网络地址、网关，以及最后三个：系统接口、DHCP、广播地址）来自华为云 VPC 文档（子网 API 说明每个子网的第 1 个和最后 3 个地址为系统保留地址，不在可分配地址池内，网关地址是第 5 个），不是 FAQ 内容。各用途的地址数取自 FAQ 5.3 表 5-1；七层按 20 个计是 FAQ 给出的“通常”值。它们都是规则导出的常量（\`RESERVED_PER_SUBNET\`、\`L7_ADDRESSES\` 等），框架支持规则参数后将改为可配置项。`,
  },
  docs: {
    en: {
      summary: 'The addresses dedicated load balancers take in their backend subnet likely exceed what the subnet has left.',
      details: [
        'A dedicated load balancer takes addresses in its backend subnet to talk to the members and to run health checks (FAQ 5.3 table 5-1). The rule estimates them, as a floor:',
        '',
        '| use | addresses | per AZ |',
        '|---|---|---|',
        `| L4 health checks | ${L4_CHECK_ADDRESSES} | yes |`,
        `| L4 forwarding with IP-type backends (\`ip_target_enable\`) | ${L4_IP_TARGET_ADDRESSES} (0 without) | yes |`,
        `| L7 forwarding and health checks | usually ${L7_ADDRESSES} (8–128), shared by all load balancers on the same backend subnet | no |`,
        '| the VIP, when the IPv4 frontend subnet is the same subnet | 1 | no |',
        '',
        'A dual-stack load balancer (one with an IPv6 address) uses twice as many (FAQ 5.3); the rule doubles its L4 and L7 counts and compares them with the IPv4 size of the subnet, since the FAQ does not split the doubled count between the families. L4 counts when the load balancer has an L4 flavor or a TCP/UDP/TLS listener, L7 when it has an L7 flavor or an HTTP/HTTPS/QUIC listener. The AZ count is `availability_zones`; when it is not listed, 1 is assumed.',
        '',
        `The estimate is compared with the subnet's usable addresses: the size of its \`cidr\` less the ${RESERVED_PER_SUBNET} the VPC reserves, less the addresses the configuration already places there (servers and members with an address in the subnet, and VIPs of other load balancers). The message shows every number used.`,
        '',
        'With several AZs ELB may take more than this; the instance\'s real usage is what counts (FAQ 5.3). Load balancers with more than one backend subnet are left out of the estimate (how they spread addresses is not documented), which keeps it a floor. Give ELB a backend subnet of its own, large enough to grow (FAQ 5.3).',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '独享型负载均衡在后端子网中占用的地址可能超过该子网剩余的地址。',
      details: [
        '独享型负载均衡会在后端子网中占用地址，用于与后端服务器通信和健康检查（FAQ 5.3 表 5-1）。本规则按下限估算：',
        '',
        '| 用途 | 地址数 | 是否按可用区叠加 |',
        '|---|---|---|',
        `| 四层监听器健康检查 | ${L4_CHECK_ADDRESSES} | 是 |`,
        `| 开启IP类型后端（\`ip_target_enable\`）时的四层业务转发 | ${L4_IP_TARGET_ADDRESSES}（未开启为 0） | 是 |`,
        `| 七层业务转发和健康检查 | 通常 ${L7_ADDRESSES} 个（8~128），同一后端子网上的负载均衡器共用 | 否 |`,
        '| IPv4 前端子网与后端子网相同时的 VIP | 1 | 否 |',
        '',
        '双栈负载均衡器（有 IPv6 地址）占用的数量为两倍（FAQ 5.3）；由于 FAQ 没有区分两倍中 IPv4 与 IPv6 各占多少，本规则把其四层和七层地址数加倍，并与子网的 IPv4 容量比较。负载均衡器有四层规格或 TCP/UDP/TLS 监听器时计入四层，有七层规格或 HTTP/HTTPS/QUIC 监听器时计入七层。可用区数取 `availability_zones`，未填写时按 1 个计。',
        '',
        `估算值与子网的可用地址比较：\`cidr\` 的地址数减去 VPC 保留的 ${RESERVED_PER_SUBNET} 个，再减去配置中已经位于该子网的地址（地址在该子网内的服务器和后端服务器，以及其他负载均衡器的 VIP）。消息中列出用到的每个数字。`,
        '',
        '多可用区时 ELB 可能占用更多地址，以实例实际占用为准（FAQ 5.3）。有多个后端子网的负载均衡器不计入估算（地址如何分布没有文档说明），因此仍是下限。建议为 ELB 规划专用且留有余量的后端子网（FAQ 5.3）。',
      ].join('\n'),
    },
  },
  messages,
  examples: {
    bad: `version: 1
vpcs:
  - name: vpc-prod
    cidr: 192.168.0.0/16
    subnets:
      - {name: front, cidr: 192.168.0.0/24}
      - {name: elb-back, cidr: 192.168.9.0/28}   # 16 addresses, 11 usable
loadbalancers:
  - name: web-lb
    type: dedicated
    vip_subnet: front
    backend_subnets: [elb-back]
    availability_zones: [cn-north-4a, cn-north-4b]
    l7_flavor: L7_flavor.elb.s1.small            # L7 alone takes about 20
`,
    good: `      - {name: elb-back, cidr: 192.168.9.0/26}   # 64 addresses, 59 usable
`,
  },
  check(ctx) {
    const t = (id: string, data?: Record<string, string | number>) => format(messages[ctx.locale][id] ?? messages.en[id]!, data);
    // Which dedicated load balancers have exactly one backend subnet, by subnet.
    const bySubnet = new Map<Subnet, LoadBalancer[]>();
    for (const lb of ctx.model.loadbalancers) {
      if (lb.type !== 'dedicated') continue;
      const b = backendSubnetsOf(lb);
      if (!b || b.subnets.length !== 1) continue;
      const s = b.subnets[0]!;
      const list = bySubnet.get(s);
      if (list) list.push(lb);
      else bySubnet.set(s, [lb]);
    }
    let usage: PlacedAddresses | undefined;
    for (const [s, lbs] of bySubnet) {
      const range = s.cidr ? parseRange(s.cidr) : null;
      if (!range || range.family !== 4 || range.lo === range.hi) continue;
      const parts: string[] = [];
      let estimate = 0;
      for (const lb of lbs) {
        if (!hasLayer(lb, 'L4')) continue;
        const azs = Math.max(1, lb.availability_zones?.length ?? 0);
        const per = L4_CHECK_ADDRESSES + (lb.ip_target_enable === true ? L4_IP_TARGET_ADDRESSES : 0);
        const factor = hasIpv6(lb) ? 2 : 1;
        const n = azs * per * factor;
        estimate += n;
        parts.push(t('l4', {
          lb: lb.name, azs, azNote: lb.availability_zones?.length ? '' : t('azAssumed'), check: L4_CHECK_ADDRESSES,
          ipTarget: lb.ip_target_enable === true ? t('ipTarget', { n: L4_IP_TARGET_ADDRESSES }) : '', dual: factor === 2 ? t('dual') : '', n,
        }));
      }
      const l7 = lbs.filter((lb) => hasLayer(lb, 'L7'));
      if (l7.length) {
        const factor = l7.some(hasIpv6) ? 2 : 1;
        const n = L7_ADDRESSES * factor;
        estimate += n;
        parts.push(t('l7', { base: L7_ADDRESSES, dual: factor === 2 ? `${t('dual')} = ${n}` : '' }));
      }
      for (const lb of lbs) {
        if (!vipIn(lb, s, range)) continue;
        estimate += 1;
        parts.push(t('vip', { lb: lb.name }));
      }
      if (estimate === 0) continue;
      // What the configuration already places in the subnet (indexes built once, searched per subnet).
      usage ??= placedAddresses(ctx.model.servers, ctx.model.members, ctx.model.loadbalancers);
      const inSubnet = usage.countIn(range);
      const unnamed = usage.unnamedBySubnet.get(s) ?? 0;
      let otherVips = 0;
      for (const lb of usage.vipCandidates(s)) {
        if (lbs.includes(lb) || !vipIn(lb, s, range)) continue;
        if (lb.vip_address && usage.isPlaced(lb.vip_address, range)) continue;
        otherVips++;
      }
      const addresses = { size: inSubnet };
      const serversUsed = addresses.size + unnamed;
      const used = serversUsed + otherVips;
      const usable = Math.max(0, rangeSize(range) - RESERVED_PER_SUBNET);
      if (estimate + used <= usable) continue;
      const detail: string[] = [];
      if (serversUsed) detail.push(t('servers', { n: serversUsed }));
      if (otherVips) detail.push(t('vips', { n: otherVips }));
      const related: RelatedSpec[] = lbs.map((lb) => ({ at: lb.$, field: lb.backend_subnets?.length ? 'backend_subnets' : lb.ipv6_vip_subnet ? 'ipv6_vip_subnet' : 'vip_subnet', messageId: 'relatedLb', data: { lb: lb.name } }));
      ctx.report({
        at: s.$,
        field: 'cidr',
        data: {
          subnet: s.name, cidr: s.cidr!, usable, reserved: RESERVED_PER_SUBNET, estimate, used,
          breakdown: parts.join(t('sep')), usedDetail: detail.length ? detail.join(t('sep')) : t('none'),
        },
        related,
      });
    }
  },
});
