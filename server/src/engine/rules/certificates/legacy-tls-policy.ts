import { lbTypeName } from '../../i18n/kinds';
import { defineRule, type FixSpec } from '../rule';

/** Policies that accept TLS 1.0 or 1.1 (API policy names, formats.md §1.2), with the oldest version each allows. */
export const LEGACY_POLICIES: Record<string, string> = {
  'tls-1-0-inherit': 'TLS 1.0',
  'tls-1-0': 'TLS 1.0',
  'tls-1-1': 'TLS 1.1',
  'tls-1-0-with-1-3': 'TLS 1.0',
  'hybrid-policy-1-0': 'TLS 1.0',
};

/** TLS 1.2+ policies offered as fixes; shared load balancers accept only the first five policy names of the API, of which these two are TLS 1.2+. */
const DEDICATED_REPLACEMENTS = ['tls-1-2', 'tls-1-2-fs', 'tls-1-2-fs-with-1-3', 'tls-1-2-strict'];
const SHARED_REPLACEMENTS = ['tls-1-2', 'tls-1-2-strict'];

export default defineRule({
  id: 'ELB506',
  name: 'legacy-tls-policy',
  severity: 'warning',
  category: 'certificates',
  faq: ['2.13'],
  fixable: true,
  notInFaq: {
    en: 'The whole rule is general hardening advice, not from the FAQ: TLS 1.0 and 1.1 are deprecated protocol versions. The FAQ (2.13 item 4) only says that a handshake fails when the client and the listener\'s policy share no TLS version or cipher suite. Which policy names allow 1.0/1.1 comes from the API (formats.md §1.2).',
    'zh-cn': '整条规则是通用的安全加固建议，并非来自 FAQ：TLS 1.0 和 1.1 是已弃用的协议版本。FAQ（2.13 排查项四）只说明客户端与监听器的安全策略没有共同的 TLS 版本或加密套件时握手会失败。哪些策略允许 1.0/1.1 依据 API 中的策略名称（formats.md §1.2）。',
  },
  docs: {
    en: {
      summary: 'An HTTPS or TLS listener uses a TLS security policy that still accepts TLS 1.0 or 1.1.',
      details: [
        'The policies `tls-1-0-inherit`, `tls-1-0`, `tls-1-0-with-1-3` and `hybrid-policy-1-0` accept TLS 1.0 and up; `tls-1-1` accepts TLS 1.1 and up. Both versions are deprecated and lack the modern cipher suites; a policy from TLS 1.2 up (`tls-1-2`, `tls-1-2-strict`, `tls-1-2-fs`, `tls-1-2-fs-with-1-3`, `tls-1-2-strict-no-cbc`) is the usual hardening step.',
        '',
        'This is advice, not a fault: clients that have turned 1.0/1.1 off still connect with TLS 1.2 or 1.3 under these policies. The risk runs the other way: a client that speaks only TLS 1.0/1.1 can no longer connect once the policy starts at 1.2, because client and policy then share no version (FAQ 2.13 item 4). Check the oldest clients before switching.',
        '',
        'Only HTTPS and TLS listeners have a policy (QUIC listeners do not). A listener that does not name its policy is not judged: the API default is documented differently by the SDK (`tls-1-2`) and by Terraform (`tls-1-0`). Shared load balancers accept `tls-1-2` and `tls-1-2-strict` among the TLS 1.2+ policies; the quick fixes offer only what the load balancer type accepts, keeping TLS 1.3 when the current policy has it.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: 'HTTPS 或 TLS 监听器使用的 TLS 安全策略仍然接受 TLS 1.0 或 1.1。',
      details: [
        '安全策略 `tls-1-0-inherit`、`tls-1-0`、`tls-1-0-with-1-3` 和 `hybrid-policy-1-0` 接受 TLS 1.0 及以上版本；`tls-1-1` 接受 TLS 1.1 及以上版本。这两个版本都已弃用，也不支持新的加密套件；改用 TLS 1.2 起步的策略（`tls-1-2`、`tls-1-2-strict`、`tls-1-2-fs`、`tls-1-2-fs-with-1-3`、`tls-1-2-strict-no-cbc`）是常见的加固措施。',
        '',
        '这只是建议，并非故障：关闭了 1.0/1.1 的客户端在这些策略下仍可用 TLS 1.2 或 1.3 连接。风险在另一侧：策略改为从 1.2 起步后，只支持 TLS 1.0/1.1 的客户端将无法连接，因为双方没有共同的协议版本（FAQ 2.13 排查项四）。切换前请确认最老的客户端。',
        '',
        '只有 HTTPS 和 TLS 监听器有安全策略（QUIC 监听器没有）。未填写安全策略的监听器不做判断：API 默认值在 SDK（`tls-1-2`）和 Terraform（`tls-1-0`）中的说明不一致。共享型负载均衡的 TLS 1.2 及以上策略只有 `tls-1-2` 和 `tls-1-2-strict`；快速修复只提供该类型支持的策略，当前策略支持 TLS 1.3 时优先保留 TLS 1.3。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: '{protocol} listener `{listener}` of {lbType} load balancer `{lb}` uses TLS policy `{policy}`, which still accepts {oldest}: hardening advice, not from the FAQ. A TLS 1.2+ policy is stronger, but clients that speak only TLS 1.0/1.1 then fail the handshake (FAQ 2.13), so check them first.',
      fix: 'Set `tls_ciphers_policy` to `{policy}`',
    },
    'zh-cn': {
      default: '{lbType}负载均衡器 `{lb}` 的 {protocol} 监听器 `{listener}` 使用 TLS 安全策略 `{policy}`，仍接受 {oldest}：这是安全加固建议，非 FAQ 内容。改用 TLS 1.2 及以上的策略更安全，但只支持 TLS 1.0/1.1 的客户端随后会握手失败（FAQ 2.13），请先确认客户端情况。',
      fix: '将 `tls_ciphers_policy` 改为 `{policy}`',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: web-lb
    listeners:
      - name: https-443
        protocol: HTTPS
        protocol_port: 443
        default_pool: web-pool
        default_tls_container: web-cert
        tls_ciphers_policy: tls-1-0
`,
    good: `    listeners:
      - name: https-443
        protocol: HTTPS
        protocol_port: 443
        default_pool: web-pool
        default_tls_container: web-cert
        tls_ciphers_policy: tls-1-2
`,
  },
  check(ctx) {
    for (const l of ctx.model.listeners) {
      if (l.protocol !== 'HTTPS' && l.protocol !== 'TLS') continue;
      const policy = l.tls_ciphers_policy;
      if (!policy) continue;
      const oldest = LEGACY_POLICIES[policy];
      if (!oldest) continue;
      const shared = l.lb.type === 'shared';
      let choices = shared ? SHARED_REPLACEMENTS : DEDICATED_REPLACEMENTS;
      // Keep TLS 1.3 first when the current policy has it.
      if (!shared && policy.endsWith('-with-1-3')) choices = ['tls-1-2-fs-with-1-3', ...choices.filter((c) => c !== 'tls-1-2-fs-with-1-3')];
      const fixes: FixSpec[] = choices.map((p, i) => ({
        messageId: 'fix', data: { policy: p }, changes: [{ op: 'set', at: l.$, path: 'tls_ciphers_policy', value: p }], preferred: i === 0,
      }));
      ctx.report({
        at: l.$,
        field: 'tls_ciphers_policy',
        data: { protocol: l.protocol, listener: l.name, lb: l.lb.name, lbType: lbTypeName(l.lb.type, ctx.locale), policy, oldest },
        fixes,
      });
    }
  },
});
