import { defineRule } from '../rule';
import { persistenceMismatch, persistenceWithSourceIp } from './persistence-facts';

export default defineRule({
  id: 'ELB404',
  name: 'app-cookie-without-name',
  severity: 'error',
  category: 'pools',
  faq: [],
  fixable: false,
  notInFaq: {
    en: 'The whole rule is an API constraint (ELB v3 API, `session_persistence.cookie_name`: required for `APP_COOKIE`, at most 1024 characters). The FAQ only names the application-cookie persistence type (FAQ 7.1) and says nothing on its cookie name.',
    'zh-cn': '本规则整体来自 API 约束（ELB v3 API 的 `session_persistence.cookie_name`：`APP_COOKIE` 时必填，最长 1024 个字符）。FAQ 只提到应用程序cookie这一会话保持类型（FAQ 7.1），没有说明 cookie 名称。',
  },
  docs: {
    en: {
      summary: 'Application-cookie session persistence without the name of the cookie.',
      details: [
        'With `APP_COOKIE` (application cookie) persistence ELB does not insert a cookie of its own: it keeps a client on one member by a cookie that your application sets, so it has to be told that cookie\'s name in `cookie_name` (for example `JSESSIONID`). The API refuses `APP_COOKIE` without it.',
        '',
        'Fill in the cookie your application really sets; the linter cannot guess it, so there is no quick fix. If you do not want to depend on an application cookie, use `HTTP_COOKIE` (load balancer cookie) instead, which needs no name.',
        '',
        'The rule stays silent when ELB401 or ELB402 already reports the persistence (the pool uses the source IP algorithm, or the pool protocol does not take cookie persistence): their fixes remove or replace the cookie type.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '会话保持类型为应用程序cookie，但没有填写 cookie 名称。',
      details: [
        '会话保持类型为 `APP_COOKIE`（应用程序cookie）时，ELB 不会插入自己的 cookie，而是按应用程序自己设置的 cookie 把客户端固定到同一台后端服务器，因此必须在 `cookie_name` 中告诉 ELB 该 cookie 的名称（例如 `JSESSIONID`）。缺少该字段时 API 会拒绝创建。',
        '',
        '请填写应用程序实际设置的 cookie 名称；检查工具无法推断它，因此没有快速修复。如果不想依赖应用程序的 cookie，可以改用 `HTTP_COOKIE`（负载均衡器cookie），它不需要名称。',
        '',
        '如果 ELB401 或 ELB402 已经报告了这个会话保持（分配策略为源IP算法，或后端协议不支持 cookie 会话保持），本规则不重复报告：它们的修复会删除或替换 cookie 类型。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Backend server group `{pool}` uses application-cookie persistence (`APP_COOKIE`) but gives no `cookie_name`: ELB needs the name of the cookie your application sets (API constraint, not in the FAQ).',
    },
    'zh-cn': {
      default: '后端服务器组 `{pool}` 的会话保持类型为应用程序cookie（`APP_COOKIE`），但没有填写 `cookie_name`：ELB 需要知道应用程序设置的 cookie 名称（API 约束，FAQ 未提及）。',
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
        session_persistence: {type: APP_COOKIE}     # which cookie?
        healthmonitor: {type: HTTP, delay: 5, timeout: 3, max_retries: 3, url_path: /}
`,
    good: `        session_persistence: {type: APP_COOKIE, cookie_name: JSESSIONID}
`,
  },
  check(ctx) {
    for (const pool of ctx.model.pools) {
      const sp = pool.session_persistence;
      if (!sp || sp.type !== 'APP_COOKIE') continue;
      if (sp.cookie_name !== undefined && sp.cookie_name.trim() !== '') continue;
      if (persistenceWithSourceIp(pool) || persistenceMismatch(pool)) continue;
      ctx.report({ at: sp.$, field: 'type', data: { pool: pool.name } });
    }
  },
});
