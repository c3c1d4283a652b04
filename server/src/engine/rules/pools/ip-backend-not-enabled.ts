import { poolTransport, type ModelIndex } from '../../model/indexes';
import type { LoadBalancer, Member, Subnet } from '../../model/types';
import { memberContext } from '../security-groups/elb-traffic';
import { defineRule, type FixSpec } from '../rule';
import { inCidr, lbVpc } from './member-facts';

/** The one subnet of the load balancer's VPC whose CIDR holds the member's address, if exactly one does. */
function subnetFor(lb: LoadBalancer, m: Member): Subnet | undefined {
  const vpc = lbVpc(lb);
  if (!vpc) return undefined;
  const hits = vpc.subnets.filter((s) => inCidr(m.address, s.cidr) === true);
  return hits.length === 1 ? hits[0] : undefined;
}

/**
 * Whether turning `ip_target_enable` on would leave the other findings as they are. It switches
 * the dedicated TCP/UDP listeners to FullNAT, so their members then see the VPC's addresses: a
 * security group that does not admit them (ELB102) or a network ACL on the way (ELB104) would
 * turn into new findings. Only a configuration where neither can happen gets the fix.
 */
function enablingIsClean(index: ModelIndex, lb: LoadBalancer): boolean {
  for (const l of lb.listeners) {
    if (l.protocol !== 'TCP' && l.protocol !== 'UDP') continue;
    for (const pool of index.poolsOf(l)) {
      const transport = poolTransport(pool.protocol);
      for (const m of pool.members) {
        const server = index.serverOf(m);
        if (m.subnet?.target?.network_acl || server?.subnet?.target?.network_acl) return false;
        if (!transport || m.protocol_port === undefined || m.protocol_port === 0) continue;
        const mc = memberContext(index, lb, m);
        if (!mc) continue;
        const v = index.admitsFromElb(mc.server, { direction: 'ingress', protocol: transport, port: m.protocol_port, peer: mc.source.range }, mc.source);
        if (v.kind === 'blocked') return false;
      }
    }
  }
  return true;
}

