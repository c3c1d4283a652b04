import { defineRule } from '../rule';
import { isDatabase, lbVpc, memberField, memberName, memberVpc } from './member-facts';

export default defineRule({
  id: 'ELB415',
  name: 'member-outside-lb-vpc',
  severity: 'error',
  category: 'pools',
  faq: ['6.4', '7.5'],
  fixable: false,
  docs: {
    en: {
      summary: 'A member of a dedicated load balancer, added as a cloud server or with a subnet, lies in another VPC.',
      details: [
        'A dedicated load balancer adds ordinary members — cloud servers, supplementary network interfaces, or addresses given with their `subnet` — from its own VPC only. Servers of other VPCs (or regions, or data centres) can be members only as IP-type backends, added by address without a subnet, with `ip_target_enable` on and a network path between the VPCs (FAQ 6.4, 7.5).',
        '',
        'Which VPC a member is in: the VPC of its `subnet`, else the VPC of its server\'s `subnet`. The load balancer\'s VPC is its `vpc`, else the VPC of its subnets. The rule fires when both are known and differ; members given by address alone (IP-type) are not its business (ELB411, ELB412), and database instances are reported by ELB416 only. For shared load balancers, see ELB410.',
        '',
        'To keep the server where it is, add it as an IP-type member: write its `address` without `subnet` (and without `server`), switch `ip_target_enable` on (ELB411), and connect the two networks, for example with a VPC peering (ELB412).',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '独享型负载均衡器中以云服务器方式或带子网添加的后端服务器位于其他 VPC。',
      details: [
        '独享型负载均衡器的普通后端服务器——云服务器、辅助弹性网卡，或带 `subnet` 填写的地址——只能来自负载均衡器自己的 VPC。其他 VPC（或其他区域、数据中心）的服务器只能作为IP类型后端添加：只填地址、不带子网，开启 `ip_target_enable`，并打通两个网络（FAQ 6.4、7.5）。',
        '',
        '后端服务器所在 VPC：其 `subnet` 所属的 VPC，否则为其服务器的 `subnet` 所属的 VPC。负载均衡器的 VPC 为其 `vpc`，否则为其子网所属的 VPC。两者都已知且不同时报告；只按地址添加的后端服务器（IP类型后端）不在本规则范围内（见 ELB411、ELB412），数据库实例只由 ELB416 报告。共享型请见 ELB410。',
        '',
        '如果服务器需要留在原 VPC，请把它作为IP类型后端添加：只填写 `address`，不填 `subnet`（也不用 `server`），开启 `ip_target_enable`（ELB411），并打通两个网络，例如建立 VPC对等连接（ELB412）。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Backend server `{member}` is in VPC `{memberVpc}`, but dedicated load balancer `{lb}` is in VPC `{lbVpc}`: servers of another VPC can only be IP-type members (address without subnet, `ip_target_enable` on, networks connected) (FAQ 6.4, 7.5).',
      relatedLb: 'the load balancer is in VPC `{lbVpc}`',
    },
    'zh-cn': {
      default: '后端服务器 `{member}` 位于 VPC `{memberVpc}`，而独享型负载均衡器 `{lb}` 位于 VPC `{lbVpc}`：其他 VPC 的服务器只能作为IP类型后端添加（只填地址不填子网，开启 `ip_target_enable`，并打通网络）（FAQ 6.4、7.5）。',
      relatedLb: '负载均衡器位于 VPC `{lbVpc}`',
    },
  },
  examples: {
    bad: `version: 1
vpcs:
  - {name: vpc-elb, cidr: 192.168.0.0/16, subnets: [{name: subnet-elb, cidr: 192.168.0.0/24}]}
  - {name: vpc-app, cidr: 172.16.0.0/16, subnets: [{name: subnet-app, cidr: 172.16.1.0/24}]}
servers:
  - {name: app-1, subnet: subnet-app, address: 172.16.1.10}
loadbalancers:
  - name: web-lb
    type: dedicated
    vpc: vpc-elb
    l7_flavor: L7_flavor.elb.s1.small
    listeners:
      - {name: http-80, protocol: HTTP, protocol_port: 80, default_pool: app-pool}
    pools:
      - name: app-pool
        protocol: HTTP
        lb_algorithm: ROUND_ROBIN
        healthmonitor: {type: HTTP, delay: 5, timeout: 3, max_retries: 3, url_path: /}
        members:
          - {server: app-1, protocol_port: 8080}    # vpc-app, not vpc-elb
`,
    good: `vpc_peerings:
  - {name: peer-app, vpc: vpc-elb, peer_vpc: vpc-app}
loadbalancers:
  - name: web-lb
    type: dedicated
    vpc: vpc-elb
    ip_target_enable: true
    pools:
      - name: app-pool
        members:
          - {address: 172.16.1.10, protocol_port: 8080}   # IP-type member
`,
  },
  check(ctx) {
    for (const m of ctx.model.members) {
      const lb = m.pool.lb;
      if (lb.type !== 'dedicated' || ctx.index.isIpTypeMember(m) || isDatabase(ctx.index, m)) continue;
      const vpc = lbVpc(lb);
      const mv = memberVpc(ctx.index, m);
      if (!vpc || !mv || mv === vpc) continue;
      const data = { member: memberName(m), memberVpc: mv.name, lb: lb.name, lbVpc: vpc.name };
      ctx.report({ at: m.$, field: memberField(m), data, related: [{ at: lb.$, field: 'vpc', messageId: 'relatedLb', data }] });
    }
  },
});
