import type { Locale } from '../../types';
import type { Certificate, Origin } from '../../model/types';
import { defineRule, format, type Data, type FixSpec, type Messages, type RuleContext } from '../rule';
import { analyseCertificate, analyseKey, certLabel, chainProblem, type StructureProblem, type WhitespaceIssues } from './pem';

const messages: Record<Locale, Messages> = {
  en: {
    whitespace: 'The PEM text in `{field}` of certificate `{cert}` has {issues}: the upload is rejected unless the content starts with its BEGIN line and ends with its END line (FAQ 8.4).',
    fixTrim: 'Trim the whitespace in `{field}`',
    noBegin: 'The PEM text in `{field}` of certificate `{cert}` has no `-----BEGIN {expected}-----` line: paste the whole block, BEGIN and END lines included (FAQ 8.4).',
    endWithoutBegin: 'The PEM text in `{field}` of certificate `{cert}` has an END line for {label} at line {line} without its BEGIN line: the content is incomplete (FAQ 8.4).',
    noEnd: 'The PEM text in `{field}` of certificate `{cert}` opens a {label} block at line {line} that has no matching END line: the content is incomplete (FAQ 8.4).',
    outside: 'The PEM text in `{field}` of certificate `{cert}` has text outside the BEGIN/END lines at line {line}: upload only the PEM blocks (FAQ 8.4).',
    label: 'The PEM text in `{field}` of certificate `{cert}` holds a block of type `{label}` where a `{expected}` block belongs (FAQ 8.4).',
    undecodable: 'Certificate {n} of {count} in `{cert}` does not decode: its content is incomplete or damaged. Paste it again from the file the CA issued (FAQ 8.4).',
    order: 'The chain in certificate `{cert}` is not in order: the server certificate comes first, then each certificate\'s issuer; this chain needs the order {expected} (FAQ 8.2, 2.13).',
    broken: 'The chain in certificate `{cert}` is incomplete or holds an unrelated certificate: `{subject}` (certificate {n}) was issued by `{issuer}`, but certificate {next} is `{nextSubject}`. Upload the complete chain, server certificate first (FAQ 2.13, 8.2).',
    keyUndecodable: 'The private key of certificate `{cert}` does not decode: its content is incomplete or damaged (FAQ 8.4; the key check is an API fact, not in the FAQ).',
    keyMismatch: 'The private key of certificate `{cert}` does not belong to its server certificate `{subject}`: ELB cannot complete a handshake with it. Upload the key the certificate was issued for (API fact, not in the FAQ).',
    leading: 'spaces or blank lines before the BEGIN line',
    trailing: 'spaces or blank lines after the END line',
    lines: 'spaces at the start or end of {count} line(s)',
    comma: ', ',
    and: ' and ',
  },
  'zh-cn': {
    whitespace: '证书 `{cert}` 的 `{field}` 中的 PEM 内容前后有多余空白（{issues}）：内容必须以 BEGIN 行开头、以 END 行结尾，否则上传会失败（FAQ 8.4）。',
    fixTrim: '去除 `{field}` 中的多余空白',
    noBegin: '证书 `{cert}` 的 `{field}` 中没有 `-----BEGIN {expected}-----` 行：请粘贴完整的内容，包括 BEGIN 行和 END 行（FAQ 8.4）。',
    endWithoutBegin: '证书 `{cert}` 的 `{field}` 第 {line} 行有 {label} 的 END 行，但缺少对应的 BEGIN 行：内容不完整（FAQ 8.4）。',
    noEnd: '证书 `{cert}` 的 `{field}` 第 {line} 行开始的 {label} 内容缺少对应的 END 行：内容不完整（FAQ 8.4）。',
    outside: '证书 `{cert}` 的 `{field}` 第 {line} 行在 BEGIN/END 行之外还有其他文字：只能上传 PEM 内容（FAQ 8.4）。',
    label: '证书 `{cert}` 的 `{field}` 中应为 `{expected}`，却是 `{label}` 内容（FAQ 8.4）。',
    undecodable: '证书 `{cert}` 中的第 {n} 张证书（共 {count} 张）无法解析：内容不完整或已损坏。请从证书颁发机构签发的文件中重新复制（FAQ 8.4）。',
    order: '证书 `{cert}` 的证书链顺序不正确：服务器证书必须在最前，其后依次是各证书的签发者；该证书链应按 {expected} 的顺序拼接（FAQ 8.2、2.13）。',
    broken: '证书 `{cert}` 的证书链不完整或包含无关证书：`{subject}`（第 {n} 张）由 `{issuer}` 签发，但第 {next} 张是 `{nextSubject}`。请上传完整的证书链，服务器证书在最前（FAQ 2.13、8.2）。',
    keyUndecodable: '证书 `{cert}` 的私钥无法解析：内容不完整或已损坏（FAQ 8.4；私钥检查依据 API，非 FAQ 内容）。',
    keyMismatch: '证书 `{cert}` 的私钥与其服务器证书 `{subject}` 不匹配，ELB 无法用它完成握手。请上传与该证书对应的私钥（依据 API，非 FAQ 内容）。',
    leading: 'BEGIN 行之前有空格或空行',
    trailing: 'END 行之后有空格或空行',
    lines: '有 {count} 行的行首或行尾有空格',
    comma: '、',
    and: '，且',
  },
};

