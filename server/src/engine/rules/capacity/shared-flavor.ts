import { defineRule } from '../rule';

const FIELDS = ['l4_flavor', 'l7_flavor'] as const;

export default defineRule({
  id: 'ELB601',
  name: 'shared-flavor',
  severity: 'error',
  category: 'capacity',
  faq: ['5.5'],
  fixable: true,
  docs: {
    en: {
      summary: 'A shared load balancer names an L4 or L7 flavor, but shared load balancers have no flavors.',
      details: [
        'Flavors (`l4_flavor`, `l7_flavor`) size a dedicated load balancer: its own connections, new connections per second and bandwidth. A shared load balancer runs on a cluster shared by many load balancers; it has no flavor, and its performance is not guaranteed per instance (FAQ 5.5). A flavor on a shared load balancer is rejected, or, in a plan, suggests that the author expected dedicated capacity.',
        '',
        'Either remove the flavor (the quick fix), or make the load balancer dedicated (`type: dedicated`) if the capacity matters: FAQ 5.6 recommends moving to a dedicated load balancer when a shared one runs beyond its limits.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '共享型负载均衡器填写了四层或七层规格，但共享型没有实例规格。',
      details: [
        '规格（`l4_flavor`、`l7_flavor`）决定独享型负载均衡器的性能：并发连接数、每秒新建连接数和带宽。共享型负载均衡器运行在多个实例共用的集群上，没有实例规格，单个实例的性能无法保证（FAQ 5.5）。在共享型上填写规格会被拒绝；在规划中出现，则说明作者期望的是独享的性能。',
        '',
        '请删除规格（快速修复），或者在性能重要时改为独享型（`type: dedicated`）：FAQ 5.6 建议业务超出共享型上限时升级为独享型负载均衡器。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Shared load balancer `{lb}` names {layer} flavor `{flavor}`, but shared load balancers have no flavors; remove it, or use a dedicated load balancer for guaranteed capacity (FAQ 5.5).',
      fix: 'Remove `{field}`',
    },
    'zh-cn': {
      default: '共享型负载均衡器 `{lb}` 填写了{layer}规格 `{flavor}`，但共享型没有实例规格；请删除该字段，如需有保障的性能请使用独享型负载均衡器（FAQ 5.5）。',
      fix: '删除 `{field}`',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: web-lb
    type: shared
    l7_flavor: L7_flavor.elb.s1.small   # shared has no flavors
`,
    good: `loadbalancers:
  - name: web-lb
    type: dedicated
    l7_flavor: L7_flavor.elb.s1.small
`,
  },
  check(ctx) {
    for (const lb of ctx.model.loadbalancers) {
      if (lb.type !== 'shared') continue;
      for (const field of FIELDS) {
        const flavor = lb[field];
        if (flavor === undefined) continue;
        const layer = field === 'l4_flavor' ? (ctx.locale === 'zh-cn' ? '四层' : 'L4') : ctx.locale === 'zh-cn' ? '七层' : 'L7';
        ctx.report({
          at: lb.$,
          field,
          data: { lb: lb.name, layer, flavor },
          fixes: [{ messageId: 'fix', data: { field }, changes: [{ op: 'remove', at: lb.$, path: field }], preferred: true }],
        });
      }
    }
  },
});
