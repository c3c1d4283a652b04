import type { Certificate, Listener, Origin } from '../../model/types';
import type { Locale } from '../../types';
import { defineRule, format, type Messages, type RelatedSpec } from '../rule';
import { coveringNames, covers, domainNames, levelMismatch, normaliseHost, presentedFor, sniAlgorithm } from './domain-coverage';

const PRESENTS_CERTIFICATE = new Set(['HTTPS', 'TLS', 'QUIC']);

interface Served {
  host: string;
  at: Origin;
  field: string;
  /** Where the name comes from, for the message. */
  source: 'rule' | 'sni' | 'default';
}

/** Names a listener serves: HOST_NAME forwarding rules, and the `domain` of each certificate bound to it. */
function servedNames(l: Listener): Served[] {
  const out: Served[] = [];
  for (const pol of l.l7policies) {
    for (const r of pol.rules) {
      if (r.type !== 'HOST_NAME' || !r.value) continue;
      if (r.compare_type !== undefined && r.compare_type !== 'EQUAL_TO') continue;
      out.push({ host: normaliseHost(r.value), at: r.$, field: 'value', source: 'rule' });
    }
  }
  const certs: [Certificate | undefined, 'sni' | 'default'][] = [
    ...(l.sni_containers ?? []).map((r) => [r.target, 'sni'] as [Certificate | undefined, 'sni']),
    [l.default_tls_container?.target, 'default'],
  ];
  for (const [c, source] of certs) {
    if (!c) continue;
    for (const host of domainNames(c.domain)) out.push({ host, at: c.$, field: 'domain', source });
  }
  return out;
}

const messages: Record<Locale, Messages> = {
  en: {
    rule: 'Host `{host}` of a forwarding rule on {protocol} listener `{listener}` is not covered by certificate `{cert}`, which ELB presents for it ({via}); its names ({from}): {names}. Add a certificate or a SAN for `{host}` (FAQ 6.8, 8.2).',
    ruleLevel: 'Host `{host}` of a forwarding rule on {protocol} listener `{listener}` is one level deeper than `{wildcard}` in certificate `{cert}`, which ELB presents for it ({via}): a wildcard covers exactly one label, whatever `sni_match_algo` says. Add a certificate or a SAN for `{host}` (FAQ 6.8, 8.1).',
    domain: 'Domain `{host}` of certificate `{owner}` (bound to {protocol} listener `{listener}`) is not covered by certificate `{cert}`, which ELB presents for it ({via}); its names ({from}): {names}. Clients asking for `{host}` get an insecure-connection warning (FAQ 6.8, 8.2).',
    domainLevel: 'Domain `{host}` of certificate `{owner}` (bound to {protocol} listener `{listener}`) is one level deeper than `{wildcard}` in certificate `{cert}`, which ELB presents for it ({via}): a wildcard covers exactly one label. Add a certificate or a SAN for `{host}` (FAQ 6.8, 8.1).',
    viaSni: 'SNI certificate, matched with {algo}',
    viaDefault: 'the default certificate',
    fromPem: 'SANs of its PEM',
    fromDomain: 'its `domain`',
    presented: 'certificate `{cert}` that ELB presents',
  },
  'zh-cn': {
    rule: '{protocol} 监听器 `{listener}` 的转发规则域名 `{host}` 不在证书 `{cert}` 的范围内，而 ELB 会为该域名出示这张证书（{via}）；证书域名（{from}）：{names}。请为 `{host}` 添加证书或使用者可选名称（FAQ 6.8、8.2）。',
    ruleLevel: '{protocol} 监听器 `{listener}` 的转发规则域名 `{host}` 比证书 `{cert}` 中的 `{wildcard}` 多一级，而 ELB 会为该域名出示这张证书（{via}）：泛域名只匹配一级子域名，与 `sni_match_algo` 无关。请为 `{host}` 添加证书或使用者可选名称（FAQ 6.8、8.1）。',
    domain: '证书 `{owner}`（绑定在 {protocol} 监听器 `{listener}` 上）的域名 `{host}` 不在证书 `{cert}` 的范围内，而 ELB 会为该域名出示这张证书（{via}）；证书域名（{from}）：{names}。访问 `{host}` 的客户端会收到“不安全”提示（FAQ 6.8、8.2）。',
    domainLevel: '证书 `{owner}`（绑定在 {protocol} 监听器 `{listener}` 上）的域名 `{host}` 比证书 `{cert}` 中的 `{wildcard}` 多一级，而 ELB 会为该域名出示这张证书（{via}）：泛域名只匹配一级子域名。请为 `{host}` 添加证书或使用者可选名称（FAQ 6.8、8.1）。',
    viaSni: 'SNI 证书，按 {algo} 匹配',
    viaDefault: '默认证书',
    fromPem: 'PEM 中的使用者可选名称',
    fromDomain: '证书的 `domain`',
    presented: 'ELB 出示的证书 `{cert}`',
  },
};

