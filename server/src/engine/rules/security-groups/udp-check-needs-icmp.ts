import type { Traffic } from '../../network/security-groups';
import { defineRule } from '../rule';
import { addRuleFix, groupRelated, memberContext, messageFor, verdictData } from './elb-traffic';

export default defineRule({
  id: 'ELB105',
  name: 'udp-check-needs-icmp',
  severity: 'error',
  category: 'security-groups',
  faq: ['3.4'],
  fixable: true,
  docs: {
    en: {
      summary: 'A UDP health check needs ICMP from the ELB source range, and the member\'s security groups refuse it.',
      details: [
        'A `UDP_CONNECT` health check starts with an ICMP echo request; a member that does not answer it is marked unhealthy, whatever its UDP service does. ICMP must therefore be admitted from the ELB source range (`100.125.0.0/16` for shared, the backend-subnet VPC CIDR for dedicated) by the security groups of the member\'s server.',
        '',
        'The FAQ (3.4) describes the ICMP probe and asks for ICMP to be enabled on the server; the security-group rule is what that takes on the network side. A rule with protocol `icmp` (any type, or type 8) or protocol `any` counts.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: 'UDP 健康检查需要放通来自 ELB 源地址段的 ICMP，而后端服务器的安全组拒绝了它。',
      details: [
        '`UDP_CONNECT` 健康检查会先发送 ICMP 回显请求，后端服务器不应答就会被判定为异常，无论其 UDP 业务是否正常。因此后端云服务器的安全组必须放通来自 ELB 源地址段（共享型为 `100.125.0.0/16`，独享型为后端子网所在 VPC 的网段）的 ICMP。',
        '',
        'FAQ 3.4 说明了 ICMP 探测并要求服务器开启 ICMP；在网络侧，这需要相应的安全组规则。协议为 `icmp`（任意类型或类型 8）或 `any` 的规则均可。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'The UDP health check of pool `{pool}` pings `{server}` first, but its security groups ({groups}) do not admit ICMP from {cidr} (FAQ 3.4).',
      partial: 'The UDP health check of pool `{pool}` pings `{server}` first, but its security groups ({groups}) admit ICMP from only part of {cidr} (FAQ 3.4).',
      denied: 'The UDP health check of pool `{pool}` pings `{server}` first, but a deny rule at priority {denyPriority} in `{denyGroup}` refuses ICMP from {cidr} (FAQ 3.4).',
      fix: 'Allow ICMP from {cidr} in security group `{group}`',
      relatedGroup: 'security group `{group}` of `{server}`',
      relatedDeny: 'this deny rule of `{group}` decides first',
    },
    'zh-cn': {
      default: '后端服务器组 `{pool}` 的 UDP 健康检查会先 ping `{server}`，但其安全组（{groups}）未放通来自 {cidr} 的 ICMP（FAQ 3.4）。',
      partial: '后端服务器组 `{pool}` 的 UDP 健康检查会先 ping `{server}`，但其安全组（{groups}）只放通了来自 {cidr} 部分地址的 ICMP（FAQ 3.4）。',
      denied: '后端服务器组 `{pool}` 的 UDP 健康检查会先 ping `{server}`，但安全组 `{denyGroup}` 中优先级为 {denyPriority} 的拒绝规则拦截了来自 {cidr} 的 ICMP（FAQ 3.4）。',
      fix: '在安全组 `{group}` 中放通来自 {cidr} 的 ICMP',
      relatedGroup: '`{server}` 的安全组 `{group}`',
      relatedDeny: '这条 `{group}` 的拒绝规则先匹配',
    },
  },
  examples: {
    bad: `pools:
  - name: dns-pool
    protocol: UDP
    healthmonitor: {type: UDP_CONNECT, delay: 5, timeout: 3, max_retries: 3}
    members: [{server: dns-1, protocol_port: 53}]
# sg of dns-1 admits udp/53 from 100.125.0.0/16 but no ICMP
`,
    good: `      - {direction: ingress, protocol: icmp, remote_ip_prefix: 100.125.0.0/16}
`,
  },
  check(ctx) {
    for (const pool of ctx.model.pools) {
      const hm = pool.healthmonitor;
      if (!hm || hm.admin_state_up === false || hm.type !== 'UDP_CONNECT') continue;
      for (const member of pool.members) {
        const mc = memberContext(ctx.index, pool.lb, member);
        if (!mc) continue;
        const traffic: Traffic = { direction: 'ingress', protocol: 'icmp', peer: mc.source.range };
        const verdict = ctx.index.admitsFromElb(mc.server, traffic, mc.source);
        if (verdict.kind !== 'blocked') continue;
        const data = { ...verdictData(mc, verdict, ctx.locale, pool.lb), pool: pool.name };
        const fix = addRuleFix(mc, traffic, 'fix', data);
        ctx.report({ at: member.$, field: member.server ? 'server' : 'address', messageId: messageFor(verdict), data, related: groupRelated(mc, verdict), fixes: fix ? [fix] : [] });
      }
    }
  },
});
