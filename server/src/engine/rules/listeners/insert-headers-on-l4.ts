import { defineRule } from '../rule';

/** Listener protocols that do not add HTTP headers: only L7 listeners do (FAQ 6.1). */
const NO_HEADERS = new Set(['TCP', 'UDP', 'TLS']);

export default defineRule({
  id: 'ELB307',
  name: 'insert-headers-on-l4',
  severity: 'error',
  category: 'listeners',
  faq: ['6.1'],
  fixable: true,
  docs: {
    en: {
      summary: 'A TCP, UDP or TLS listener asks for X-Forwarded-* headers, which only HTTP/HTTPS/QUIC listeners add.',
      details: [
        'Headers such as `X-Forwarded-For`, `X-Forwarded-Host`, `X-Forwarded-Port`, `X-Forwarded-Proto`, `X-Forwarded-ELB-IP` and `X-Real-IP` are added by layer-7 listeners, which parse each HTTP request (FAQ 6.1). A TCP, UDP or TLS listener forwards a byte stream or datagrams and never touches HTTP headers, so `insert_headers` on it cannot take effect, and a backend that expects the client address in `X-Forwarded-For` will not find it.',
        '',
        'The rule fires when a TCP, UDP or TLS listener has `insert_headers` with at least one entry that asks for something (any value other than `false`). Entries that are all `false` ask for nothing and are left alone.',
        '',
        'The quick fix removes `insert_headers`. To pass the client address on layer 4, use the listener\'s "transparent client IP" switch or the TOA module (FAQ 4.9), or the PROXY protocol on TLS listeners.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: 'TCP、UDP 或 TLS 监听器配置了 X-Forwarded-* 请求头，而只有 HTTP/HTTPS/QUIC 监听器会添加这些请求头。',
      details: [
        '`X-Forwarded-For`、`X-Forwarded-Host`、`X-Forwarded-Port`、`X-Forwarded-Proto`、`X-Forwarded-ELB-IP`、`X-Real-IP` 等请求头由七层监听器在解析 HTTP 请求时添加（FAQ 6.1）。TCP、UDP、TLS 监听器只转发字节流或数据报，不会修改 HTTP 请求头，因此在它们上面配置 `insert_headers` 不会生效；后端如果依赖 `X-Forwarded-For` 获取客户端地址，将拿不到该地址。',
        '',
        '当 TCP、UDP 或 TLS 监听器的 `insert_headers` 中至少有一项要求添加请求头（取值不是 `false`）时，本规则报告。全部为 `false` 的配置不要求任何操作，不报告。',
        '',
        '快速修复会删除 `insert_headers`。四层监听器如需把客户端地址传给后端，请使用监听器的“获取客户端IP”功能或 TOA 插件（FAQ 4.9），TLS 监听器也可使用 PROXY 协议。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: '{protocol} listener `{listener}` asks for HTTP headers ({headers}), but only HTTP, HTTPS and QUIC listeners add them; a layer-4 listener forwards traffic without touching headers (FAQ 6.1).',
      fixRemove: 'Remove `insert_headers`',
    },
    'zh-cn': {
      default: '{protocol} 监听器 `{listener}` 配置了 HTTP 请求头（{headers}），但只有 HTTP、HTTPS、QUIC 监听器会添加这些请求头；四层监听器转发流量时不会修改请求头（FAQ 6.1）。',
      fixRemove: '删除 `insert_headers`',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: api-lb
    listeners:
      - name: tcp-8443
        protocol: TCP
        protocol_port: 8443
        default_pool: api-pool
        insert_headers: {X-Forwarded-For-Port: true}   # TCP adds no headers
    pools:
      - name: api-pool
        protocol: TCP
        lb_algorithm: ROUND_ROBIN
        healthmonitor: {type: TCP, delay: 5, timeout: 3, max_retries: 3}
`,
    good: `    listeners:
      - name: tcp-8443
        protocol: TCP
        protocol_port: 8443
        default_pool: api-pool
`,
  },
  check(ctx) {
    const sep = ctx.locale === 'zh-cn' ? '、' : ', ';
    for (const l of ctx.model.listeners) {
      if (!l.protocol || !NO_HEADERS.has(l.protocol) || !l.insert_headers) continue;
      const asked = Object.entries(l.insert_headers)
        .filter(([, v]) => v !== false && v !== null && v !== undefined)
        .map(([k]) => k);
      if (asked.length === 0) continue;
      ctx.report({
        at: l.$,
        span: l.$.keySpan('insert_headers'),
        data: { listener: l.name, protocol: l.protocol, headers: asked.join(sep) },
        fixes: [{ messageId: 'fixRemove', changes: [{ op: 'remove', at: l.$, path: 'insert_headers' }], preferred: true }],
      });
    }
  },
});
