import { defineRule } from '../rule';
import { RETENTION_DAYS } from './access-log-facts';

export default defineRule({
  id: 'ELB312',
  name: 'access-log-retention-out-of-range',
  severity: 'error',
  category: 'listeners',
  faq: ['8.7'],
  fixable: true,
  docs: {
    en: {
      summary: 'The access-log retention is outside 1–365 days.',
      details: [
        'Access logs are kept for 7 days unless you choose otherwise, and the retention can be set anywhere from 1 to 365 days (FAQ 8.7). A `retention_days` outside that range cannot be applied.',
        '',
        'The rule checks `access_log.retention_days` of every load balancer, whether or not logging is switched on, since the value is invalid either way. The quick fix moves the value to the nearest end of the range (1 or 365). Leave the field out to get the default of 7 days.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '访问日志保存天数超出 1–365 天的范围。',
      details: [
        '访问日志默认保存 7 天，保存天数可以在 1–365 天之间设置（FAQ 8.7）。超出该范围的 `retention_days` 无法生效。',
        '',
        '本规则检查每个负载均衡器的 `access_log.retention_days`，无论访问日志是否开启，因为该值本身就是无效的。快速修复会把取值改为范围内最接近的边界值（1 或 365）。不写该字段时使用默认的 7 天。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Access-log retention of load balancer `{lb}` is {value} days, outside the 1–365 days that can be set (default 7) (FAQ 8.7).',
      fixClamp: 'Set `retention_days` to {newValue}',
    },
    'zh-cn': {
      default: '负载均衡器 `{lb}` 的访问日志保存天数为 {value} 天，超出可设置的 1–365 天范围（默认 7 天）（FAQ 8.7）。',
      fixClamp: '将 `retention_days` 改为 {newValue}',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: web-lb
    access_log: {log_group: elb-logs, log_topic: web, retention_days: 730}   # two years is too long
`,
    good: `loadbalancers:
  - name: web-lb
    access_log: {log_group: elb-logs, log_topic: web, retention_days: 365}
`,
  },
  check(ctx) {
    for (const lb of ctx.model.loadbalancers) {
      const al = lb.access_log;
      const value = al?.retention_days;
      if (!al || value === undefined) continue;
      if (value >= RETENTION_DAYS.min && value <= RETENTION_DAYS.max) continue;
      const newValue = Math.min(RETENTION_DAYS.max, Math.max(RETENTION_DAYS.min, Math.round(value)));
      ctx.report({
        at: al.$,
        field: 'retention_days',
        data: { lb: lb.name, value },
        fixes: [{ messageId: 'fixClamp', data: { newValue }, changes: [{ op: 'set', at: al.$, path: 'retention_days', value: newValue }], preferred: true }],
      });
    }
  },
});
