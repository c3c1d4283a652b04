import { defineRule } from '../rule';
import { subnetIpv6, unsetNote } from './ip-versions';

export default defineRule({
  id: 'ELB610',
  name: 'ipv6-frontend-subnet-without-ipv6',
  severity: 'error',
  category: 'capacity',
  faq: ['5.9', '4.7'],
  fixable: false,
  docs: {
    en: {
      summary: 'A dedicated load balancer takes its IPv6 address from a frontend subnet that has IPv6 off.',
      details: [
        'A dual-stack load balancer gets its IPv6 address from the subnet named as its IPv6 frontend (`ipv6_vip_subnet`, API `ipv6_vip_virsubnet_id`); the address is allocated at random from that subnet (FAQ 5.9). A subnet with IPv6 off has no IPv6 addresses to give, so the load balancer cannot get one.',
        '',
        'The rule fires when `ipv6_vip_subnet` names a subnet whose `ipv6_enable` is false or not set (the API default is off) and that has no `ipv6_cidr`. Turn IPv6 on in that subnet, or name a dual-stack subnet. When `backend_subnets` is absent the API also uses this subnet as backend subnet, so it must have IPv6 on for that reason too (FAQ 4.7 note, see ELB603). Shared load balancers have no IPv6 at all (ELB602).',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '独享型负载均衡器从未开启 IPv6 的前端子网获取 IPv6 地址。',
      details: [
        '双栈负载均衡器从其 IPv6 前端子网（`ipv6_vip_subnet`，API 字段 `ipv6_vip_virsubnet_id`）获取 IPv6 地址，地址从该子网中随机分配（FAQ 5.9）。未开启 IPv6 的子网没有可分配的 IPv6 地址，负载均衡器无法获得 IPv6 地址。',
        '',
        '当 `ipv6_vip_subnet` 引用的子网 `ipv6_enable` 为 false 或未填写（API 默认关闭）且没有 `ipv6_cidr` 时，本规则报告。请在该子网开启 IPv6，或改用双栈子网。未填写 `backend_subnets` 时，API 也把该子网用作后端子网，因此它同样需要开启 IPv6（FAQ 4.7 说明，参见 ELB603）。共享型负载均衡不支持 IPv6（ELB602）。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Dedicated load balancer `{lb}` takes its IPv6 address from subnet `{subnet}`, which has IPv6 off{unset}: no IPv6 address can be allocated there. Turn IPv6 on in `{subnet}` or choose a dual-stack subnet (FAQ 5.9).',
    },
    'zh-cn': {
      default: '独享型负载均衡器 `{lb}` 从子网 `{subnet}` 获取 IPv6 地址，但该子网未开启 IPv6{unset}，无法分配 IPv6 地址。请在 `{subnet}` 开启 IPv6，或改用双栈子网（FAQ 5.9）。',
    },
  },
  examples: {
    bad: `version: 1
vpcs:
  - name: vpc-prod
    cidr: 192.168.0.0/16
    subnets:
      - {name: front, cidr: 192.168.0.0/24}      # IPv6 not turned on
loadbalancers:
  - name: web-lb
    type: dedicated
    vip_subnet: front
    ipv6_vip_subnet: front
`,
    good: `    subnets:
      - {name: front, cidr: 192.168.0.0/24, ipv6_enable: true}
`,
  },
  check(ctx) {
    for (const lb of ctx.model.loadbalancers) {
      if (lb.type !== 'dedicated') continue;
      const s = lb.ipv6_vip_subnet?.target;
      if (!s) continue;
      const st = subnetIpv6(s);
      if (st.on) continue;
      ctx.report({ at: lb.$, field: 'ipv6_vip_subnet', data: { lb: lb.name, subnet: s.name, unset: st.given ? '' : unsetNote(ctx.locale) } });
    }
  },
});
