import type { LoadBalancer } from '../../model/types';
import { defineRule } from '../rule';

/** Pool names a load balancer's listeners and forwarding policies refer to, resolved or not. */
function referencedPoolNames(lb: LoadBalancer): Set<string> {
  const out = new Set<string>();
  for (const l of lb.listeners) {
    if (l.default_pool) out.add(l.default_pool.name);
    for (const pol of l.l7policies) if (pol.redirect_pool) out.add(pol.redirect_pool.name);
  }
  return out;
}

export default defineRule({
  id: 'ELB203',
  name: 'pool-not-attached',
  severity: 'warning',
  category: 'health-checks',
  faq: ['3.1', '3.2'],
  fixable: false,
  docs: {
    en: {
      summary: 'A backend server group is used by no listener: neither as a default pool nor by a forwarding policy.',
      details: [
        'ELB health-checks the members of a backend server group only while a listener uses the group. A group that no listener forwards to is never probed, so the console cannot tell whether its members are healthy; it also receives no traffic at all. The FAQ lists this as the first thing to check when members show abnormal health (FAQ 3.1 and 3.2, "check whether the backend server group is associated with a listener").',
        '',
        'The rule reports a pool of a load balancer when no listener of that load balancer names it as `default_pool` and no forwarding policy (`l7policies`) names it as `redirect_pool`. It applies to shared and dedicated load balancers and to every protocol.',
        '',
        'Attach the group to a listener (as its default backend server group or through a forwarding policy), or delete it if it is left over. No quick fix is offered: which listener should use the group is your decision.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '后端服务器组没有被任何监听器使用：既不是监听器的默认后端服务器组，也不是转发策略的目标。',
      details: [
        'ELB 只对被监听器使用的后端服务器组做健康检查。没有关联监听器的后端服务器组不会被探测，控制台无法判断其中后端服务器是否正常；它也收不到任何流量。后端服务器健康检查异常时，FAQ 首先建议检查后端服务器组是否关联了监听器（FAQ 3.1、3.2）。',
        '',
        '如果负载均衡器的监听器都没有把某个后端服务器组设为 `default_pool`，转发策略（`l7policies`）也没有把它设为 `redirect_pool`，本规则就会报告该后端服务器组。适用于共享型和独享型负载均衡器以及所有协议。',
        '',
        '请把该后端服务器组关联到监听器（作为默认后端服务器组或通过转发策略），如果是遗留的配置则将其删除。本规则不提供快速修复：由哪个监听器使用该后端服务器组需要您来决定。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Backend server group `{pool}` of load balancer `{lb}` is used by no listener or forwarding policy: its members are never health-checked and receive no traffic (FAQ 3.1, 3.2).',
    },
    'zh-cn': {
      default: '负载均衡器 `{lb}` 的后端服务器组 `{pool}` 没有关联任何监听器或转发策略：其后端服务器不会被健康检查，也收不到流量（FAQ 3.1、3.2）。',
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
      - name: web-pool-v2        # no listener forwards here
        protocol: HTTP
        lb_algorithm: ROUND_ROBIN
        healthmonitor: {type: HTTP, delay: 5, timeout: 3, max_retries: 3, url_path: /}
`,
    good: `    listeners:
      - name: http-80
        protocol: HTTP
        protocol_port: 80
        default_pool: web-pool
        l7policies:
          - name: v2
            action: REDIRECT_TO_POOL
            redirect_pool: web-pool-v2
            rules: [{type: PATH, compare_type: STARTS_WITH, value: /v2}]
`,
  },
  check(ctx) {
    for (const lb of ctx.model.loadbalancers) {
      if (lb.pools.length === 0) continue;
      const named = referencedPoolNames(lb);
      for (const pool of lb.pools) {
        if (ctx.index.listenersOf(pool).length > 0) continue;
        // A duplicate pool name is ELB004's; a listener naming it counts as using it.
        if (pool.name && named.has(pool.name)) continue;
        ctx.report({ at: pool.$, data: { pool: pool.name, lb: lb.name } });
      }
    }
  },
});
