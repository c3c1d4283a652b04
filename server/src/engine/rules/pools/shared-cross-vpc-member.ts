import { defineRule } from '../rule';
import { inCidr, isDatabase, lbVpc, memberField, memberName, memberVpc } from './member-facts';

export default defineRule({
  id: 'ELB410',
  name: 'shared-cross-vpc-member',
  severity: 'error',
  category: 'pools',
  faq: ['4.4', '7.3', '7.5'],
  fixable: false,
  docs: {
    en: {
      summary: 'A member of a shared load balancer lies outside the load balancer\'s VPC.',
      details: [
        'A shared load balancer serves only Huawei Cloud servers of the same account in its own VPC and region: no servers of other VPCs, other regions or other accounts, and no servers in your own data centre (FAQ 4.4, 7.3, 7.5). Mixed and cross-VPC backends are a dedicated feature.',
        '',
        'Which VPC a member is in: the VPC of its `subnet`; else the VPC of its server\'s `subnet`; for a member given only by `address`, whether that address lies in the CIDR of the load balancer\'s VPC. The load balancer\'s VPC is its `vpc`, else the VPC of its subnets. The rule stays silent when either side is unknown. A server in another region is always in another VPC (a VPC belongs to one region), so the VPC comparison covers the region clause; other accounts\' servers appear to the file as addresses outside the VPC.',
        '',
        'Related rules: a member added by address without a subnet is an IP-type member, which a shared load balancer cannot take at all (ELB411, reported as well); a database instance is reported by ELB416 only. The dedicated counterpart of this rule is ELB415.',
        '',
        'Move the server into the load balancer\'s VPC, or use a dedicated load balancer with IP-type backends (`ip_target_enable`) and a network connection toward the server (VPC peering, Cloud Connect, VPN or Direct Connect).',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '共享型负载均衡器的后端服务器不在负载均衡器所在的 VPC 内。',
      details: [
        '共享型负载均衡器只能使用同一账号、同一区域、同一 VPC 内的华为云服务器作为后端服务器：不支持其他 VPC、其他区域、其他账号的服务器，也不支持云下数据中心的服务器（FAQ 4.4、7.3、7.5）。混合负载均衡和跨VPC后端是独享型的能力。',
        '',
        '后端服务器所在 VPC 的判断方法：其 `subnet` 所属的 VPC；否则为其服务器的 `subnet` 所属的 VPC；只填写了 `address` 的后端服务器，看该地址是否落在负载均衡器所在 VPC 的网段内。负载均衡器的 VPC 为其 `vpc`，否则为其子网所属的 VPC。任一方未知时不报告。其他区域的服务器必然位于其他 VPC（VPC 属于单个区域），因此比较 VPC 即可覆盖跨区域的情况；其他账号的服务器在文件中表现为 VPC 网段以外的地址。',
        '',
        '相关规则：按地址添加且不带子网的后端服务器属于IP类型后端，共享型完全不支持（ELB411，同时报告）；数据库实例只由 ELB416 报告。本规则对应的独享型规则是 ELB415。',
        '',
        '请把服务器迁移到负载均衡器所在的 VPC，或改用独享型负载均衡器，开启IP类型后端（`ip_target_enable`），并打通到该服务器的网络（VPC对等连接、云连接、VPN 或云专线）。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      otherVpc: 'Backend server `{member}` of shared load balancer `{lb}` is in VPC `{memberVpc}`, not in the load balancer\'s VPC `{lbVpc}`: shared load balancers take only servers of their own VPC (FAQ 4.4, 7.5).',
      outside: 'Backend server `{member}` of shared load balancer `{lb}` lies outside {cidr}, the CIDR of the load balancer\'s VPC `{lbVpc}`: shared load balancers take only Huawei Cloud servers of their own VPC, no servers elsewhere or on premises (FAQ 4.4, 7.3).',
      relatedLb: 'the load balancer is in VPC `{lbVpc}`',
    },
    'zh-cn': {
      otherVpc: '共享型负载均衡器 `{lb}` 的后端服务器 `{member}` 位于 VPC `{memberVpc}`，不在负载均衡器所在的 VPC `{lbVpc}` 中：共享型只支持同一 VPC 内的服务器（FAQ 4.4、7.5）。',
      outside: '共享型负载均衡器 `{lb}` 的后端服务器 `{member}` 不在负载均衡器所在 VPC `{lbVpc}` 的网段 {cidr} 内：共享型只支持本 VPC 内的华为云服务器，不支持其他网络或云下数据中心的服务器（FAQ 4.4、7.3）。',
      relatedLb: '负载均衡器位于 VPC `{lbVpc}`',
    },
  },
  examples: {
    bad: `version: 1
vpcs:
  - name: vpc-web
    cidr: 10.0.0.0/16
    subnets: [{name: subnet-web, cidr: 10.0.1.0/24}]
  - name: vpc-batch
    cidr: 172.16.0.0/16
    subnets: [{name: subnet-batch, cidr: 172.16.1.0/24}]
servers:
  - {name: batch-1, subnet: subnet-batch, address: 172.16.1.20}
loadbalancers:
  - name: web-lb
    type: shared
    vpc: vpc-web
    vip_subnet: subnet-web
    listeners:
      - {name: http-80, protocol: HTTP, protocol_port: 80, default_pool: web-pool}
    pools:
      - name: web-pool
        protocol: HTTP
        lb_algorithm: ROUND_ROBIN
        healthmonitor: {type: HTTP, delay: 5, timeout: 3, max_retries: 3, url_path: /}
        members:
          - {server: batch-1, protocol_port: 8080}    # another VPC
`,
    good: `servers:
  - {name: web-1, subnet: subnet-web, address: 10.0.1.20}     # in the load balancer's VPC
loadbalancers:
  - name: web-lb
    type: shared
    vpc: vpc-web
    vip_subnet: subnet-web
    pools:
      - name: web-pool
        members:
          - {server: web-1, protocol_port: 8080}
`,
  },
  check(ctx) {
    for (const m of ctx.model.members) {
      const lb = m.pool.lb;
      if (lb.type !== 'shared' || isDatabase(ctx.index, m)) continue;
      const vpc = lbVpc(lb);
      if (!vpc) continue;
      const base = { member: memberName(m), lb: lb.name, lbVpc: vpc.name };
      const related = [{ at: lb.$, field: 'vpc', messageId: 'relatedLb', data: base }];
      if (ctx.index.isIpTypeMember(m)) {
        if (inCidr(m.address, vpc.cidr) !== false) continue;
        ctx.report({ at: m.$, field: 'address', messageId: 'outside', data: { ...base, cidr: vpc.cidr! }, related });
        continue;
      }
      const mv = memberVpc(ctx.index, m);
      if (!mv || mv === vpc) continue;
      ctx.report({ at: m.$, field: memberField(m), messageId: 'otherVpc', data: { ...base, memberVpc: mv.name }, related });
    }
  },
});
