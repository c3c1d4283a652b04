import type { Origin, Pool } from '../../model/types';
import { defineRule } from '../rule';
import { ipv6AddressesOf, ipv6List, memberVersion } from './ip-versions';

export default defineRule({
  id: 'ELB604',
  name: 'ipv6-backend-version',
  severity: 'warning',
  category: 'capacity',
  faq: ['4.7'],
  fixable: false,
  docs: {
    en: {
      summary: 'A dual-stack dedicated load balancer forwards IPv6 clients to members of the wrong IP version.',
      details: [
        'When clients reach a dedicated load balancer over IPv6, the IP version toward the members depends on the listener (FAQ 4.7):',
        '',
        '| listener | members must be |',
        '|---|---|',
        '| TCP, UDP | IPv6 |',
        '| TLS, HTTP, HTTPS, QUIC | IPv4 |',
        '',
        'The rule fires on a dedicated load balancer with an IPv6 address (`ipv6_vip_subnet`, `ipv6_vip_address` or an IPv6 EIP) when a pool behind a TCP/UDP listener has only IPv4 members (IPv6 clients cannot be served), or a pool behind a TLS/HTTP/HTTPS/QUIC listener has only IPv6 members. A pool that mixes both versions, or whose members\' versions are not all known, is not reported.',
        '',
        'A member\'s version is that of its `address`; a member named by server is taken to use the server\'s IPv4 `address` when it has one, else its `ipv6_address`. A TCP/UDP listener with `nat64_enable` on translates IPv6 clients to IPv4 members and is exempt.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '双栈独享型负载均衡器把 IPv6 客户端转发到 IP 版本不对的后端服务器。',
      details: [
        '客户端通过 IPv6 访问独享型负载均衡器时，ELB 与后端服务器之间使用的 IP 版本取决于监听器（FAQ 4.7）：',
        '',
        '| 监听器 | 后端服务器须为 |',
        '|---|---|',
        '| TCP、UDP | IPv6 |',
        '| TLS、HTTP、HTTPS、QUIC | IPv4 |',
        '',
        '对于有 IPv6 地址（`ipv6_vip_subnet`、`ipv6_vip_address` 或 IPv6 弹性公网IP）的独享型负载均衡器，若 TCP/UDP 监听器后的后端服务器组只有 IPv4 后端服务器（无法为 IPv6 客户端提供服务），或 TLS/HTTP/HTTPS/QUIC 监听器后的后端服务器组只有 IPv6 后端服务器，本规则报告。同时包含两种版本、或后端服务器版本不全已知的后端服务器组不报告。',
        '',
        '后端服务器的 IP 版本取其 `address`；通过服务器名添加的后端服务器，服务器有 IPv4 `address` 时视为使用 IPv4，否则使用其 `ipv6_address`。开启了 `nat64_enable` 的 TCP/UDP 监听器会把 IPv6 客户端转换到 IPv4 后端，不报告。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      needV6: 'Dual-stack load balancer `{lb}` ({ipv6}) forwards {protocol} listener `{listener}` to pool `{pool}`, whose {count} member(s) are all IPv4: IPv6 clients of a TCP/UDP listener need IPv6 members. Add IPv6 members (FAQ 4.7).',
      needV4: 'Dual-stack load balancer `{lb}` ({ipv6}) forwards {protocol} listener `{listener}` to pool `{pool}`, whose {count} member(s) are all IPv6: TLS/HTTP/HTTPS/QUIC listeners reach members over IPv4 even for IPv6 clients. Add IPv4 members (FAQ 4.7).',
    },
    'zh-cn': {
      needV6: '双栈负载均衡器 `{lb}`（{ipv6}）的 {protocol} 监听器 `{listener}` 转发到后端服务器组 `{pool}`，但其 {count} 台后端服务器都是 IPv4：TCP/UDP 监听器的 IPv6 客户端需要 IPv6 后端服务器。请添加 IPv6 后端服务器（FAQ 4.7）。',
      needV4: '双栈负载均衡器 `{lb}`（{ipv6}）的 {protocol} 监听器 `{listener}` 转发到后端服务器组 `{pool}`，但其 {count} 台后端服务器都是 IPv6：TLS/HTTP/HTTPS/QUIC 监听器即使面对 IPv6 客户端，也通过 IPv4 访问后端服务器。请添加 IPv4 后端服务器（FAQ 4.7）。',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: game-lb
    type: dedicated
    vip_subnet: front
    ipv6_vip_subnet: front
    listeners:
      - {name: tcp-7000, protocol: TCP, protocol_port: 7000, default_pool: game-pool}
    pools:
      - name: game-pool
        protocol: TCP
        lb_algorithm: ROUND_ROBIN
        members:
          - {address: 192.168.1.10, subnet: back, protocol_port: 7000}   # IPv4 only
`,
    good: `        members:
          - {address: 192.168.1.10, subnet: back, protocol_port: 7000}
          - {address: "2001:db8:a583:1::10", subnet: back, protocol_port: 7000}
`,
  },
  check(ctx) {
    for (const lb of ctx.model.loadbalancers) {
      if (lb.type !== 'dedicated') continue;
      const v6 = ipv6AddressesOf(lb);
      if (v6.length === 0) continue;
      for (const l of lb.listeners) {
        const p = l.protocol;
        if (!p) continue;
        const l4 = p === 'TCP' || p === 'UDP';
        if (l4 && l.nat64_enable === true) continue;
        const targets: { pool: Pool; at: Origin; field: string }[] = [];
        if (l.default_pool?.target) targets.push({ pool: l.default_pool.target, at: l.$, field: 'default_pool' });
        for (const pol of l.l7policies) {
          const t = pol.redirect_pool?.target;
          if (t && !targets.some((x) => x.pool === t)) targets.push({ pool: t, at: pol.$, field: 'redirect_pool' });
        }
        for (const { pool, at, field } of targets) {
          if (pool.members.length === 0) continue;
          const versions = pool.members.map((m) => memberVersion(ctx.index, m));
          if (versions.some((v) => v === undefined)) continue;
          const wrong = l4 ? 4 : 6;
          if (!versions.every((v) => v === wrong)) continue;
          ctx.report({
            at, field,
            messageId: l4 ? 'needV6' : 'needV4',
            data: { lb: lb.name, ipv6: ipv6List(v6), protocol: p, listener: l.name, pool: pool.name, count: pool.members.length },
          });
        }
      }
    }
  },
});
