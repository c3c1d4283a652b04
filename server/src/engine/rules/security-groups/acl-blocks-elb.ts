import { lbTypeName } from '../../i18n/kinds';
import type { AclRule, NetworkAcl, Pool, Subnet } from '../../model/types';
import { parseRange, type AddrRange } from '../../network/cidr';
import { aclRules, evaluateAcl, type AclDirection, type AclTraffic, type AclVerdict } from '../../network/network-acls';
import type { Locale } from '../../types';
import { defineRule, type Change, type Data, type FixSpec, type RelatedSpec } from '../rule';
import { elbTrafficTo, type ElbTraffic } from './elb-traffic';

/**
 * The ports ELB may use on its own side of a connection (the source port of a probe or a forwarded
 * connection, the port its replies return to). The linter's choice, not from the FAQ: an ACL rule
 * that restricts ELB's side to a port list counts only when it covers this whole range.
 */
export const ELB_EPHEMERAL_PORTS: [number, number] = [1024, 65535];

type Need = ElbTraffic;

function listOf(names: string[], locale: Locale): string {
  return names.map((n) => '`' + n + '`').join(locale === 'zh-cn' ? '、' : ', ');
}

/** What the blocked traffic is, in the user's terms. */
function describe(need: Need, pool: Pool, locale: Locale): string {
  const parts: string[] = [];
  if (need.icmpProbe) parts.push(locale === 'zh-cn' ? `后端服务器组 \`${pool.name}\` 的 UDP 健康检查的 ICMP 探测` : `the ICMP probe of pool \`${pool.name}\`'s UDP health check`);
  else if (need.check) parts.push(locale === 'zh-cn' ? `后端服务器组 \`${pool.name}\` 的健康检查` : `the health checks of pool \`${pool.name}\``);
  if (need.listeners.length > 0) {
    const names = listOf(need.listeners.map((l) => l.name), locale);
    parts.push(locale === 'zh-cn' ? `监听器 ${names} 转发的流量` : `the traffic listener ${names} forward${need.listeners.length === 1 ? 's' : ''}`);
  }
  return parts.join(locale === 'zh-cn' ? '和' : ' and ');
}

function trafficText(need: Need, locale: Locale): string {
  if (need.protocol === 'icmp') return 'ICMP';
  return locale === 'zh-cn' ? `${need.protocol.toUpperCase()} 端口 ${need.port}` : `${need.protocol.toUpperCase()} port ${need.port}`;
}

/** The ACL rule that lets the traffic through: allow, exactly the ELB range, the member port. */
function ruleFor(t: AclTraffic, cidr: string): Record<string, unknown> {
  const r: Record<string, unknown> = { action: 'allow', protocol: t.protocol };
  if (t.direction === 'inbound') {
    r.source_ip_address = cidr;
    if (t.localPort !== undefined) r.destination_port = String(t.localPort);
  } else {
    r.destination_ip_address = cidr;
    if (t.localPort !== undefined) r.source_port = String(t.localPort);
  }
  return r;
}

/** A fix appending the missing rule, offered only when, appended last, it really lets the traffic through. */
function appendFix(acl: NetworkAcl, t: AclTraffic, cidr: string, data: Data): FixSpec | undefined {
  const rules = aclRules(acl, t.direction);
  if (!rules) return undefined;
  const value = ruleFor(t, cidr);
  const sim: AclRule = { $: acl.$, ...(value as Partial<AclRule>) };
  if (evaluateAcl([...rules, sim], t).kind !== 'allowed') return undefined;
  const path = t.direction === 'inbound' ? 'inbound_rules' : 'outbound_rules';
  const change: Change = { op: 'append', at: acl.$, path, value };
  return { messageId: t.direction === 'inbound' ? 'fixInbound' : 'fixOutbound', data, changes: [change], preferred: true };
}

function messageId(direction: AclDirection, v: AclVerdict): string {
  const base = direction === 'inbound' ? 'inbound' : 'outbound';
  if (v.kind !== 'blocked') return base;
  if (v.deniedBy) return base + 'Denied';
  return v.partlyAllowed ? base + 'Partial' : base;
}

