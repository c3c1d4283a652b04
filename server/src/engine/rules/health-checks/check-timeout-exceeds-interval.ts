import { defineRule, type FixSpec } from '../rule';

/** Below this a UDP_CONNECT timeout flaps (ELB205 uses the console default of 3 s). */
const UDP_MIN_TIMEOUT = 3;

export default defineRule({
  id: 'ELB206',
  name: 'check-timeout-exceeds-interval',
  severity: 'warning',
  category: 'health-checks',
  faq: [],
  fixable: true,
  notInFaq: {
    en: 'The FAQ says nothing about how `timeout` and `delay` relate. The rule follows the API guidance that the check timeout should not exceed the check interval (ELB v3 API; the Terraform `lb_monitor` documentation even requires it to be smaller on shared load balancers).',
    'zh-cn': 'FAQ 没有说明 `timeout` 与 `delay` 的关系。本规则依据 API 的建议：健康检查超时时间不应大于检查间隔（ELB v3 API；Terraform `lb_monitor` 文档对共享型负载均衡器甚至要求超时时间小于检查间隔）。',
  },
  docs: {
    en: {
      summary: 'A health check waits longer for an answer than the interval between two checks.',
      details: [
        '`delay` is the time between two checks of a member and `timeout` how long one check waits for its answer, both in seconds. When the timeout is longer than the interval, the next check starts while the previous one is still waiting, and a slow member is judged on overlapping probes.',
        '',
        'The quick fix sets `timeout` to the value of `delay`. On a shared load balancer you may prefer a timeout strictly below the interval. For a `UDP_CONNECT` check whose interval is under 3 s no fix is offered: that timeout would be too small for UDP (ELB205); raise the interval instead.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '健康检查的超时时间大于检查间隔。',
      details: [
        '`delay`（检查间隔）是对同一台后端服务器两次检查之间的时间，`timeout`（超时时间）是一次检查等待响应的时间，单位都是秒。超时时间大于检查间隔时，上一次检查还在等待，下一次检查就开始了，响应慢的后端服务器会被重叠的探测判定。',
        '',
        '快速修复会把 `timeout` 设为与 `delay` 相同的值。共享型负载均衡器建议让超时时间小于检查间隔。对于检查间隔小于 3 秒的 `UDP_CONNECT` 健康检查不提供修复：这样的超时时间对 UDP 来说过小（ELB205），请改为加大检查间隔。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Health check of backend server group `{pool}` waits {timeout} s for an answer but checks every {delay} s: keep the timeout at or below the interval (API guidance, not in the FAQ).',
      fix: 'Set the timeout to {delay} s',
    },
    'zh-cn': {
      default: '后端服务器组 `{pool}` 的健康检查超时时间 {timeout} 秒大于检查间隔 {delay} 秒：超时时间应不大于检查间隔（API 建议，FAQ 未涉及）。',
      fix: '将超时时间改为 {delay} 秒',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: web-lb
    listeners:
      - {name: tcp-80, protocol: TCP, protocol_port: 80, default_pool: app-pool}
    pools:
      - name: app-pool
        protocol: TCP
        lb_algorithm: ROUND_ROBIN
        healthmonitor: {type: TCP, delay: 5, timeout: 10, max_retries: 3}
`,
    good: `        healthmonitor: {type: TCP, delay: 5, timeout: 5, max_retries: 3}
`,
  },
  check(ctx) {
    for (const pool of ctx.model.pools) {
      const hm = pool.healthmonitor;
      if (!hm || hm.timeout === undefined || hm.delay === undefined || hm.timeout <= hm.delay) continue;
      const fixes: FixSpec[] = [];
      if (hm.delay >= 1 && !(hm.type === 'UDP_CONNECT' && hm.delay < UDP_MIN_TIMEOUT)) {
        fixes.push({ messageId: 'fix', data: { delay: hm.delay }, changes: [{ op: 'set', at: hm.$, path: 'timeout', value: hm.delay }], preferred: true });
      }
      ctx.report({
        at: hm.$,
        field: 'timeout',
        data: { pool: pool.name, timeout: hm.timeout, delay: hm.delay },
        fixes,
      });
    }
  },
});
