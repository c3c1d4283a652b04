import { defineRule } from '../rule';

export default defineRule({
  id: 'ELB311',
  name: 'dedicated-l4-transparent-ip-off',
  severity: 'warning',
  category: 'listeners',
  faq: ['4.9'],
  fixable: true,
  notInFaq: {
    en: 'The exemption for listeners with `nat64_enable: true` is an API fact (formats.md §1.2: NAT64 and transparent client IP are mutually exclusive, so NAT64 requires the switch off), not from the FAQ.',
    'zh-cn': '对 `nat64_enable: true` 监听器的豁免来自 API 文档（formats.md §1.2：NAT64 与获取客户端IP 互斥，开启 NAT64 时必须关闭该开关），不是 FAQ 的内容。',
  },
  docs: {
    en: {
      summary: 'A TCP/UDP listener of a dedicated load balancer sets `transparent_client_ip_enable: false`, but there the client IP is always passed through and cannot be turned off.',
      details: [
        'On a dedicated load balancer, TCP and UDP listeners always pass the client\'s source address to the backends: the switch is on by default, needs no action and cannot be turned off (FAQ 4.9). Writing `transparent_client_ip_enable: false` does not change that, and it misleads readers into thinking backends see ELB addresses: in fact they see client addresses, which matters for their security groups, their logs, and the rule that a backend cannot also be a client of the same listener (FAQ 4.9 constraints).',
        '',
        'The rule fires on a TCP or UDP listener of a dedicated load balancer with `transparent_client_ip_enable: false`. Exempt: a listener with `nat64_enable: true` (IPv6 clients to IPv4 backends), where the API requires the switch off. Shared load balancers are not checked: there the switch is a real choice for TCP/UDP listeners.',
        '',
        'The quick fix removes the setting so the listener shows its actual behaviour.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '独享型负载均衡器的 TCP/UDP 监听器设置了 `transparent_client_ip_enable: false`，但独享型会始终透传客户端 IP，无法关闭。',
      details: [
        '独享型负载均衡器的 TCP、UDP 监听器始终把客户端源地址透传给后端：该功能默认开启，无需手动开启，也不支持关闭（FAQ 4.9）。写上 `transparent_client_ip_enable: false` 不会改变这一点，反而会让人误以为后端看到的是 ELB 的地址：实际上后端看到的是客户端地址，这会影响后端的安全组、日志，以及“同一台服务器不能既作为后端服务器又作为该监听器的客户端”的限制（FAQ 4.9 约束与限制）。',
        '',
        '当独享型负载均衡器的 TCP 或 UDP 监听器设置了 `transparent_client_ip_enable: false` 时，本规则报告。例外：开启了 `nat64_enable: true`（IPv6 客户端访问 IPv4 后端）的监听器，API 要求此时关闭该开关。共享型负载均衡器不检查：其 TCP/UDP 监听器可以自由选择是否获取客户端IP。',
        '',
        '快速修复会删除该设置，使配置与监听器的实际行为一致。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: '{protocol} listener `{listener}` of dedicated load balancer `{lb}` sets `transparent_client_ip_enable: false`, but dedicated TCP/UDP listeners always pass the client IP to backends and the switch cannot be turned off (FAQ 4.9).',
      fixRemove: 'Remove `transparent_client_ip_enable`',
    },
    'zh-cn': {
      default: '独享型负载均衡器 `{lb}` 的 {protocol} 监听器 `{listener}` 设置了 `transparent_client_ip_enable: false`，但独享型的 TCP/UDP 监听器始终向后端透传客户端 IP，不支持关闭“获取客户端IP”（FAQ 4.9）。',
      fixRemove: '删除 `transparent_client_ip_enable`',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: game-lb
    type: dedicated
    l4_flavor: L4_flavor.elb.s1.small
    listeners:
      - name: game-tcp
        protocol: TCP
        protocol_port: 7000
        default_pool: game-pool
        transparent_client_ip_enable: false   # always on for dedicated TCP/UDP
`,
    good: `    listeners:
      - name: game-tcp
        protocol: TCP
        protocol_port: 7000
        default_pool: game-pool
`,
  },
  check(ctx) {
    for (const l of ctx.model.listeners) {
      if (l.lb.type !== 'dedicated' || (l.protocol !== 'TCP' && l.protocol !== 'UDP')) continue;
      if (l.transparent_client_ip_enable !== false || l.nat64_enable === true) continue;
      ctx.report({
        at: l.$,
        field: 'transparent_client_ip_enable',
        data: { listener: l.name, protocol: l.protocol, lb: l.lb.name },
        fixes: [{ messageId: 'fixRemove', changes: [{ op: 'remove', at: l.$, path: 'transparent_client_ip_enable' }], preferred: true }],
      });
    }
  },
});
