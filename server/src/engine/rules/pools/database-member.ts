import { defineRule } from '../rule';
import { memberField, memberName } from './member-facts';

export default defineRule({
  id: 'ELB416',
  name: 'database-member',
  severity: 'error',
  category: 'pools',
  faq: ['7.3'],
  fixable: false,
  docs: {
    en: {
      summary: 'A member is a database instance, which ELB does not take as a backend.',
      details: [
        'ELB does not accept database instances (RDS and the like) as backend servers, on shared or dedicated load balancers (FAQ 7.3). The rule fires when a member is a server declared with `kind: database` — named by `server`, or given by an `address` that belongs to exactly one such server.',
        '',
        'Spread database load with the database service\'s own means instead (read replicas, a database proxy, the read/write-splitting address), or put the database behind application servers that the load balancer serves.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '后端服务器是数据库实例，ELB 不支持将其作为后端服务器。',
      details: [
        '无论共享型还是独享型，ELB 都不支持把数据库实例（如 RDS）作为后端服务器（FAQ 7.3）。当后端服务器是以 `kind: database` 声明的服务器时本规则报告——通过 `server` 引用，或所填 `address` 恰好属于唯一一台这样的服务器。',
        '',
        '请使用数据库服务自身的能力分担负载（只读实例、数据库代理、读写分离地址），或让负载均衡器面向应用服务器，由应用服务器访问数据库。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Backend server `{member}` of backend server group `{pool}` is a database instance (server `{server}` is declared with `kind: database`): ELB does not take database instances as backends (FAQ 7.3).',
      relatedServer: '`{server}` is declared as a database instance',
    },
    'zh-cn': {
      default: '后端服务器组 `{pool}` 的后端服务器 `{member}` 是数据库实例（服务器 `{server}` 声明为 `kind: database`）：ELB 不支持将数据库实例作为后端服务器（FAQ 7.3）。',
      relatedServer: '`{server}` 声明为数据库实例',
    },
  },
  examples: {
    bad: `version: 1
servers:
  - {name: orders-rds, kind: database, address: 192.168.2.30}
loadbalancers:
  - name: db-lb
    type: dedicated
    l4_flavor: L4_flavor.elb.s1.small
    listeners:
      - {name: tcp-3306, protocol: TCP, protocol_port: 3306, default_pool: mysql-pool}
    pools:
      - name: mysql-pool
        protocol: TCP
        lb_algorithm: LEAST_CONNECTIONS
        healthmonitor: {type: TCP, delay: 5, timeout: 3, max_retries: 3}
        members:
          - {server: orders-rds, protocol_port: 3306}
`,
    good: `servers:
  - {name: orders-app-1, kind: ecs, address: 192.168.1.30}   # the application reads the database
loadbalancers:
  - name: db-lb
    pools:
      - name: app-pool
        members:
          - {server: orders-app-1, protocol_port: 8080}
`,
  },
  check(ctx) {
    for (const m of ctx.model.members) {
      const server = ctx.index.serverOf(m);
      if (server?.server_kind !== 'database') continue;
      const data = { member: memberName(m), pool: m.pool.name, server: server.name };
      ctx.report({ at: m.$, field: memberField(m), data, related: [{ at: server.$, field: 'kind', messageId: 'relatedServer', data }] });
    }
  },
});
