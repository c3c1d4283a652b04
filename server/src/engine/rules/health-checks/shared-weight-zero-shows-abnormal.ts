import { defineRule } from '../rule';

export default defineRule({
  id: 'ELB209',
  name: 'shared-weight-zero-shows-abnormal',
  severity: 'info',
  category: 'health-checks',
  faq: ['3.1', '3.2'],
  fixable: false,
  docs: {
    en: {
      summary: 'A member of a shared load balancer has weight 0: its health status will show abnormal, which is expected.',
      details: [
        'A member with `weight: 0` gets no new requests. On a shared load balancer its health status then shows "abnormal" whatever the server\'s real state; a dedicated load balancer keeps probing such a member and shows the real result (FAQ 3.1 and 3.2 background). The abnormal status of a weight-0 member on a shared load balancer is therefore no sign of a fault and needs no troubleshooting.',
        '',
        'The rule reports members with `weight: 0` in a pool of a shared load balancer whose health check is on. Without a health check there is no health status to misread (ELB202 reports the missing check), and dedicated load balancers are not concerned.',
        '',
        'Nothing needs fixing: the finding is a note for whoever looks at the console. Give the member a weight above 0 when it should take traffic again.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '共享型负载均衡器的后端服务器权重为 0：其健康检查状态会显示为“异常”，属于正常现象。',
      details: [
        '权重（`weight`）为 0 的后端服务器不会再收到新的请求。在共享型负载均衡器上，这样的后端服务器无论实际状态如何，健康检查状态都显示为“异常”；独享型负载均衡器则会继续探测，显示实际的检查结果（FAQ 3.1、3.2 背景介绍）。因此，共享型负载均衡器上权重为 0 的后端服务器显示异常并不代表故障，无需排查。',
        '',
        '共享型负载均衡器的后端服务器组开启了健康检查，且其中后端服务器的 `weight` 为 0 时，本规则报告。没有健康检查时不存在会被误读的健康状态（缺少健康检查由 ELB202 报告）；独享型负载均衡器不受影响。',
        '',
        '无需修改：这条提示是给查看控制台的人看的。需要该后端服务器重新承接流量时，将权重改为大于 0 即可。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Backend server `{member}` of backend server group `{pool}` has weight 0 on shared load balancer `{lb}`: it gets no new requests and its health status shows abnormal whatever its real state; this is expected, a dedicated load balancer would show the real result (FAQ 3.1, 3.2).',
    },
    'zh-cn': {
      default: '共享型负载均衡器 `{lb}` 的后端服务器组 `{pool}` 中，后端服务器 `{member}` 的权重为 0：它不会收到新的请求，健康检查状态会显示为“异常”，与实际状态无关；这是正常现象，独享型负载均衡器则会显示实际结果（FAQ 3.1、3.2）。',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: shop-lb
    type: shared
    listeners:
      - {name: http-80, protocol: HTTP, protocol_port: 80, default_pool: shop-pool}
    pools:
      - name: shop-pool
        protocol: HTTP
        lb_algorithm: ROUND_ROBIN
        healthmonitor: {type: HTTP, delay: 5, timeout: 3, max_retries: 3, url_path: /}
        members:
          - {address: 192.168.1.10, protocol_port: 8080, weight: 1}
          - {address: 192.168.1.11, protocol_port: 8080, weight: 0}   # drained for maintenance
`,
    good: `        members:
          - {address: 192.168.1.10, protocol_port: 8080, weight: 1}
          - {address: 192.168.1.11, protocol_port: 8080, weight: 1}
`,
  },
  check(ctx) {
    for (const pool of ctx.model.pools) {
      if (pool.lb.type !== 'shared') continue;
      const hm = pool.healthmonitor;
      if (!hm || hm.admin_state_up === false) continue;
      for (const member of pool.members) {
        if (member.weight !== 0) continue;
        ctx.report({ at: member.$, field: 'weight', data: { member: member.name, pool: pool.name, lb: pool.lb.name } });
      }
    }
  },
});
