import type { Pool } from '../../model/types';
import { defineRule } from '../rule';
import { nameList, weightOf, weightsCount } from './member-facts';

/** Whether ELB407 applies: a pool that serves a listener, weights count, and every member has weight 0. */
export function allWeightsZero(pool: Pool, servesTraffic: boolean): boolean {
  return servesTraffic && pool.members.length > 0 && weightsCount(pool) && pool.members.every((m) => weightOf(m) === 0);
}

export default defineRule({
  id: 'ELB407',
  name: 'all-members-weight-zero',
  severity: 'error',
  category: 'pools',
  faq: ['2.2'],
  fixable: false,
  notInFaq: {
    en: 'That weights do not count under the `SOURCE_IP` and `QUIC_CID` algorithms is an API fact (ELB v3 API, member `weight`), not from the FAQ; the rule stays silent for those pools.',
    'zh-cn': '分配策略为 `SOURCE_IP`（源IP算法）或 `QUIC_CID`（连接ID算法）时权重不生效，这一点来自 API 说明（ELB v3 API 的后端服务器 `weight` 字段），不是 FAQ 的内容；本规则对这类后端服务器组不报告。',
  },
  docs: {
    en: {
      summary: 'Every member of a backend server group that serves a listener has weight 0, so no traffic is forwarded.',
      details: [
        'A member with weight 0 gets no new connections or requests (FAQ 2.2 step 4). When every member of a pool has weight 0, the pool takes nothing at all: the listener that uses it forwards no traffic, although every member may be healthy.',
        '',
        'The rule looks at pools that a listener uses (as its default pool or through a forwarding policy) and have at least one member. A member without `weight` has the default weight 1. Pools with the `SOURCE_IP` or `QUIC_CID` algorithm are skipped: the API ignores weights there.',
        '',
        'Give at least one member a weight above 0 (1–100). Setting every weight to 0 on purpose, to drain a pool, is better done by taking the pool off the listener.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '被监听器使用的后端服务器组中，所有后端服务器的权重都为 0，因此不会转发任何流量。',
      details: [
        '权重为 0 的后端服务器不会接收新的连接或请求（FAQ 2.2 步骤四）。如果后端服务器组中所有后端服务器的权重都是 0，整个组都不接收流量：即使所有后端服务器健康检查都正常，使用它的监听器也不会转发任何流量。',
        '',
        '本规则检查被监听器使用（作为默认后端服务器组或转发策略的目标）且至少有一台后端服务器的后端服务器组。未填写 `weight` 的后端服务器按默认权重 1 计算。分配策略为 `SOURCE_IP` 或 `QUIC_CID` 的后端服务器组不检查：API 在这两种策略下忽略权重。',
        '',
        '请至少给一台后端服务器设置大于 0 的权重（1–100）。如果是有意把所有权重设为 0 来摘除流量，建议直接把该后端服务器组从监听器上解除关联。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Every member of backend server group `{pool}` ({count}) has weight 0: no traffic from listener {listeners} reaches it (FAQ 2.2).',
      relatedMember: 'weight 0',
    },
    'zh-cn': {
      default: '后端服务器组 `{pool}` 的全部 {count} 台后端服务器权重都为 0，监听器 {listeners} 不会向其转发任何流量（FAQ 2.2）。',
      relatedMember: '权重为 0',
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
        healthmonitor: {type: HTTP, delay: 5, timeout: 3, max_retries: 3, url_path: /}
        members:
          - {server: web-1, protocol_port: 8080, weight: 0}
          - {server: web-2, protocol_port: 8080, weight: 0}
`,
    good: `        members:
          - {server: web-1, protocol_port: 8080, weight: 0}   # being drained
          - {server: web-2, protocol_port: 8080, weight: 10}
`,
  },
  check(ctx) {
    for (const pool of ctx.model.pools) {
      const listeners = ctx.index.listenersOf(pool);
      if (!allWeightsZero(pool, listeners.length > 0)) continue;
      ctx.report({
        at: pool.$,
        span: pool.$.keySpan('members'),
        data: { pool: pool.name, count: pool.members.length, listeners: nameList(listeners.map((l) => l.name), ctx.locale) },
        related: pool.members.map((m) => ({ at: m.$, field: 'weight', messageId: 'relatedMember' })),
      });
    }
  },
});
