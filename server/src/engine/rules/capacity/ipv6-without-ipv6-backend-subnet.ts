import { defineRule } from '../rule';
import { ipv6AddressesOf, ipv6List, subnetIpv6, unsetNote } from './ip-versions';

export default defineRule({
  id: 'ELB603',
  name: 'ipv6-without-ipv6-backend-subnet',
  severity: 'error',
  category: 'capacity',
  faq: ['4.7'],
  fixable: false,
  docs: {
    en: {
      summary: 'A dedicated load balancer has an IPv6 address, but its backend subnet has IPv6 off.',
      details: [
        'A dedicated load balancer supports IPv6 only when the backend subnet it was created with has IPv6 turned on; with an IPv4-only backend subnet the instance does not support IPv6 at all (FAQ 4.7 note). The API states the same from the other side: an IPv6 address needs dual-stack backend subnets.',
        '',
        'The rule fires when the load balancer has an IPv6 address (`ipv6_vip_subnet`, `ipv6_vip_address` or an IPv6 EIP) and a subnet listed in `backend_subnets` has IPv6 off (`ipv6_enable` false or not set, which means off, and no `ipv6_cidr`). Without `backend_subnets`, the API uses the IPv6 frontend subnet as backend subnet; whether that one has IPv6 on is ELB610\'s concern.',
        '',
        'Turn IPv6 on in the backend subnet, or choose a dual-stack backend subnet, when creating the load balancer (FAQ 4.7 note).',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '独享型负载均衡器配置了 IPv6 地址，但其后端子网未开启 IPv6。',
      details: [
        '独享型负载均衡只有在创建时指定的后端子网开启了 IPv6，才支持 IPv6 网络；后端子网未开启 IPv6 时，实例完全不支持 IPv6（FAQ 4.7 说明）。API 从另一侧说明了同一点：使用 IPv6 地址时后端子网必须是双栈子网。',
        '',
        '当负载均衡器有 IPv6 地址（`ipv6_vip_subnet`、`ipv6_vip_address` 或 IPv6 弹性公网IP），且 `backend_subnets` 中的某个子网未开启 IPv6（`ipv6_enable` 为 false 或未填写，未填写即关闭，且没有 `ipv6_cidr`）时，本规则报告。未填写 `backend_subnets` 时，API 使用 IPv6 前端子网作为后端子网，该子网是否开启 IPv6 由 ELB610 检查。',
        '',
        '创建负载均衡器时，请在后端子网开启 IPv6，或选择双栈后端子网（FAQ 4.7 说明）。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Dedicated load balancer `{lb}` has an IPv6 address ({ipv6}), but its backend subnet `{subnet}` has IPv6 off{unset}: the load balancer cannot serve IPv6. Use a backend subnet with IPv6 on (FAQ 4.7).',
    },
    'zh-cn': {
      default: '独享型负载均衡器 `{lb}` 配置了 IPv6 地址（{ipv6}），但其后端子网 `{subnet}` 未开启 IPv6{unset}，负载均衡器无法支持 IPv6。请使用开启了 IPv6 的后端子网（FAQ 4.7）。',
    },
  },
  examples: {
    bad: `version: 1
vpcs:
  - name: vpc-prod
    cidr: 192.168.0.0/16
    subnets:
      - {name: front, cidr: 192.168.0.0/24, ipv6_enable: true}
      - {name: back, cidr: 192.168.1.0/24, ipv6_enable: false}
loadbalancers:
  - name: web-lb
    type: dedicated
    vip_subnet: front
    ipv6_vip_subnet: front
    backend_subnets: [back]        # IPv6 off here
`,
    good: `    subnets:
      - {name: front, cidr: 192.168.0.0/24, ipv6_enable: true}
      - {name: back, cidr: 192.168.1.0/24, ipv6_enable: true}
`,
  },
  check(ctx) {
    for (const lb of ctx.model.loadbalancers) {
      if (lb.type !== 'dedicated' || !lb.backend_subnets?.length) continue;
      const v6 = ipv6AddressesOf(lb);
      if (v6.length === 0) continue;
      for (const ref of lb.backend_subnets) {
        const s = ref.target;
        if (!s) continue;
        const st = subnetIpv6(s);
        if (st.on) continue;
        ctx.report({
          at: lb.$,
          span: ref.span,
          data: { lb: lb.name, subnet: s.name, ipv6: ipv6List(v6), unset: st.given ? '' : unsetNote(ctx.locale) },
        });
      }
    }
  },
});
