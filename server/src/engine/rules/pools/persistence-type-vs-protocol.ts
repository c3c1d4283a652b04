import { lbTypeName } from '../../i18n/kinds';
import type { Locale } from '../../types';
import { defineRule } from '../rule';
import { persistenceFitChanges, persistenceMismatch, preferredPersistence } from './persistence-facts';

const TYPE_NAMES: Record<string, Record<Locale, string>> = {
  SOURCE_IP: { en: 'SOURCE_IP (source IP address)', 'zh-cn': 'SOURCE_IP（源IP地址）' },
  HTTP_COOKIE: { en: 'HTTP_COOKIE (load balancer cookie)', 'zh-cn': 'HTTP_COOKIE（负载均衡器cookie）' },
  APP_COOKIE: { en: 'APP_COOKIE (application cookie)', 'zh-cn': 'APP_COOKIE（应用程序cookie）' },
};

function typeName(t: string, locale: Locale): string {
  return TYPE_NAMES[t]?.[locale] ?? t;
}

export default defineRule({
  id: 'ELB402',
  name: 'persistence-type-vs-protocol',
  severity: 'error',
  category: 'pools',
  faq: ['7.1'],
  fixable: true,
  docs: {
    en: {
      summary: 'The session persistence type does not fit the protocol of the backend server group.',
      details: [
        'Which kind of stickiness a pool can use depends on its backend protocol (FAQ 7.1 tables 7-1 and 7-2):',
        '',
        '| pool protocol | persistence types |',
        '|---|---|',
        '| TCP, UDP | `SOURCE_IP` only |',
        '| HTTP, HTTPS, GRPC | `HTTP_COOKIE` or `APP_COOKIE` |',
        '| QUIC (dedicated, with the connection-ID algorithm) | `SOURCE_IP` only |',
        '',
        'A layer-4 pool sees no HTTP, so it cannot use cookies; a layer-7 pool keys stickiness on a cookie, not on the client address.',
        '',
        'The rule stays silent when the pool uses the `SOURCE_IP` algorithm (no persistence may be set at all there: ELB401), for TLS pools (the FAQ tables do not list them), and for shared HTTPS, gRPC and QUIC pools, which shared load balancers do not have (ELB409; FAQ 7.1 table 7-2 lists TCP, UDP and HTTP only).',
        '',
        'The quick fix switches to the allowed type: `SOURCE_IP` for TCP/UDP/QUIC pools, `HTTP_COOKIE` for HTTP/HTTPS/gRPC pools (`APP_COOKIE` would need your application\'s cookie name). It also drops `cookie_name` and brings `persistence_timeout` into the range of the new type (SOURCE_IP 1–60 min, HTTP_COOKIE 1–1440 min, see ELB405).',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '会话保持类型与后端服务器组的协议不匹配。',
      details: [
        '后端服务器组可用的会话保持类型取决于后端协议（FAQ 7.1 表 7-1、表 7-2）：',
        '',
        '| 后端协议 | 会话保持类型 |',
        '|---|---|',
        '| TCP、UDP | 仅 `SOURCE_IP`（源IP地址） |',
        '| HTTP、HTTPS、GRPC | `HTTP_COOKIE`（负载均衡器cookie）或 `APP_COOKIE`（应用程序cookie） |',
        '| QUIC（独享型，连接ID算法） | 仅 `SOURCE_IP`（源IP地址） |',
        '',
        '四层后端服务器组看不到 HTTP 内容，无法使用 cookie；七层后端服务器组按 cookie 保持会话，而不是按客户端地址。',
        '',
        '以下情况本规则不报告：分配策略为源IP算法（此时不能设置任何会话保持，见 ELB401）；TLS 后端服务器组（FAQ 表格未列出）；共享型的 HTTPS、gRPC、QUIC 后端服务器组（共享型不支持这些协议，见 ELB409；FAQ 7.1 表 7-2 只列出 TCP、UDP、HTTP）。',
        '',
        '快速修复会改为允许的类型：TCP/UDP/QUIC 改为 `SOURCE_IP`，HTTP/HTTPS/gRPC 改为 `HTTP_COOKIE`（`APP_COOKIE` 需要填写应用程序自己的 cookie 名称）。同时删除 `cookie_name`，并把 `persistence_timeout` 调整到新类型的取值范围内（源IP地址 1–60 分钟，负载均衡器cookie 1–1440 分钟，见 ELB405）。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Backend server group `{pool}` ({protocol}) of {lbType} load balancer `{lb}` cannot use {type} session persistence; {protocol} pools take {allowed} (FAQ 7.1).',
      fix: 'Change the persistence type to {newType}',
    },
    'zh-cn': {
      default: '{lbType}负载均衡器 `{lb}` 的后端服务器组 `{pool}`（{protocol}）不能使用 {type}会话保持；{protocol} 后端服务器组只支持 {allowed}（FAQ 7.1）。',
      fix: '将会话保持类型改为 {newType}',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: web-lb
    type: dedicated
    listeners:
      - {name: http-80, protocol: HTTP, protocol_port: 80, default_pool: web-pool}
    pools:
      - name: web-pool
        protocol: HTTP
        lb_algorithm: ROUND_ROBIN
        session_persistence: {type: SOURCE_IP, persistence_timeout: 20}
        healthmonitor: {type: HTTP, delay: 5, timeout: 3, max_retries: 3, url_path: /health}
`,
    good: `    pools:
      - name: web-pool
        protocol: HTTP
        lb_algorithm: ROUND_ROBIN
        session_persistence: {type: HTTP_COOKIE, persistence_timeout: 20}
`,
  },
  check(ctx) {
    const or = ctx.locale === 'zh-cn' ? '或' : ' or ';
    for (const pool of ctx.model.pools) {
      const allowed = persistenceMismatch(pool);
      const sp = pool.session_persistence;
      if (!allowed || !sp) continue;
      const newType = preferredPersistence(allowed);
      ctx.report({
        at: sp.$,
        field: 'type',
        data: {
          pool: pool.name, lb: pool.lb.name, lbType: lbTypeName(pool.lb.type, ctx.locale), protocol: pool.protocol ?? '',
          type: typeName(sp.type!, ctx.locale), allowed: allowed.map((t) => typeName(t, ctx.locale)).join(or),
        },
        fixes: [{ messageId: 'fix', data: { newType }, changes: persistenceFitChanges(pool), preferred: true }],
      });
    }
  },
});
