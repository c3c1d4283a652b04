import type { Listener, PoolProtocol } from '../../model/types';
import type { Locale } from '../../types';
import { defineRule, type RelatedSpec } from '../rule';

/** The console's default check values, used by the quick fix. */
const DELAY = 5;
const TIMEOUT = 3;
const MAX_RETRIES = 3;

/** A health monitor that fits the pool protocol: TCP for TCP/TLS, UDP_CONNECT for UDP/QUIC, HTTP `/` for HTTP/HTTPS/gRPC. */
function monitorFor(protocol: PoolProtocol | undefined): Record<string, unknown> | undefined {
  switch (protocol) {
    case 'TCP':
    case 'TLS':
      return { type: 'TCP', delay: DELAY, timeout: TIMEOUT, max_retries: MAX_RETRIES };
    case 'UDP':
    case 'QUIC':
      return { type: 'UDP_CONNECT', delay: DELAY, timeout: TIMEOUT, max_retries: MAX_RETRIES };
    case 'HTTP':
    case 'HTTPS':
    case 'GRPC':
      return { type: 'HTTP', delay: DELAY, timeout: TIMEOUT, max_retries: MAX_RETRIES, url_path: '/' };
    default:
      return undefined;
  }
}

function listenerNames(listeners: Listener[], locale: Locale): string {
  const names = listeners.map((l) => '`' + l.name + '`');
  if (locale === 'zh-cn') return '监听器 ' + names.join('、');
  return (listeners.length === 1 ? 'listener ' : 'listeners ') + names.join(', ');
}

