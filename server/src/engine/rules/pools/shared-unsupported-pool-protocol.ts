import type { ListenerProtocol, Pool, PoolProtocol } from '../../model/types';
import { UDP_MIN_TIMEOUT } from '../health-checks/udp-check-timeout-too-small';
import { defineRule, type Change, type FixSpec } from '../rule';
import { hasZeroWeight, nameList, weightsCount } from './member-facts';
import { persistenceFitChanges } from './persistence-facts';

/** Backend protocols of a shared load balancer by listener protocol (FAQ 6.7 table 6-4). */
const SHARED_POOLS: Partial<Record<ListenerProtocol, PoolProtocol[]>> = {
  TCP: ['TCP'],
  UDP: ['UDP'],
  HTTP: ['HTTP'],
  HTTPS: ['HTTP'],
};

/** Protocols a shared load balancer does not have, and the nearest one it has. */
const NEAREST: Partial<Record<PoolProtocol, PoolProtocol>> = { HTTPS: 'HTTP', GRPC: 'HTTP', TLS: 'TCP', QUIC: 'UDP' };


/**
 * The health-check type a shared pool of protocol `to` keeps or gets: shared checks are TCP,
 * UDP_CONNECT and HTTP (formats.md §2.2); UDP pools take UDP_CONNECT only.
 */
function sharedCheckType(to: PoolProtocol, type: string): string {
  if (to === 'UDP') return 'UDP_CONNECT';
  if (type === 'TCP' || type === 'HTTP') return type;
  return type === 'HTTPS' ? 'HTTP' : 'TCP';
}

/** Everything that must change with the protocol so the pool is consistent; `undefined` when that cannot be done cleanly. */
function switchChanges(pool: Pool, to: PoolProtocol): Change[] | undefined {
  const changes: Change[] = [{ op: 'set', at: pool.$, path: 'protocol', value: to }];
  let algorithm = pool.lb_algorithm;
  if (algorithm === 'QUIC_CID') {
    algorithm = 'ROUND_ROBIN';
    // Weights start to count: a weight-0 member would then be reported (ELB407, ELB408).
    if (weightsCount(pool, algorithm) && hasZeroWeight(pool)) return undefined;
    changes.push({ op: 'set', at: pool.$, path: 'lb_algorithm', value: algorithm });
  }
  const hm = pool.healthmonitor;
  if (hm && hm.type !== undefined) {
    const type = sharedCheckType(to, hm.type);
    if (type !== hm.type) {
      // Below ELB205's threshold a UDP_CONNECT check would be reported: no fix then.
      if (type === 'UDP_CONNECT' && hm.timeout !== undefined && hm.timeout < UDP_MIN_TIMEOUT) return undefined;
      changes.push({ op: 'set', at: hm.$, path: 'type', value: type });
    }
  }
  changes.push(...persistenceFitChanges(pool, to, algorithm));
  return changes;
}

