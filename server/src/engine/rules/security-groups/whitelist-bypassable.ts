import { poolTransport } from '../../model/indexes';
import type { Listener, Member, Pool } from '../../model/types';
import { ANY_V4, ANY_V6 } from '../../network/cidr';
import type { Traffic } from '../../network/security-groups';
import { defineRule, type RelatedSpec } from '../rule';

/** Whether a listener lets in only the clients of an IP group: a whitelist that is switched on. */
export function hasWhitelist(l: Listener): boolean {
  const ig = l.ipgroup;
  if (!ig || !ig.ip_group) return false;
  // `type` defaults to white and `enable_ipgroup` to true (formats.md §1.2).
  return (ig.type ?? 'white') === 'white' && ig.enable_ipgroup !== false;
}

function whitelistsText(listeners: Listener[], zh: boolean): string {
  const names = listeners.map((l) => '`' + l.name + '`');
  if (zh) return `监听器 ${names.join('、')} 的白名单`;
  return listeners.length === 1 ? `the whitelist of listener ${names[0]}` : `the whitelists of listeners ${names.join(', ')}`;
}

export default defineRule({
  id: 'ELB107',
  name: 'whitelist-bypassable',
  severity: 'warning',
  category: 'security-groups',
  faq: ['7.12'],
  fixable: false,
  docs: {
    en: {
      summary: 'A listener admits only whitelisted clients, but a member has a public IP and security groups open to any source on its port, so clients can bypass the whitelist.',
      details: [
        'A listener\'s access control (an IP group used as a whitelist) only filters traffic that passes through the load balancer (FAQ 7.12). A member that has its own public IP (`public_ip: true`, an EIP bound to the server) and whose security groups admit any source on the member port can be reached directly from the internet, and the whitelist does not apply to those connections. Restrict the server with its security groups or a network ACL, or unbind the EIP: ELB reaches members over the private network and does not need it (FAQ 7.6).',
        '',
        'The rule fires for a listener whose `ipgroup` names an IP group, with `type` white (the default) and `enable_ipgroup` not false (default true), on every member of the pools the listener forwards to (default pool and forwarding policies) whose server has `public_ip: true` and whose security groups, evaluated together, admit the whole of `0.0.0.0/0` on the member port and the pool\'s transport protocol (UDP for UDP/QUIC pools, TCP otherwise). `::/0` is checked as well when the server has an IPv6 address. A member is reported once, naming every whitelisted listener that reaches it.',
        '',
        'It is silent when the server, its public IP, its security groups or their rules are not given. There is no quick fix: which sources the server should admit directly is the user\'s decision.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '监听器只允许白名单中的客户端访问，但后端服务器绑定了公网 IP，其安全组在业务端口上对任意来源开放，客户端可以绕过白名单。',
      details: [
        '监听器的访问控制（作为白名单的 IP 地址组）只对经过负载均衡器的流量生效（FAQ 7.12）。如果后端服务器自身有公网 IP（`public_ip: true`，即云服务器绑定了弹性公网IP），且其安全组在业务端口上放通任意来源，客户端就可以从公网直接访问该服务器，这些连接不受白名单限制。请通过安全组或网络ACL限制该服务器，或解绑弹性公网IP：ELB 通过私网访问后端服务器，不需要它（FAQ 7.6）。',
        '',
        '当监听器的 `ipgroup` 引用了 IP 地址组、`type` 为白名单（默认值）且 `enable_ipgroup` 不为 false（默认 true）时，本规则检查该监听器转发到的后端服务器组（默认后端服务器组和转发策略的后端服务器组）中的每台后端服务器：若其云服务器 `public_ip: true`，且所有安全组合起来在业务端口和后端服务器组的传输层协议（UDP/QUIC 为 UDP，其余为 TCP）上放通了整个 `0.0.0.0/0`，则告警；服务器有 IPv6 地址时同样检查 `::/0`。每台后端服务器只报告一次，并列出所有可到达它的白名单监听器。',
        '',
        '当服务器、其公网 IP、安全组或安全组规则未知时不告警。本规则不提供快速修复：服务器应直接放通哪些来源由用户决定。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: '`{server}` has a public IP and its security groups ({groups}) admit {protocol} port {port} from {anyCidr}: clients can reach it directly and bypass {whitelists}; access control only filters traffic that passes through the load balancer (FAQ 7.12).',
      relatedListener: 'the whitelist of listener `{listener}`',
      relatedPublicIp: '`{server}` has its own public IP',
      relatedGroup: 'security group `{group}` of `{server}`',
    },
    'zh-cn': {
      default: '`{server}` 绑定了公网 IP，且其安全组（{groups}）放通了来自 {anyCidr} 的 {protocol} 端口 {port}：客户端可以直接访问该服务器，绕过{whitelists}，白名单只控制经过负载均衡器的访问（FAQ 7.12）。',
      relatedListener: '监听器 `{listener}` 的白名单',
      relatedPublicIp: '`{server}` 绑定了公网 IP',
      relatedGroup: '`{server}` 的安全组 `{group}`',
    },
  },
  examples: {
    bad: `ip_groups:
  - {name: office, ip_list: [203.0.113.0/24]}
security_groups:
  - name: sg-admin
    rules:
      - {direction: ingress, protocol: tcp, port_range_min: 8443, port_range_max: 8443, remote_ip_prefix: 0.0.0.0/0}
servers:
  - {name: admin-1, address: 192.168.10.21, security_groups: [sg-admin], public_ip: true}
loadbalancers:
  - name: admin-lb
    listeners:
      - name: https-443
        protocol: HTTPS
        protocol_port: 443
        default_pool: admin-pool
        ipgroup: {ip_group: office, type: white}
    pools:
      - name: admin-pool
        protocol: HTTP
        members: [{server: admin-1, protocol_port: 8443}]
`,
    good: `security_groups:
  - name: sg-admin
    rules:
      # only the load balancer's VPC, not the internet
      - {direction: ingress, protocol: tcp, port_range_min: 8443, port_range_max: 8443, remote_ip_prefix: 192.168.0.0/16}
`,
  },
  check(ctx) {
    // member -> whitelisted listeners that reach it
    const reached = new Map<Member, { pool: Pool; listeners: Listener[] }>();
    for (const l of ctx.model.listeners) {
      if (!hasWhitelist(l)) continue;
      for (const pool of ctx.index.poolsOf(l)) {
        for (const m of pool.members) {
          const e = reached.get(m);
          if (e) {
            if (!e.listeners.includes(l)) e.listeners.push(l);
          } else reached.set(m, { pool, listeners: [l] });
        }
      }
    }
    for (const [member, { pool, listeners }] of reached) {
      const server = ctx.index.serverOf(member);
      if (!server || server.public_ip !== true) continue;
      const transport = poolTransport(pool.protocol);
      const port = member.protocol_port;
      if (!transport || port === undefined || port === 0) continue;
      const groups = ctx.index.groupsOf(server);
      if (!groups || groups.length === 0) continue;
      const open: string[] = [];
      for (const peer of server.ipv6_address ? [ANY_V4, ANY_V6] : [ANY_V4]) {
        const t: Traffic = { direction: 'ingress', protocol: transport, port, peer };
        if (ctx.index.admits(server, t).kind === 'allowed') open.push(peer.text);
      }
      if (open.length === 0) continue;
      const zh = ctx.locale === 'zh-cn';
      const related: RelatedSpec[] = [
        ...listeners.map((l) => ({ at: l.ipgroup!.$, messageId: 'relatedListener', data: { listener: l.name } })),
        { at: server.$, field: 'public_ip', messageId: 'relatedPublicIp', data: { server: server.name } },
        ...groups.map((g) => ({ at: g.$, messageId: 'relatedGroup', data: { group: g.name, server: server.name } })),
      ];
      ctx.report({
        at: member.$,
        field: member.server ? 'server' : 'address',
        data: {
          server: server.name,
          groups: groups.map((g) => '`' + g.name + '`').join(zh ? '、' : ', '),
          protocol: transport.toUpperCase(),
          port,
          anyCidr: open.join(zh ? ' 和 ' : ' and '),
          whitelists: whitelistsText(listeners, zh),
        },
        related,
      });
    }
  },
});
