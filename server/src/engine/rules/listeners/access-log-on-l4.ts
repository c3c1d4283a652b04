import { defineRule } from '../rule';
import { activeAccessLog } from './access-log-facts';

/** Listener protocols whose traffic the access log records (FAQ 8.5). */
const LOGGED = new Set(['HTTP', 'HTTPS']);

export default defineRule({
  id: 'ELB306',
  name: 'access-log-on-l4',
  severity: 'error',
  category: 'listeners',
  faq: ['8.5'],
  fixable: true,
  docs: {
    en: {
      summary: 'Access logging is configured on a load balancer that has no HTTP or HTTPS listener, so nothing is ever logged.',
      details: [
        'ELB access logs record layer-7 HTTP/HTTPS traffic only; TCP and UDP traffic is not logged (FAQ 8.5). The FAQ does not list TLS or QUIC among the protocols that are logged, so the rule does not count them either. A load balancer whose listeners are all TCP, UDP, TLS or QUIC writes nothing to its log stream, and the console shows no logs however long you wait.',
        '',
        'In our format, as in the API, the access log (`access_log`, an LTS log group and log stream) belongs to the load balancer, not to a listener. The rule therefore fires when a load balancer has an access log that is not switched off (`enabled: false`) and at least one listener, none of them HTTP or HTTPS. It stays silent while any listener\'s protocol is unknown, and on a load balancer with no listeners at all (ELB609 covers that).',
        '',
        'The quick fix removes `access_log`. If you need connection-level records for TCP/UDP, add an HTTP/HTTPS listener for the traffic that should be logged, or log on the backends.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '负载均衡器配置了访问日志，但没有 HTTP 或 HTTPS 监听器，因此不会记录任何日志。',
      details: [
        'ELB 访问日志只记录七层 HTTP/HTTPS 流量，四层 TCP/UDP 流量不支持访问日志（FAQ 8.5）。FAQ 没有把 TLS、QUIC 列为支持访问日志的协议，本规则也不把它们计入。如果负载均衡器的监听器全部是 TCP、UDP、TLS 或 QUIC，日志流中不会有任何记录，控制台上也一直看不到日志。',
        '',
        '在本格式中（与 API 一致），访问日志（`access_log`，即 LTS 日志组和日志流）属于负载均衡器，而不属于某个监听器。因此当负载均衡器配置了未关闭（`enabled: false`）的访问日志，并且至少有一个监听器、但没有任何 HTTP 或 HTTPS 监听器时，本规则报告。任一监听器协议未知时不报告；没有任何监听器的负载均衡器也不报告（由 ELB609 检查）。',
        '',
        '快速修复会删除 `access_log`。如果需要记录 TCP/UDP 访问情况，请为需要记录的流量添加 HTTP/HTTPS 监听器，或在后端服务器上记录日志。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Load balancer `{lb}` has an access log, but its listeners are only {protocols}: access logs record HTTP/HTTPS traffic only, so nothing will be logged (FAQ 8.5).',
      fixRemove: 'Remove `access_log`',
    },
    'zh-cn': {
      default: '负载均衡器 `{lb}` 配置了访问日志，但其监听器只有 {protocols}：访问日志只记录 HTTP/HTTPS 流量，因此不会记录任何日志（FAQ 8.5）。',
      fixRemove: '删除 `access_log`',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: game-lb
    l4_flavor: L4_flavor.elb.s1.small
    access_log: {log_group: elb-logs, log_topic: game}   # TCP/UDP traffic is not logged
    listeners:
      - {name: game-tcp, protocol: TCP, protocol_port: 7000, default_pool: game-pool}
    pools:
      - name: game-pool
        protocol: TCP
        lb_algorithm: ROUND_ROBIN
        healthmonitor: {type: TCP, delay: 5, timeout: 3, max_retries: 3}
`,
    good: `loadbalancers:
  - name: game-lb
    l4_flavor: L4_flavor.elb.s1.small
    listeners:
      - {name: game-tcp, protocol: TCP, protocol_port: 7000, default_pool: game-pool}
`,
  },
  check(ctx) {
    const sep = ctx.locale === 'zh-cn' ? '、' : ', ';
    for (const lb of ctx.model.loadbalancers) {
      if (!activeAccessLog(lb) || lb.listeners.length === 0) continue;
      if (lb.listeners.some((l) => l.protocol === undefined || LOGGED.has(l.protocol))) continue;
      const protocols = [...new Set(lb.listeners.map((l) => l.protocol!))].join(sep);
      ctx.report({
        at: lb.$,
        span: lb.$.keySpan('access_log'),
        data: { lb: lb.name, protocols },
        fixes: [{ messageId: 'fixRemove', changes: [{ op: 'remove', at: lb.$, path: 'access_log' }], preferred: true }],
      });
    }
  },
});
