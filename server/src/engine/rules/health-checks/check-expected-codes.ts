import type { HealthMonitor, Pool } from '../../model/types';
import { defineRule, type FixSpec } from '../rule';

function fixesFor(pool: Pool, hm: HealthMonitor): FixSpec[] {
  // UDP/QUIC pools take UDP_CONNECT checks only: neither HTTP nor TCP would fit them.
  if (pool.protocol === 'UDP' || pool.protocol === 'QUIC') return [];
  const fixes: FixSpec[] = [];
  // A relative path would turn into an ELB201 finding about an HTTP check: leave that case to the TCP fix.
  if (hm.url_path === undefined || hm.url_path.startsWith('/')) {
    fixes.push({
      messageId: 'fixHttp',
      changes: [{ op: 'set', at: hm.$, path: 'type', value: 'HTTP' }],
      preferred: pool.protocol === 'HTTP',
    });
  }
  // HTTP-only fields (`url_path`, `expected_codes`, ...) stay: a TCP check ignores them.
  fixes.push({ messageId: 'fixTcp', changes: [{ op: 'set', at: hm.$, path: 'type', value: 'TCP' }], preferred: pool.protocol === 'TCP' });
  return fixes;
}

export default defineRule({
  id: 'ELB210',
  name: 'check-expected-codes',
  severity: 'warning',
  category: 'health-checks',
  faq: ['3.8', '3.1', '3.2', '4.6', '6.7'],
  fixable: true,
  docs: {
    en: {
      summary: 'A shared load balancer uses an HTTPS health check, for which no healthy status codes exist.',
      details: [
        'FAQ 3.8 lists the status codes a health check counts as healthy by default:',
        '',
        '| load balancer | check type | healthy codes |',
        '|---|---|---|',
        '| dedicated | HTTP | 200 |',
        '| dedicated | HTTPS | 200 |',
        '| shared | HTTP | 200, 202, 401 |',
        '',
        'An HTTP check of a pool behind a TCP listener counts 200 as healthy (FAQ 3.1, 3.2, "check whether the backend server is normal").',
        '',
        'Shared load balancers have no HTTPS check in this table, and they have no HTTPS backends either: they do not support HTTPS all the way to the members (FAQ 4.6), and their listeners forward to TCP, UDP or HTTP backend server groups only (FAQ 6.7 table 6-4). An HTTPS check on a shared load balancer therefore has nothing to talk TLS to and no defined healthy answer.',
        '',
        'The rule reports a health check of type `HTTPS` in a pool of a shared load balancer. The quick fixes change the check to HTTP (keeping its path and codes) or to TCP (which only tests that the port accepts connections; `url_path`, `expected_codes` and the other HTTP settings stay in place and are ignored by a TCP check); the one matching the pool protocol is preferred. No fix is offered for UDP and QUIC pools, which take `UDP_CONNECT` checks only.',
        '',
        'What the rule does not do: it does not judge an explicit `expected_codes` (3.8 lists defaults, not limits, so a different list is a deliberate choice), and it leaves codes outside 100–599 to schema validation.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '共享型负载均衡器使用了 HTTPS 健康检查，而这种检查没有定义正常返回的状态码。',
      details: [
        'FAQ 3.8 列出了健康检查默认视为正常的返回码：',
        '',
        '| 负载均衡器 | 健康检查协议 | 正常返回码 |',
        '|---|---|---|',
        '| 独享型 | HTTP | 200 |',
        '| 独享型 | HTTPS | 200 |',
        '| 共享型 | HTTP | 200、202、401 |',
        '',
        'TCP 监听器下后端服务器组的 HTTP 健康检查以 200 为正常（FAQ 3.1、3.2“检查后端服务器是否正常”）。',
        '',
        '该表中共享型没有 HTTPS 健康检查，共享型也没有 HTTPS 后端：共享型不支持全链路 HTTPS（FAQ 4.6），其监听器只能转发到 TCP、UDP 或 HTTP 后端服务器组（FAQ 6.7 表 6-4）。因此共享型负载均衡器上的 HTTPS 健康检查既没有可进行 TLS 握手的后端，也没有定义正常返回码。',
        '',
        '共享型负载均衡器的后端服务器组使用 `HTTPS` 类型的健康检查时，本规则报告。快速修复可将检查改为 HTTP（保留检查路径和返回码），或改为 TCP（只检查端口能否建立连接；`url_path`、`expected_codes` 等 HTTP 参数保留不动，TCP 检查会忽略它们）；与后端协议一致的修复标记为首选。UDP 和 QUIC 后端服务器组只能使用 `UDP_CONNECT` 检查，不提供修复。',
        '',
        '本规则不做的检查：不评判显式填写的 `expected_codes`（3.8 列出的是默认值而非限制，填写其他返回码是有意的选择）；100–599 之外的返回码交给 schema 校验。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Health check of backend server group `{pool}` on shared load balancer `{lb}` is of type HTTPS: shared load balancers have no HTTPS backends, and healthy status codes exist for HTTP checks only (defaults: shared HTTP check 200, 202, 401; HTTP check behind a TCP listener 200; dedicated HTTP/HTTPS check 200). Use an HTTP or TCP check (FAQ 3.8, 4.6, 6.7).',
      fixHttp: 'Change the health check type to HTTP',
      fixTcp: 'Change the health check type to TCP',
    },
    'zh-cn': {
      default: '共享型负载均衡器 `{lb}` 的后端服务器组 `{pool}` 使用了 HTTPS 健康检查：共享型没有 HTTPS 后端，正常返回码只为 HTTP 检查定义（默认值：共享型 HTTP 检查 200、202、401；TCP 监听器下的 HTTP 检查 200；独享型 HTTP/HTTPS 检查 200）。请改用 HTTP 或 TCP 健康检查（FAQ 3.8、4.6、6.7）。',
      fixHttp: '将健康检查协议改为 HTTP',
      fixTcp: '将健康检查协议改为 TCP',
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
        healthmonitor: {type: HTTPS, delay: 5, timeout: 3, max_retries: 3, url_path: /health}
`,
    good: `        healthmonitor: {type: HTTP, delay: 5, timeout: 3, max_retries: 3, url_path: /health}
`,
  },
  check(ctx) {
    for (const pool of ctx.model.pools) {
      if (pool.lb.type !== 'shared') continue;
      const hm = pool.healthmonitor;
      if (!hm || hm.type !== 'HTTPS') continue;
      ctx.report({
        at: hm.$,
        field: 'type',
        data: { pool: pool.name, lb: pool.lb.name },
        fixes: fixesFor(pool, hm),
      });
    }
  },
});
