import { lbTypeName } from '../../i18n/kinds';
import type { Listener } from '../../model/types';
import { defineRule } from '../rule';

/** Policy actions that answer without a pool (redirects, fixed responses). */
const POOL_LESS_ACTIONS = new Set(['REDIRECT_TO_LISTENER', 'REDIRECT_TO_URL', 'FIXED_RESPONSE']);

/** Whether a listener sends traffic anywhere: a default pool, or a policy that forwards or answers. */
function forwards(l: Listener): boolean {
  if (l.default_pool !== undefined) return true;
  return l.l7policies.some((p) => p.redirect_pool !== undefined || (p.action !== undefined && POOL_LESS_ACTIONS.has(p.action)));
}

export default defineRule({
  id: 'ELB609',
  name: 'loadbalancer-without-listeners',
  severity: 'info',
  category: 'capacity',
  faq: ['4.1'],
  fixable: false,
  docs: {
    en: {
      summary: 'A load balancer has no listener, or a listener has no pool: it forwards nothing.',
      details: [
        'A load balancer only distributes traffic to backend servers; it does not work on its own (FAQ 4.1). The rule points out two shapes that forward nothing:',
        '',
        '- a load balancer whose `listeners` list is empty (when the list is absent, the file does not say, and the rule is silent);',
        '- a listener with no `default_pool` and no forwarding policy that forwards (`redirect_pool`) or answers by itself (`REDIRECT_TO_LISTENER`, `REDIRECT_TO_URL`, `FIXED_RESPONSE`). An HTTP listener that only redirects to HTTPS is fine.',
        '',
        'This is information: during a staged rollout an empty load balancer is normal. A load balancer kept without listeners still costs money (a dedicated instance is billed by flavor, an EIP by bandwidth).',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '负载均衡器没有监听器，或监听器没有后端服务器组：不转发任何流量。',
      details: [
        '负载均衡只负责把流量分发到后端服务器，不能单独使用（FAQ 4.1）。本规则提示两种不转发流量的情况：',
        '',
        '- 负载均衡器的 `listeners` 列表为空（未填写该列表时，文件没有说明，本规则不报告）；',
        '- 监听器没有 `default_pool`，也没有转发（`redirect_pool`）或自行应答（`REDIRECT_TO_LISTENER`、`REDIRECT_TO_URL`、`FIXED_RESPONSE`）的转发策略。只做 HTTP 到 HTTPS 重定向的监听器没有问题。',
        '',
        '这只是提示：分步上线时，空的负载均衡器很常见。没有监听器的负载均衡器仍然计费（独享型按规格计费，弹性公网IP按带宽计费）。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      noListeners: '{lbType} load balancer `{lb}` has no listeners: it forwards nothing, since ELB only works in front of backend servers (FAQ 4.1).',
      noPool: '{protocol} listener `{listener}` of load balancer `{lb}` has no default pool and no forwarding policy that forwards or answers: it forwards nothing (FAQ 4.1).',
    },
    'zh-cn': {
      noListeners: '{lbType}负载均衡器 `{lb}` 没有监听器，不会转发任何流量：负载均衡需要配合后端服务器使用（FAQ 4.1）。',
      noPool: '负载均衡器 `{lb}` 的 {protocol} 监听器 `{listener}` 没有默认后端服务器组，也没有转发或应答的转发策略，不会转发任何流量（FAQ 4.1）。',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: spare-lb
    type: dedicated
    listeners: []
  - name: web-lb
    type: dedicated
    listeners:
      - {name: tcp-80, protocol: TCP, protocol_port: 80}   # no default_pool
`,
    good: `loadbalancers:
  - name: web-lb
    type: dedicated
    listeners:
      - {name: tcp-80, protocol: TCP, protocol_port: 80, default_pool: web-pool}
`,
  },
  check(ctx) {
    for (const lb of ctx.model.loadbalancers) {
      if (lb.listenersGiven && lb.listeners.length === 0) {
        ctx.report({ at: lb.$, messageId: 'noListeners', data: { lb: lb.name, lbType: lbTypeName(lb.type, ctx.locale).replace(/^./, (c) => c.toUpperCase()) } });
      }
      for (const l of lb.listeners) {
        if (forwards(l)) continue;
        ctx.report({ at: l.$, messageId: 'noPool', data: { lb: lb.name, listener: l.name, protocol: l.protocol ?? '' } });
      }
    }
  },
});
