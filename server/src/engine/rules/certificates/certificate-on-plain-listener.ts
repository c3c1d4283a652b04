import { lbTypeName } from '../../i18n/kinds';
import { defineRule } from '../rule';

const PLAIN = new Set(['HTTP', 'TCP', 'UDP']);
const FIELDS = ['default_tls_container', 'sni_containers', 'client_ca_tls_container'] as const;

export default defineRule({
  id: 'ELB502',
  name: 'certificate-on-plain-listener',
  severity: 'warning',
  category: 'certificates',
  faq: ['8.2'],
  fixable: true,
  docs: {
    en: {
      summary: 'A certificate is bound to an HTTP, TCP or UDP listener, which never uses it.',
      details: [
        'Only listeners that terminate TLS use certificates: HTTPS, TLS and QUIC. A certificate cannot be bound to any other listener; a file that names one on an HTTP, TCP or UDP listener shows a plan that will not work as written: clients of that listener never see the certificate (FAQ 8.2).',
        '',
        'The rule looks at the three certificate fields of a listener: the server certificate (`default_tls_container`), the SNI certificates (`sni_containers`) and the CA certificate for mutual authentication (`client_ca_tls_container`).',
        '',
        'What to do instead (FAQ 8.2): terminate TLS on the load balancer with an HTTPS listener that carries the certificate; or keep the TCP listener and install the certificate on the backend servers, which then handle TLS themselves. The quick fix removes the field from the listener.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: 'HTTP、TCP 或 UDP 监听器上绑定了证书，而这些监听器不会使用证书。',
      details: [
        '只有终结 TLS 的监听器才使用证书：HTTPS、TLS 和 QUIC。其他监听器无法绑定证书；在 HTTP、TCP 或 UDP 监听器上填写证书，说明配置与预期不符：该监听器的客户端永远看不到这张证书（FAQ 8.2）。',
        '',
        '本规则检查监听器的三个证书字段：服务器证书（`default_tls_container`）、SNI 证书（`sni_containers`）和双向认证的 CA 证书（`client_ca_tls_container`）。',
        '',
        '正确做法（FAQ 8.2）：在负载均衡器上使用绑定了证书的 HTTPS 监听器终结 TLS；或者保留 TCP 监听器，把证书安装在后端服务器上，由后端服务器自行处理 TLS。快速修复会从监听器中删除该字段。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: '{protocol} listener `{listener}` of {lbType} load balancer `{lb}` has a certificate in `{field}`, but only HTTPS, TLS and QUIC listeners take certificates; use an HTTPS listener, or keep {protocol} and install the certificate on the servers (FAQ 8.2).',
      clientCa: '{protocol} listener `{listener}` of {lbType} load balancer `{lb}` has a CA certificate in `client_ca_tls_container`, but only HTTPS and TLS listeners verify client certificates; mutual authentication needs one of those (FAQ 8.2).',
      fix: 'Remove `{field}`',
    },
    'zh-cn': {
      default: '{lbType}负载均衡器 `{lb}` 的 {protocol} 监听器 `{listener}` 在 `{field}` 中绑定了证书，但只有 HTTPS、TLS、QUIC 监听器可以绑定证书；请改用 HTTPS 监听器，或保留 {protocol} 监听器并在后端服务器上安装证书（FAQ 8.2）。',
      clientCa: '{lbType}负载均衡器 `{lb}` 的 {protocol} 监听器 `{listener}` 在 `client_ca_tls_container` 中绑定了 CA 证书，但只有 HTTPS 和 TLS 监听器会校验客户端证书；双向认证需要使用这两种监听器（FAQ 8.2）。',
      fix: '删除 `{field}`',
    },
  },
  examples: {
    bad: `version: 1
certificates:
  - {name: web-cert, type: server, domain: www.example.com}
loadbalancers:
  - name: web-lb
    listeners:
      - name: http-80
        protocol: HTTP
        protocol_port: 80
        default_pool: web-pool
        default_tls_container: web-cert   # an HTTP listener never presents it
    pools:
      - {name: web-pool, protocol: HTTP, lb_algorithm: ROUND_ROBIN}
`,
    good: `    listeners:
      - name: https-443
        protocol: HTTPS
        protocol_port: 443
        default_pool: web-pool
        default_tls_container: web-cert
`,
  },
  check(ctx) {
    for (const l of ctx.model.listeners) {
      if (!l.protocol || !PLAIN.has(l.protocol)) continue;
      for (const field of FIELDS) {
        const v = l[field];
        if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
        ctx.report({
          at: l.$,
          field,
          messageId: field === 'client_ca_tls_container' ? 'clientCa' : 'default',
          data: { protocol: l.protocol, listener: l.name, lb: l.lb.name, lbType: lbTypeName(l.lb.type, ctx.locale), field },
          fixes: [{ messageId: 'fix', data: { field }, changes: [{ op: 'remove', at: l.$, path: field }], preferred: true }],
        });
      }
    }
  },
});
