import { listenerLayer } from '../../model/indexes';
import type { Locale } from '../../types';
import { defineRule } from '../rule';

/** FAQ 6.6 table 6-2, in seconds. */
const IDLE_L4 = { min: 10, max: 4000 };
const IDLE_L7 = { min: 0, max: 4000 };
const REQUEST_RESPONSE = { min: 1, max: 300 };

type TimeoutField = 'keepalive_timeout' | 'client_timeout' | 'member_timeout';

const NAMES: Record<TimeoutField, Record<Locale, string>> = {
  keepalive_timeout: { en: 'Idle timeout', 'zh-cn': '空闲超时时间' },
  client_timeout: { en: 'Request timeout', 'zh-cn': '请求超时时间' },
  member_timeout: { en: 'Response timeout', 'zh-cn': '响应超时时间' },
};

function clamp(v: number, r: { min: number; max: number }): number {
  return Math.min(r.max, Math.max(r.min, v));
}

export default defineRule({
  id: 'ELB302',
  name: 'listener-timeout-out-of-range',
  severity: 'error',
  category: 'listeners',
  faq: ['6.6'],
  fixable: true,
  docs: {
    en: {
      summary: 'A listener timeout is outside its range, or a request/response timeout is set on a TCP, UDP or TLS listener.',
      details: [
        'A listener has up to three timeouts, all in seconds (FAQ 6.6 table 6-2):',
        '',
        '| timeout | field | TCP, UDP, TLS | HTTP, HTTPS, QUIC |',
        '|---|---|---|---|',
        '| idle timeout | `keepalive_timeout` | 10–4000 | 0–4000 |',
        '| request timeout | `client_timeout` | — | 1–300 |',
        '| response timeout | `member_timeout` | — | 1–300 |',
        '',
        'The idle timeout closes a connection that carries no request for that long. The request timeout limits how long ELB waits for a client to send a whole request; the response timeout how long it waits for a member to answer before it retries another member or returns 504.',
        '',
        'Which protocols take which timeout: table 6-2 lists the request and response timeouts only in the HTTP/HTTPS/QUIC row, so the rule treats them as layer-7 settings and reports them on TCP, UDP and TLS listeners, which have the idle timeout alone. (The API text names only HTTP and HTTPS for these two fields; the rule follows the FAQ and accepts them on QUIC as well.)',
        '',
        'The quick fix moves a value to the nearest end of its range, or removes a request/response timeout from a TCP/UDP/TLS listener. The idle timeout of a shared UDP listener cannot be set at all (FAQ 6.6 note); that case is reported by ELB303, not here.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '监听器的超时时间超出取值范围，或在 TCP、UDP、TLS 监听器上设置了请求超时/响应超时时间。',
      details: [
        '监听器最多有三个超时时间，单位均为秒（FAQ 6.6 表 6-2）：',
        '',
        '| 超时时间 | 字段 | TCP、UDP、TLS | HTTP、HTTPS、QUIC |',
        '|---|---|---|---|',
        '| 空闲超时时间 | `keepalive_timeout` | 10–4000 | 0–4000 |',
        '| 请求超时时间 | `client_timeout` | — | 1–300 |',
        '| 响应超时时间 | `member_timeout` | — | 1–300 |',
        '',
        '空闲超时时间：连接在这段时间内没有请求就会被关闭。请求超时时间：等待客户端发完整个请求的最长时间。响应超时时间：等待后端服务器响应的最长时间，超时后 ELB 会向其他后端服务器重试，或返回 504。',
        '',
        '适用协议：表 6-2 只在 HTTP/HTTPS/QUIC 一行列出请求超时和响应超时时间，因此本规则把它们视为七层监听器的参数，在只有空闲超时时间的 TCP、UDP、TLS 监听器上设置时报告。（API 文档中这两个字段只写了 HTTP 和 HTTPS；本规则以 FAQ 为准，QUIC 监听器上也接受。）',
        '',
        '快速修复会把取值改为范围内最接近的边界值，或从 TCP/UDP/TLS 监听器上删除请求超时/响应超时时间。共享型 UDP 监听器不能设置空闲超时时间（FAQ 6.6 说明），这种情况由 ELB303 报告，本规则不报告。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      range: '{name} {value} s of {protocol} listener `{listener}` is outside {min}–{max} s, the range for {protocols} listeners (FAQ 6.6).',
      notOnL4: '{name} {value} s is set on {protocol} listener `{listener}`, but only HTTP, HTTPS and QUIC listeners take it; TCP, UDP and TLS listeners have only the idle timeout ({min}–{max} s) (FAQ 6.6).',
      fixClamp: 'Set `{field}` to {newValue}',
      fixRemove: 'Remove `{field}`',
    },
    'zh-cn': {
      range: '{protocol} 监听器 `{listener}` 的{name} {value} 秒超出取值范围 {min}–{max} 秒（{protocols} 监听器，FAQ 6.6）。',
      notOnL4: '{protocol} 监听器 `{listener}` 设置了{name} {value} 秒，但只有 HTTP、HTTPS、QUIC 监听器支持该参数；TCP、UDP、TLS 监听器只有空闲超时时间（{min}–{max} 秒）（FAQ 6.6）。',
      fixClamp: '将 `{field}` 改为 {newValue}',
      fixRemove: '删除 `{field}`',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: web-lb
    listeners:
      - name: tcp-80
        protocol: TCP
        protocol_port: 80
        default_pool: app-pool
        keepalive_timeout: 5        # below 10 s
        member_timeout: 60          # TCP listeners have no response timeout
    pools:
      - name: app-pool
        protocol: TCP
        lb_algorithm: ROUND_ROBIN
        healthmonitor: {type: TCP, delay: 5, timeout: 3, max_retries: 3}
`,
    good: `    listeners:
      - name: tcp-80
        protocol: TCP
        protocol_port: 80
        default_pool: app-pool
        keepalive_timeout: 10
`,
  },
  check(ctx) {
    for (const l of ctx.model.listeners) {
      const layer = listenerLayer(l.protocol);
      if (!layer) continue;
      const protocol = l.protocol!;
      const idle = layer === 'L4' ? IDLE_L4 : IDLE_L7;
      const protocols = layer === 'L4' ? 'TCP/UDP/TLS' : 'HTTP/HTTPS/QUIC';
      const base = (field: TimeoutField, value: number) => ({
        listener: l.name, protocol, protocols, field, value, name: NAMES[field][ctx.locale],
      });
      const reportRange = (field: TimeoutField, value: number, range: { min: number; max: number }): void => {
        const newValue = clamp(value, range);
        ctx.report({
          at: l.$,
          field,
          messageId: 'range',
          data: { ...base(field, value), min: range.min, max: range.max },
          fixes: [{ messageId: 'fixClamp', data: { field, newValue }, changes: [{ op: 'set', at: l.$, path: field, value: newValue }], preferred: true }],
        });
      };
      // A shared UDP listener's idle timeout cannot be set at all: ELB303 reports it.
      const idleIsOurs = !(l.lb.type === 'shared' && protocol === 'UDP');
      const keepalive = l.keepalive_timeout;
      if (idleIsOurs && keepalive !== undefined && (keepalive < idle.min || keepalive > idle.max)) {
        reportRange('keepalive_timeout', keepalive, idle);
      }
      for (const field of ['client_timeout', 'member_timeout'] as const) {
        const value = l[field];
        if (value === undefined) continue;
        if (layer === 'L4') {
          ctx.report({
            at: l.$,
            field,
            messageId: 'notOnL4',
            data: { ...base(field, value), min: IDLE_L4.min, max: IDLE_L4.max },
            fixes: [{ messageId: 'fixRemove', data: { field }, changes: [{ op: 'remove', at: l.$, path: field }], preferred: true }],
          });
        } else if (value < REQUEST_RESPONSE.min || value > REQUEST_RESPONSE.max) {
          reportRange(field, value, REQUEST_RESPONSE);
        }
      }
    }
  },
});
