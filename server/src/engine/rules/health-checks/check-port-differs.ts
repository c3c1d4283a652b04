import { checkTransport } from '../../model/indexes';
import type { Member, Pool } from '../../model/types';
import type { RuleContext } from '../rule';
import { defineRule } from '../rule';
import { memberContext } from '../security-groups/elb-traffic';

/**
 * Whether checking each member on its own port could make another finding appear: a security
 * group that does not admit the ELB source range on that port (ELB101), or a network ACL on the
 * member's subnet, which may admit the check port only (ELB104).
 */
function removalIsRisky(ctx: RuleContext, pool: Pool, members: Member[]): boolean {
  const transport = checkTransport(pool.healthmonitor?.type);
  for (const m of members) {
    const subnet = m.subnet?.target ?? ctx.index.serverOf(m)?.subnet?.target;
    if (subnet?.network_acl) return true;
    if (!transport) continue;
    const mc = memberContext(ctx.index, pool.lb, m);
    if (!mc) continue;
    const v = ctx.index.admitsFromElb(mc.server, { direction: 'ingress', protocol: transport, port: m.protocol_port, peer: mc.source.range }, mc.source);
    if (v.kind === 'blocked') return true;
    // When the check port itself is blocked, ELB101's fix opens it: removing the port in the
    // same fix-all pass would leave that new rule pointless. Let the user choose.
    const monitorPort = pool.healthmonitor?.monitor_port;
    if (monitorPort !== undefined) {
      const c = ctx.index.admitsFromElb(mc.server, { direction: 'ingress', protocol: transport, port: monitorPort, peer: mc.source.range }, mc.source);
      if (c.kind === 'blocked') return true;
    }
  }
  return false;
}

export default defineRule({
  id: 'ELB208',
  name: 'check-port-differs',
  severity: 'info',
  category: 'health-checks',
  faq: ['3.1', '3.2'],
  fixable: true,
  docs: {
    en: {
      summary: 'The health check probes a port (`monitor_port`) other than the members\' business port.',
      details: [
        'The FAQ recommends checking the port the members serve on: a check on another port can pass while the service itself is down, or fail while it works. Without `monitor_port` each member is checked on its own port, which is the default (FAQ 3.1 table 3-4, 3.2 table 3-8 and "check whether the backend server is normal").',
        '',
        'The rule reports a health check, on shared or dedicated load balancers and of any type, whose `monitor_port` differs from the `protocol_port` of at least one member of the pool. Members without a port are not compared.',
        '',
        'A separate check port can be deliberate (a sidecar or a status endpoint); then keep it and suppress the finding. The quick fix removes `monitor_port`, so every member is checked on its business port. It is not offered when a member\'s security groups would not admit the checks on the business port (ELB101), or when a member sits in a subnet with a network ACL: open the port first.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '健康检查端口（`monitor_port`）与后端服务器的业务端口不同。',
      details: [
        'FAQ 建议使用后端服务器的业务端口作为健康检查端口：检查其他端口时，业务已经故障检查仍可能成功，业务正常检查却可能失败。不设置 `monitor_port` 时，每台后端服务器都按自己的业务端口检查，这也是默认行为（FAQ 3.1 表 3-4、3.2 表 3-8 及“检查后端服务器是否正常”）。',
        '',
        '健康检查（共享型或独享型，任何协议）的 `monitor_port` 与后端服务器组中至少一台后端服务器的 `protocol_port` 不同时，本规则报告。没有填写端口的后端服务器不参与比较。',
        '',
        '单独的检查端口也可能是有意为之（例如 sidecar 或状态接口），此时请保留并屏蔽该告警。快速修复会删除 `monitor_port`，让每台后端服务器都按业务端口检查。如果某台后端服务器的安全组未在业务端口放通健康检查（ELB101），或其所在子网绑定了网络ACL，则不提供修复：请先放通该端口。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Health check of backend server group `{pool}` probes port {port}, but {members} {ports}: the check does not test the business port, which the FAQ recommends and which is the default without `monitor_port` (FAQ 3.1, 3.2).',
      fix: 'Remove `monitor_port` (check each member on its business port)',
      relatedMember: 'backend server `{member}` serves on port {port}',
    },
    'zh-cn': {
      default: '后端服务器组 `{pool}` 的健康检查端口为 {port}，但{members}的业务端口为 {ports}：健康检查没有检查业务端口。FAQ 建议使用业务端口作为健康检查端口，不设置 `monitor_port` 时即默认如此（FAQ 3.1、3.2）。',
      fix: '删除 `monitor_port`（按各后端服务器的业务端口检查）',
      relatedMember: '后端服务器 `{member}` 的业务端口为 {port}',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: web-lb
    listeners:
      - {name: http-80, protocol: HTTP, protocol_port: 80, default_pool: web-pool}
    pools:
      - name: web-pool
        protocol: HTTP
        lb_algorithm: ROUND_ROBIN
        healthmonitor: {type: TCP, delay: 5, timeout: 3, max_retries: 3, monitor_port: 22}
        members:
          - {address: 192.168.1.10, protocol_port: 8080}
`,
    good: `        healthmonitor: {type: TCP, delay: 5, timeout: 3, max_retries: 3}
`,
  },
  check(ctx) {
    for (const pool of ctx.model.pools) {
      const hm = pool.healthmonitor;
      if (!hm || hm.monitor_port === undefined) continue;
      const port = hm.monitor_port;
      const differing = pool.members.filter((m) => m.protocol_port !== undefined && m.protocol_port !== port);
      if (differing.length === 0) continue;
      const ports = [...new Set(differing.map((m) => m.protocol_port!))].sort((a, b) => a - b);
      const zh = ctx.locale === 'zh-cn';
      const all = differing.length === pool.members.length;
      const members = zh
        ? (all ? '后端服务器' : `其中 ${differing.length} 台后端服务器`)
        : all
          ? (differing.length === 1 ? 'its member serves on' : 'its members serve on')
          : `${differing.length} of its ${pool.members.length} members ${differing.length === 1 ? 'serves' : 'serve'} on`;
      ctx.report({
        at: hm.$,
        field: 'monitor_port',
        data: {
          pool: pool.name,
          port,
          members,
          ports: zh ? ports.join('、') : (ports.length === 1 ? `port ${ports[0]}` : `ports ${ports.join(', ')}`),
        },
        related: differing.map((m) => ({ at: m.$, field: 'protocol_port', messageId: 'relatedMember', data: { member: m.name, port: m.protocol_port! } })),
        fixes: removalIsRisky(ctx, pool, pool.members.filter((m) => m.protocol_port !== undefined))
          ? []
          : [{ messageId: 'fix', changes: [{ op: 'remove', at: hm.$, path: 'monitor_port' }], preferred: true }],
      });
    }
  },
});
