import { defineRule } from '../rule';
import { clamp, persistenceMismatch, persistenceWithSourceIp, timeoutOutOfRange } from './persistence-facts';

export default defineRule({
  id: 'ELB405',
  name: 'persistence-timeout-out-of-range',
  severity: 'error',
  category: 'pools',
  faq: ['7.1', '2.5'],
  fixable: true,
  notInFaq: {
    en: 'Both ranges are API facts (ELB v3 API, `session_persistence.persistence_timeout`), not FAQ statements: SOURCE_IP 1–60 minutes, HTTP_COOKIE 1–1440 minutes, ignored for APP_COOKIE. The FAQ only names a default stickiness time of 20 minutes (FAQ 2.5 item 6), which is not the API default (SOURCE_IP 1, HTTP_COOKIE 1440).',
    'zh-cn': '两个取值范围都来自 API（ELB v3 API 的 `session_persistence.persistence_timeout`），不是 FAQ 的内容：源IP地址 1–60 分钟，负载均衡器cookie 1–1440 分钟，应用程序cookie 不使用该值。FAQ 只提到会话保持时间默认 20 分钟（FAQ 2.5 第 6 项），与 API 的默认值（源IP地址 1、负载均衡器cookie 1440）不同。',
  },
  docs: {
    en: {
      summary: 'The session persistence timeout lies outside the range its persistence type accepts.',
      details: [
        '`persistence_timeout` is counted in minutes and its range depends on the persistence type: `SOURCE_IP` accepts 1–60, `HTTP_COOKIE` accepts 1–1440. The API rejects a value outside the range. With `APP_COOKIE` your application sets the cookie and its lifetime, and the API ignores the timeout, so the rule says nothing there.',
        '',
        'The quick fix moves the value to the nearest end of the range.',
        '',
        'The rule stays silent when the persistence itself is wrong for the pool (ELB401: SOURCE_IP algorithm; ELB402: type does not fit the protocol): their fixes also settle the timeout.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '会话保持时间超出了该会话保持类型允许的范围。',
      details: [
        '`persistence_timeout` 以分钟为单位，范围取决于会话保持类型：`SOURCE_IP`（源IP地址）为 1–60，`HTTP_COOKIE`（负载均衡器cookie）为 1–1440，超出范围时 API 会拒绝。`APP_COOKIE`（应用程序cookie）由应用自己设置 cookie 及其有效期，API 不使用该值，因此本规则不检查。',
        '',
        '快速修复会把取值改为范围内最接近的边界值。',
        '',
        '如果会话保持本身与后端服务器组不匹配（ELB401：源IP算法；ELB402：类型与协议不符），本规则不报告，由那两条规则的修复一并处理会话保持时间。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Session persistence timeout {value} min of backend server group `{pool}` is outside {min}–{max} min, the range of {type} persistence (API fact, not in the FAQ; FAQ 7.1 lists the types).',
      fix: 'Set the timeout to {newValue} min',
    },
    'zh-cn': {
      default: '后端服务器组 `{pool}` 的会话保持时间 {value} 分钟超出 {type} 会话保持的取值范围 {min}–{max} 分钟（API 规定，FAQ 未给出；类型见 FAQ 7.1）。',
      fix: '将会话保持时间改为 {newValue} 分钟',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: game-lb
    listeners:
      - {name: tcp-7000, protocol: TCP, protocol_port: 7000, default_pool: game-pool}
    pools:
      - name: game-pool
        protocol: TCP
        lb_algorithm: ROUND_ROBIN
        session_persistence: {type: SOURCE_IP, persistence_timeout: 120}
        healthmonitor: {type: TCP, delay: 5, timeout: 3, max_retries: 3}
`,
    good: `        session_persistence: {type: SOURCE_IP, persistence_timeout: 60}
`,
  },
  check(ctx) {
    for (const pool of ctx.model.pools) {
      const sp = pool.session_persistence;
      if (!sp || persistenceWithSourceIp(pool) || persistenceMismatch(pool)) continue;
      const range = timeoutOutOfRange(sp);
      if (!range) continue;
      const value = sp.persistence_timeout!;
      const newValue = clamp(value, range.min, range.max);
      ctx.report({
        at: sp.$,
        field: 'persistence_timeout',
        data: { pool: pool.name, value, min: range.min, max: range.max, type: sp.type! },
        fixes: [{ messageId: 'fix', data: { newValue }, changes: [{ op: 'set', at: sp.$, path: 'persistence_timeout', value: newValue }], preferred: true }],
      });
    }
  },
});
