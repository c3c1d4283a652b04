import { lbTypeName } from '../../i18n/kinds';
import { defineRule } from '../rule';
import { persistenceWithSourceIp } from './persistence-facts';

export default defineRule({
  id: 'ELB401',
  name: 'persistence-with-source-ip-algorithm',
  severity: 'error',
  category: 'pools',
  faq: ['7.1'],
  fixable: true,
  docs: {
    en: {
      summary: 'A backend server group uses the source IP algorithm and also sets session persistence.',
      details: [
        'With `lb_algorithm: SOURCE_IP` ELB hashes the client address to pick a member, so one client already lands on the same member every time. Session persistence cannot be combined with this algorithm, on dedicated and on shared load balancers alike, for every pool protocol the FAQ lists with this algorithm (TCP, UDP, HTTP, HTTPS, gRPC; FAQ 7.1 tables 7-1 and 7-2). so the rule does not look at the pool protocol.',
        '',
        'Remove `session_persistence`, or keep it and switch to weighted round robin or weighted least connections, which accept it (source IP persistence for TCP/UDP pools, a cookie for HTTP/HTTPS/gRPC pools, see ELB402).',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '后端服务器组的分配策略为源IP算法，同时又配置了会话保持。',
      details: [
        '分配策略为 `lb_algorithm: SOURCE_IP`（源IP算法）时，ELB 按客户端地址计算哈希来选择后端服务器，同一客户端本来就会一直落到同一台服务器上。无论是独享型还是共享型负载均衡器，FAQ 列出的所有可使用该算法的后端协议（TCP、UDP、HTTP、HTTPS、gRPC）都不能再设置会话保持（FAQ 7.1 表 7-1、表 7-2），因此本规则不区分后端协议。',
        '',
        '请删除 `session_persistence`；如果确实需要会话保持，请把分配策略改为加权轮询算法或加权最少连接，再按协议选择会话保持类型（TCP/UDP 使用源IP地址，HTTP/HTTPS/gRPC 使用 cookie，见 ELB402）。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Backend server group `{pool}` of {lbType} load balancer `{lb}` uses the SOURCE_IP algorithm, which cannot be combined with session persistence; the algorithm already sends a client to the same member (FAQ 7.1).',
      fix: 'Remove `session_persistence`',
      relatedAlgorithm: 'the SOURCE_IP algorithm is set here',
    },
    'zh-cn': {
      default: '{lbType}负载均衡器 `{lb}` 的后端服务器组 `{pool}` 使用源IP算法，不能同时设置会话保持；该算法本身已将同一客户端分配到同一台后端服务器（FAQ 7.1）。',
      fix: '删除 `session_persistence`',
      relatedAlgorithm: '此处设置了源IP算法',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: web-lb
    type: dedicated
    listeners:
      - {name: tcp-80, protocol: TCP, protocol_port: 80, default_pool: app-pool}
    pools:
      - name: app-pool
        protocol: TCP
        lb_algorithm: SOURCE_IP
        session_persistence: {type: SOURCE_IP, persistence_timeout: 10}
        healthmonitor: {type: TCP, delay: 5, timeout: 3, max_retries: 3}
`,
    good: `    pools:
      - name: app-pool
        protocol: TCP
        lb_algorithm: SOURCE_IP      # already keeps a client on one member
        healthmonitor: {type: TCP, delay: 5, timeout: 3, max_retries: 3}
`,
  },
  check(ctx) {
    for (const pool of ctx.model.pools) {
      if (!persistenceWithSourceIp(pool)) continue;
      ctx.report({
        at: pool.$,
        span: pool.$.keySpan('session_persistence'),
        field: 'session_persistence',
        data: { pool: pool.name, lb: pool.lb.name, lbType: lbTypeName(pool.lb.type, ctx.locale) },
        related: [{ at: pool.$, field: 'lb_algorithm', messageId: 'relatedAlgorithm' }],
        fixes: [{ messageId: 'fix', changes: [{ op: 'remove', at: pool.$, path: 'session_persistence' }], preferred: true }],
      });
    }
  },
});
