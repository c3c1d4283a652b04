import { listenerLayer } from '../../model/indexes';
import type { L7Policy, Listener, Pool } from '../../model/types';
import { defineRule, type RelatedSpec } from '../rule';
import { nameList } from './member-facts';

export default defineRule({
  id: 'ELB406',
  name: 'pool-without-members',
  severity: 'error',
  category: 'pools',
  faq: ['2.7'],
  fixable: false,
  docs: {
    en: {
      summary: 'A backend server group that a listener or a forwarding policy sends traffic to has no members.',
      details: [
        'A pool with an empty member list has nowhere to send requests. ELB tells the client so in the `x-router-code` response header (FAQ 2.7 table 2-9):',
        '',
        '| code | meaning |',
        '|---|---|',
        '| 40000 | the listener\'s default backend server group has no members |',
        '| 40001 | the backend server group of the matched forwarding policy has no members |',
        '',
        'Severity follows the reach of the gap: an empty **default pool** (`default_pool` of a listener) is an **error**, since every request that matches no policy fails, and on a TCP/UDP/TLS listener every connection does; an empty pool that only **forwarding policies** use (`redirect_pool`) is a **warning**, since only requests matching that policy fail.',
        '',
        'Only a pool whose `members` key is written, and empty (`members: []` or no value), is reported. A pool without a `members` key is taken as "members not described here" (for example, added by Auto Scaling or by another tool) and left alone; a pool no listener uses is ELB203\'s business.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '监听器或转发策略转发到的后端服务器组中没有后端服务器。',
      details: [
        '后端服务器组为空时，请求无处可转发。ELB 会在响应头 `x-router-code` 中告知客户端（FAQ 2.7 表 2-9）：',
        '',
        '| 取值 | 含义 |',
        '|---|---|',
        '| 40000 | 监听器的默认后端服务器组没有后端服务器 |',
        '| 40001 | 命中的转发策略对应的后端服务器组没有后端服务器 |',
        '',
        '级别取决于影响范围：**默认后端服务器组**（监听器的 `default_pool`）为空报**错误**，因为所有未命中转发策略的请求都会失败，TCP/UDP/TLS 监听器的所有连接都会失败；只被**转发策略**（`redirect_pool`）使用的后端服务器组为空报**警告**，只有命中该策略的请求会失败。',
        '',
        '只有写了 `members` 且为空（`members: []` 或没有值）时才报告。没有 `members` 键的后端服务器组视为“后端服务器不在此文件中描述”（例如由弹性伸缩或其他工具添加），不报告；没有被任何监听器使用的后端服务器组由 ELB203 处理。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      defaultPool: 'Backend server group `{pool}` has no members, yet it is the default pool of listener {listeners}: requests there find no backend, and HTTP clients get `x-router-code: 40000` (FAQ 2.7).',
      defaultPoolL4: 'Backend server group `{pool}` has no members, yet it is the default pool of listener {listeners}: every connection to it finds no backend (FAQ 2.7).',
      policyPool: 'Backend server group `{pool}` has no members, yet requests that match forwarding policy {policies} are sent to it: those requests find no backend, and clients get `x-router-code: 40001` (FAQ 2.7).',
      relatedListener: 'listener `{listener}` uses `{pool}` as its default pool',
      relatedPolicy: 'forwarding policy `{policy}` of listener `{listener}` forwards to `{pool}`',
    },
    'zh-cn': {
      defaultPool: '后端服务器组 `{pool}` 中没有后端服务器，但它是监听器 {listeners} 的默认后端服务器组：请求找不到后端服务器，HTTP 客户端会收到 `x-router-code: 40000`（FAQ 2.7）。',
      defaultPoolL4: '后端服务器组 `{pool}` 中没有后端服务器，但它是监听器 {listeners} 的默认后端服务器组：所有连接都找不到后端服务器（FAQ 2.7）。',
      policyPool: '后端服务器组 `{pool}` 中没有后端服务器，但转发策略 {policies} 会把请求转发到这里：这些请求找不到后端服务器，客户端会收到 `x-router-code: 40001`（FAQ 2.7）。',
      relatedListener: '监听器 `{listener}` 以 `{pool}` 作为默认后端服务器组',
      relatedPolicy: '监听器 `{listener}` 的转发策略 `{policy}` 转发到 `{pool}`',
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
        members: []                  # every request gets x-router-code 40000
`,
    good: `        members:
          - {server: web-1, protocol_port: 8080}
`,
  },
  check(ctx) {
    const defaults = new Map<Pool, Listener[]>();
    const policies = new Map<Pool, L7Policy[]>();
    for (const l of ctx.model.listeners) {
      const d = l.default_pool?.target;
      if (d) {
        const list = defaults.get(d);
        if (list) list.push(l);
        else defaults.set(d, [l]);
      }
      for (const pol of l.l7policies) {
        if (pol.action !== undefined && pol.action !== 'REDIRECT_TO_POOL') continue;
        const t = pol.redirect_pool?.target;
        if (t) policies.set(t, [...(policies.get(t) ?? []), pol]);
      }
    }
    for (const pool of ctx.model.pools) {
      if (!pool.membersGiven || pool.members.length > 0) continue;
      const ls = defaults.get(pool) ?? [];
      const ps = policies.get(pool) ?? [];
      if (ls.length === 0 && ps.length === 0) continue;
      const related: RelatedSpec[] = [
        ...ls.map((l) => ({ at: l.$, field: 'default_pool', messageId: 'relatedListener', data: { listener: l.name, pool: pool.name } })),
        ...ps.map((p) => ({ at: p.$, field: 'redirect_pool', messageId: 'relatedPolicy', data: { policy: p.name, listener: p.listener.name, pool: pool.name } })),
      ];
      const data = {
        pool: pool.name,
        listeners: nameList(ls.map((l) => l.name), ctx.locale),
        policies: nameList(ps.map((p) => p.name), ctx.locale),
      };
      ctx.report({
        at: pool.$,
        span: pool.$.keySpan('members'),
        messageId: ls.length === 0 ? 'policyPool' : ls.some((l) => listenerLayer(l.protocol) !== 'L4') ? 'defaultPool' : 'defaultPoolL4',
        severity: ls.length > 0 ? 'error' : 'warning',
        data,
        related,
      });
    }
  },
});
