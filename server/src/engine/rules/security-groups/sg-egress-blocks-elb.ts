import { checkTransport } from '../../model/indexes';
import type { SecurityGroup, SecurityGroupRule } from '../../model/types';
import { evaluate, hasCustomEgress, orderedRules, type Traffic } from '../../network/security-groups';
import { defineRule } from '../rule';
import { addRuleFix, checkPort, groupRelated, memberContext, messageFor, verdictData, type MemberContext } from './elb-traffic';

/**
 * The groups as the platform sees them for egress: a group that lists no egress rule keeps the
 * default allow-all egress rule a new security group gets (FAQ 3.1 table 3-2: "默认的安全组出方向规则全部放通").
 */
function withDefaultEgress(groups: SecurityGroup[]): SecurityGroup[] {
  return groups.map((g) => {
    const rules = g.rules ?? [];
    if (rules.some((r) => (r.direction ?? 'ingress') === 'egress')) return g;
    const sim: SecurityGroup = { ...g };
    const allowAll: SecurityGroupRule = { $: g.$, group: sim, direction: 'egress', ethertype: 'IPv4', protocol: 'any', remote_ip_prefix: '0.0.0.0/0', action: 'allow', priority: 1 };
    sim.rules = [...rules, allowAll];
    return sim;
  });
}

