import { defineRule } from '../rule';
import { IP_MEMBER_CONNECTIONS, grouped, membersBehind } from './expected-traffic';

export default defineRule({
  id: 'ELB606',
  name: 'ip-backend-concurrency-cap',
  severity: 'warning',
  category: 'capacity',
  faq: ['2.1', '5.10'],
  fixable: false,
  docs: {
    en: {
      summary: 'The expected concurrency of a listener exceeds what its IP-type members can take.',
      details: [
        `Each member added by IP address (an IP-type backend) takes at most ${IP_MEMBER_CONNECTIONS.toLocaleString('en-US')} concurrent connections, so with few such members the limit can fall below the flavor's, and connections are dropped although the load balancer looks far from full (FAQ 2.1 item 2, 5.10). FAQ 2.1 gives the limit of one load balancer:`,
        '',
        `- public traffic (the load balancer has an EIP): ${IP_MEMBER_CONNECTIONS.toLocaleString('en-US')} × IP-type members × availability zones;`,
        `- private traffic: ${IP_MEMBER_CONNECTIONS.toLocaleString('en-US')} × IP-type members (clients are served by the ELB in their own AZ).`,
        '',
        'No API field carries the traffic you expect, so the rule is silent unless the listener declares it in the linter-only block `expected: {concurrency: N}`. It then counts the members behind the listener (its default pool and its policies\' pools) that receive traffic (weight not 0); it judges only listeners whose members are all IP-type, since the formula says nothing about a mix. A load balancer with an `eips` entry is judged by the public formula (which needs `availability_zones`), one without by the private formula.',
        '',
        'The message gives the number of IP-type members the declared concurrency needs. Add members, or spread the service over more AZs for public traffic (FAQ 2.1).',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '监听器的预期并发连接数超过其IP类型后端所能承载的上限。',
      details: [
        `通过IP类型后端添加的每台后端服务器最多承载 ${IP_MEMBER_CONNECTIONS.toLocaleString('en-US')} 个并发连接，IP类型后端较少时，并发上限可能低于实例规格，业务量远未达到规格时就出现丢包或访问失败（FAQ 2.1 排查项二、5.10）。FAQ 2.1 给出单个实例的上限：`,
        '',
        `- 公网访问（负载均衡器绑定了弹性公网IP）：${IP_MEMBER_CONNECTIONS.toLocaleString('en-US')} × IP类型后端个数 × 可用区数量；`,
        `- 私网访问：${IP_MEMBER_CONNECTIONS.toLocaleString('en-US')} × IP类型后端个数（客户端由其所在可用区的 ELB 处理）。`,
        '',
        '预期业务量没有对应的 API 字段，因此只有在监听器用本工具专用的 `expected: {concurrency: N}` 声明后，本规则才会检查。规则统计监听器后端（默认后端服务器组及转发策略的后端服务器组）中接收流量（权重不为 0）的后端服务器；只有当这些后端服务器全部是IP类型后端时才判断，因为公式不适用于混合的情况。有 `eips` 的负载均衡器按公网公式计算（需要 `availability_zones`），没有的按私网公式计算。',
        '',
        '消息会给出声明的并发数所需的IP类型后端数量。请增加后端服务器；公网业务也可以部署到更多可用区（FAQ 2.1）。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      public: 'Listener `{listener}` expects {concurrency} concurrent connections, above the {cap} that {members} IP-type member(s) taking traffic in {azs} AZ(s) can carry for public traffic ({per} × {members} × {azs}); it needs at least {needed} IP-type members (FAQ 2.1, 5.10).',
      private: 'Listener `{listener}` expects {concurrency} concurrent connections, above the {cap} that {members} IP-type member(s) taking traffic can carry for private traffic ({per} × {members}; no EIP listed); it needs at least {needed} IP-type members (FAQ 2.1, 5.10).',
    },
    'zh-cn': {
      public: '监听器 `{listener}` 预期 {concurrency} 个并发连接，超过 {members} 个接收流量的IP类型后端在 {azs} 个可用区下的公网上限 {cap}（{per} × {members} × {azs}）；至少需要 {needed} 个IP类型后端（FAQ 2.1、5.10）。',
      private: '监听器 `{listener}` 预期 {concurrency} 个并发连接，超过 {members} 个接收流量的IP类型后端的私网上限 {cap}（{per} × {members}；未绑定弹性公网IP）；至少需要 {needed} 个IP类型后端（FAQ 2.1、5.10）。',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: hybrid-lb
    type: dedicated
    ip_target_enable: true
    listeners:
      - name: tcp-5000
        protocol: TCP
        protocol_port: 5000
        default_pool: onprem-pool
        expected: {concurrency: 300000}   # linter-only: peak concurrent connections
    pools:
      - name: onprem-pool
        protocol: TCP
        lb_algorithm: ROUND_ROBIN
        members:                          # 2 IP-type members: 200,000 privately
          - {address: 10.8.0.10, protocol_port: 5000}
          - {address: 10.8.0.11, protocol_port: 5000}
`,
    good: `        members:                          # 3 IP-type members: 300,000
          - {address: 10.8.0.10, protocol_port: 5000}
          - {address: 10.8.0.11, protocol_port: 5000}
          - {address: 10.8.0.12, protocol_port: 5000}
`,
  },
  check(ctx) {
    for (const l of ctx.model.listeners) {
      const concurrency = l.expected?.concurrency;
      if (concurrency === undefined || l.lb.type !== 'dedicated') continue;
      const members = membersBehind(ctx.index, l).filter((m) => m.weight !== 0);
      if (members.length === 0 || !members.every((m) => ctx.index.isIpTypeMember(m))) continue;
      const isPublic = (l.lb.eips?.length ?? 0) > 0;
      const azs = l.lb.availability_zones?.length ?? 0;
      if (isPublic && azs === 0) continue;
      const factor = isPublic ? azs : 1;
      const cap = IP_MEMBER_CONNECTIONS * members.length * factor;
      if (concurrency <= cap) continue;
      const needed = Math.ceil(concurrency / (IP_MEMBER_CONNECTIONS * factor));
      ctx.report({
        at: l.$,
        field: 'expected.concurrency',
        messageId: isPublic ? 'public' : 'private',
        data: {
          listener: l.name, concurrency: grouped(concurrency, ctx.locale), cap: grouped(cap, ctx.locale),
          per: grouped(IP_MEMBER_CONNECTIONS, ctx.locale), members: members.length, azs, needed,
        },
      });
    }
  },
});
