import { defineRule } from '../rule';

/** The port of DNS (domain-name resolution) services. */
export const DNS_PORT = 53;
/** The idle timeout FAQ 6.10 recommends for DNS over UDP, in seconds. */
export const DNS_IDLE_TIMEOUT = 10;
/** The idle timeout of a UDP listener that sets none, in seconds (FAQ 6.10). */
export const UDP_DEFAULT_IDLE_TIMEOUT = 300;

export default defineRule({
  id: 'ELB304',
  name: 'dns-udp-idle-timeout',
  severity: 'warning',
  category: 'listeners',
  faq: ['6.6', '6.10'],
  fixable: true,
  docs: {
    en: {
      summary: 'A dedicated UDP listener on port 53 (a DNS service) keeps idle connections for more than 10 s.',
      details: [
        'DNS queries are small and independent: nothing comes after the answer. A UDP listener still keeps each flow until its idle timeout (`keepalive_timeout`) expires, 300 s when none is set. For a DNS service these flows pile up waiting for packets that never arrive, and they can exhaust the concurrent connections of the flavor, or the 100,000 concurrent connections an IP-type backend takes (FAQ 6.10, 2.1). FAQ 6.10 recommends an idle timeout of 10 s for such services.',
        '',
        'The rule fires on a UDP listener of a dedicated load balancer whose port is 53 and whose idle timeout is above 10 s or unset. The port is how the rule recognises a DNS service; a full-port listener (`protocol_port: 0` with `port_ranges`) is not treated as one. Shared load balancers are left out: their UDP timeout cannot be set at all (FAQ 6.6 note, rule ELB303). Values below 10 s are out of range and reported by ELB302.',
        '',
        'The quick fix sets `keepalive_timeout: 10`.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '独享型负载均衡器在 53 端口（域名解析业务）上的 UDP 监听器，空闲超时时间超过 10 秒。',
      details: [
        'DNS 查询的数据量小，而且每次查询相互独立，应答之后不会再有后续报文。但 UDP 监听器会把每条会话保留到空闲超时时间（`keepalive_timeout`）到期，未设置时为 300 秒。对于域名解析业务，这些会话会大量堆积、等待不会再到来的报文，可能耗尽实例规格的并发连接数，或超过 IP 类型后端单台 10 万并发连接的上限（FAQ 6.10、2.1）。FAQ 6.10 建议此类业务把空闲超时时间设置为 10 秒。',
        '',
        '本规则检查独享型负载均衡器上端口为 53、空闲超时时间大于 10 秒或未设置的 UDP 监听器。规则以端口识别域名解析业务；全端口监听器（`protocol_port: 0` 配合 `port_ranges`）不视为此类业务。共享型负载均衡器不在检查范围内：其 UDP 监听器不能设置超时时间（FAQ 6.6 说明，规则 ELB303）。小于 10 秒的取值超出范围，由 ELB302 报告。',
        '',
        '快速修复会设置 `keepalive_timeout: 10`。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      set: 'UDP listener `{listener}` on port 53 keeps idle DNS flows for {value} s: DNS queries do not reuse them, so they pile up and use up concurrent connections; set the idle timeout to 10 s (FAQ 6.10).',
      unset: 'UDP listener `{listener}` on port 53 sets no idle timeout, so idle DNS flows are kept for the default 300 s: DNS queries do not reuse them, so they pile up and use up concurrent connections; set the idle timeout to 10 s (FAQ 6.10).',
      fixSet: 'Set `keepalive_timeout` to 10',
    },
    'zh-cn': {
      set: '53 端口的 UDP 监听器 `{listener}` 会把空闲的 DNS 会话保留 {value} 秒：DNS 查询不会复用这些会话，会话堆积会占满并发连接数；建议把空闲超时时间设置为 10 秒（FAQ 6.10）。',
      unset: '53 端口的 UDP 监听器 `{listener}` 未设置空闲超时时间，空闲的 DNS 会话会按默认值保留 300 秒：DNS 查询不会复用这些会话，会话堆积会占满并发连接数；建议把空闲超时时间设置为 10 秒（FAQ 6.10）。',
      fixSet: '将 `keepalive_timeout` 设置为 10',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: dns-lb
    type: dedicated
    l4_flavor: L4_flavor.elb.s1.small
    listeners:
      - name: dns-53
        protocol: UDP
        protocol_port: 53
        default_pool: dns-pool      # no keepalive_timeout: 300 s by default
    pools:
      - name: dns-pool
        protocol: UDP
        lb_algorithm: ROUND_ROBIN
        healthmonitor: {type: UDP_CONNECT, delay: 5, timeout: 3, max_retries: 3}
`,
    good: `    listeners:
      - name: dns-53
        protocol: UDP
        protocol_port: 53
        default_pool: dns-pool
        keepalive_timeout: 10
`,
  },
  check(ctx) {
    for (const l of ctx.model.listeners) {
      if (l.lb.type !== 'dedicated' || l.protocol !== 'UDP' || l.protocol_port !== DNS_PORT) continue;
      const value = l.keepalive_timeout;
      if (value !== undefined && value <= DNS_IDLE_TIMEOUT) continue;
      ctx.report({
        at: l.$,
        field: value === undefined ? undefined : 'keepalive_timeout',
        messageId: value === undefined ? 'unset' : 'set',
        data: { listener: l.name, value: value ?? UDP_DEFAULT_IDLE_TIMEOUT },
        fixes: [{ messageId: 'fixSet', changes: [{ op: 'set', at: l.$, path: 'keepalive_timeout', value: DNS_IDLE_TIMEOUT }], preferred: true }],
      });
    }
  },
});
