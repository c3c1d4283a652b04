import type { LoadBalancer, Member, Server } from '../../model/types';
import { defineRule } from '../rule';
import { nameList } from './member-facts';

export default defineRule({
  id: 'ELB418',
  name: 'member-eip-unneeded',
  severity: 'info',
  category: 'pools',
  faq: ['7.6', '9.2'],
  fixable: false,
  docs: {
    en: {
      summary: 'A member of a public load balancer has an EIP of its own, which ELB does not need.',
      details: [
        'A load balancer reaches its members over the private network, also when clients come in through the load balancer\'s EIP: the members need no public address for that (FAQ 7.6). An EIP on the member is billed on its own, apart from the load balancer\'s bandwidth (FAQ 9.2), and it opens a second way to the server that bypasses the load balancer, its access control included (see ELB107).',
        '',
        'The rule fires, once per server, when a server declared with `public_ip: true` is a member of a load balancer that has at least one EIP (`eips`). It is information: the server may need the EIP for other reasons (outbound access, administration); if not, release it, and use a NAT gateway for outbound traffic.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '公网负载均衡器的后端服务器自己绑定了 EIP，而 ELB 并不需要它。',
      details: [
        '负载均衡器通过私网把请求转发给后端服务器，即使客户端是通过负载均衡器的 EIP 访问：后端服务器不需要为此绑定公网地址（FAQ 7.6）。后端服务器上的 EIP 会单独计费，与负载均衡器的带宽无关（FAQ 9.2），而且提供了一条绕过负载均衡器（包括其访问控制）访问服务器的路径（见 ELB107）。',
        '',
        '当以 `public_ip: true` 声明的服务器是某个绑定了 EIP（`eips`）的负载均衡器的后端服务器时，本规则对每台服务器报告一次。这只是提示：服务器可能因其他原因需要 EIP（访问公网、运维）；如果不需要，请解绑释放，出方向访问可使用 NAT 网关。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Server `{server}` has its own EIP, yet as a backend server of load balancer {lbs} it is reached over the private network: ELB does not need the EIP, which is billed separately and lets clients bypass the load balancer (FAQ 7.6, 9.2).',
      relatedMember: 'member of `{pool}` on load balancer `{lb}`, which has an EIP',
    },
    'zh-cn': {
      default: '服务器 `{server}` 绑定了自己的弹性公网IP，但作为负载均衡器 {lbs} 的后端服务器，它通过私网被访问：ELB 不需要这个弹性公网IP，它会单独计费，并让客户端可以绕过负载均衡器访问（FAQ 7.6、9.2）。',
      relatedMember: '负载均衡器 `{lb}`（已绑定弹性公网IP）的后端服务器组 `{pool}` 中的后端服务器',
    },
  },
  examples: {
    bad: `version: 1
servers:
  - {name: web-1, address: 192.168.1.10, public_ip: true}
loadbalancers:
  - name: web-lb
    eips: [{address: 203.0.113.10, bandwidth: 50}]
    listeners:
      - {name: http-80, protocol: HTTP, protocol_port: 80, default_pool: web-pool}
    pools:
      - name: web-pool
        protocol: HTTP
        lb_algorithm: ROUND_ROBIN
        healthmonitor: {type: HTTP, delay: 5, timeout: 3, max_retries: 3, url_path: /}
        members:
          - {server: web-1, protocol_port: 8080}
`,
    good: `servers:
  - {name: web-1, address: 192.168.1.10, public_ip: false}   # reached through the ELB only
`,
  },
  check(ctx) {
    const uses = new Map<Server, { lbs: LoadBalancer[]; members: Member[] }>();
    for (const m of ctx.model.members) {
      const lb = m.pool.lb;
      if (!lb.eips || lb.eips.length === 0) continue;
      const server = ctx.index.serverOf(m);
      if (!server || server.public_ip !== true) continue;
      let u = uses.get(server);
      if (!u) uses.set(server, (u = { lbs: [], members: [] }));
      if (!u.lbs.includes(lb)) u.lbs.push(lb);
      u.members.push(m);
    }
    for (const [server, u] of uses) {
      ctx.report({
        at: server.$,
        field: 'public_ip',
        data: { server: server.name, lbs: nameList(u.lbs.map((l) => l.name), ctx.locale) },
        related: u.members.map((m) => ({ at: m.$, messageId: 'relatedMember', data: { pool: m.pool.name, lb: m.pool.lb.name } })),
      });
    }
  },
});
