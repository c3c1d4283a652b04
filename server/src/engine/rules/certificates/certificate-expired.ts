import type { RelatedSpec } from '../rule';
import { defineRule } from '../rule';
import type { Certificate, Model } from '../../model/types';
import { analyseCertificate, certLabel, expiryOf } from './pem';

/** Days before expiry from which the rule warns. The linter's choice, not from the FAQ. */
export const EXPIRY_WARNING_DAYS = 30;

const DAY = 24 * 60 * 60 * 1000;

/** Listeners that bind a certificate, with the field that does. */
function usesOf(model: Model, cert: Certificate): RelatedSpec[] {
  const out: RelatedSpec[] = [];
  for (const l of model.listeners) {
    if (l.default_tls_container?.target === cert) out.push({ at: l.$, field: 'default_tls_container', messageId: 'usedBy', data: { listener: l.name } });
    else if (l.sni_containers?.some((r) => r.target === cert)) out.push({ at: l.$, field: 'sni_containers', messageId: 'usedBy', data: { listener: l.name } });
    else if (l.client_ca_tls_container?.target === cert) out.push({ at: l.$, field: 'client_ca_tls_container', messageId: 'usedBy', data: { listener: l.name } });
  }
  return out;
}

export default defineRule({
  id: 'ELB503',
  name: 'certificate-expired',
  severity: 'error',
  category: 'certificates',
  faq: ['8.2', '8.3'],
  fixable: false,
  options: {
    warnDays: {
      default: EXPIRY_WARNING_DAYS,
      min: 0,
      max: 365,
      description: { en: 'Warn when a certificate expires within this many days.', 'zh-cn': '证书在该天数内到期时发出警告。' },
    },
  },
  notInFaq: {
    en: `The ${EXPIRY_WARNING_DAYS}-day warning window is the linter's choice: the FAQ only says that an expired certificate makes clients warn (FAQ 8.2, 8.3 note). It is configurable: \`ELB503: [warning, {warnDays: 14}]\` in \`.elb-lint.yaml\`.`,
    'zh-cn': `提前 ${EXPIRY_WARNING_DAYS} 天告警是本工具自定的阈值：FAQ 只说明证书过期后客户端会提示不安全（FAQ 8.2、8.3 说明）。该阈值可以配置：在 \`.elb-lint.yaml\` 中写 \`ELB503: [warning, {warnDays: 14}]\`。`,
  },
  docs: {
    en: {
      summary: 'A certificate in the configuration has expired, or expires soon.',
      details: [
        'When the PEM text of a certificate is in the configuration, the rule reads the expiry date of every certificate in it (the server certificate and each chain certificate) and takes the earliest:',
        '',
        `- already past: **error**. Clients show an insecure-connection warning; most users cannot or will not click through it (FAQ 8.2, 8.3 note).`,
        `- within ${EXPIRY_WARNING_DAYS} days: **warning**, so there is time to renew.`,
        '',
        'Replacing a certificate does not interrupt traffic: connections already open keep the old certificate, new ones get the new one (FAQ 8.3). CA certificates used for mutual authentication are checked the same way.',
        '',
        'Certificates given only by `domain` (no PEM) are not judged: the expiry date is unknown. A PEM that does not decode is reported by ELB505, not here. Dates are compared with the clock of the machine running the linter.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '配置中的证书已过期或即将过期。',
      details: [
        '当配置中包含证书的 PEM 内容时，本规则读取其中每张证书（服务器证书及证书链中的各级证书）的到期时间，取最早的一个：',
        '',
        '- 已过期：**错误**。客户端会提示“不安全的连接”，多数用户无法或不愿忽略该告警继续访问（FAQ 8.2、8.3 说明）。',
        `- ${EXPIRY_WARNING_DAYS} 天内到期：**警告**，以便留出更换时间。`,
        '',
        '更换证书不会中断业务：已建立的连接继续使用旧证书，新建连接使用新证书（FAQ 8.3）。双向认证使用的 CA 证书同样检查。',
        '',
        '只填写了 `domain`、没有 PEM 内容的证书不做判断：到期时间未知。无法解析的 PEM 由 ELB505 报告。日期与运行检查的机器时钟比较。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      expired: 'Certificate `{cert}` expired on {date} ({days} days ago): clients get an insecure-connection warning. Upload a renewed certificate (FAQ 8.2, 8.3).',
      chainExpired: 'Chain certificate `{subject}` in `{cert}` expired on {date} ({days} days ago): clients cannot validate the chain and warn. Upload the current chain from the CA (FAQ 8.2, 8.3).',
      expiring: 'Certificate `{cert}` expires on {date}, in {days} days (warning window: {window} days, the linter\'s choice, not from the FAQ); renew it before clients start to warn (FAQ 8.2, 8.3).',
      chainExpiring: 'Chain certificate `{subject}` in `{cert}` expires on {date}, in {days} days (warning window: {window} days, the linter\'s choice, not from the FAQ); get the current chain from the CA (FAQ 8.2, 8.3).',
      usedBy: 'used by listener `{listener}`',
    },
    'zh-cn': {
      expired: '证书 `{cert}` 已于 {date} 过期（{days} 天前），客户端会提示“不安全的连接”。请上传续期后的证书（FAQ 8.2、8.3）。',
      chainExpired: '证书 `{cert}` 的证书链中的 `{subject}` 已于 {date} 过期（{days} 天前），客户端无法校验证书链并会告警。请从证书颁发机构获取当前的证书链并重新上传（FAQ 8.2、8.3）。',
      expiring: '证书 `{cert}` 将于 {date} 过期，还剩 {days} 天（提前 {window} 天告警为本工具自定阈值，非 FAQ 内容）；请在客户端告警前更换证书（FAQ 8.2、8.3）。',
      chainExpiring: '证书 `{cert}` 的证书链中的 `{subject}` 将于 {date} 过期，还剩 {days} 天（提前 {window} 天告警为本工具自定阈值，非 FAQ 内容）；请从证书颁发机构获取当前的证书链（FAQ 8.2、8.3）。',
      usedBy: '监听器 `{listener}` 使用该证书',
    },
  },
  examples: {
    bad: `version: 1
certificates:
  - name: web-cert
    type: server
    domain: www.example.com
    certificate: |        # its notAfter date is in the past
      -----BEGIN CERTIFICATE-----
      ...
      -----END CERTIFICATE-----
`,
    good: `certificates:
  - name: web-cert
    type: server
    domain: www.example.com
    certificate: |        # renewed: valid for months to come
      -----BEGIN CERTIFICATE-----
      ...
      -----END CERTIFICATE-----
`,
  },
  check(ctx) {
    const warnDays = ctx.option('warnDays');
    const now = Date.now();
    for (const cert of ctx.model.certificates) {
      if (cert.certificate === undefined) continue;
      const certs = analyseCertificate(cert.certificate).certs;
      if (!certs || certs.length === 0) continue;
      let earliest = 0;
      for (let i = 1; i < certs.length; i++) if (expiryOf(certs[i]!).getTime() < expiryOf(certs[earliest]!).getTime()) earliest = i;
      const expiry = expiryOf(certs[earliest]!);
      if (Number.isNaN(expiry.getTime())) continue;
      const left = expiry.getTime() - now;
      const chain = earliest > 0;
      const data = { cert: cert.name, subject: certLabel(certs[earliest]!), date: expiry.toISOString().slice(0, 10), window: warnDays };
      if (left <= 0) {
        ctx.report({
          at: cert.$, field: 'certificate', severity: 'error',
          messageId: chain ? 'chainExpired' : 'expired',
          data: { ...data, days: Math.floor(-left / DAY) },
          related: usesOf(ctx.model, cert),
        });
      } else if (left <= warnDays * DAY) {
        ctx.report({
          at: cert.$, field: 'certificate', severity: 'warning',
          messageId: chain ? 'chainExpiring' : 'expiring',
          data: { ...data, days: Math.ceil(left / DAY) },
          related: usesOf(ctx.model, cert),
        });
      }
    }
  },
});
