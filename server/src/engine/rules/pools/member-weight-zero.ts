import { defineRule } from '../rule';
import { allWeightsZero } from './all-members-weight-zero';
import { memberName, weightsCount } from './member-facts';

export default defineRule({
  id: 'ELB408',
  name: 'member-weight-zero',
  severity: 'info',
  category: 'pools',
  faq: ['7.13'],
  fixable: false,
  notInFaq: {
    en: 'That weights do not count under the `SOURCE_IP` and `QUIC_CID` algorithms is an API fact (ELB v3 API, member `weight`), not from the FAQ; the rule stays silent for those pools.',
    'zh-cn': '分配策略为 `SOURCE_IP`（源IP算法）或 `QUIC_CID`（连接ID算法）时权重不生效，这一点来自 API 说明（ELB v3 API 的后端服务器 `weight` 字段），不是 FAQ 的内容；本规则对这类后端服务器组不报告。',
  },
  docs: {
    en: {
      summary: 'A member has weight 0: it gets no new traffic, and what happens to its open connections depends on the pool protocol.',
      details: [
        'Weight 0 is the usual way to take a member out of rotation; a new weight takes effect within about 5 s. The member then gets no new connections or requests. Its existing connections are treated differently by pool protocol (FAQ 7.13 note):',
        '',
        '| pool protocol | existing connections of a weight-0 member |',
        '|---|---|',
        '| TCP, UDP, QUIC, connection drain (延迟注销) off | cut at once |',
        '| TCP, UDP, QUIC, connection drain on | kept until the drain time (`connection_drain.timeout`) runs out |',
        '| HTTP, HTTPS, TLS | closed after the response timeout |',
        '',
        'This is information, not an error: check that it is what you want. To empty a TCP/UDP/QUIC member gracefully, switch `connection_drain` on (dedicated load balancers) before setting the weight to 0. The FAQ does not say how gRPC pools treat open connections; for them the message says only that no new traffic arrives.',
        '',
        'Members of pools with the `SOURCE_IP` or `QUIC_CID` algorithm are skipped, because the API ignores weights there; and when every member of a pool in use has weight 0, ELB407 reports the pool instead.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '后端服务器权重为 0：不再接收新流量，已有连接如何处理取决于后端协议。',
      details: [
        '把权重设为 0 是让后端服务器退出分配的常用做法，新权重约 5 秒内生效。此后该服务器不再接收新的连接或请求，已有连接按后端协议分别处理（FAQ 7.13 说明）：',
        '',
        '| 后端协议 | 权重为 0 的后端服务器上已有的连接 |',
        '|---|---|',
        '| TCP、UDP、QUIC，未开启延迟注销 | 立即断开 |',
        '| TCP、UDP、QUIC，已开启延迟注销 | 保持到延迟注销时间（`connection_drain.timeout`）结束 |',
        '| HTTP、HTTPS、TLS | 在响应超时时间后断开 |',
        '',
        '这只是提示，不是错误：请确认这正是您想要的效果。如果希望 TCP/UDP/QUIC 后端服务器平滑下线，请先开启 `connection_drain`（延迟注销，独享型），再把权重改为 0。FAQ 没有说明 gRPC 后端服务器组如何处理已有连接，对这类后端服务器组，提示中只说明不会再有新流量。',
        '',
        '分配策略为 `SOURCE_IP` 或 `QUIC_CID` 的后端服务器组不检查，因为 API 在这两种策略下忽略权重；如果被使用的后端服务器组中所有后端服务器权重都为 0，则由 ELB407 报告整个后端服务器组。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      cut: 'Backend server `{member}` of {protocol} pool `{pool}` has weight 0: it gets no new connections, and its open connections are cut at once because connection drain (延迟注销) is not on (FAQ 7.13).',
      drain: 'Backend server `{member}` of {protocol} pool `{pool}` has weight 0: it gets no new connections, and connection drain keeps its open connections for up to {timeout} s (FAQ 7.13).',
      drainNoTime: 'Backend server `{member}` of {protocol} pool `{pool}` has weight 0: it gets no new connections, and connection drain keeps its open connections until the drain time runs out (FAQ 7.13).',
      l7: 'Backend server `{member}` of {protocol} pool `{pool}` has weight 0: it gets no new requests, and its open connections close after the response timeout (FAQ 7.13).',
      plain: 'Backend server `{member}` of pool `{pool}` has weight 0: it gets no new connections or requests (FAQ 7.13).',
    },
    'zh-cn': {
      cut: '{protocol} 后端服务器组 `{pool}` 的后端服务器 `{member}` 权重为 0：不再接收新连接，且未开启延迟注销，已有连接会立即断开（FAQ 7.13）。',
      drain: '{protocol} 后端服务器组 `{pool}` 的后端服务器 `{member}` 权重为 0：不再接收新连接，已开启延迟注销，已有连接最多保持 {timeout} 秒（FAQ 7.13）。',
      drainNoTime: '{protocol} 后端服务器组 `{pool}` 的后端服务器 `{member}` 权重为 0：不再接收新连接，已开启延迟注销，已有连接保持到延迟注销时间结束（FAQ 7.13）。',
      l7: '{protocol} 后端服务器组 `{pool}` 的后端服务器 `{member}` 权重为 0：不再接收新请求，已有连接在响应超时时间后断开（FAQ 7.13）。',
      plain: '后端服务器组 `{pool}` 的后端服务器 `{member}` 权重为 0：不再接收新的连接或请求（FAQ 7.13）。',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: game-lb
    listeners:
      - {name: tcp-9000, protocol: TCP, protocol_port: 9000, default_pool: game-pool}
    pools:
      - name: game-pool
        protocol: TCP
        lb_algorithm: LEAST_CONNECTIONS
        healthmonitor: {type: TCP, delay: 5, timeout: 3, max_retries: 3}
        members:
          - {server: game-1, protocol_port: 9000}
          - {server: game-2, protocol_port: 9000, weight: 0}   # players on it are dropped at once
`,
    good: `        connection_drain: {enable: true, timeout: 300}   # let sessions finish
        members:
          - {server: game-1, protocol_port: 9000}
          - {server: game-2, protocol_port: 9000, weight: 0}
`,
  },
  check(ctx) {
    for (const pool of ctx.model.pools) {
      if (!weightsCount(pool)) continue;
      if (allWeightsZero(pool, ctx.index.listenersOf(pool).length > 0)) continue;
      const protocol = pool.protocol;
      const drain = pool.connection_drain;
      for (const m of pool.members) {
        if (m.weight !== 0) continue;
        let messageId = 'plain';
        if (protocol === 'TCP' || protocol === 'UDP' || protocol === 'QUIC') {
          // Shared load balancers have no connection drain.
          if (drain?.enable === true && pool.lb.type !== 'shared') messageId = drain.timeout !== undefined ? 'drain' : 'drainNoTime';
          else messageId = 'cut';
        } else if (protocol === 'HTTP' || protocol === 'HTTPS' || protocol === 'TLS') messageId = 'l7';
        ctx.report({
          at: m.$,
          field: 'weight',
          messageId,
          data: { member: memberName(m), pool: pool.name, protocol: protocol ?? '', timeout: drain?.timeout ?? '' },
        });
      }
    }
  },
});
