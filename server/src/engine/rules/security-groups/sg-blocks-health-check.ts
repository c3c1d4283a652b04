import { checkTransport } from '../../model/indexes';
import type { Traffic } from '../../network/security-groups';
import { defineRule } from '../rule';
import { addRuleFix, checkPort, groupRelated, memberContext, messageFor, verdictData } from './elb-traffic';

export default defineRule({
  id: 'ELB101',
  name: 'sg-blocks-health-check',
  severity: 'error',
  category: 'security-groups',
  faq: ['2.2', '3.1', '3.2', '5.3'],
  fixable: true,
  docs: {
    en: {
      summary: "A member's security groups do not admit the health checks of its load balancer.",
      details: [
        'ELB probes every member from its own address range: `100.125.0.0/16` for a shared load balancer, and the CIDR of the VPC that holds the backend subnet for a dedicated one. When the security groups of the member\'s server, taken together, do not admit that whole range on the check\'s transport protocol and port, every probe fails, the member is marked unhealthy and receives no traffic.',
        '',
        'The check port is `monitor_port` when set, else the member\'s port. TCP, HTTP, HTTPS, TLS and gRPC checks use TCP; `UDP_CONNECT` checks use UDP. Rules of all the server\'s groups are evaluated together, by priority (1 is highest; at equal priority a deny wins); rules that name a remote security group never match ELB\'s addresses; a rule that admits only part of the range (for example `100.125.0.0/17`) is not enough.',
        '',
        'This applies to dedicated load balancers with TCP/UDP listeners too: forwarded traffic keeps the client address there and is exempt from these rules, but health checks are not (FAQ 3.1 table 3-2, 3.2 table 3-6, 2.2 step 2).',
        '',
        'Allowing the range is safe: these addresses are used only by ELB toward backends.',
        '',
        'A dedicated load balancer takes the addresses it probes from in its backend subnets (FAQ 5.3). When the input names them (or they default to the frontend subnet), a security group that admits every backend subnet is enough and the rule stays silent, even though the FAQ recommends the whole VPC range; the fix still adds the VPC range, which keeps working when subnets are added.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '后端服务器的安全组未放通负载均衡器的健康检查流量。',
      details: [
        'ELB 从自己的地址段探测每台后端服务器：共享型负载均衡器使用 `100.125.0.0/16`，独享型负载均衡器使用其后端子网所在 VPC 的网段。如果后端云服务器所有安全组合起来没有在健康检查的传输协议和端口上放通整个地址段，探测就会失败，该服务器被判定为异常，不再接收流量。',
        '',
        '检查端口为 `monitor_port`（若设置），否则为后端服务器的业务端口。TCP、HTTP、HTTPS、TLS 和 gRPC 健康检查使用 TCP；`UDP_CONNECT` 健康检查使用 UDP。服务器所有安全组的规则按优先级统一匹配（1 为最高；同一优先级时拒绝优先）；源地址为安全组的规则不会匹配 ELB 的地址；只放通部分地址段（例如 `100.125.0.0/17`）是不够的。',
        '',
        '独享型负载均衡器的 TCP/UDP 监听器同样适用：转发流量保留客户端地址，不受这些规则限制，但健康检查流量受限（FAQ 3.1 表 3-2、3.2 表 3-6、2.2 步骤二）。',
        '',
        '放通该地址段是安全的：这些地址仅供 ELB 访问后端服务器使用。',
        '',
        '独享型负载均衡器从其后端子网中取用探测地址（FAQ 5.3）。当配置给出了后端子网（未给出时默认为前端子网），安全组放通了全部后端子网即可，本规则不报告，尽管 FAQ 建议放通整个 VPC 网段；修复仍添加 VPC 网段，这样以后增加子网也不受影响。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Health checks of pool `{pool}` cannot reach `{server}` on {protocol} port {port}: its security groups ({groups}) do not admit {cidr}, the range the {lbType} load balancer probes from (FAQ 3.1, 3.2).',
      partial: 'Health checks of pool `{pool}` cannot reach `{server}` on {protocol} port {port}: its security groups ({groups}) admit only part of {cidr}, the range the {lbType} load balancer probes from (FAQ 3.1, 3.2).',
      denied: 'Health checks of pool `{pool}` cannot reach `{server}` on {protocol} port {port}: a deny rule at priority {denyPriority} in `{denyGroup}` refuses {cidr}, the range the {lbType} load balancer probes from (FAQ 3.1, 3.2).',
      fix: 'Allow {protocol} port {port} from {cidr} in security group `{group}`',
      relatedGroup: 'security group `{group}` of `{server}`',
      relatedDeny: 'this deny rule of `{group}` decides first',
    },
    'zh-cn': {
      default: '后端服务器组 `{pool}` 的健康检查无法到达 `{server}` 的 {protocol} 端口 {port}：其安全组（{groups}）未放通{lbType}负载均衡器的健康检查源地址段 {cidr}（FAQ 3.1、3.2）。',
      partial: '后端服务器组 `{pool}` 的健康检查无法到达 `{server}` 的 {protocol} 端口 {port}：其安全组（{groups}）只放通了{lbType}负载均衡器健康检查源地址段 {cidr} 的一部分（FAQ 3.1、3.2）。',
      denied: '后端服务器组 `{pool}` 的健康检查无法到达 `{server}` 的 {protocol} 端口 {port}：安全组 `{denyGroup}` 中优先级为 {denyPriority} 的拒绝规则拦截了{lbType}负载均衡器的源地址段 {cidr}（FAQ 3.1、3.2）。',
      fix: '在安全组 `{group}` 中放通来自 {cidr} 的 {protocol} 端口 {port}',
      relatedGroup: '`{server}` 的安全组 `{group}`',
      relatedDeny: '这条 `{group}` 的拒绝规则先匹配',
    },
  },
  examples: {
    bad: `version: 1
vpcs:
  - name: vpc-prod
    cidr: 192.168.0.0/16
    subnets: [{name: subnet-back, cidr: 192.168.1.0/24}]
security_groups:
  - name: sg-web
    rules:
      - {direction: ingress, protocol: tcp, port_range_min: 443, port_range_max: 443, remote_ip_prefix: 0.0.0.0/0}
servers:
  - {name: web-1, subnet: subnet-back, address: 192.168.1.10, security_groups: [sg-web]}
loadbalancers:
  - name: web-lb
    type: shared
    vip_subnet: subnet-back
    listeners:
      - {name: http-80, protocol: HTTP, protocol_port: 80, default_pool: web-pool}
    pools:
      - name: web-pool
        protocol: HTTP
        lb_algorithm: ROUND_ROBIN
        healthmonitor: {type: HTTP, delay: 5, timeout: 3, max_retries: 3, url_path: /health}
        members:
          - {server: web-1, protocol_port: 8080}   # port 8080 is closed to 100.125.0.0/16
`,
    good: `security_groups:
  - name: sg-web
    rules:
      - {direction: ingress, protocol: tcp, port_range_min: 443, port_range_max: 443, remote_ip_prefix: 0.0.0.0/0}
      - {direction: ingress, protocol: tcp, port_range_min: 8080, port_range_max: 8080, remote_ip_prefix: 100.125.0.0/16}
`,
  },
  check(ctx) {
    for (const pool of ctx.model.pools) {
      const hm = pool.healthmonitor;
      if (!hm || hm.admin_state_up === false) continue;
      const transport = checkTransport(hm.type);
      if (!transport) continue;
      for (const member of pool.members) {
        const port = checkPort(hm, member);
        if (port === undefined) continue;
        const mc = memberContext(ctx.index, pool.lb, member);
        if (!mc) continue;
        const traffic: Traffic = { direction: 'ingress', protocol: transport, port, peer: mc.source.range };
        const verdict = ctx.index.admitsFromElb(mc.server, traffic, mc.source);
        if (verdict.kind !== 'blocked') continue;
        const data = { ...verdictData(mc, verdict, ctx.locale, pool.lb), pool: pool.name, protocol: transport.toUpperCase(), port };
        const fix = addRuleFix(mc, traffic, 'fix', data);
        ctx.report({
          at: member.$,
          field: member.server ? 'server' : 'address',
          messageId: messageFor(verdict),
          data,
          related: [...groupRelated(mc, verdict)],
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
});
