import type { LoadBalancer } from '../../model/types';
import { defineRule } from '../rule';

/** A private address: an IPv4 VIP (frontend subnet or address) or an IPv6 frontend. */
function hasVip(lb: LoadBalancer): boolean {
  return lb.vip_subnet !== undefined || lb.vip_address !== undefined || lb.ipv6_vip_subnet !== undefined || lb.ipv6_vip_address !== undefined;
}

/**
 * Whether the input says where the load balancer sits: a VPC, backend subnets or an `eips` list.
 * A load balancer given with none of these is only sketched; its addresses are unknown.
 */
function placementGiven(lb: LoadBalancer): boolean {
  return lb.vpc !== undefined || lb.backend_subnets !== undefined || lb.eips !== undefined;
}

export default defineRule({
  id: 'ELB204',
  name: 'l4-lb-without-address',
  severity: 'warning',
  category: 'health-checks',
  faq: ['3.1', '3.2'],
  fixable: false,
  docs: {
    en: {
      summary: 'A load balancer with TCP or UDP listeners has neither a private IP nor an EIP.',
      details: [
        'Members behind a TCP or UDP listener show abnormal health while their load balancer has no address: no private IP (VIP) and no EIP. This happens typically right after the load balancer was created without one. The FAQ lists it among the checks for abnormal health and says it concerns layer-4 (TCP/UDP) listeners only (FAQ 3.1 and 3.2, "check whether the ELB has an EIP or a private IP").',
        '',
        'The rule reports a shared or dedicated load balancer that has at least one TCP or UDP listener when none of `vip_subnet`, `vip_address`, `ipv6_vip_subnet`, `ipv6_vip_address` is set and `eips` is absent or empty. The fields are the API\'s: a load balancer created without a frontend subnet or address gets no private IPv4 address, and an EIP is bound to that address. HTTP, HTTPS, QUIC and TLS listeners do not make it fire: the FAQ names TCP/UDP only.',
        '',
        'A load balancer written without any placement (no `vpc`, no `backend_subnets`, no `eips` list, no frontend) is only a sketch: its addresses are unknown and the rule stays silent.',
        '',
        'Give the load balancer a private IP (`vip_subnet`, optionally `vip_address`) or bind an EIP. No quick fix is offered: the subnet and the address are yours to choose.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '有 TCP 或 UDP 监听器的负载均衡器既没有私网 IP，也没有绑定弹性公网IP。',
      details: [
        '负载均衡器没有地址（没有私网 IP，也没有弹性公网IP）时，TCP、UDP 监听器下的后端服务器会显示健康检查异常，常见于负载均衡器刚创建、尚未配置地址的时候。FAQ 把这一项列为健康检查异常的排查项，并说明它只适用于四层（TCP/UDP）监听器（FAQ 3.1、3.2）。',
        '',
        '共享型或独享型负载均衡器至少有一个 TCP 或 UDP 监听器，且 `vip_subnet`、`vip_address`、`ipv6_vip_subnet`、`ipv6_vip_address` 都没有设置、`eips` 未填写或为空时，本规则报告。这些字段与 API 一致：创建时没有指定前端子网或地址的负载均衡器没有私网 IPv4 地址，而弹性公网IP正是绑定在该地址上的。HTTP、HTTPS、QUIC 和 TLS 监听器不会触发本规则：FAQ 只提到 TCP/UDP。',
        '',
        '如果负载均衡器完全没有写明网络位置（没有 `vpc`、`backend_subnets`、`eips` 列表，也没有前端子网），说明配置只是草稿，地址未知，本规则不报告。',
        '',
        '请为负载均衡器配置私网 IP（`vip_subnet`，可选 `vip_address`）或绑定弹性公网IP。本规则不提供快速修复：子网和地址需要您来选择。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Load balancer `{lb}` has {listeners} but neither a private IP nor an EIP: members behind TCP/UDP listeners show abnormal health until it gets an address (FAQ 3.1, 3.2).',
      relatedListener: 'TCP/UDP listener `{listener}`',
    },
    'zh-cn': {
      default: '负载均衡器 `{lb}` 有{listeners}，但既没有私网 IP，也没有绑定弹性公网IP：在配置地址之前，TCP/UDP 监听器下的后端服务器会显示健康检查异常（FAQ 3.1、3.2）。',
      relatedListener: '四层监听器 `{listener}`',
    },
  },
  examples: {
    bad: `version: 1
vpcs:
  - name: vpc-prod
    cidr: 192.168.0.0/16
    subnets: [{name: subnet-front, cidr: 192.168.0.0/24}]
loadbalancers:
  - name: game-lb
    type: dedicated
    vpc: vpc-prod               # no vip_subnet and no eips
    listeners:
      - {name: tcp-9000, protocol: TCP, protocol_port: 9000, default_pool: game-pool}
    pools:
      - name: game-pool
        protocol: TCP
        lb_algorithm: ROUND_ROBIN
        healthmonitor: {type: TCP, delay: 5, timeout: 3, max_retries: 3}
`,
    good: `  - name: game-lb
    type: dedicated
    vpc: vpc-prod
    vip_subnet: subnet-front
`,
  },
  check(ctx) {
    for (const lb of ctx.model.loadbalancers) {
      // A shared load balancer always has a private IP (the v2 API requires its subnet): a file
      // that leaves `vip_subnet` out only does not say which.
      if (lb.type === 'shared') continue;
      const l4 = lb.listeners.filter((l) => l.protocol === 'TCP' || l.protocol === 'UDP');
      if (l4.length === 0) continue;
      if (hasVip(lb) || (lb.eips !== undefined && lb.eips.length > 0)) continue;
      if (!placementGiven(lb)) continue;
      const names = l4.map((l) => '`' + l.name + '`');
      const listeners = ctx.locale === 'zh-cn'
        ? `四层监听器 ${names.join('、')}`
        : `${l4.length === 1 ? 'a TCP/UDP listener' : 'TCP/UDP listeners'} (${names.join(', ')})`;
      ctx.report({
        at: lb.$,
        data: { lb: lb.name, listeners },
        related: l4.map((l) => ({ at: l.$, messageId: 'relatedListener', data: { listener: l.name } })),
      });
    }
  },
});
