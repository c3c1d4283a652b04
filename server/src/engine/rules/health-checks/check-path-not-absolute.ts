import { defineRule } from '../rule';

/** The absolute path a check should use: the path part of a full URL, else the text with a leading `/`. */
function absolutePath(path: string): string {
  const t = path.trim();
  const url = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(t);
  if (url) return url[1] ?? '/';
  return t.startsWith('/') ? t : '/' + t;
}

export default defineRule({
  id: 'ELB201',
  name: 'check-path-not-absolute',
  severity: 'error',
  category: 'health-checks',
  faq: ['3.1', '3.2'],
  fixable: true,
  docs: {
    en: {
      summary: 'The path of an HTTP or HTTPS health check does not start with `/`.',
      details: [
        'An HTTP or HTTPS health check requests `url_path` on every member. The path must be absolute, written from the root of the site: `/` for the home page, `/chat/try/` or `/chat/index.html` for a page below it, never a full URL and never a relative path such as `health` (FAQ 3.1 table 3-4, 3.2 table 3-8). The API rejects a path that does not start with `/`.',
        '',
        'The quick fix puts a `/` in front of the path (for a full URL it keeps only the path part). Point the check at a small static page that answers quickly; when the application cannot serve one, a TCP check only tests the port.',
        '',
        'Only checks of type `HTTP` and `HTTPS` are looked at: other check types do not use a path.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: 'HTTP 或 HTTPS 健康检查的检查路径不是以 `/` 开头。',
      details: [
        'HTTP/HTTPS 健康检查会向每台后端服务器请求 `url_path`。检查路径必须是从站点根目录写起的绝对路径：首页填 `/`，下级页面填 `/chat/try/` 或 `/chat/index.html` 这样的路径，不能填完整 URL，也不能填 `health` 这样的相对路径（FAQ 3.1 表 3-4、3.2 表 3-8）。不以 `/` 开头的路径会被 API 拒绝。',
        '',
        '快速修复会在路径前加上 `/`（如果填的是完整 URL，则只保留其中的路径部分）。建议检查一个响应快的简单静态页面；如果应用无法提供这样的页面，可以改用 TCP 健康检查，只检查端口。',
        '',
        '只检查类型为 `HTTP` 和 `HTTPS` 的健康检查：其他类型不使用检查路径。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Health check path `{path}` of backend server group `{pool}` is not absolute: an {type} check path must start with `/` (FAQ 3.1, 3.2).',
      fix: 'Change the path to `{newPath}`',
    },
    'zh-cn': {
      default: '后端服务器组 `{pool}` 的健康检查路径 `{path}` 不是绝对路径：{type} 健康检查的检查路径必须以 `/` 开头（FAQ 3.1、3.2）。',
      fix: '将检查路径改为 `{newPath}`',
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
        healthmonitor: {type: HTTP, delay: 5, timeout: 3, max_retries: 3, url_path: health.html}
`,
    good: `        healthmonitor: {type: HTTP, delay: 5, timeout: 3, max_retries: 3, url_path: /health.html}
`,
  },
  check(ctx) {
    for (const pool of ctx.model.pools) {
      const hm = pool.healthmonitor;
      if (!hm || (hm.type !== 'HTTP' && hm.type !== 'HTTPS')) continue;
      const path = hm.url_path;
      if (path === undefined || path.startsWith('/')) continue;
      const newPath = absolutePath(path);
      ctx.report({
        at: hm.$,
        field: 'url_path',
        data: { pool: pool.name, path, type: hm.type },
        fixes: [{ messageId: 'fix', data: { newPath }, changes: [{ op: 'set', at: hm.$, path: 'url_path', value: newPath }], preferred: true }],
      });
    }
  },
});
