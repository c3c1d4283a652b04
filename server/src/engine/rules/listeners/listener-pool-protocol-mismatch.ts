import { lbTypeName } from '../../i18n/kinds';
import type { LbType, Listener, ListenerProtocol, Pool, PoolProtocol } from '../../model/types';
import { defineRule, type Change, type FixSpec } from '../rule';
import { persistenceFitChanges } from '../pools/persistence-facts';

/** Backend protocols a listener protocol takes: FAQ 6.7 table 6-3 (dedicated) and 6-4 (shared). */
const DEDICATED: Record<ListenerProtocol, PoolProtocol[]> = {
  TCP: ['TCP'],
  UDP: ['UDP', 'QUIC'],
  TLS: ['TLS', 'TCP'],
  HTTP: ['HTTP'],
  HTTPS: ['HTTP', 'HTTPS', 'GRPC'],
  QUIC: ['HTTP', 'HTTPS'],
};
const SHARED: Partial<Record<ListenerProtocol, PoolProtocol[]>> = {
  TCP: ['TCP'],
  UDP: ['UDP'],
  HTTP: ['HTTP'],
  HTTPS: ['HTTP'],
};

function allowedPools(lbType: LbType, protocol: ListenerProtocol | undefined): PoolProtocol[] | undefined {
  if (!protocol) return undefined;
  return lbType === 'shared' ? SHARED[protocol] : DEDICATED[protocol];
}

/**
 * Health-check types a pool protocol takes [API fact, formats.md §1.5]: QUIC/UDP pools only
 * UDP_CONNECT; TCP pools TCP/HTTP/HTTPS; HTTP/HTTPS/GRPC/TLS pools TCP/HTTP/HTTPS/TLS/GRPC.
 */
function checkTypeFits(pool: PoolProtocol, type: string): boolean {
  if (pool === 'UDP' || pool === 'QUIC') return type === 'UDP_CONNECT';
  if (pool === 'TCP') return ['TCP', 'HTTP', 'HTTPS'].includes(type);
  return ['TCP', 'HTTP', 'HTTPS', 'TLS', 'GRPC'].includes(type);
}

/** Below this a UDP_CONNECT timeout flaps (ELB205): a switch to UDP_CONNECT must not land there. */
const UDP_MIN_TIMEOUT = 3;

/**
 * Everything that must change with the pool protocol so that no other finding appears: the
 * protocol, the algorithm (QUIC pools use QUIC_CID and only they do, ELB403), the health-check
 * type, and the session persistence (ELB402, ELB405). `undefined` when the switch cannot be made
 * clean (a UDP check with a too-small timeout would follow).
 */
function switchChanges(pool: Pool, to: PoolProtocol): Change[] | undefined {
  const changes: Change[] = [{ op: 'set', at: pool.$, path: 'protocol', value: to }];
  let algorithm = pool.lb_algorithm;
  if (to === 'QUIC' && algorithm !== 'QUIC_CID') algorithm = 'QUIC_CID';
  else if (to !== 'QUIC' && algorithm === 'QUIC_CID') algorithm = 'ROUND_ROBIN';
  if (algorithm !== pool.lb_algorithm) changes.push({ op: 'set', at: pool.$, path: 'lb_algorithm', value: algorithm });
  const hm = pool.healthmonitor;
  if (hm && hm.type !== undefined && !checkTypeFits(to, hm.type)) {
    const type = to === 'UDP' || to === 'QUIC' ? 'UDP_CONNECT' : 'TCP';
    if (type === 'UDP_CONNECT' && hm.timeout !== undefined && hm.timeout < UDP_MIN_TIMEOUT) return undefined;
    changes.push({ op: 'set', at: hm.$, path: 'type', value: type });
  }
  changes.push(...persistenceFitChanges(pool, to, algorithm));
  return changes;
}

/** Pool protocols a shared load balancer cannot have (FAQ 4.6, 6.7 table 6-4; reported by ELB409). */
const SHARED_UNSUPPORTED = new Set(['HTTPS', 'GRPC', 'QUIC', 'TLS']);

