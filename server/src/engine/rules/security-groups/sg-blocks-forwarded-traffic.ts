import { poolTransport } from '../../model/indexes';
import type { Traffic } from '../../network/security-groups';
import { defineRule } from '../rule';
import { addRuleFix, forwardsFromElbRange, groupRelated, memberContext, messageFor, verdictData } from './elb-traffic';

export { forwardsFromElbRange };

export default defineRule({
  id: 'ELB102',
  name: 'sg-blocks-forwarded-traffic',
  severity: 'error',
  category: 'security-groups',
  faq: ['2.2', '2.5', '2.11', '3.1', '3.2', '5.10', '7.8'],
  fixable: true,
  docs: {
    en: {
      summary: "A member's security groups refuse the traffic ELB forwards to it from the load balancer's address range.",
      details: [
        'When ELB forwards a request with its own address as the source, the member\'s security groups must admit the ELB source range on the member port and the pool\'s transport protocol: `100.125.0.0/16` for a shared load balancer, the CIDR of the VPC holding the backend subnet for a dedicated one.',
        '',
        'Traffic arrives from that range for: every HTTP, HTTPS and QUIC listener; every TLS listener (TLS is terminated and proxied like L7, FAQ 2.11 item 5, 5.10); shared TCP/UDP listeners without transparent client IP (`transparent_client_ip_enable` off, the default there); dedicated TCP/UDP listeners on a load balancer with `ip_target_enable` on (FullNAT).',
        '',
        'Exempt, because the client address is kept and forwarded L4 traffic is not filtered by these rules: shared TCP/UDP listeners with transparent client IP on, and dedicated TCP/UDP listeners while `ip_target_enable` is off (FAQ 2.2 note, 2.5 note, 3.1 note, 3.2 note, 7.8 note). The FAQ\'s step 4 of 2.2 asks to admit client addresses in that case; the notes, which are more specific, say forwarded L4 traffic is not subject to security groups, and this rule follows the notes.',
        '',
        'UDP and QUIC pools use UDP; every other pool protocol uses TCP.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '后端服务器的安全组拒绝了 ELB 以自身地址段转发过来的业务流量。',
      details: [
        'ELB 以自身地址作为源地址转发请求时，后端服务器的安全组必须在业务端口和后端服务器组的传输协议上放通 ELB 的源地址段：共享型为 `100.125.0.0/16`，独享型为后端子网所在 VPC 的网段。',
        '',
        '以下情况流量来自该地址段：所有 HTTP、HTTPS、QUIC 监听器；所有 TLS 监听器（TLS 与七层一样终结后再代理，FAQ 2.11 第 5 项、5.10）；未开启“获取客户端IP”的共享型 TCP/UDP 监听器（共享型默认关闭）；开启了“IP类型后端”（`ip_target_enable`）的独享型负载均衡器上的 TCP/UDP 监听器。',
        '',
        '以下情况免检，因为保留了客户端地址，转发的四层流量不受这些规则限制：开启了“获取客户端IP”的共享型 TCP/UDP 监听器，以及未开启 `ip_target_enable` 的独享型 TCP/UDP 监听器（FAQ 2.2 注意、2.5 注意、3.1 注意、3.2 注意、7.8 注意）。FAQ 2.2 步骤四要求此时放通客户端地址，而更具体的“注意”说明转发的四层流量不受安全组限制，本规则以“注意”为准。',
        '',
        'UDP 和 QUIC 后端服务器组使用 UDP，其他协议使用 TCP。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Listener `{listener}` forwards {protocol} to `{server}` port {port} from {cidr}, but its security groups ({groups}) do not admit that range (FAQ 2.2, 7.8).',
      partial: 'Listener `{listener}` forwards {protocol} to `{server}` port {port} from {cidr}, but its security groups ({groups}) admit only part of that range (FAQ 2.2, 7.8).',
      denied: 'Listener `{listener}` forwards {protocol} to `{server}` port {port} from {cidr}, but a deny rule at priority {denyPriority} in `{denyGroup}` refuses it (FAQ 2.2, 7.8).',
      fix: 'Allow {protocol} port {port} from {cidr} in security group `{group}`',
      relatedGroup: 'security group `{group}` of `{server}`',
      relatedDeny: 'this deny rule of `{group}` decides first',
      relatedListener: 'listener `{listener}` forwards from the ELB range',
    },
    'zh-cn': {
      default: '监听器 `{listener}` 以源地址段 {cidr} 向 `{server}` 的端口 {port} 转发 {protocol} 流量，但其安全组（{groups}）未放通该地址段（FAQ 2.2、7.8）。',
      partial: '监听器 `{listener}` 以源地址段 {cidr} 向 `{server}` 的端口 {port} 转发 {protocol} 流量，但其安全组（{groups}）只放通了该地址段的一部分（FAQ 2.2、7.8）。',
      denied: '监听器 `{listener}` 以源地址段 {cidr} 向 `{server}` 的端口 {port} 转发 {protocol} 流量，但安全组 `{denyGroup}` 中优先级为 {denyPriority} 的拒绝规则拦截了它（FAQ 2.2、7.8）。',
      fix: '在安全组 `{group}` 中放通来自 {cidr} 的 {protocol} 端口 {port}',
      relatedGroup: '`{server}` 的安全组 `{group}`',
      relatedDeny: '这条 `{group}` 的拒绝规则先匹配',
      relatedListener: '监听器 `{listener}` 以 ELB 地址段转发',
    },
  },
  examples: {
    bad: `security_groups:
  - name: sg-app
    rules:
      - {direction: ingress, protocol: tcp, port_range_min: 22, port_range_max: 22, remote_ip_prefix: 10.0.0.0/8}
loadbalancers:
  - name: app-lb
    type: shared
    listeners:
      - {name: tcp-3306, protocol: TCP, protocol_port: 3306, default_pool: db-pool, transparent_client_ip_enable: false}
    pools:
      - name: db-pool
        protocol: TCP
        members: [{server: app-1, protocol_port: 3306}]
`,
    good: `      - {direction: ingress, protocol: tcp, port_range_min: 3306, port_range_max: 3306, remote_ip_prefix: 100.125.0.0/16}
`,
  },
  check(ctx) {
    for (const pool of ctx.model.pools) {
      const lb = pool.lb;
      // One finding per member, naming every listener that forwards to it from the ELB range.
      const listeners = ctx.index.listenersOf(pool).filter((l) => forwardsFromElbRange(lb, l) === true);
      if (listeners.length === 0) continue;
      const transport = poolTransport(pool.protocol);
      if (!transport) continue;
      for (const member of pool.members) {
        if (member.protocol_port === undefined || member.protocol_port === 0) continue;
        const mc = memberContext(ctx.index, lb, member);
        if (!mc) continue;
        const traffic: Traffic = { direction: 'ingress', protocol: transport, port: member.protocol_port, peer: mc.source.range };
        const verdict = ctx.index.admitsFromElb(mc.server, traffic, mc.source);
        if (verdict.kind !== 'blocked') continue;
        const names = listeners.map((l) => l.name).join(ctx.locale === 'zh-cn' ? '`、`' : '`, `');
        const data = { ...verdictData(mc, verdict, ctx.locale, lb), listener: names, protocol: transport.toUpperCase(), port: member.protocol_port };
        const fix = addRuleFix(mc, traffic, 'fix', data);
        ctx.report({
          at: member.$,
          field: 'protocol_port',
          messageId: messageFor(verdict),
          data,
          related: [
            ...listeners.map((l) => ({ at: l.$, field: 'protocol', messageId: 'relatedListener', data: { listener: l.name } })),
            ...groupRelated(mc, verdict),
          ],
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
});
