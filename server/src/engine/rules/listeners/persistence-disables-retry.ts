import type { LbType, ListenerProtocol } from '../../model/types';
import { defineRule } from '../rule';

/**
 * Listener protocols that retry another member (`enable_member_retry`, default true):
 * shared HTTP/HTTPS, dedicated HTTP/HTTPS/QUIC [API fact, formats.md §1.2].
 */
function retries(lbType: LbType, protocol: ListenerProtocol | undefined): boolean {
  if (protocol === 'HTTP' || protocol === 'HTTPS') return true;
  return protocol === 'QUIC' && lbType === 'dedicated';
}

export default defineRule({
  id: 'ELB310',
  name: 'persistence-disables-retry',
  severity: 'info',
  category: 'listeners',
  faq: ['6.6'],
  fixable: false,
  notInFaq: {
    en: 'Which listeners retry, and that retry is on by default (`enable_member_retry` defaults to true; shared HTTP/HTTPS, dedicated HTTP/HTTPS/QUIC), are API facts (formats.md §1.2), not from the FAQ. That session persistence stops the retry is from FAQ 6.6.',
    'zh-cn': '哪些监听器支持重试、重试默认开启（`enable_member_retry` 默认 true；共享型 HTTP/HTTPS，独享型 HTTP/HTTPS/QUIC），来自 API 文档（formats.md §1.2），不是 FAQ 的内容。会话保持使重试不再发生，来自 FAQ 6.6。',
  },
  docs: {
    en: {
      summary: 'A listener retries failed requests on another member, but its pool uses session persistence, which turns the retry off: a response timeout returns 504.',
      details: [
        'When a member does not answer within the response timeout (`member_timeout`), an HTTP/HTTPS/QUIC listener normally retries the request on another member, and returns 504 only if the retries fail too. With session persistence on, the request is bound to its member: ELB does not retry and returns HTTP 504 to the client at once (FAQ 6.6 table 6-2).',
        '',
        'The rule reports each listener with member retry on (`enable_member_retry: true`, or unset, since it defaults to true) that forwards to a pool with `session_persistence`, either as its default pool or through a forwarding policy. It is information, not an error: persistence may well be worth the trade. Know that a slow or hung member then surfaces to users as 504s instead of being hidden by a retry; keep `member_timeout` realistic and health checks tight, or drop persistence if the application does not need it.',
        '',
        'Listeners that do not retry (TCP, UDP, TLS, and QUIC on shared load balancers) and listeners with `enable_member_retry: false` are not reported.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '监听器开启了后端重试，但其后端服务器组开启了会话保持，重试不会发生：响应超时时直接返回 504。',
      details: [
        '后端服务器在响应超时时间（`member_timeout`）内没有响应时，HTTP/HTTPS/QUIC 监听器通常会把请求重试到其他后端服务器，只有重试也失败才返回 504。开启会话保持后，请求固定发往同一台后端服务器：ELB 不再重试，直接向客户端返回 HTTP 504（FAQ 6.6 表 6-2）。',
        '',
        '对于开启了后端重试（`enable_member_retry: true`，或未设置，默认即开启）、并把流量转发到开启了 `session_persistence` 的后端服务器组（默认后端服务器组或转发策略指定的服务器组）的监听器，本规则给出提示。这只是提示而非错误：会话保持可能值得这个代价。但要清楚：响应慢或卡住的后端服务器会直接以 504 呈现给用户，而不会被重试掩盖；请合理设置 `member_timeout` 和健康检查，或者在应用不需要时关闭会话保持。',
        '',
        '不支持重试的监听器（TCP、UDP、TLS，以及共享型上的 QUIC）和设置了 `enable_member_retry: false` 的监听器不报告。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: '{protocol} listener `{listener}` retries failed requests on another member, but pool `{pool}` uses session persistence: when a member does not answer within the response timeout, no retry is made and the client gets 504 (FAQ 6.6).',
      many: '{protocol} listener `{listener}` retries failed requests on another member, but its pools {pools} use session persistence: when a member does not answer within the response timeout, no retry is made and the client gets 504 (FAQ 6.6).',
      relatedPersistence: 'session persistence of `{pool}`',
    },
    'zh-cn': {
      default: '{protocol} 监听器 `{listener}` 开启了后端重试，但后端服务器组 `{pool}` 开启了会话保持：后端服务器在响应超时时间内无响应时不会重试，客户端直接收到 504（FAQ 6.6）。',
      many: '{protocol} 监听器 `{listener}` 开启了后端重试，但其后端服务器组 {pools} 开启了会话保持：后端服务器在响应超时时间内无响应时不会重试，客户端直接收到 504（FAQ 6.6）。',
      relatedPersistence: '`{pool}` 的会话保持',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: shop-lb
    listeners:
      - name: http-80
        protocol: HTTP
        protocol_port: 80
        default_pool: cart-pool     # member retry is on by default
    pools:
      - name: cart-pool
        protocol: HTTP
        lb_algorithm: ROUND_ROBIN
        session_persistence: {type: HTTP_COOKIE, persistence_timeout: 30}
`,
    good: `    listeners:
      - name: http-80
        protocol: HTTP
        protocol_port: 80
        default_pool: cart-pool
        enable_member_retry: false  # 504 on a response timeout is accepted
`,
  },
  check(ctx) {
    const sep = ctx.locale === 'zh-cn' ? '、' : ', ';
    for (const l of ctx.model.listeners) {
      if (l.enable_member_retry === false || !retries(l.lb.type, l.protocol)) continue;
      const sticky = ctx.index.poolsOf(l).filter((p) => p.session_persistence?.type !== undefined);
      if (sticky.length === 0) continue;
      const first = sticky[0]!;
      ctx.report({
        at: l.$,
        field: l.enable_member_retry === undefined ? undefined : 'enable_member_retry',
        messageId: sticky.length === 1 ? 'default' : 'many',
        data: {
          listener: l.name, protocol: l.protocol!, pool: first.name,
          pools: sticky.map((p) => `\`${p.name}\``).join(sep),
        },
        related: sticky.map((p) => ({ at: p.session_persistence!.$, field: 'type', messageId: 'relatedPersistence', data: { pool: p.name } })),
      });
    }
  },
});
