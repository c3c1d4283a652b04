import { SHARED_ALT_SOURCE_CIDR } from '../../model/indexes';
import type { SecurityGroup } from '../../model/types';
import { overlaps, parseRange } from '../../network/cidr';
import type { Traffic } from '../../network/security-groups';
import { defineRule, type RelatedSpec } from '../rule';
import { addRuleFix, elbTrafficTo, memberContext, type MemberContext } from './elb-traffic';

const ALT_RANGE = parseRange(SHARED_ALT_SOURCE_CIDR)!;

/** The group that already admits the main range: the new rule goes next to it. */
function groupAdmittingMain(groups: SecurityGroup[], main: ReturnType<typeof parseRange>): SecurityGroup | undefined {
  if (!main) return undefined;
  return groups.find((g) =>
    (g.rules ?? []).some((r) => {
      if ((r.direction ?? 'ingress') !== 'ingress' || (r.action ?? 'allow') !== 'allow' || !r.remote_ip_prefix) return false;
      const p = parseRange(r.remote_ip_prefix);
      return !!p && overlaps(p, main);
    }),
  );
}

export default defineRule({
  id: 'ELB106',
  name: 'shared-alt-range-missing',
  severity: 'info',
  category: 'security-groups',
  faq: ['7.4'],
  fixable: true,
  docs: {
    en: {
      summary: "A shared load balancer's member admits 100.125.0.0/16 but not 214.0.0.0/8, the range ELB uses in regions that ran out of the first.",
      details: [
        'A shared load balancer reaches its members from `100.125.0.0/16`, for forwarded traffic and health checks alike. In a region where that range is used up, ELB takes its source addresses from `214.0.0.0/8` instead (FAQ 7.4). A member whose security groups admit the first range but not the second works today and fails the day its load balancer is served from the other range.',
        '',
        'For every member of a shared load balancer, the rule looks at the traffic that comes from the ELB range: health checks of an enabled health monitor (check port and check protocol, plus ICMP for a `UDP_CONNECT` check, which pings first, FAQ 3.4) and traffic forwarded by listeners that forward from the ELB range (member port and pool protocol; shared TCP/UDP listeners with transparent client IP on are exempt, as in ELB102). It reports when the server\'s security groups admit the whole of `100.125.0.0/16` for that traffic but not the whole of `214.0.0.0/8`. Dedicated load balancers use their VPC\'s addresses and are not concerned.',
        '',
        'The quick fix adds an ingress rule for `214.0.0.0/8` on the same protocol and port, in the group that already admits `100.125.0.0/16`. The quick fixes of ELB101, ELB102 and ELB105 add both ranges for shared load balancers.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '共享型负载均衡器的后端服务器放通了 100.125.0.0/16，但未放通 214.0.0.0/8（部分区域用于替代前者的网段）。',
      details: [
        '共享型负载均衡器使用 `100.125.0.0/16` 中的地址向后端服务器转发流量和发起健康检查。在该网段已用尽的区域，ELB 会改用 `214.0.0.0/8` 中的地址作为源地址（FAQ 7.4）。只放通了前一个网段的后端服务器目前可以正常工作，但一旦负载均衡器改用另一个网段就会失败。',
        '',
        '对共享型负载均衡器的每台后端服务器，本规则检查来自 ELB 地址段的流量：已开启的健康检查（检查端口和检查协议；`UDP_CONNECT` 健康检查会先 ping，因此还包括 ICMP，FAQ 3.4），以及以 ELB 地址段转发的监听器流量（业务端口和后端服务器组协议；与 ELB102 相同，开启了“获取客户端IP”的共享型 TCP/UDP 监听器豁免）。当服务器的安全组对该流量放通了整个 `100.125.0.0/16`、却没有放通整个 `214.0.0.0/8` 时提示。独享型负载均衡器使用所在 VPC 的地址，不受影响。',
        '',
        '快速修复会在已放通 `100.125.0.0/16` 的安全组中添加一条相同协议和端口、源地址为 `214.0.0.0/8` 的入方向规则。ELB101、ELB102 和 ELB105 的快速修复对共享型负载均衡器会同时添加两个网段。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'The security groups of `{server}` ({groups}) admit {traffic} from {cidr} but not from {altCidr}, which shared load balancers use for {what} in regions where {cidr} has run out (FAQ 7.4).',
      fix: 'Also allow {traffic} from {altCidr} in security group `{group}`',
      relatedGroup: 'security group `{group}` of `{server}`',
      relatedListener: 'listener `{listener}` forwards from the ELB range',
    },
    'zh-cn': {
      default: '`{server}` 的安全组（{groups}）放通了来自 {cidr} 的 {traffic}，但未放通 {altCidr}；在 {cidr} 已用尽的区域，共享型负载均衡器会使用该网段发起{what}（FAQ 7.4）。',
      fix: '在安全组 `{group}` 中同时放通来自 {altCidr} 的 {traffic}',
      relatedGroup: '`{server}` 的安全组 `{group}`',
      relatedListener: '监听器 `{listener}` 以 ELB 地址段转发',
    },
  },
  examples: {
    bad: `security_groups:
  - name: sg-web
    rules:
      - {direction: ingress, protocol: tcp, port_range_min: 8080, port_range_max: 8080, remote_ip_prefix: 100.125.0.0/16}
loadbalancers:
  - name: web-lb
    type: shared
    listeners:
      - {name: http-80, protocol: HTTP, protocol_port: 80, default_pool: web-pool}
    pools:
      - name: web-pool
        protocol: HTTP
        members: [{server: web-1, protocol_port: 8080}]
`,
    good: `      - {direction: ingress, protocol: tcp, port_range_min: 8080, port_range_max: 8080, remote_ip_prefix: 100.125.0.0/16}
      - {direction: ingress, protocol: tcp, port_range_min: 8080, port_range_max: 8080, remote_ip_prefix: 214.0.0.0/8}
`,
  },
  check(ctx) {
    for (const pool of ctx.model.pools) {
      const lb = pool.lb;
      if (lb.type !== 'shared') continue;
      for (const member of pool.members) {
        const base = memberContext(ctx.index, lb, member);
        if (!base) continue;
        // Traffic from the ELB range: the check (and a UDP check's ping), and forwarded traffic.
        const needs = elbTrafficTo(ctx.index, pool, member);
        for (const need of needs) {
          const main: Traffic = { direction: 'ingress', protocol: need.protocol, port: need.port, peer: base.source.range };
          if (ctx.index.admits(base.server, main).kind !== 'allowed') continue;
          const alt: Traffic = { ...main, peer: ALT_RANGE };
          if (ctx.index.admits(base.server, alt).kind !== 'blocked') continue;
          const zh = ctx.locale === 'zh-cn';
          const what: string[] = [];
          if (need.check) what.push(zh ? '健康检查' : 'health checks');
          if (need.listeners.length > 0) what.push(zh ? '业务转发' : 'forwarded traffic');
          const target = groupAdmittingMain(base.groups, base.source.range);
          const mc: MemberContext = target ? { ...base, groups: [target, ...base.groups.filter((g) => g !== target)] } : base;
          const data = {
            server: base.server.name,
            groups: base.groups.map((g) => '`' + g.name + '`').join(zh ? '、' : ', '),
            cidr: base.source.cidr,
            altCidr: SHARED_ALT_SOURCE_CIDR,
            traffic: need.protocol === 'icmp' ? 'ICMP' : `${need.protocol.toUpperCase()} ${zh ? '端口' : 'port'} ${need.port}`,
            what: what.join(zh ? '和' : ' and '),
          };
          const fix = addRuleFix(mc, alt, 'fix', data);
          const related: RelatedSpec[] = [
            ...need.listeners.map((l) => ({ at: l.$, field: 'protocol', messageId: 'relatedListener', data: { listener: l.name } })),
            ...base.groups.map((g) => ({ at: g.$, messageId: 'relatedGroup', data: { group: g.name, server: base.server.name } })),
          ];
          ctx.report({
            at: member.$,
            field: need.check ? (member.server ? 'server' : 'address') : 'protocol_port',
            data,
            related,
            fixes: fix ? [fix] : [],
          });
        }
      }
    }
  },
});