export default defineRule({
  id: 'ELB301',
  name: 'listener-pool-protocol-mismatch',
  severity: 'error',
  category: 'listeners',
  faq: ['6.7'],
  fixable: true,
  docs: {
    en: {
      summary: 'A listener forwards to a backend server group whose protocol it cannot be paired with.',
      details: [
        'The protocol of a backend server group (the backend protocol) must be one the listener\'s protocol (the frontend protocol) can be paired with; the console only offers matching pools, and the API refuses the others (FAQ 6.7):',
        '',
        '| listener | dedicated (table 6-3) | shared (table 6-4) |',
        '|---|---|---|',
        '| TCP | TCP | TCP |',
        '| UDP | UDP, QUIC | UDP |',
        '| TLS | TLS, TCP | — |',
        '| HTTP | HTTP | HTTP |',
        '| HTTPS | HTTP, HTTPS, GRPC | HTTP |',
        '| QUIC | HTTP, HTTPS | — |',
        '',
        'Every pool the listener forwards to is checked: its `default_pool` and the `redirect_pool` of each forwarding policy. The rule stays silent when either protocol is unknown, and for shared TLS/QUIC listeners, which table 6-4 does not list.',
        '',
        'A shared pool of protocol HTTPS, GRPC, QUIC or TLS is left to ELB409: shared load balancers have no such pools at all, whatever the listener.',
        '',
        'The quick fixes set the pool protocol to each allowed value (one fix per protocol; a single choice is marked preferred). When the pool is used by several listeners only protocols that suit all of them are offered. A fix also changes what must follow the protocol, so the pool stays consistent: the algorithm (`QUIC_CID` for QUIC pools only, ELB403), a health-check type the new protocol does not take (`UDP_CONNECT` for UDP/QUIC pools, else `TCP`), and a session persistence type that no longer fits (ELB402, ELB405).',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '监听器转发到的后端服务器组的协议与监听器协议不匹配。',
      details: [
        '后端服务器组的协议（后端协议）必须与监听器的协议（前端协议）相对应；控制台只会列出匹配的后端服务器组，API 也会拒绝不匹配的组合（FAQ 6.7）：',
        '',
        '| 监听器协议 | 独享型（表 6-3） | 共享型（表 6-4） |',
        '|---|---|---|',
        '| TCP | TCP | TCP |',
        '| UDP | UDP、QUIC | UDP |',
        '| TLS | TLS、TCP | — |',
        '| HTTP | HTTP | HTTP |',
        '| HTTPS | HTTP、HTTPS、GRPC | HTTP |',
        '| QUIC | HTTP、HTTPS | — |',
        '',
        '监听器转发到的每个后端服务器组都会检查：`default_pool` 以及每条转发策略的 `redirect_pool`。任一协议未知时不报告；共享型的 TLS/QUIC 监听器（表 6-4 未列出）也不报告。',
        '',
        '共享型负载均衡器上协议为 HTTPS、GRPC、QUIC 或 TLS 的后端服务器组由 ELB409 报告：共享型根本不支持这类后端服务器组，与监听器无关。',
        '',
        '快速修复会把后端服务器组的协议改为每个允许的协议（每个协议一个修复；只有一个选择时标记为首选）。后端服务器组被多个监听器使用时，只提供对所有监听器都适用的协议。修复会同时调整随协议变化的配置，保持后端服务器组一致：分配策略（只有 QUIC 使用 `QUIC_CID`，见 ELB403）、新协议不支持的健康检查协议（UDP/QUIC 改为 `UDP_CONNECT`，其他改为 `TCP`），以及不再匹配的会话保持类型（ELB402、ELB405）。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Backend server group `{pool}` uses {poolProtocol}, which {lbType} {listenerProtocol} listener `{listener}` cannot forward to; it takes {allowed} backends (FAQ 6.7).',
      fix: 'Change the protocol of `{pool}` to {protocol}',
      relatedListener: '{listenerProtocol} listener `{listener}` forwards to `{pool}`',
    },
    'zh-cn': {
      default: '后端服务器组 `{pool}` 的协议为 {poolProtocol}，{lbType} {listenerProtocol} 监听器 `{listener}` 不能转发到该协议的后端服务器组；只支持 {allowed} 后端协议（FAQ 6.7）。',
      fix: '将 `{pool}` 的协议改为 {protocol}',
      relatedListener: '{listenerProtocol} 监听器 `{listener}` 转发到 `{pool}`',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: web-lb
    type: dedicated
    listeners:
      - {name: https-443, protocol: HTTPS, protocol_port: 443, default_pool: app-pool, default_tls_container: web-cert}
    pools:
      - name: app-pool
        protocol: TCP
        lb_algorithm: ROUND_ROBIN
        healthmonitor: {type: TCP, delay: 5, timeout: 3, max_retries: 3}
certificates:
  - {name: web-cert, type: server, domain: www.example.com}
`,
    good: `    pools:
      - name: app-pool
        protocol: HTTP
        lb_algorithm: ROUND_ROBIN
        healthmonitor: {type: TCP, delay: 5, timeout: 3, max_retries: 3}
`,
  },
  check(ctx) {
    const sep = ctx.locale === 'zh-cn' ? '、' : ', ';
    for (const listener of ctx.model.listeners) {
      const allowed = allowedPools(listener.lb.type, listener.protocol);
      if (!allowed) continue;
      for (const pool of ctx.index.poolsOf(listener)) {
        if (!pool.protocol || allowed.includes(pool.protocol)) continue;
        // A shared pool of a protocol shared load balancers do not have at all is ELB409's finding.
        if (pool.lb.type === 'shared' && SHARED_UNSUPPORTED.has(pool.protocol)) continue;
        const data = {
          pool: pool.name, poolProtocol: pool.protocol, listener: listener.name, listenerProtocol: listener.protocol!,
          lbType: lbTypeName(listener.lb.type, ctx.locale), allowed: allowed.join(sep),
        };
        // A protocol must suit every listener that uses the pool, or the fix moves the finding.
        const others = ctx.index.listenersOf(pool).filter((l: Listener) => l !== listener);
        const fixes: FixSpec[] = [];
        for (const to of allowed) {
          if (others.some((o) => !(allowedPools(o.lb.type, o.protocol) ?? [to]).includes(to))) continue;
          const changes = switchChanges(pool, to);
          if (changes) fixes.push({ messageId: 'fix', data: { pool: pool.name, protocol: to }, changes, preferred: allowed.length === 1 });
        }
        ctx.report({
          at: pool.$,
          field: 'protocol',
          data,
          related: [{ at: listener.$, field: 'protocol', messageId: 'relatedListener', data }],
          fixes,
        });
      }
    }
  },
});