export default defineRule({
  id: 'ELB409',
  name: 'shared-unsupported-pool-protocol',
  severity: 'error',
  category: 'pools',
  faq: ['4.6', '6.7'],
  fixable: true,
  notInFaq: {
    en: 'The health-check types the quick fix moves to on shared load balancers (TCP, UDP_CONNECT, HTTP) come from the Terraform provider\'s documentation of shared health checks (`lb_monitor`), not from the FAQ. The finding itself follows FAQ 4.6 and 6.7.',
    'zh-cn': '快速修复在共享型上改用的健康检查类型（TCP、UDP_CONNECT、HTTP）来自 Terraform provider 对共享型健康检查（`lb_monitor`）的说明，不是 FAQ 的内容。规则本身依据 FAQ 4.6、6.7。',
  },
  docs: {
    en: {
      summary: 'A backend server group of a shared load balancer uses HTTPS, gRPC, QUIC or TLS, which shared load balancers do not support.',
      details: [
        'A shared load balancer talks to its backends over TCP, UDP or HTTP only (FAQ 6.7 table 6-4): TCP listeners use TCP pools, UDP listeners UDP pools, HTTP and HTTPS listeners HTTP pools. End-to-end HTTPS, where ELB also speaks HTTPS to the members, exists on dedicated load balancers only (FAQ 4.6); gRPC, QUIC and TLS backends are dedicated features as well. An HTTPS listener of a shared load balancer ends TLS on ELB and forwards plain HTTP.',
        '',
        'The rule fires on every pool of a load balancer declared `type: shared` whose protocol is HTTPS, GRPC, QUIC or TLS, whether or not a listener uses it yet.',
        '',
        'The quick fix changes the protocol to one the shared load balancer has: the protocol that every listener using the pool can forward to (table 6-4), else the nearest one — HTTP for HTTPS and gRPC, TCP for TLS, and UDP for QUIC (QUIC runs over UDP and sits behind UDP listeners; the catalogue suggests HTTP/TCP only, the fix follows table 6-4, where a shared UDP listener takes a UDP pool). It also adjusts what follows the protocol: the `QUIC_CID` algorithm becomes `ROUND_ROBIN`, the health check becomes a type shared load balancers have (TCP, HTTP, or `UDP_CONNECT` for UDP pools), and the session persistence is made to fit (ELB402, ELB405). If you need HTTPS, gRPC, QUIC or TLS to the backends, use a dedicated load balancer instead.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '共享型负载均衡器的后端服务器组使用了 HTTPS、gRPC、QUIC 或 TLS 协议，共享型不支持这些后端协议。',
      details: [
        '共享型负载均衡器与后端服务器之间只使用 TCP、UDP 或 HTTP（FAQ 6.7 表 6-4）：TCP 监听器对应 TCP 后端服务器组，UDP 监听器对应 UDP，HTTP 和 HTTPS 监听器对应 HTTP。全链路 HTTPS（ELB 到后端服务器也使用 HTTPS）只有独享型支持（FAQ 4.6）；gRPC、QUIC、TLS 后端协议同样只有独享型支持。共享型的 HTTPS 监听器在 ELB 上终结 TLS，再以 HTTP 转发给后端服务器。',
        '',
        '只要负载均衡器声明为 `type: shared`，其后端服务器组的协议为 HTTPS、GRPC、QUIC 或 TLS 时本规则就会报告，不论是否已有监听器使用它。',
        '',
        '快速修复会把协议改为共享型支持的协议：优先选择所有使用该后端服务器组的监听器都能转发的协议（表 6-4），否则选择最接近的协议——HTTPS 和 gRPC 改为 HTTP，TLS 改为 TCP，QUIC 改为 UDP（QUIC 基于 UDP，位于 UDP 监听器之后；规则目录只建议 HTTP/TCP，本修复按表 6-4 处理：共享型 UDP 监听器对应 UDP 后端服务器组）。修复同时调整随协议变化的配置：`QUIC_CID` 分配策略改为 `ROUND_ROBIN`（加权轮询算法），健康检查改为共享型支持的类型（TCP、HTTP，UDP 后端服务器组使用 `UDP_CONNECT`），并让会话保持与新协议相符（ELB402、ELB405）。如果确实需要以 HTTPS、gRPC、QUIC 或 TLS 访问后端服务器，请改用独享型负载均衡器。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      https: 'Backend server group `{pool}` of shared load balancer `{lb}` uses HTTPS: shared load balancers have no end-to-end HTTPS and forward to backends over TCP, UDP or HTTP only (FAQ 4.6, 6.7).',
      default: 'Backend server group `{pool}` of shared load balancer `{lb}` uses {protocol}: shared load balancers forward to backends over TCP, UDP or HTTP only (FAQ 4.6, 6.7).',
      fix: 'Change the protocol of `{pool}` to {protocol}',
      relatedListener: '{listenerProtocol} listener `{listener}` forwards to `{pool}`',
    },
    'zh-cn': {
      https: '共享型负载均衡器 `{lb}` 的后端服务器组 `{pool}` 使用了 HTTPS：共享型不支持全链路 HTTPS，只能以 TCP、UDP 或 HTTP 访问后端服务器（FAQ 4.6、6.7）。',
      default: '共享型负载均衡器 `{lb}` 的后端服务器组 `{pool}` 使用了 {protocol}：共享型只能以 TCP、UDP 或 HTTP 访问后端服务器（FAQ 4.6、6.7）。',
      fix: '将 `{pool}` 的协议改为 {protocol}',
      relatedListener: '{listenerProtocol} 监听器 `{listener}` 转发到 `{pool}`',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: shop-lb
    type: shared
    listeners:
      - {name: https-443, protocol: HTTPS, protocol_port: 443, default_pool: shop-pool, default_tls_container: shop-cert}
    pools:
      - name: shop-pool
        protocol: HTTPS                # end-to-end HTTPS: dedicated only
        lb_algorithm: ROUND_ROBIN
        healthmonitor: {type: HTTP, delay: 5, timeout: 3, max_retries: 3, url_path: /}
`,
    good: `    pools:
      - name: shop-pool
        protocol: HTTP                 # TLS ends on the shared load balancer
        lb_algorithm: ROUND_ROBIN
        healthmonitor: {type: HTTP, delay: 5, timeout: 3, max_retries: 3, url_path: /}
`,
  },
  check(ctx) {
    for (const pool of ctx.model.pools) {
      if (pool.lb.type !== 'shared') continue;
      const protocol = pool.protocol;
      const nearest = protocol === undefined ? undefined : NEAREST[protocol];
      if (!protocol || !nearest) continue;
      const listeners = ctx.index.listenersOf(pool);
      let targets: PoolProtocol[] = ['HTTP', 'TCP', 'UDP'];
      let constrained = false;
      for (const l of listeners) {
        const allowed = l.protocol === undefined ? undefined : SHARED_POOLS[l.protocol];
        if (!allowed) continue;
        constrained = true;
        targets = targets.filter((t) => allowed.includes(t));
      }
      if (!constrained) targets = [nearest];
      const fixes: FixSpec[] = [];
      for (const to of targets) {
        const changes = switchChanges(pool, to);
        if (changes) fixes.push({ messageId: 'fix', data: { pool: pool.name, protocol: to }, changes, preferred: targets.length === 1 });
      }
      ctx.report({
        at: pool.$,
        field: 'protocol',
        messageId: protocol === 'HTTPS' ? 'https' : 'default',
        data: { pool: pool.name, lb: pool.lb.name, protocol, listeners: nameList(listeners.map((l) => l.name), ctx.locale) },
        related: listeners.map((l) => ({ at: l.$, field: 'protocol', messageId: 'relatedListener', data: { listener: l.name, listenerProtocol: l.protocol ?? '', pool: pool.name } })),
        fixes,
      });
    }
  },
});