export default defineRule({
  id: 'ELB411',
  name: 'ip-backend-not-enabled',
  severity: 'error',
  category: 'pools',
  faq: ['2.3', '6.4', '7.3', '7.5'],
  fixable: true,
  notInFaq: {
    en: 'That a member without a subnet is an IP-type member, and that the API accepts it only with `ip_target_enable` on (absent = off, the API default), are API facts (ELB v3 API, member `subnet_cidr_id`, load balancer `ip_target_enable`); the FAQ describes the IP-type backend feature and who has it (FAQ 2.3, 6.4, 7.3, 7.5).',
    'zh-cn': '不带子网的后端服务器即IP类型后端，以及 API 只在开启 `ip_target_enable`（未填写即关闭，为 API 默认值）时才接受它，这些来自 API 说明（ELB v3 API 的后端服务器 `subnet_cidr_id`、负载均衡器 `ip_target_enable`）；FAQ 描述的是IP类型后端功能及其适用范围（FAQ 2.3、6.4、7.3、7.5）。',
  },
  docs: {
    en: {
      summary: 'A member is added by IP address alone, but the load balancer does not take IP-type backends.',
      details: [
        'A member given by `address` without a `subnet` (and not by `server`) is an IP-type backend (IP类型后端): ELB reaches it by address, across VPCs, regions or into your data centre (FAQ 6.4, 7.5). Only a dedicated load balancer with `ip_target_enable: true` (the console\'s "IP as backend" switch) takes such members; a shared load balancer takes only Huawei Cloud servers of its own VPC (FAQ 7.3, 4.4), and a dedicated one with the switch off needs every member\'s subnet. `ip_target_enable` absent means off, the API default.',
        '',
        'Quick fixes:',
        '',
        '- When the address lies in exactly one subnet of the load balancer\'s VPC, the member is really an ordinary backend: the fix adds that `subnet` to it (preferred).',
        '- On a dedicated load balancer the fix can also switch `ip_target_enable` on. Know what that does before you apply it: it cannot be switched off again, and ELB then forwards in FullNAT mode, so TCP/UDP listeners no longer pass the client IP (FAQ 2.3, 4.5 note) and members see addresses of the backend subnet\'s VPC instead, which their security groups and network ACLs must admit. The fix is offered only when the configuration shows no security group or network ACL that would then block that traffic.',
        '',
        'An IP-type member in another VPC also needs a network path, such as a VPC peering (ELB412).',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '后端服务器只按 IP 地址添加，但负载均衡器不支持IP类型后端。',
      details: [
        '只填写 `address`、不带 `subnet`（也不是 `server`）的后端服务器属于IP类型后端：ELB 按地址访问它，可以跨 VPC、跨区域，甚至访问云下数据中心（FAQ 6.4、7.5）。只有开启了 `ip_target_enable: true`（控制台的“IP类型后端”开关）的独享型负载均衡器才支持这类后端服务器；共享型只支持本 VPC 内的华为云服务器（FAQ 7.3、4.4），未开启该开关的独享型要求每台后端服务器都指定子网。未填写 `ip_target_enable` 视为关闭（API 默认值）。',
        '',
        '快速修复：',
        '',
        '- 如果该地址恰好落在负载均衡器所在 VPC 的某一个子网内，它其实是普通的后端服务器：修复会为它补上该 `subnet`（首选）。',
        '- 对独享型负载均衡器，修复也可以开启 `ip_target_enable`。应用前请了解其影响：开启后不能关闭；ELB 改为 FullNAT 方式转发，TCP/UDP 监听器的“获取客户端IP”将失效（FAQ 2.3、4.5 说明），后端服务器看到的源地址变为后端子网所在 VPC 的地址，安全组和网络ACL必须放通。只有当配置中没有会因此拦截流量的安全组或网络ACL时，才提供该修复。',
        '',
        '位于其他 VPC 的IP类型后端还需要打通网络，例如 VPC对等连接（ELB412）。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      shared: 'Backend server `{address}` of shared load balancer `{lb}` is added by IP address without a subnet (an IP-type backend); shared load balancers take only servers of their own VPC, added with their subnet (FAQ 7.3, 4.4).',
      off: 'Backend server `{address}` is added by IP address without a subnet (an IP-type backend), but dedicated load balancer `{lb}` does not have `ip_target_enable` on; only then does it take IP-type members (FAQ 6.4, 7.5).',
      fixSubnet: 'Add `subnet: {subnet}` (the address lies in it)',
      fixEnable: 'Switch `ip_target_enable` on for `{lb}` (cannot be undone; TCP/UDP listeners then lose the client IP)',
      relatedLb: 'load balancer `{lb}`',
    },
    'zh-cn': {
      shared: '共享型负载均衡器 `{lb}` 的后端服务器 `{address}` 按 IP 地址添加且没有子网（IP类型后端）；共享型只支持本 VPC 内、带子网添加的服务器（FAQ 7.3、4.4）。',
      off: '后端服务器 `{address}` 按 IP 地址添加且没有子网（IP类型后端），但独享型负载均衡器 `{lb}` 没有开启 `ip_target_enable`；只有开启后才支持IP类型后端（FAQ 6.4、7.5）。',
      fixSubnet: '添加 `subnet: {subnet}`（该地址位于此子网）',
      fixEnable: '为 `{lb}` 开启 `ip_target_enable`（开启后不能关闭；TCP/UDP 监听器将无法获取客户端IP）',
      relatedLb: '负载均衡器 `{lb}`',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: hybrid-lb
    type: dedicated
    l7_flavor: L7_flavor.elb.s1.small
    listeners:
      - {name: http-80, protocol: HTTP, protocol_port: 80, default_pool: idc-pool}
    pools:
      - name: idc-pool
        protocol: HTTP
        lb_algorithm: ROUND_ROBIN
        healthmonitor: {type: HTTP, delay: 5, timeout: 3, max_retries: 3, url_path: /}
        members:
          - {address: 10.20.0.15, protocol_port: 8080}   # a server in the data centre
`,
    good: `loadbalancers:
  - name: hybrid-lb
    type: dedicated
    ip_target_enable: true      # IP as backend
`,
  },
  check(ctx) {
    const clean = new Map<LoadBalancer, boolean>();
    for (const m of ctx.model.members) {
      if (!ctx.index.isIpTypeMember(m)) continue;
      const lb = m.pool.lb;
      if (lb.type === 'dedicated' && lb.ip_target_enable === true) continue;
      const data = { address: m.address!, lb: lb.name };
      const fixes: FixSpec[] = [];
      const subnet = subnetFor(lb, m);
      if (subnet) fixes.push({ messageId: 'fixSubnet', data: { subnet: subnet.name }, changes: [{ op: 'set', at: m.$, path: 'subnet', value: subnet.name }], preferred: true });
      if (lb.type === 'dedicated') {
        let ok = clean.get(lb);
        if (ok === undefined) clean.set(lb, (ok = enablingIsClean(ctx.index, lb)));
        if (ok) fixes.push({ messageId: 'fixEnable', data, changes: [{ op: 'set', at: lb.$, path: 'ip_target_enable', value: true }], preferred: !subnet });
      }
      ctx.report({
        at: m.$,
        field: 'address',
        messageId: lb.type === 'shared' ? 'shared' : 'off',
        data,
        related: [{ at: lb.$, field: lb.ip_target_enable === undefined ? undefined : 'ip_target_enable', messageId: 'relatedLb', data }],
        fixes,
      });
    }
  },
});
