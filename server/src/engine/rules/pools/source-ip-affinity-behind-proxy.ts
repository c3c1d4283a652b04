import { defineRule } from '../rule';
import { nameList } from './member-facts';

const PROXIES = new Set(['cdn', 'waf']);

export default defineRule({
  id: 'ELB417',
  name: 'source-ip-affinity-behind-proxy',
  severity: 'warning',
  category: 'pools',
  faq: ['2.5', '2.12'],
  fixable: false,
  docs: {
    en: {
      summary: 'A listener behind CDN or WAF forwards to a backend server group that keeps clients by source IP; the proxies change that IP, so the affinity breaks.',
      details: [
        'Source IP persistence (`session_persistence.type: SOURCE_IP`) and the source IP algorithm (`lb_algorithm: SOURCE_IP`) pick the member by the address a request comes from. Behind CDN or WAF that address is one of the proxies\' own, and it changes from request to request, so one user is spread over several members and the session breaks (FAQ 2.5 item 4, 2.12 item 3).',
        '',
        'The configuration says what sits in front of a listener with the linter-only field `fronted_by` (`cdn`, `waf`). The rule fires for each pool such a listener forwards to — its default pool or a forwarding policy\'s pool — that uses source IP persistence or the source IP algorithm.',
        '',
        'Use an HTTP or HTTPS listener with cookie-based persistence instead (`HTTP_COOKIE`, or `APP_COOKIE` with your application\'s cookie), on a pool with weighted round robin or weighted least connections: the cookie travels through the proxies unchanged.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '位于 CDN 或 WAF 之后的监听器转发到按源 IP 保持会话的后端服务器组；代理会改变源 IP，会话保持因此失效。',
      details: [
        '源IP地址会话保持（`session_persistence.type: SOURCE_IP`）和源IP算法（`lb_algorithm: SOURCE_IP`）都按请求的来源地址选择后端服务器。经过 CDN 或 WAF 后，来源地址变成代理自己的地址，而且每次请求可能不同，同一用户会被分到多台后端服务器，会话保持失效（FAQ 2.5 第 4 项、2.12 第 3 项）。',
        '',
        '配置通过仅供检查工具使用的字段 `fronted_by`（`cdn`、`waf`）说明监听器前面有哪些代理。对这样的监听器转发到的每个后端服务器组（默认后端服务器组或转发策略的后端服务器组），如果使用源IP地址会话保持或源IP算法，本规则报告。',
        '',
        '建议改用 HTTP 或 HTTPS 监听器，使用基于 cookie 的会话保持（`HTTP_COOKIE`，或使用应用自身 cookie 的 `APP_COOKIE`），分配策略选择加权轮询算法或加权最少连接：cookie 经过代理后保持不变。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      algorithm: 'Backend server group `{pool}` picks members with the SOURCE_IP algorithm, but the proxies in front of listener {listeners} ({proxies}) replace the client address: one user lands on different members (FAQ 2.5, 2.12). Use an L7 listener with cookie persistence.',
      persistence: 'Backend server group `{pool}` keeps sessions by source IP, but the proxies in front of listener {listeners} ({proxies}) replace the client address: the persistence does not hold (FAQ 2.5, 2.12). Use an L7 listener with cookie persistence.',
      relatedListener: 'listener `{listener}` is fronted by {proxies}',
    },
    'zh-cn': {
      algorithm: '后端服务器组 `{pool}` 使用源IP算法选择后端服务器，但监听器 {listeners} 位于 {proxies} 之后，客户端地址会被代理替换：同一用户会落到不同的后端服务器（FAQ 2.5、2.12）。请改用七层监听器和基于 cookie 的会话保持。',
      persistence: '后端服务器组 `{pool}` 按源IP地址保持会话，但监听器 {listeners} 位于 {proxies} 之后，客户端地址会被代理替换：会话保持不生效（FAQ 2.5、2.12）。请改用七层监听器和基于 cookie 的会话保持。',
      relatedListener: '监听器 `{listener}` 前面有 {proxies}',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: shop-lb
    listeners:
      - {name: tcp-443, protocol: TCP, protocol_port: 443, default_pool: shop-pool, fronted_by: [waf]}
    pools:
      - name: shop-pool
        protocol: TCP
        lb_algorithm: ROUND_ROBIN
        session_persistence: {type: SOURCE_IP, persistence_timeout: 20}   # WAF hides the client IP
        healthmonitor: {type: TCP, delay: 5, timeout: 3, max_retries: 3}
`,
    good: `    listeners:
      - {name: https-443, protocol: HTTPS, protocol_port: 443, default_pool: shop-pool, default_tls_container: shop-cert, fronted_by: [waf]}
    pools:
      - name: shop-pool
        protocol: HTTP
        lb_algorithm: ROUND_ROBIN
        session_persistence: {type: HTTP_COOKIE, persistence_timeout: 20}
`,
  },
  check(ctx) {
    const proxyName = (p: string) => p.toUpperCase();
    for (const pool of ctx.model.pools) {
      const byAlgorithm = pool.lb_algorithm === 'SOURCE_IP';
      const byPersistence = pool.session_persistence?.type === 'SOURCE_IP';
      if (!byAlgorithm && !byPersistence) continue;
      const fronted = ctx.index.listenersOf(pool).filter((l) => l.fronted_by?.some((p) => PROXIES.has(p)));
      if (fronted.length === 0) continue;
      const proxies = [...new Set(fronted.flatMap((l) => (l.fronted_by ?? []).filter((p) => PROXIES.has(p))))].sort().map(proxyName);
      const join = ctx.locale === 'zh-cn' ? '、' : ' and ';
      ctx.report({
        at: byAlgorithm ? pool.$ : pool.session_persistence!.$,
        field: byAlgorithm ? 'lb_algorithm' : 'type',
        messageId: byAlgorithm ? 'algorithm' : 'persistence',
        data: { pool: pool.name, listeners: nameList(fronted.map((l) => l.name), ctx.locale), proxies: proxies.join(join) },
        related: fronted.map((l) => ({
          at: l.$, field: 'fronted_by', messageId: 'relatedListener',
          data: { listener: l.name, proxies: (l.fronted_by ?? []).filter((p) => PROXIES.has(p)).map(proxyName).join(join) },
        })),
      });
    }
  },
});
