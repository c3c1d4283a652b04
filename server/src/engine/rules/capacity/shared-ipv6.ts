import { defineRule } from '../rule';
import { ipv6AddressesOf, memberVersion } from './ip-versions';

export default defineRule({
  id: 'ELB602',
  name: 'shared-ipv6',
  severity: 'error',
  category: 'capacity',
  faq: ['4.7'],
  fixable: false,
  docs: {
    en: {
      summary: 'A shared load balancer has an IPv6 address or IPv6 members, but shared load balancers are IPv4 only.',
      details: [
        'Shared load balancers work on IPv4 networks only; IPv6 needs a dedicated load balancer (FAQ 4.7). The rule reports, on a shared load balancer:',
        '',
        '- an IPv6 frontend: `ipv6_vip_subnet`, `ipv6_vip_address`, or an EIP with an IPv6 address;',
        '- a member added with an IPv6 address (its `address`, or a server that has only an `ipv6_address`).',
        '',
        'To serve IPv6 clients or reach IPv6 backends, create a dedicated load balancer with an IPv6-enabled frontend and backend subnet (see ELB603, ELB610).',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '共享型负载均衡器配置了 IPv6 地址或 IPv6 后端服务器，但共享型只支持 IPv4。',
      details: [
        '共享型负载均衡只支持 IPv4 网络，需要 IPv6 时请使用独享型负载均衡（FAQ 4.7）。本规则在共享型负载均衡器上报告：',
        '',
        '- IPv6 前端：`ipv6_vip_subnet`、`ipv6_vip_address`，或 IPv6 地址的弹性公网IP；',
        '- 以 IPv6 地址添加的后端服务器（`address` 为 IPv6，或引用的服务器只有 `ipv6_address`）。',
        '',
        '如需为 IPv6 客户端提供服务或转发到 IPv6 后端，请创建独享型负载均衡器，并使用开启了 IPv6 的前端子网和后端子网（参见 ELB603、ELB610）。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      frontend: 'Shared load balancer `{lb}` has an IPv6 frontend (`{field}`: {value}), but shared load balancers support IPv4 only; use a dedicated load balancer for IPv6 (FAQ 4.7).',
      member: 'Member `{member}` of pool `{pool}` is added by IPv6 address {address}, but shared load balancer `{lb}` supports IPv4 only; use a dedicated load balancer for IPv6 backends (FAQ 4.7).',
    },
    'zh-cn': {
      frontend: '共享型负载均衡器 `{lb}` 配置了 IPv6 前端（`{field}`：{value}），但共享型只支持 IPv4；需要 IPv6 请使用独享型负载均衡器（FAQ 4.7）。',
      member: '后端服务器组 `{pool}` 中的后端服务器 `{member}` 以 IPv6 地址 {address} 添加，但共享型负载均衡器 `{lb}` 只支持 IPv4；IPv6 后端请使用独享型负载均衡器（FAQ 4.7）。',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: web-lb
    type: shared
    vip_subnet: subnet-front
    ipv6_vip_subnet: subnet-front   # shared load balancers are IPv4 only
`,
    good: `loadbalancers:
  - name: web-lb
    type: dedicated
    vip_subnet: subnet-front
    ipv6_vip_subnet: subnet-front   # IPv6 on, see ELB610
`,
  },
  check(ctx) {
    for (const lb of ctx.model.loadbalancers) {
      if (lb.type !== 'shared') continue;
      for (const a of ipv6AddressesOf(lb)) {
        ctx.report({ at: a.at, field: a.field, messageId: 'frontend', data: { lb: lb.name, field: a.what === 'eip' ? 'eips' : a.field, value: a.text } });
      }
      for (const pool of lb.pools) {
        for (const m of pool.members) {
          if (memberVersion(ctx.index, m) !== 6) continue;
          const server = ctx.index.serverOf(m);
          const address = m.address ?? server?.ipv6_address ?? '';
          ctx.report({ at: m.$, field: m.address !== undefined ? 'address' : 'server', messageId: 'member', data: { lb: lb.name, pool: pool.name, member: m.name, address } });
        }
      }
    }
  },
});