export default defineRule({
  id: 'ELB103',
  name: 'sg-egress-blocks-elb',
  severity: 'warning',
  category: 'security-groups',
  faq: ['3.1', '3.2'],
  fixable: true,
  docs: {
    en: {
      summary: "A member's security groups restrict outbound traffic and do not allow the health check's protocol and port toward the ELB source range.",
      details: [
        'A new security group allows all outbound traffic. Once a group lists its own egress rules, everything they do not allow is refused, and the health check troubleshooting tables of the FAQ then ask for an egress rule that allows the check\'s transport protocol and the check port toward the ELB source range: `100.125.0.0/16` for a shared load balancer, the CIDR of the VPC that holds the backend subnet for a dedicated one (FAQ 3.1 table 3-2, 3.2 table 3-6).',
        '',
        'The rule looks at every member of a pool with an enabled health monitor. The check port is `monitor_port` when set, else the member port; TCP, HTTP, HTTPS, TLS and gRPC checks use TCP, `UDP_CONNECT` checks UDP. It fires only when at least one of the server\'s groups lists an egress rule other than the default allow-all (protocol any to `0.0.0.0/0` or `::/0`); a group that lists ingress rules only is read as keeping its default allow-all egress rule. The egress rules of all the server\'s groups are evaluated together like ingress rules (priority 1 first, deny before allow at equal priority), and must cover the whole ELB range.',
        '',
        'Security groups are stateful, so replies to an admitted probe normally leave anyway; the FAQ nevertheless lists these egress checks, so this is a warning rather than an error. The quick fix adds an egress rule for the check protocol and port toward the ELB range to the first group that has custom egress rules.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '后端服务器的安全组限制了出方向流量，且未放通发往 ELB 源地址段的健康检查协议和端口。',
      details: [
        '新建的安全组默认放通全部出方向流量。一旦安全组配置了自定义出方向规则，未被放通的出方向流量都会被拒绝；FAQ 的健康检查排查表要求此时出方向规则放通健康检查的传输层协议、健康检查端口和 ELB 源地址段：共享型为 `100.125.0.0/16`，独享型为后端子网所在 VPC 的网段（FAQ 3.1 表 3-2、3.2 表 3-6）。',
        '',
        '本规则检查开启了健康检查的后端服务器组中的每台后端服务器。检查端口为 `monitor_port`（若设置），否则为业务端口；TCP、HTTP、HTTPS、TLS 和 gRPC 健康检查使用 TCP，`UDP_CONNECT` 使用 UDP。只有当服务器的某个安全组配置了默认全放通（协议全部、目的 `0.0.0.0/0` 或 `::/0`）以外的出方向规则时才会告警；只配置了入方向规则的安全组视为保留默认的出方向全放通规则。服务器所有安全组的出方向规则与入方向规则一样统一匹配（优先级 1 最先，同一优先级时拒绝优先），且必须覆盖整个 ELB 地址段。',
        '',
        '安全组是有状态的，已放通的探测报文的回包通常仍能发出；但 FAQ 仍列出了这些出方向检查项，因此本规则级别为警告而非错误。快速修复会在第一个配置了自定义出方向规则的安全组中添加一条放通该协议和端口、目的为 ELB 地址段的出方向规则。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'The security groups of `{server}` ({groups}) restrict outbound traffic, and none allows {protocol} port {port} toward {cidr}, the range the {lbType} load balancer runs the health checks of pool `{pool}` from (FAQ 3.1, 3.2).',
      partial: 'The security groups of `{server}` ({groups}) restrict outbound traffic and allow {protocol} port {port} toward only part of {cidr}, the range the {lbType} load balancer runs the health checks of pool `{pool}` from (FAQ 3.1, 3.2).',
      denied: 'An egress deny rule at priority {denyPriority} in `{denyGroup}` refuses {protocol} port {port} from `{server}` toward {cidr}, the range the {lbType} load balancer runs the health checks of pool `{pool}` from (FAQ 3.1, 3.2).',
      fix: 'Allow egress {protocol} port {port} toward {cidr} in security group `{group}`',
      relatedGroup: 'security group `{group}` of `{server}`',
      relatedDeny: 'this deny rule of `{group}` decides first',
    },
    'zh-cn': {
      default: '`{server}` 的安全组（{groups}）限制了出方向流量，但没有规则放通发往 {cidr} 的 {protocol} 端口 {port}；{lbType}负载均衡器从该地址段对后端服务器组 `{pool}` 做健康检查（FAQ 3.1、3.2）。',
      partial: '`{server}` 的安全组（{groups}）限制了出方向流量，只对 {cidr} 的一部分放通了 {protocol} 端口 {port}；{lbType}负载均衡器从该地址段对后端服务器组 `{pool}` 做健康检查（FAQ 3.1、3.2）。',
      denied: '安全组 `{denyGroup}` 中优先级为 {denyPriority} 的出方向拒绝规则拦截了 `{server}` 发往 {cidr} 的 {protocol} 端口 {port}；{lbType}负载均衡器从该地址段对后端服务器组 `{pool}` 做健康检查（FAQ 3.1、3.2）。',
      fix: '在安全组 `{group}` 中添加出方向规则，放通发往 {cidr} 的 {protocol} 端口 {port}',
      relatedGroup: '`{server}` 的安全组 `{group}`',
      relatedDeny: '这条 `{group}` 的拒绝规则先匹配',
    },
  },
  examples: {
    bad: `security_groups:
  - name: sg-app
    rules:
      - {direction: ingress, protocol: tcp, port_range_min: 8080, port_range_max: 8080, remote_ip_prefix: 100.125.0.0/16}
      # outbound locked down to the database subnet only
      - {direction: egress, protocol: tcp, port_range_min: 5432, port_range_max: 5432, remote_ip_prefix: 192.168.30.0/24}
servers:
  - {name: app-1, address: 192.168.10.11, security_groups: [sg-app]}
loadbalancers:
  - name: app-lb
    type: shared
    listeners:
      - {name: http-80, protocol: HTTP, protocol_port: 80, default_pool: app-pool}
    pools:
      - name: app-pool
        protocol: HTTP
        healthmonitor: {type: HTTP, delay: 5, timeout: 3, max_retries: 3, url_path: /healthz}
        members: [{server: app-1, protocol_port: 8080}]
`,
    good: `      - {direction: egress, protocol: tcp, port_range_min: 5432, port_range_max: 5432, remote_ip_prefix: 192.168.30.0/24}
      - {direction: egress, protocol: tcp, port_range_min: 8080, port_range_max: 8080, remote_ip_prefix: 100.125.0.0/16}
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
        const base = memberContext(ctx.index, pool.lb, member);
        if (!base || !hasCustomEgress(base.groups)) continue;
        // Put the first group with custom egress rules first: the fix adds the rule there.
        const custom = base.groups.find((g) => hasCustomEgress([g]));
        const ordered = custom ? [custom, ...base.groups.filter((g) => g !== custom)] : base.groups;
        const groups = withDefaultEgress(ordered);
        const rules = orderedRules(groups);
        if (!rules) continue;
        const traffic: Traffic = { direction: 'egress', protocol: transport, port, peer: base.source.range };
        const verdict = evaluate(groups, traffic, rules);
        if (verdict.kind !== 'blocked') continue;
        const mc: MemberContext = { ...base, groups };
        const shown: MemberContext = { ...base, groups: ordered };
        const data = { ...verdictData(shown, verdict, ctx.locale, pool.lb), pool: pool.name, protocol: transport.toUpperCase(), port };
        const fix = addRuleFix(mc, traffic, 'fix', data);
        ctx.report({
          at: member.$,
          field: member.server ? 'server' : 'address',
          messageId: messageFor(verdict),
          data,
          related: groupRelated(shown, verdict),
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
});