export default defineRule({
  id: 'ELB202',
  name: 'pool-without-health-check',
  severity: 'warning',
  category: 'health-checks',
  faq: ['3.1', '3.2', '3.7', '2.2'],
  fixable: true,
  docs: {
    en: {
      summary: 'A backend server group that receives traffic from a listener has no health check, or its health check is switched off.',
      details: [
        'Without a working health check ELB has no way to tell a failed member from a healthy one: it counts every member as online and keeps forwarding requests to a server that has crashed or stopped listening (FAQ 3.1 and 3.2 background, 3.7 item 2). Traffic then fails over only when you remove the member by hand.',
        '',
        'The rule looks at pools that a listener uses, as its default pool or through a forwarding policy. A pool fires when it has no `healthmonitor` (absent or `null`) or when the monitor has `admin_state_up: false`.',
        '',
        'The quick fix adds a check that suits the pool protocol, with the console defaults (interval 5 s, timeout 3 s, 3 retries): a TCP check for TCP and TLS pools, a `UDP_CONNECT` check for UDP and QUIC pools, an HTTP check of `/` for HTTP, HTTPS and gRPC pools. For a switched-off check it sets `admin_state_up: true`.',
        '',
        'Once the check runs, the members\' security groups and network ACLs must admit it from the ELB source range (ELB101, ELB104), and a UDP check also needs ICMP (ELB105). If checks fill your logs, lengthen the interval instead of turning the check off (FAQ 3.7).',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '监听器在使用的后端服务器组没有配置健康检查，或健康检查已关闭。',
      details: [
        '没有生效的健康检查时，ELB 无法区分故障和正常的后端服务器：它会把所有后端服务器都当作正常在线，继续向已经宕机或停止监听的服务器转发请求（FAQ 3.1、3.2 背景介绍，3.7 第 2 项），只有手动移除该服务器后流量才会切走。',
        '',
        '本规则检查被监听器使用的后端服务器组（作为默认后端服务器组或转发策略的目标）。没有 `healthmonitor`（未填写或为 `null`），或健康检查设置了 `admin_state_up: false` 时报告。',
        '',
        '快速修复会按后端协议添加健康检查，取控制台默认值（检查间隔 5 秒、超时时间 3 秒、最大重试次数 3）：TCP 和 TLS 使用 TCP 检查，UDP 和 QUIC 使用 `UDP_CONNECT` 检查，HTTP、HTTPS 和 gRPC 使用检查路径为 `/` 的 HTTP 检查。对已关闭的健康检查，修复会设置 `admin_state_up: true`。',
        '',
        '开启健康检查后，后端服务器的安全组和网络ACL必须放通来自 ELB 源地址段的检查流量（ELB101、ELB104），UDP 检查还需要放通 ICMP（ELB105）。如果健康检查产生的日志过多，请加大检查间隔，而不是关闭健康检查（FAQ 3.7）。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      missing: 'Backend server group `{pool}` serves {listeners} but has no health check: ELB counts every member as healthy and keeps sending traffic to members that have failed (FAQ 3.1, 3.7).',
      disabled: 'The health check of backend server group `{pool}`, which serves {listeners}, is switched off: ELB counts every member as healthy and keeps sending traffic to members that have failed (FAQ 3.1, 3.7).',
      fixAdd: 'Add a health check: {check}, interval 5 s, timeout 3 s, 3 retries',
      fixEnable: 'Switch the health check on',
      relatedListener: 'listener `{listener}` forwards to this backend server group',
    },
    'zh-cn': {
      missing: '后端服务器组 `{pool}` 被{listeners} 使用，但没有配置健康检查：ELB 会把所有后端服务器都视为正常，继续向已故障的服务器转发流量（FAQ 3.1、3.7）。',
      disabled: '后端服务器组 `{pool}` 被{listeners} 使用，但其健康检查已关闭：ELB 会把所有后端服务器都视为正常，继续向已故障的服务器转发流量（FAQ 3.1、3.7）。',
      fixAdd: '添加健康检查：{check}，检查间隔 5 秒，超时时间 3 秒，最大重试次数 3',
      fixEnable: '开启健康检查',
      relatedListener: '监听器 `{listener}` 将流量转发到此后端服务器组',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: web-lb
    listeners:
      - {name: http-80, protocol: HTTP, protocol_port: 80, default_pool: web-pool}
    pools:
      - name: web-pool
        protocol: HTTP
        lb_algorithm: ROUND_ROBIN
        members:
          - {address: 192.168.1.10, protocol_port: 8080}
`,
    good: `    pools:
      - name: web-pool
        protocol: HTTP
        lb_algorithm: ROUND_ROBIN
        healthmonitor: {type: HTTP, delay: 5, timeout: 3, max_retries: 3, url_path: /}
        members:
          - {address: 192.168.1.10, protocol_port: 8080}
`,
  },
  check(ctx) {
    for (const pool of ctx.model.pools) {
      const listeners = ctx.index.listenersOf(pool);
      if (listeners.length === 0) continue;
      const data = { pool: pool.name, listeners: listenerNames(listeners, ctx.locale) };
      const related: RelatedSpec[] = listeners.map((l) => ({ at: l.$, messageId: 'relatedListener', data: { listener: l.name } }));
      const hm = pool.healthmonitor;
      if (hm === undefined || hm === null) {
        const monitor = monitorFor(pool.protocol);
        const check = monitor ? (monitor.type === 'HTTP' ? 'HTTP `/`' : String(monitor.type)) : '';
        ctx.report({
          at: pool.$,
          span: hm === null ? pool.$.keySpan('healthmonitor') : undefined,
          messageId: 'missing',
          data,
          related,
          fixes: monitor ? [{ messageId: 'fixAdd', data: { check }, changes: [{ op: 'set', at: pool.$, path: 'healthmonitor', value: monitor }], preferred: true }] : [],
        });
      } else if (hm.admin_state_up === false) {
        ctx.report({
          at: hm.$,
          field: 'admin_state_up',
          messageId: 'disabled',
          data,
          related,
          fixes: [{ messageId: 'fixEnable', changes: [{ op: 'set', at: hm.$, path: 'admin_state_up', value: true }], preferred: true }],
        });
      }
    }
  },
});
