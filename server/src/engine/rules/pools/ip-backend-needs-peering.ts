import { parseRange, containsRange } from '../../network/cidr';
import { defineRule } from '../rule';
import { lbVpc, nameList, vpcsHolding } from './member-facts';

export default defineRule({
  id: 'ELB412',
  name: 'ip-backend-needs-peering',
  severity: 'warning',
  category: 'pools',
  faq: ['2.5', '6.4', '7.5'],
  fixable: false,
  docs: {
    en: {
      summary: 'An IP-type member sits in another VPC, and no VPC peering connects it to the load balancer\'s VPC.',
      details: [
        'IP-type backends let a dedicated load balancer serve servers outside its VPC, but ELB does not build the network path: the load balancer\'s VPC and the member\'s network must already be connected, for example by a VPC peering, or by Cloud Connect across regions (FAQ 6.4, 7.5). Without it health checks fail and no traffic arrives; FAQ 2.5 item 8 lists the missing peering among the causes of a load balancer that does not answer.',
        '',
        'The rule applies only when the configuration has a `vpc_peerings` list (an empty list counts): that list is then taken as complete. Without it the rule stays silent, since unknown is not missing. It fires on a member of a dedicated load balancer given by `address` alone whose address lies outside the CIDR of the load balancer\'s VPC and inside the CIDR of another declared VPC, when no peering joins the two VPCs (in either direction).',
        '',
        'An address in none of the declared VPCs (a data centre reached over VPN or Direct Connect, or a VPC this file does not describe) is left alone: the file cannot show those paths. The file cannot express Cloud Connect either; if a cross-region VPC is connected that way, suppress the finding for that member. On a shared load balancer IP-type members are not possible at all (ELB411, ELB410).',
      ].join('\n'),
    },
    'zh-cn': {
      summary: 'IP类型后端位于其他 VPC，但没有 VPC对等连接把它与负载均衡器所在的 VPC 连通。',
      details: [
        '通过IP类型后端，独享型负载均衡器可以使用其 VPC 以外的服务器，但 ELB 不会替您打通网络：负载均衡器所在的 VPC 与后端服务器所在的网络必须已经连通，例如通过 VPC对等连接，跨区域时通过云连接（FAQ 6.4、7.5）。否则健康检查失败，流量也无法到达；FAQ 2.5 第 8 项把缺少对等连接列为服务不通的原因之一。',
        '',
        '只有配置中写了 `vpc_peerings`（空列表也算）时本规则才生效：此时该列表视为完整列表。未写时不报告，因为未知不等于缺失。对独享型负载均衡器中只填写 `address` 的后端服务器，如果其地址不在负载均衡器所在 VPC 的网段内，而落在另一个已声明 VPC 的网段内，且两个 VPC 之间（任一方向）没有对等连接，本规则报告。',
        '',
        '不在任何已声明 VPC 网段内的地址（通过 VPN 或云专线连接的数据中心，或本文件未描述的 VPC）不报告：文件无法描述这些网络路径。文件也无法描述云连接；如果跨区域的 VPC 通过云连接打通，请对该后端服务器抑制此提示。共享型负载均衡器完全不支持IP类型后端（ELB411、ELB410）。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'IP-type backend server `{address}` lies in VPC {memberVpcs}, outside VPC `{lbVpc}` of load balancer `{lb}`, and no VPC peering joins them: ELB cannot reach it until the networks are connected (FAQ 2.5, 6.4, 7.5).',
    },
    'zh-cn': {
      default: 'IP类型后端 `{address}` 位于 VPC {memberVpcs}，不在负载均衡器 `{lb}` 所在的 VPC `{lbVpc}` 内，且两者之间没有 VPC对等连接：网络打通之前 ELB 无法访问它（FAQ 2.5、6.4、7.5）。',
    },
  },
  examples: {
    bad: `version: 1
vpcs:
  - {name: vpc-elb, cidr: 192.168.0.0/16, subnets: [{name: subnet-elb, cidr: 192.168.0.0/24}]}
  - {name: vpc-legacy, cidr: 172.16.0.0/16}
vpc_peerings: []
loadbalancers:
  - name: hybrid-lb
    type: dedicated
    vpc: vpc-elb
    ip_target_enable: true
    listeners:
      - {name: tcp-80, protocol: TCP, protocol_port: 80, default_pool: legacy-pool}
    pools:
      - name: legacy-pool
        protocol: TCP
        lb_algorithm: ROUND_ROBIN
        healthmonitor: {type: TCP, delay: 5, timeout: 3, max_retries: 3}
        members:
          - {address: 172.16.3.7, protocol_port: 80}     # in vpc-legacy
`,
    good: `vpc_peerings:
  - {name: peer-legacy, vpc: vpc-elb, peer_vpc: vpc-legacy}
`,
  },
  check(ctx) {
    const peerings = ctx.model.vpcPeerings;
    if (!peerings) return;
    const peered = new Set<string>();
    for (const p of peerings) {
      const a = p.vpc?.target;
      const b = p.peer_vpc?.target;
      if (!a || !b) continue;
      peered.add(a.name + '\u0000' + b.name);
      peered.add(b.name + '\u0000' + a.name);
    }
    for (const m of ctx.model.members) {
      if (!ctx.index.isIpTypeMember(m)) continue;
      const lb = m.pool.lb;
      if (lb.type !== 'dedicated') continue;
      const vpc = lbVpc(lb);
      const own = vpc?.cidr === undefined ? null : parseRange(vpc.cidr);
      const addr = parseRange(m.address!);
      if (!vpc || !own || !addr || containsRange(own, addr)) continue;
      const holders = vpcsHolding(ctx.model, addr).filter((v) => v !== vpc);
      if (holders.length === 0) continue;
      if (holders.some((v) => peered.has(vpc.name + '\u0000' + v.name))) continue;
      ctx.report({
        at: m.$,
        field: 'address',
        data: { address: m.address!, lb: lb.name, lbVpc: vpc.name, memberVpcs: nameList(holders.map((v) => v.name), ctx.locale) },
      });
    }
  },
});
