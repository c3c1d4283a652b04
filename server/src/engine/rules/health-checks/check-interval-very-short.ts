import { defineRule } from '../rule';

/** Intervals up to this many seconds count as very short (the linter's choice, not in the FAQ). */
export const VERY_SHORT_DELAY = 2;

export default defineRule({
  id: 'ELB207',
  name: 'check-interval-very-short',
  severity: 'info',
  category: 'health-checks',
  faq: ['3.3', '3.5', '3.7'],
  fixable: false,
  options: {
    maxDelay: {
      default: VERY_SHORT_DELAY,
      min: 1,
      max: 50,
      description: { en: 'Intervals (delay) of this many seconds or less are reported.', 'zh-cn': '检查间隔（delay）不大于该秒数时报告。' },
    },
  },
  notInFaq: {
    en: `The FAQ explains why members see many probes but names no interval that is too short. Reporting intervals of ${VERY_SHORT_DELAY} s and less is the linter's choice (the console default is 5 s).`,
    'zh-cn': `FAQ 解释了后端服务器为什么会收到大量探测，但没有给出过短的检查间隔数值。检查间隔不大于 ${VERY_SHORT_DELAY} 秒即报告，是本工具的选择（控制台默认值为 5 秒）。`,
  },
  docs: {
    en: {
      summary: `A health check runs every ${VERY_SHORT_DELAY} s or more often.`,
      details: [
        'ELB runs as a cluster, and every one of its nodes probes every member on its own schedule. A member therefore receives several probes per interval, one from each node, not one (FAQ 3.3, 3.5). With a very short interval this adds up to a steady stream of requests and fills the access logs of the servers; the FAQ\'s first remedy for such logs is a longer interval (FAQ 3.7).',
        '',
        `The rule reports an enabled health check, of any type and on shared or dedicated load balancers, whose \`delay\` is ${VERY_SHORT_DELAY} s or less. A check switched off (\`admin_state_up: false\`) sends no probes and is not reported.`,
        '',
        'A longer interval has a price: a failed member is noticed later (FAQ 3.7). Keep a short interval where fast failover matters more than the load of the probes; otherwise the console default of 5 s is a good start. No quick fix is offered, since the choice is a trade-off.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: `健康检查的检查间隔不大于 ${VERY_SHORT_DELAY} 秒。`,
      details: [
        'ELB 以集群方式部署，每个转发节点都会独立地按检查间隔探测每台后端服务器。因此后端服务器在一个检查间隔内会收到多个探测报文（每个节点一个），而不是一个（FAQ 3.3、3.5）。检查间隔很短时，探测请求源源不断，会在服务器上产生大量日志；FAQ 处理这类日志的第一个办法就是加大检查间隔（FAQ 3.7）。',
        '',
        `开启的健康检查（任何协议，共享型或独享型）的 \`delay\` 不大于 ${VERY_SHORT_DELAY} 秒时，本规则报告。已关闭的健康检查（\`admin_state_up: false\`）不发送探测，不报告。`,
        '',
        '加大检查间隔也有代价：发现后端服务器故障的时间会变长（FAQ 3.7）。如果快速切换比探测带来的负载更重要，可以保留较短的间隔；否则建议从控制台默认值 5 秒开始。本规则不提供快速修复，因为这是一个取舍。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Health check of backend server group `{pool}` runs every {delay} s, and every ELB node probes each member on its own: each member receives several probes every {delay} s and its logs grow fast; consider a longer interval (FAQ 3.3, 3.5, 3.7; the {max} s threshold is the linter\'s, not in the FAQ).',
    },
    'zh-cn': {
      default: '后端服务器组 `{pool}` 的健康检查每 {delay} 秒执行一次，且每个 ELB 节点都会独立探测每台后端服务器：后端服务器每 {delay} 秒会收到多个探测，日志增长很快；建议加大检查间隔（FAQ 3.3、3.5、3.7；{max} 秒阈值为本工具的选择，FAQ 未给出）。',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: web-lb
    listeners:
      - {name: http-80, protocol: HTTP, protocol_port: 80, default_pool: web-pool}
    pools:
      - name: web-pool
        protocol: HTTP
        lb_algorithm: ROUND_ROBIN
        healthmonitor: {type: HTTP, delay: 1, timeout: 1, max_retries: 3, url_path: /health}
`,
    good: `        healthmonitor: {type: HTTP, delay: 5, timeout: 3, max_retries: 3, url_path: /health}
`,
  },
  check(ctx) {
    const max = ctx.option('maxDelay');
    for (const pool of ctx.model.pools) {
      const hm = pool.healthmonitor;
      if (!hm || hm.admin_state_up === false) continue;
      // Below 1 s is out of range: the schema reports it.
      if (hm.delay === undefined || hm.delay < 1 || hm.delay > max) continue;
      ctx.report({ at: hm.$, field: 'delay', data: { pool: pool.name, delay: hm.delay, max: max } });
    }
  },
});