export default defineRule({
  id: 'ELB104',
  name: 'acl-blocks-elb',
  severity: 'error',
  category: 'security-groups',
  faq: ['2.2', '3.1', '3.2', '3.4', '7.8'],
  fixable: true,
  notInFaq: {
    en: 'How the rules are matched is VPC documentation, not FAQ text: the rules of one direction are tried in the listed order, the first match decides, and `enabled: false` rules are skipped. That network ACLs are stateful (replies pass regardless of the rules) is also VPC documentation; the rule checks outbound rules anyway because the FAQ asks for it. Which ports ELB uses on its own side is not documented anywhere the linter knows of; the linter assumes any port of 1024–65535 (`ELB_EPHEMERAL_PORTS`, the linter\'s choice).',
    'zh-cn': '规则的匹配方式来自 VPC 文档而非 FAQ：同一方向的规则按列出顺序匹配，第一条匹配的规则生效，`enabled: false` 的规则被跳过。网络ACL有状态（回包不受规则限制）同样来自 VPC 文档；由于 FAQ 要求检查出方向，本规则仍检查出方向规则。ELB 一侧使用的端口在已知文档中没有说明；本工具假设为 1024–65535 中的任意端口（`ELB_EPHEMERAL_PORTS`，为本工具的取值）。',
  },
  docs: {
    en: {
      summary: "The network ACL of a member's subnet does not let the health checks or forwarded traffic of its load balancer through.",
      details: [
        'A network ACL bound to a subnet drops every packet that no rule allows (FAQ 3.1, 3.2: the default rules deny all inbound and outbound traffic). When a member\'s subnet (the member\'s `subnet`, else its server\'s) is bound to one with `network_acl`, its rules must let ELB reach the member from the ELB source range: `100.125.0.0/16` for a shared load balancer, the CIDR of the VPC holding the backend subnet for a dedicated one.',
        '',
        'Traffic checked, for every member:',
        '',
        '- health checks of an enabled health monitor, on the check port (`monitor_port`, else the member port) and the check\'s transport protocol (TCP for TCP/HTTP/HTTPS/TLS/gRPC, UDP for `UDP_CONNECT`); a `UDP_CONNECT` check also needs ICMP, because it pings the member first (FAQ 3.4). Health checks are never exempt;',
        '- forwarded traffic on the member port and the pool\'s transport protocol, for listeners that forward from the ELB range, with the same exemptions as ELB102: shared TCP/UDP listeners with transparent client IP on, and dedicated TCP/UDP listeners while `ip_target_enable` is off, are not filtered by security groups or ACLs (FAQ 2.2 note, 3.1 note, 3.2 note, 7.8 note).',
        '',
        'Both directions are checked, as the FAQ\'s tables 3-3 and 3-7 ask: inbound rules must allow the traffic from the whole ELB range to the member\'s address and port; outbound rules must allow it back from the member\'s port to the whole ELB range. Return traffic is read as stateless: a reply leaves from the member port toward a port ELB picks. Huawei\'s VPC documentation describes network ACLs as stateful (replies to admitted traffic pass whatever the rules say), which would make the outbound half moot; the FAQ nevertheless lists the outbound checks, and this rule follows the FAQ. A port condition on ELB\'s side counts when it is absent, covers 1024–65535, or names the check/member port itself (the FAQ names "the health check port" for both directions).',
        '',
        'Rules are matched in the listed order and the first match decides; a rule that covers only part of the ELB range is not enough; an IPv6 rule (`ip_version: 6`) never matches the IPv4 ELB range. The rule is silent when the subnet, the ACL, the rules of a direction, the ELB range or (for rules that name an address on the member\'s side) the member\'s address are not given.',
        '',
        'The quick fix appends the missing rule at the end of the list, and is offered only when it would then take effect (no earlier deny rule matches first).',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '后端服务器所在子网的网络ACL未放通负载均衡器的健康检查或转发流量。',
      details: [
        '关联了子网的网络ACL会丢弃所有未被规则放通的报文（FAQ 3.1、3.2：默认规则拒绝所有入站和出站流量）。当后端服务器的子网（后端服务器的 `subnet`，否则为其云服务器的子网）通过 `network_acl` 关联了网络ACL时，其规则必须放通 ELB 从源地址段访问后端服务器：共享型为 `100.125.0.0/16`，独享型为后端子网所在 VPC 的网段。',
        '',
        '对每台后端服务器检查以下流量：',
        '',
        '- 已开启的健康检查：检查端口（`monitor_port`，否则为业务端口）及其传输层协议（TCP/HTTP/HTTPS/TLS/gRPC 为 TCP，`UDP_CONNECT` 为 UDP）；`UDP_CONNECT` 健康检查会先 ping 后端服务器，因此还需要放通 ICMP（FAQ 3.4）。健康检查流量没有任何豁免；',
        '- 以 ELB 地址段转发的业务流量：业务端口及后端服务器组的传输层协议，豁免条件与 ELB102 相同：开启了“获取客户端IP”的共享型 TCP/UDP 监听器，以及未开启“IP类型后端”（`ip_target_enable`）的独享型 TCP/UDP 监听器，其转发流量不受安全组和网络ACL限制（FAQ 2.2 注意、3.1 说明、3.2 说明、7.8 注意）。',
        '',
        '按 FAQ 表 3-3、表 3-7 的要求检查两个方向：入方向规则必须放通从整个 ELB 地址段到后端服务器地址和端口的流量；出方向规则必须放通从后端服务器端口返回整个 ELB 地址段的流量。回程流量按无状态方式理解：回包从后端服务器端口发往 ELB 选择的端口。华为云 VPC 文档称网络ACL是有状态的（已放通流量的响应不受规则限制），据此出方向检查并无必要；但 FAQ 仍列出了出方向检查项，本规则以 FAQ 为准。ELB 一侧的端口条件在未填写、覆盖 1024–65535 或就是检查/业务端口本身时视为匹配（FAQ 对两个方向都写的是“健康检查端口”）。',
        '',
        '规则按列出顺序匹配，第一条匹配的规则生效；只覆盖部分 ELB 地址段的规则是不够的；IPv6 规则（`ip_version: 6`）不会匹配 IPv4 的 ELB 地址段。当子网、网络ACL、某一方向的规则列表、ELB 地址段或（规则限定了地址时）后端服务器地址未知时，本规则不告警。',
        '',
        '快速修复会把缺少的规则追加到列表末尾，并且仅当追加后确实生效（没有更早的拒绝规则先匹配）时才提供。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      inbound: 'Network ACL `{acl}` of subnet `{subnet}` blocks {what}: no inbound rule allows {traffic} from {cidr}, the {lbType} load balancer\'s source range, to `{member}` (FAQ {faq}).',
      inboundPartial: 'Network ACL `{acl}` of subnet `{subnet}` blocks {what}: its inbound rules allow {traffic} to `{member}` from only part of {cidr}, the {lbType} load balancer\'s source range (FAQ {faq}).',
      inboundDenied: 'Network ACL `{acl}` of subnet `{subnet}` blocks {what}: inbound rule {ruleNo} denies {traffic} from {cidr}, the {lbType} load balancer\'s source range, to `{member}` before any rule allows it (FAQ {faq}).',
      outbound: 'Network ACL `{acl}` of subnet `{subnet}` blocks the replies to {what}: no outbound rule allows {traffic} from `{member}` back to {cidr}, the {lbType} load balancer\'s source range (FAQ {faq}).',
      outboundPartial: 'Network ACL `{acl}` of subnet `{subnet}` blocks the replies to {what}: its outbound rules allow {traffic} from `{member}` back to only part of {cidr}, the {lbType} load balancer\'s source range (FAQ {faq}).',
      outboundDenied: 'Network ACL `{acl}` of subnet `{subnet}` blocks the replies to {what}: outbound rule {ruleNo} denies {traffic} from `{member}` back to {cidr}, the {lbType} load balancer\'s source range, before any rule allows it (FAQ {faq}).',
      fixInbound: 'Append an inbound rule to `{acl}` allowing {traffic} from {cidr}',
      fixOutbound: 'Append an outbound rule to `{acl}` allowing {traffic} back to {cidr}',
      relatedSubnet: 'subnet `{subnet}` is bound to network ACL `{acl}`',
      relatedAcl: 'network ACL `{acl}`',
      relatedDeny: 'this rule of `{acl}` matches first',
      relatedListener: 'listener `{listener}` forwards from the ELB range',
    },
    'zh-cn': {
      inbound: '子网 `{subnet}` 的网络ACL `{acl}` 拦截了{what}：没有入方向规则放通从 {cidr}（{lbType}负载均衡器的源地址段）到 `{member}` 的 {traffic}（FAQ {faq}）。',
      inboundPartial: '子网 `{subnet}` 的网络ACL `{acl}` 拦截了{what}：入方向规则只放通了 {cidr}（{lbType}负载均衡器的源地址段）中一部分地址到 `{member}` 的 {traffic}（FAQ {faq}）。',
      inboundDenied: '子网 `{subnet}` 的网络ACL `{acl}` 拦截了{what}：第 {ruleNo} 条入方向规则先于任何放通规则拒绝了从 {cidr}（{lbType}负载均衡器的源地址段）到 `{member}` 的 {traffic}（FAQ {faq}）。',
      outbound: '子网 `{subnet}` 的网络ACL `{acl}` 拦截了{what}的回包：没有出方向规则放通从 `{member}` 的 {traffic} 返回 {cidr}（{lbType}负载均衡器的源地址段）的流量（FAQ {faq}）。',
      outboundPartial: '子网 `{subnet}` 的网络ACL `{acl}` 拦截了{what}的回包：出方向规则只放通了从 `{member}` 的 {traffic} 返回 {cidr}（{lbType}负载均衡器的源地址段）中一部分地址的流量（FAQ {faq}）。',
      outboundDenied: '子网 `{subnet}` 的网络ACL `{acl}` 拦截了{what}的回包：第 {ruleNo} 条出方向规则先于任何放通规则拒绝了从 `{member}` 的 {traffic} 返回 {cidr}（{lbType}负载均衡器的源地址段）的流量（FAQ {faq}）。',
      fixInbound: '在网络ACL `{acl}` 末尾添加入方向规则，放通来自 {cidr} 的 {traffic}',
      fixOutbound: '在网络ACL `{acl}` 末尾添加出方向规则，放通返回 {cidr} 的 {traffic}',
      relatedSubnet: '子网 `{subnet}` 关联了网络ACL `{acl}`',
      relatedAcl: '网络ACL `{acl}`',
      relatedDeny: '`{acl}` 的这条规则先匹配',
      relatedListener: '监听器 `{listener}` 以 ELB 地址段转发',
    },
  },
  examples: {
    bad: `vpcs:
  - name: vpc-shop
    cidr: 192.168.0.0/16
    subnets:
      - {name: subnet-web, cidr: 192.168.10.0/24, network_acl: acl-web}
network_acls:
  - name: acl-web
    inbound_rules:
      - {action: allow, protocol: tcp, source_ip_address: 0.0.0.0/0, destination_port: "443"}
    outbound_rules:
      - {action: allow, protocol: any, destination_ip_address: 0.0.0.0/0}
servers:
  - {name: web-1, subnet: subnet-web, address: 192.168.10.11}
loadbalancers:
  - name: shop-lb
    type: shared
    listeners:
      - {name: http-80, protocol: HTTP, protocol_port: 80, default_pool: web-pool}
    pools:
      - name: web-pool
        protocol: HTTP
        healthmonitor: {type: HTTP, delay: 5, timeout: 3, max_retries: 3, url_path: /healthz}
        members: [{server: web-1, protocol_port: 8080}]   # port 8080 is closed to 100.125.0.0/16
`,
    good: `    inbound_rules:
      - {action: allow, protocol: tcp, source_ip_address: 0.0.0.0/0, destination_port: "443"}
      - {action: allow, protocol: tcp, source_ip_address: 100.125.0.0/16, destination_port: "8080"}
`,
  },
  check(ctx) {
    for (const pool of ctx.model.pools) {
      const lb = pool.lb;
      for (const member of pool.members) {
        const server = ctx.index.serverOf(member);
        // The member's subnet: its own, else its server's. A reference that does not resolve is unknown.
        const subnetRef = member.subnet ?? server?.subnet;
        const subnet: Subnet | undefined = subnetRef?.target;
        const acl = subnet?.network_acl?.target;
        if (!subnet || !acl) continue;
        const source = ctx.index.sourceRange(lb);
        if (!source || source.range.family !== 4) continue;
        const addrText = member.address ?? server?.address;
        let local: AddrRange | undefined;
        if (addrText !== undefined) {
          const parsed = parseRange(addrText);
          if (!parsed) continue;
          if (parsed.family !== 4) continue;
          local = parsed;
        }
        for (const need of elbTrafficTo(ctx.index, pool, member)) {
          for (const direction of ['inbound', 'outbound'] as const) {
            const traffic: AclTraffic = {
              direction, protocol: need.protocol, peer: source.range, local,
              localPort: need.port, peerPorts: need.protocol === 'icmp' ? undefined : ELB_EPHEMERAL_PORTS,
            };
            const verdict = evaluateAcl(aclRules(acl, direction), traffic);
            if (verdict.kind !== 'blocked') continue;
            const data: Data = {
              acl: acl.name, subnet: subnet.name, member: member.name, cidr: source.cidr,
              lbType: lbTypeName(lb.type, ctx.locale), what: describe(need, pool, ctx.locale), traffic: trafficText(need, ctx.locale),
              faq: (need.icmpProbe ? ['3.1', '3.2', '3.4'] : ['3.1', '3.2']).join(ctx.locale === 'zh-cn' ? '、' : ', '),
            };
            if (verdict.deniedIndex !== undefined) data.ruleNo = verdict.deniedIndex + 1;
            const related: RelatedSpec[] = [];
            if (verdict.deniedBy) related.push({ at: verdict.deniedBy.$, messageId: 'relatedDeny', data: { acl: acl.name } });
            related.push({ at: subnet.$, field: 'network_acl', messageId: 'relatedSubnet', data: { subnet: subnet.name, acl: acl.name } });
            related.push({ at: acl.$, messageId: 'relatedAcl', data: { acl: acl.name } });
            for (const l of need.listeners) related.push({ at: l.$, field: 'protocol', messageId: 'relatedListener', data: { listener: l.name } });
            const fix = appendFix(acl, traffic, source.cidr, data);
            const onCheck = need.check;
            ctx.report({
              at: member.$,
              field: onCheck ? (member.server ? 'server' : 'address') : 'protocol_port',
              messageId: messageId(direction, verdict),
              data,
              related,
              fixes: fix ? [fix] : [],
            });
          }
        }
      }
    }
  },
});
