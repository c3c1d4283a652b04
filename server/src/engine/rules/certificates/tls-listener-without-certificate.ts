import { lbTypeName } from '../../i18n/kinds';
import { defineRule } from '../rule';

const NEEDS_CERTIFICATE = new Set(['HTTPS', 'TLS', 'QUIC']);

export default defineRule({
  id: 'ELB501',
  name: 'tls-listener-without-certificate',
  severity: 'error',
  category: 'certificates',
  faq: ['8.2'],
  fixable: false,
  docs: {
    en: {
      summary: 'An HTTPS, TLS or QUIC listener has no server certificate.',
      details: [
        'HTTPS, TLS and QUIC listeners end the encrypted connection on the load balancer, so ELB must present a server certificate to every client. A certificate that exists in the certificate list but is not bound to the listener does not count: clients cannot complete the handshake (FAQ 8.2). The API requires `default_tls_container` for these three protocols.',
        '',
        'Bind a certificate of type `server` with `default_tls_container`. SNI certificates (`sni_containers`) are extra certificates picked by domain name; they do not replace the default one.',
        '',
        'If you prefer to keep the certificate on the servers, use a TCP listener instead: it passes the encrypted traffic through untouched (FAQ 8.2).',
      ].join('\n'),
    },
    'zh-cn': {
      summary: 'HTTPS、TLS 或 QUIC 监听器没有绑定服务器证书。',
      details: [
        'HTTPS、TLS 和 QUIC 监听器在负载均衡器上终结加密连接，ELB 需要向每个客户端出示服务器证书。证书已在证书管理中创建、但没有绑定到监听器时不起作用：客户端无法完成握手（FAQ 8.2）。API 要求这三种协议的监听器必须填写 `default_tls_container`。',
        '',
        '请通过 `default_tls_container` 绑定一张类型为 `server` 的证书。SNI 证书（`sni_containers`）是按域名选用的附加证书，不能代替默认证书。',
        '',
        '如果希望把证书保留在后端服务器上，请改用 TCP 监听器，加密流量会原样透传到后端服务器（FAQ 8.2）。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: '{protocol} listener `{listener}` of {lbType} load balancer `{lb}` has no server certificate (`default_tls_container`): clients cannot complete the TLS handshake (FAQ 8.2).',
    },
    'zh-cn': {
      default: '{lbType}负载均衡器 `{lb}` 的 {protocol} 监听器 `{listener}` 没有绑定服务器证书（`default_tls_container`），客户端无法完成 TLS 握手（FAQ 8.2）。',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: web-lb
    listeners:
      - {name: https-443, protocol: HTTPS, protocol_port: 443, default_pool: web-pool}
    pools:
      - name: web-pool
        protocol: HTTP
        lb_algorithm: ROUND_ROBIN
        healthmonitor: {type: HTTP, delay: 5, timeout: 3, max_retries: 3, url_path: /}
`,
    good: `certificates:
  - {name: web-cert, type: server, domain: www.example.com}
loadbalancers:
  - name: web-lb
    listeners:
      - {name: https-443, protocol: HTTPS, protocol_port: 443, default_pool: web-pool, default_tls_container: web-cert}
`,
  },
  check(ctx) {
    for (const l of ctx.model.listeners) {
      if (!l.protocol || !NEEDS_CERTIFICATE.has(l.protocol) || l.default_tls_container !== undefined) continue;
      ctx.report({
        at: l.$,
        field: 'protocol',
        data: { protocol: l.protocol, listener: l.name, lb: l.lb.name, lbType: lbTypeName(l.lb.type, ctx.locale) },
      });
    }
  },
});