function issuesText(ws: WhitespaceIssues, locale: Locale): string {
  const m = messages[locale];
  const parts: string[] = [];
  if (ws.leading) parts.push(m.leading!);
  if (ws.trailing) parts.push(m.trailing!);
  if (ws.lines > 0) parts.push(format(m.lines!, { count: ws.lines }));
  return parts.length > 1 ? parts.slice(0, -1).join(m.comma!) + m.and! + parts[parts.length - 1] : parts.join('');
}

function reportStructure(ctx: RuleContext, cert: Certificate, field: 'certificate' | 'private_key', p: StructureProblem): void {
  const data: Data = { cert: cert.name, field };
  if (p.kind === 'noBegin') data.expected = p.expected;
  else if (p.kind === 'label') Object.assign(data, { label: p.label, expected: p.expected });
  else if (p.kind === 'outside') data.line = p.line;
  else Object.assign(data, { label: p.label, line: p.line });
  ctx.report({ at: cert.$, field, messageId: p.kind, data });
}

export default defineRule({
  id: 'ELB505',
  name: 'certificate-pem-malformed',
  severity: 'error',
  category: 'certificates',
  faq: ['2.13', '8.2', '8.4'],
  fixable: true,
  notInFaq: {
    en: 'The private-key checks (the key decodes, and it belongs to the server certificate) come from the API, which requires the key of a server certificate; the FAQ does not mention them.',
    'zh-cn': '私钥检查（私钥能够解析，且与服务器证书匹配）依据 API 对服务器证书私钥的要求，FAQ 中没有提及。',
  },
  docs: {
    en: {
      summary: 'The PEM text of a certificate or its key is malformed: whitespace around it, missing BEGIN/END lines, incomplete content, a chain out of order, or a key that does not match.',
      details: [
        'When the configuration holds the PEM text of a certificate (`certificate`) or of its key (`private_key`), the rule checks what makes an upload fail or a handshake break:',
        '',
        '- **whitespace**: spaces or blank lines before the BEGIN line or after the END line, or spaces at the start or end of lines (FAQ 8.4). One final line break is fine.',
        '- **BEGIN/END lines**: each block must open with `-----BEGIN CERTIFICATE-----` and close with `-----END CERTIFICATE-----` (for a key, `-----BEGIN … PRIVATE KEY-----`); text outside the blocks, or a key pasted where the certificate belongs, is reported (FAQ 8.4).',
        '- **incomplete content**: a block that does not decode, typically cut off while copying (FAQ 8.4 "检查证书是否完整").',
        '- **chain order** (server certificates): the server certificate first, then its issuer, then that one\'s issuer, each certificate\'s issuer being the next one\'s subject (FAQ 8.2, 2.13 item 2). When another order would link them all, the message gives it; when no order does, a link is missing or a certificate does not belong.',
        '- **private key** ([not in FAQ]): it must decode and belong to the server certificate. Encrypted keys are not judged.',
        '',
        'Whether the last certificate of the chain leads to a root the clients trust cannot be told from the file, so a chain that simply stops early (for example a server certificate uploaded without its intermediate) is not reported here; FAQ 2.13 item 2 describes the client error it causes.',
        '',
        'For whitespace, the quick fix rewrites the value trimmed: every line without leading or trailing spaces, no blank lines, one final line break.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '证书或私钥的 PEM 内容格式错误：前后有空白、缺少 BEGIN/END 行、内容不完整、证书链顺序错误，或私钥与证书不匹配。',
      details: [
        '当配置中包含证书（`certificate`）或私钥（`private_key`）的 PEM 内容时，本规则检查会导致上传失败或握手失败的问题：',
        '',
        '- **空白**：BEGIN 行之前或 END 行之后有空格或空行，或行首、行尾有空格（FAQ 8.4）。末尾一个换行符没有问题。',
        '- **BEGIN/END 行**：每段内容必须以 `-----BEGIN CERTIFICATE-----` 开头、以 `-----END CERTIFICATE-----` 结尾（私钥为 `-----BEGIN … PRIVATE KEY-----`）；内容之外的文字，或把私钥粘贴到证书位置，都会报告（FAQ 8.4）。',
        '- **内容不完整**：某段内容无法解析，通常是复制时被截断（FAQ 8.4“检查证书是否完整”）。',
        '- **证书链顺序**（服务器证书）：服务器证书在最前，其后是它的签发者，再后是签发者的签发者，每张证书的签发者即下一张证书的使用者（FAQ 8.2、2.13 排查项二）。如果换一种顺序可以连成完整的链，消息会给出正确顺序；如果怎样都连不起来，说明缺少某一级证书或混入了无关证书。',
        '- **私钥**（非 FAQ 内容）：必须能够解析，并且与服务器证书匹配。加密的私钥不做判断。',
        '',
        '证书链的最后一张能否连到客户端信任的根证书，无法从配置文件判断，因此只上传服务器证书、缺少中间证书这类“提前结束”的证书链不在此报告；FAQ 2.13 排查项二说明了它在客户端引起的错误。',
        '',
        '对于多余空白，快速修复会改写取值：每行去掉首尾空格，删除空行，末尾保留一个换行。',
      ].join('\n'),
    },
  },
  messages,
  examples: {
    bad: `version: 1
certificates:
  - name: web-cert
    type: server
    domain: www.example.com
    certificate: |+        # '+' keeps the blank lines after the END line

      -----BEGIN CERTIFICATE-----
      MIIDdzCCAl+gAwIBAgIUJ...
      -----END CERTIFICATE-----

`,
    good: `certificates:
  - name: web-cert
    type: server
    domain: www.example.com
    certificate: |
      -----BEGIN CERTIFICATE-----
      MIIDdzCCAl+gAwIBAgIUJ...
      -----END CERTIFICATE-----
`,
  },
  check(ctx) {
    for (const cert of ctx.model.certificates) {
      const isServer = cert.type !== 'client';
      let leafSubject: string | undefined;
      let leaf: ReturnType<typeof analyseCertificate>['certs'];
      if (cert.certificate !== undefined) {
        const a = analyseCertificate(cert.certificate);
        if (a.whitespace) {
          ctx.report({
            at: cert.$, field: 'certificate', messageId: 'whitespace',
            data: { cert: cert.name, field: 'certificate', issues: issuesText(a.whitespace, ctx.locale) },
            fixes: trimFix(cert.$, 'certificate', cert.certificate),
          });
        }
        if (a.structure) reportStructure(ctx, cert, 'certificate', a.structure);
        else if (a.undecodable) {
          ctx.report({ at: cert.$, field: 'certificate', messageId: 'undecodable', data: { cert: cert.name, n: a.undecodable.index + 1, count: a.undecodable.count } });
        } else if (a.certs) {
          leaf = a.certs;
          leafSubject = certLabel(a.certs[0]!);
          const chain = isServer ? chainProblem(a.certs) : undefined;
          if (chain?.kind === 'order') {
            const expected = chain.expected.map((i) => `${i + 1} \`${certLabel(a.certs![i]!)}\``).join(' → ');
            ctx.report({ at: cert.$, field: 'certificate', messageId: 'order', data: { cert: cert.name, expected } });
          } else if (chain?.kind === 'broken') {
            const c = a.certs[chain.index]!;
            const next = a.certs[chain.index + 1]!;
            ctx.report({
              at: cert.$, field: 'certificate', messageId: 'broken',
              data: { cert: cert.name, subject: certLabel(c), n: chain.index + 1, issuer: c.issuer.replace(/\n/g, ', '), next: chain.index + 2, nextSubject: certLabel(next) },
            });
          }
        }
      }
      if (cert.private_key !== undefined && isServer) {
        const k = analyseKey(cert.private_key);
        if (k.whitespace) {
          ctx.report({
            at: cert.$, field: 'private_key', messageId: 'whitespace',
            data: { cert: cert.name, field: 'private_key', issues: issuesText(k.whitespace, ctx.locale) },
            fixes: trimFix(cert.$, 'private_key', cert.private_key),
          });
        }
        if (k.structure) reportStructure(ctx, cert, 'private_key', k.structure);
        else if (k.undecodable) ctx.report({ at: cert.$, field: 'private_key', messageId: 'keyUndecodable', data: { cert: cert.name } });
        else if (k.key && leaf?.[0] && !leaf[0].checkPrivateKey(k.key)) {
          ctx.report({ at: cert.$, field: 'private_key', messageId: 'keyMismatch', data: { cert: cert.name, subject: leafSubject ?? '' } });
        }
      }
    }
  },
});

/** PEM text without the whitespace FAQ 8.4 rejects: trimmed lines, no blank lines, one final line break. */
export function trimPem(text: string): string {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '').join('\n') + '\n';
}

function trimFix(at: Origin, field: 'certificate' | 'private_key', text: string | undefined): FixSpec[] {
  if (text === undefined) return [];
  const trimmed = trimPem(text);
  return trimmed === text ? [] : [{ messageId: 'fixTrim', data: { field }, changes: [{ op: 'set', at, path: field, value: trimmed }], preferred: true }];
}
