import { defineRule } from '../rule';

export default defineRule({
  id: 'ELB303',
  name: 'shared-udp-timeout',
  severity: 'error',
  category: 'listeners',
  faq: ['6.6'],
  fixable: true,
  docs: {
    en: {
      summary: 'A UDP listener of a shared load balancer sets an idle timeout, which shared load balancers do not let you configure.',
      details: [
        'Shared load balancers let you set and change the timeouts of TCP, HTTP and HTTPS listeners, but not of UDP listeners; dedicated load balancers allow it for UDP as well (FAQ 6.6 note). A `keepalive_timeout` on a UDP listener of a shared load balancer therefore cannot be applied: creating or updating the listener with it fails, or the value is not what the listener runs with.',
        '',
        'The rule looks at the idle timeout (`keepalive_timeout`), the only timeout a UDP listener has. A request or response timeout (`client_timeout`, `member_timeout`) on any TCP/UDP/TLS listener, shared UDP included, is reported by ELB302, so the same field is never reported twice; ELB302 also leaves the idle timeout of shared UDP listeners to this rule.',
        '',
        'The quick fix removes `keepalive_timeout` so the listener keeps the platform default. If UDP sessions must expire at a time you choose (for example the 10 s FAQ 6.10 recommends for DNS), use a dedicated load balancer.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '共享型负载均衡器的 UDP 监听器设置了空闲超时时间，而共享型不支持配置该参数。',
      details: [
        '共享型负载均衡支持配置和修改 TCP、HTTP、HTTPS 监听器的超时时间，但不支持 UDP 监听器；独享型负载均衡的 UDP 监听器则可以设置（FAQ 6.6 说明）。因此在共享型 UDP 监听器上写 `keepalive_timeout` 无法生效：创建或修改监听器会失败，或者监听器实际使用的并不是该值。',
        '',
        '本规则只检查空闲超时时间（`keepalive_timeout`），这是 UDP 监听器唯一的超时参数。TCP/UDP/TLS 监听器（包括共享型 UDP）上的请求超时、响应超时时间（`client_timeout`、`member_timeout`）由 ELB302 报告，同一字段不会被重复报告；ELB302 也不检查共享型 UDP 监听器的空闲超时时间，交由本规则处理。',
        '',
        '快速修复会删除 `keepalive_timeout`，让监听器使用平台默认值。如果需要自行控制 UDP 会话的超时时间（例如 FAQ 6.10 对 DNS 业务建议的 10 秒），请使用独享型负载均衡器。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'UDP listener `{listener}` of shared load balancer `{lb}` sets an idle timeout of {value} s, but shared load balancers cannot configure UDP timeouts; only dedicated ones can (FAQ 6.6).',
      fixRemove: 'Remove `keepalive_timeout`',
    },
    'zh-cn': {
      default: '共享型负载均衡器 `{lb}` 的 UDP 监听器 `{listener}` 设置了空闲超时时间 {value} 秒，但共享型不支持配置 UDP 监听器的超时时间，只有独享型支持（FAQ 6.6）。',
      fixRemove: '删除 `keepalive_timeout`',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: log-lb
    type: shared
    listeners:
      - name: syslog-514
        protocol: UDP
        protocol_port: 514
        default_pool: syslog-pool
        keepalive_timeout: 60     # shared UDP listeners take no timeout
    pools:
      - name: syslog-pool
        protocol: UDP
        lb_algorithm: ROUND_ROBIN
        healthmonitor: {type: UDP_CONNECT, delay: 5, timeout: 3, max_retries: 3}
`,
    good: `    listeners:
      - name: syslog-514
        protocol: UDP
        protocol_port: 514
        default_pool: syslog-pool
`,
  },
  check(ctx) {
    for (const l of ctx.model.listeners) {
      if (l.lb.type !== 'shared' || l.protocol !== 'UDP') continue;
      const value = l.keepalive_timeout;
      if (value === undefined) continue;
      ctx.report({
        at: l.$,
        field: 'keepalive_timeout',
        data: { listener: l.name, lb: l.lb.name, value },
        fixes: [{ messageId: 'fixRemove', changes: [{ op: 'remove', at: l.$, path: 'keepalive_timeout' }], preferred: true }],
      });
    }
  },
});
