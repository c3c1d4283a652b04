import type { L7Policy, Listener } from '../../model/types';
import { defineRule } from '../rule';

/**
 * The conditions of a policy as a canonical key: the set of its rules' (type, compare_type,
 * value). `undefined` when a rule leaves one of them out (unknown) or the policy has no rules.
 * Host names are compared without case: DNS names are case-insensitive, so `WWW.example.com`
 * and `www.example.com` match the same requests.
 */
function conditionKey(pol: L7Policy): string | undefined {
  if (pol.rules.length === 0) return undefined;
  const parts = new Set<string>();
  for (const r of pol.rules) {
    if (r.type === undefined || r.compare_type === undefined || r.value === undefined) return undefined;
    const value = r.type === 'HOST_NAME' ? r.value.toLowerCase() : r.value;
    parts.add(JSON.stringify([r.type, r.compare_type, value]));
  }
  return [...parts].sort().join('\n');
}

function describe(pol: L7Policy): string {
  return pol.rules.map((r) => `${r.type} ${r.compare_type} ${r.value}`).join(', ');
}

export default defineRule({
  id: 'ELB305',
  name: 'duplicate-forwarding-policy',
  severity: 'error',
  category: 'listeners',
  faq: ['6.9'],
  fixable: true,
  docs: {
    en: {
      summary: 'Two forwarding policies of one listener have the same conditions; the later one goes into fault.',
      details: [
        'When a listener gets a forwarding policy whose conditions equal those of a policy it already has, the policies conflict and the later one shows the status "fault". Deleting the earlier policy does not clear it: the only way back is to delete every conflicting policy and then add the one you want again (FAQ 6.9).',
        '',
        'Two policies are taken as the same when their rules form the same set of (`type`, `compare_type`, `value`); the order of the rules does not matter, and host names are compared without regard to case. What the policies do with a matching request (`action`, `redirect_pool`) does not matter: the FAQ ties the conflict to identical policies, and two policies that match exactly the same requests cannot both decide where those requests go, so sending them to different pools is no way out. A policy that leaves out `type`, `compare_type` or `value` of a rule, or has no rules, is not compared. The later policy in the file is reported, as the one that would be created second.',
        '',
        'In the file, delete the duplicate (or give it the conditions it was meant to have). On a load balancer where the conflict already exists, deleting the duplicate is not enough: delete all the conflicting policies and then add one back.',
        '',
        'The quick fix deletes the later policy from the file, when the pool it sends to stays in use by another listener or policy (otherwise deleting it would strand that pool, ELB203).',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '同一监听器的两个转发策略条件相同，后添加的策略会进入“故障”状态。',
      details: [
        '如果给监听器添加的转发策略与已有策略的条件相同，两个策略会冲突，后添加的策略状态显示为“故障”。此时即使删除先添加的策略，后添加的策略仍然是“故障”；只有把冲突的转发策略全部删除后再重新添加需要的那一个，才能恢复正常（FAQ 6.9）。',
        '',
        '本规则认为两个策略相同的条件是：其转发规则的（`type`、`compare_type`、`value`）集合相同；规则顺序不影响判断，域名比较时不区分大小写。策略对匹配请求的处理（`action`、`redirect_pool`）不参与判断：FAQ 把冲突归因于相同的转发策略，而匹配完全相同请求的两个策略无法同时决定这些请求的去向，转发到不同的后端服务器组也不能避免冲突。缺少 `type`、`compare_type` 或 `value` 的规则，以及没有规则的策略，不参与比较。报告文件中靠后的策略，即会被第二个创建的策略。',
        '',
        '在配置文件中删除重复的策略（或把它改成原本想要的条件）。如果负载均衡器上已经出现冲突，只删除重复策略是不够的：需要删除所有冲突的转发策略，再重新添加其中一个。',
        '',
        '当后添加的策略所转发的后端服务器组仍被其他监听器或策略使用时，快速修复会从配置文件中删除该策略（否则删除后该后端服务器组将无人使用，见 ELB203）。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Forwarding policy `{policy}` of listener `{listener}` has the same conditions as `{first}` ({conditions}): the later policy goes into fault. Remove it; on a deployed load balancer, delete every conflicting policy and then add one back, since deleting only the earlier one does not clear the fault (FAQ 6.9).',
      relatedFirst: 'policy `{first}` with the same conditions',
      fix: 'Delete the duplicate policy `{policy}`',
    },
    'zh-cn': {
      default: '监听器 `{listener}` 的转发策略 `{policy}` 与 `{first}` 的条件相同（{conditions}）：后添加的策略会显示“故障”。请删除该策略；如果已经部署，需要删除所有冲突的转发策略后再重新添加其中一个，只删除先添加的策略无法恢复（FAQ 6.9）。',
      relatedFirst: '条件相同的转发策略 `{first}`',
      fix: '删除重复的转发策略 `{policy}`',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: web-lb
    listeners:
      - name: http-80
        protocol: HTTP
        protocol_port: 80
        default_pool: web-pool
        l7policies:
          - name: api
            redirect_pool: api-pool
            rules: [{type: PATH, compare_type: STARTS_WITH, value: /api}]
          - name: api-v2            # same condition as "api": goes into fault
            redirect_pool: api-v2-pool
            rules: [{type: PATH, compare_type: STARTS_WITH, value: /api}]
`,
    good: `        l7policies:
          - name: api
            redirect_pool: api-pool
            rules: [{type: PATH, compare_type: STARTS_WITH, value: /api}]
          - name: api-v2
            redirect_pool: api-v2-pool
            rules: [{type: PATH, compare_type: STARTS_WITH, value: /api/v2}]
`,
  },
  check(ctx) {
    for (const l of ctx.model.listeners) {
      const seen = new Map<string, L7Policy>();
      for (const pol of l.l7policies) {
        const key = conditionKey(pol);
        if (key === undefined) continue;
        const first = seen.get(key);
        if (!first) {
          seen.set(key, pol);
          continue;
        }
        ctx.report({
          at: pol.$,
          data: { policy: pol.name, first: first.name, listener: l.name, conditions: describe(pol) },
          related: [{ at: first.$, messageId: 'relatedFirst', data: { first: first.name } }],
          fixes: poolStaysInUse(ctx.model.listeners, pol)
            ? [{ messageId: 'fix', data: { policy: pol.name }, changes: [{ op: 'delete', at: pol.$ }], preferred: true }]
            : [],
        });
      }
    }
  },
});

/**
 * Deleting a policy must not strand the pool it sends to (ELB203 would fire): offer the deletion
 * only when another listener or policy still uses that pool.
 */
function poolStaysInUse(listeners: readonly Listener[], pol: L7Policy): boolean {
  const pool = pol.redirect_pool?.target;
  if (!pool) return true;
  return listeners.some((l) => l.default_pool?.target === pool || l.l7policies.some((p) => p !== pol && p.redirect_pool?.target === pool));
}