export default defineRule({
  id: 'ELB504',
  name: 'certificate-domain-mismatch',
  severity: 'warning',
  category: 'certificates',
  faq: ['6.8', '8.1', '8.2'],
  fixable: false,
  docs: {
    en: {
      summary: 'A domain the listener serves is not covered by the certificate ELB presents for it.',
      details: [
        'Clients compare the name they asked for with the names in the certificate they receive; when none matches, the browser warns that the connection is not secure (FAQ 6.8, 8.2). The rule collects the names an HTTPS, TLS or QUIC listener serves:',
        '',
        '- the value of every `HOST_NAME` forwarding rule of the listener;',
        '- the `domain` of every certificate bound to it (`default_tls_container`, `sni_containers`).',
        '',
        'For each name it works out which certificate ELB presents, as ELB does: an SNI certificate whose `domain` names it exactly; else an SNI certificate picked by `sni_match_algo` (dedicated default `wildcard`: same level only; `longest_suffix` on request; shared load balancers always use the longest suffix, FAQ 8.1 table 8-1); else the default certificate. It then checks the name against that certificate as a client does: the subject alternative names of its PEM (the CN when there are none), or its `domain` when the PEM is absent.',
        '',
        'A wildcard covers exactly one label: `*.example.com` covers `a.example.com` but not `a.b.example.com` or `example.com`. That is the "domain level differs from the certificate level" case of FAQ 6.8. `sni_match_algo: longest_suffix` makes ELB *pick* `*.example.com` for `a.b.example.com`, but the client still rejects it, so the rule reports it all the same.',
        '',
        'Fix it by adding a certificate (or a subject alternative name) for the name, e.g. `*.b.example.com`. The rule stays silent when a certificate\'s names are unknown (no `domain`, no PEM).',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '监听器服务的域名不在 ELB 为其出示的证书范围内。',
      details: [
        '客户端会把请求的域名与收到的证书中的域名比对；都不匹配时，浏览器会提示连接不安全（FAQ 6.8、8.2）。本规则收集 HTTPS、TLS 或 QUIC 监听器服务的域名：',
        '',
        '- 监听器每条 `HOST_NAME` 转发规则的取值；',
        '- 绑定到监听器的每张证书（`default_tls_container`、`sni_containers`）的 `domain`。',
        '',
        '对每个域名，本规则按 ELB 的方式确定出示哪张证书：`domain` 与其完全一致的 SNI 证书；否则按 `sni_match_algo` 选择的 SNI 证书（独享型默认 `wildcard`，即标准域名分级匹配，只匹配同级；可改为 `longest_suffix` 最长尾缀匹配；共享型始终为最长尾缀匹配，FAQ 8.1 表 8-1）；都没有时使用默认证书。然后像客户端一样校验：使用证书 PEM 中的使用者可选名称（没有时使用 CN），没有 PEM 时使用证书的 `domain`。',
        '',
        '泛域名只匹配一级：`*.example.com` 匹配 `a.example.com`，不匹配 `a.b.example.com` 或 `example.com`，即 FAQ 6.8 所说的“域名级别与证书级别不一致”。`sni_match_algo: longest_suffix` 会让 ELB 为 `a.b.example.com` *选用* `*.example.com`，但客户端仍会拒绝，因此本规则同样报告。',
        '',
        '解决方法：为该域名添加证书（或使用者可选名称），例如 `*.b.example.com`。证书的域名未知（没有 `domain` 也没有 PEM）时，本规则不做判断。',
      ].join('\n'),
    },
  },
  messages,
  examples: {
    bad: `version: 1
certificates:
  - {name: wild-cert, type: server, domain: "*.example.com"}
loadbalancers:
  - name: web-lb
    listeners:
      - name: https-443
        protocol: HTTPS
        protocol_port: 443
        default_pool: web-pool
        default_tls_container: wild-cert
        l7policies:
          - name: eu-api
            action: REDIRECT_TO_POOL
            redirect_pool: web-pool
            rules: [{type: HOST_NAME, compare_type: EQUAL_TO, value: api.eu.example.com}]   # two labels below example.com
    pools:
      - {name: web-pool, protocol: HTTP, lb_algorithm: ROUND_ROBIN}
`,
    good: `certificates:
  - {name: wild-cert, type: server, domain: "*.example.com"}
  - {name: eu-cert, type: server, domain: "*.eu.example.com"}
loadbalancers:
  - name: web-lb
    listeners:
      - name: https-443
        protocol: HTTPS
        protocol_port: 443
        default_pool: web-pool
        default_tls_container: wild-cert
        sni_containers: [eu-cert]
`,
  },
  check(ctx) {
    const t = (id: string, data?: Record<string, string>) => {
      return format(messages[ctx.locale][id] ?? messages.en[id]!, data);
    };
    const reportedDomains = new Set<string>();
    for (const l of ctx.model.listeners) {
      if (!l.protocol || !PRESENTS_CERTIFICATE.has(l.protocol)) continue;
      for (const s of servedNames(l)) {
        if (s.source !== 'rule') {
          const key = `${s.at.span.start}|${s.host}`;
          if (reportedDomains.has(key)) continue;
        }
        const presented = presentedFor(l, s.host);
        if (!presented) continue;
        const cov = coveringNames(presented.cert);
        if (!cov || cov.names.some((n) => covers(n, s.host))) continue;
        if (s.source !== 'rule') reportedDomains.add(`${s.at.span.start}|${s.host}`);
        const wildcard = levelMismatch(cov.names, s.host);
        const via = presented.via === 'sni' ? t('viaSni', { algo: sniAlgorithm(l) }) : t('viaDefault');
        const owner = s.at === presented.cert.$ ? presented.cert.name : ctx.model.certificates.find((c) => c.$ === s.at)?.name ?? '';
        const related: RelatedSpec[] = [{ at: presented.cert.$, field: cov.from === 'pem' ? 'certificate' : 'domain', messageId: 'presented', data: { cert: presented.cert.name } }];
        ctx.report({
          at: s.at,
          field: s.field,
          messageId: (s.source === 'rule' ? 'rule' : 'domain') + (wildcard ? 'Level' : ''),
          data: {
            host: s.host, listener: l.name, protocol: l.protocol, cert: presented.cert.name, owner, via,
            from: t(cov.from === 'pem' ? 'fromPem' : 'fromDomain'), names: cov.names.map((n) => `\`${n}\``).join(', ') || '—',
            wildcard: wildcard ?? '',
          },
          related: s.at === presented.cert.$ && cov.from === 'domain' ? [] : related,
        });
      }
    }
  },
});
