import { defineRule } from '../rule';
import { FULLNAT_MEMBER_CONNECTIONS, grouped, membersBehind } from './expected-traffic';

export default defineRule({
  id: 'ELB607',
  name: 'fullnat-backend-count',
  severity: 'warning',
  category: 'capacity',
  faq: ['5.10'],
  fixable: false,
  docs: {
    en: {
      summary: 'A TLS listener, or an HTTP/HTTPS listener carrying WebSocket, expects more concurrent connections than its members should take.',
      details: [
        `Two kinds of traffic go through full NAT on their way to the members: TLS listeners, and WebSocket traffic on HTTP/HTTPS listeners. Under high concurrency the source ports of the five-tuples toward one member can run out, so the FAQ recommends at most ${FULLNAT_MEMBER_CONNECTIONS.toLocaleString('en-US')} concurrent connections per member and sizing the member count from the expected load: 1,000,000 long connections need at least 5 members (FAQ 5.10).`,
        '',
        'No API field carries the expected load, so the rule is silent unless the listener declares it in the linter-only block `expected`: `concurrency: N` for every TLS listener, plus `websocket: true` for an HTTP/HTTPS listener. It counts the members behind the listener (default pool and policies\' pools) that receive traffic (weight not 0) and fires when the concurrency exceeds ' + `${FULLNAT_MEMBER_CONNECTIONS.toLocaleString('en-US')} × members; the message gives the minimum member count.`,
        '',
        'Add members until the count in the message is reached. An empty pool is reported by ELB406, not here.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: 'TLS 监听器或承载 WebSocket 的 HTTP/HTTPS 监听器，预期并发连接数超过其后端服务器的建议承载量。',
      details: [
        `有两类流量在转发到后端服务器时经过 FULLNAT 转换：TLS 监听器的流量，以及 HTTP/HTTPS 监听器上的 WebSocket 流量。高并发时，到同一台后端服务器的五元组源端口可能不足，因此 FAQ 建议单台后端服务器的并发连接数不超过 ${FULLNAT_MEMBER_CONNECTIONS.toLocaleString('en-US')}，并根据业务规模计算后端服务器的保底数量：100 万长连接至少需要 5 台后端服务器（FAQ 5.10）。`,
        '',
        `预期业务量没有对应的 API 字段，因此只有在监听器用本工具专用的 \`expected\` 声明后才检查：TLS 监听器填写 \`concurrency: N\`，HTTP/HTTPS 监听器还需填写 \`websocket: true\`。规则统计监听器后端（默认后端服务器组及转发策略的后端服务器组）中接收流量（权重不为 0）的后端服务器，并发数超过 ${FULLNAT_MEMBER_CONNECTIONS.toLocaleString('en-US')} × 后端服务器数时报告，消息中给出所需的最少后端服务器数量。`,
        '',
        '请把后端服务器增加到消息中给出的数量。后端服务器组为空的情况由 ELB406 报告。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      tls: 'TLS listener `{listener}` expects {concurrency} concurrent connections, but its {members} member(s) should take at most {cap} ({per} each, FullNAT five-tuple limit); add members: at least {needed} (FAQ 5.10).',
      websocket: '{protocol} listener `{listener}` carries WebSocket and expects {concurrency} concurrent connections, but its {members} member(s) should take at most {cap} ({per} each, FullNAT five-tuple limit); add members: at least {needed} (FAQ 5.10).',
    },
    'zh-cn': {
      tls: 'TLS 监听器 `{listener}` 预期 {concurrency} 个并发连接，但其 {members} 台后端服务器建议最多承载 {cap} 个（每台 {per} 个，受 FULLNAT 五元组限制）；请增加后端服务器，至少 {needed} 台（FAQ 5.10）。',
      websocket: '{protocol} 监听器 `{listener}` 承载 WebSocket，预期 {concurrency} 个并发连接，但其 {members} 台后端服务器建议最多承载 {cap} 个（每台 {per} 个，受 FULLNAT 五元组限制）；请增加后端服务器，至少 {needed} 台（FAQ 5.10）。',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: chat-lb
    type: dedicated
    listeners:
      - name: wss-443
        protocol: HTTPS
        protocol_port: 443
        default_pool: chat-pool
        default_tls_container: chat-cert
        expected: {concurrency: 1000000, websocket: true}   # linter-only sizing facts
    pools:
      - name: chat-pool
        protocol: HTTP
        lb_algorithm: LEAST_CONNECTIONS
        members:                                  # 4 × 200,000 = 800,000
          - {server: chat-1, protocol_port: 8080}
          - {server: chat-2, protocol_port: 8080}
          - {server: chat-3, protocol_port: 8080}
          - {server: chat-4, protocol_port: 8080}
`,
    good: `        members:                                  # 5 × 200,000 = 1,000,000
          - {server: chat-1, protocol_port: 8080}
          - {server: chat-2, protocol_port: 8080}
          - {server: chat-3, protocol_port: 8080}
          - {server: chat-4, protocol_port: 8080}
          - {server: chat-5, protocol_port: 8080}
`,
  },
  check(ctx) {
    for (const l of ctx.model.listeners) {
      const concurrency = l.expected?.concurrency;
      if (concurrency === undefined) continue;
      const tls = l.protocol === 'TLS';
      const ws = (l.protocol === 'HTTP' || l.protocol === 'HTTPS') && l.expected?.websocket === true;
      if (!tls && !ws) continue;
      const members = membersBehind(ctx.index, l).filter((m) => m.weight !== 0);
      if (members.length === 0) continue;
      const cap = FULLNAT_MEMBER_CONNECTIONS * members.length;
      if (concurrency <= cap) continue;
      ctx.report({
        at: l.$,
        field: 'expected.concurrency',
        messageId: tls ? 'tls' : 'websocket',
        data: {
          listener: l.name, protocol: l.protocol!, concurrency: grouped(concurrency, ctx.locale), members: members.length,
          cap: grouped(cap, ctx.locale), per: grouped(FULLNAT_MEMBER_CONNECTIONS, ctx.locale), needed: Math.ceil(concurrency / FULLNAT_MEMBER_CONNECTIONS),
        },
      });
    }
  },
});
