import { lbTypeName } from '../../i18n/kinds';
import { defineRule } from '../rule';
import { addressKey, memberAddresses, memberField, memberName, transparentClientIp } from './member-facts';

export default defineRule({
  id: 'ELB414',
  name: 'backend-both-client-and-server',
  severity: 'warning',
  category: 'pools',
  faq: ['2.2', '2.5', '4.5', '4.9'],
  fixable: false,
  notInFaq: {
    en: 'The NAT64 exemption is an API fact (ELB v3 API: `transparent_client_ip_enable` cannot be combined with `nat64_enable`), not from the FAQ. Reading a whitelist entry as "this server is a client" is the linter\'s way to learn the fact from a configuration; the FAQ states only the conflict itself.',
    'zh-cn': 'NAT64 的例外来自 API 说明（ELB v3 API：`transparent_client_ip_enable` 不能与 `nat64_enable` 同时开启），不是 FAQ 的内容。把白名单条目理解为“该服务器是客户端”是检查工具从配置中获取这一事实的方式；FAQ 只说明了冲突本身。',
  },
  docs: {
    en: {
      summary: 'A member is also a client of the TCP/UDP listener that forwards to it with transparent client IP; its own requests never get an answer.',
      details: [
        'With transparent client IP (获取客户端IP) a TCP or UDP listener hands the member the client\'s own address as the source. When the client is the member itself, the packet arrives with a local source address: the server takes it for a packet it sent itself, and the reply never goes back to ELB (FAQ 2.2 step 4, 2.5 item 7, 4.5).',
        '',
        'The configuration shows a member as a client of a listener when the listener\'s whitelist (an IP group with `type: white`, access control on) contains exactly the member\'s address, as a single address, `/32` or `/128`. The rule then fires if transparent client IP is in effect on that listener: shared TCP/UDP listeners with `transparent_client_ip_enable` on; dedicated TCP/UDP listeners always, unless the load balancer has `ip_target_enable` on (FAQ 4.9, 4.5 note). HTTP, HTTPS, QUIC and TLS listeners are fine: ELB opens its own connection to the member there.',
        '',
        'What to do: let the server reach the service directly instead of through the load balancer; or use an L7 listener; or, on a shared load balancer, switch transparent client IP off. On a dedicated load balancer IP-type backends (`ip_target_enable`) also end the problem, at the price of losing the client IP on every TCP/UDP listener.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '后端服务器同时又是以获取客户端IP方式转发给它的 TCP/UDP 监听器的客户端，其自身的请求得不到应答。',
      details: [
        '开启获取客户端IP后，TCP 或 UDP 监听器转发给后端服务器的报文以客户端的真实地址为源地址。如果客户端就是该后端服务器自己，报文的源地址是本机地址：服务器会认为这是本机发出的报文，应答无法返回给 ELB，回程流量不通（FAQ 2.2 步骤四、2.5 第 7 项、4.5）。',
        '',
        '当监听器的白名单（`type: white` 且开启访问控制的IP地址组）中恰好包含某台后端服务器的地址（单个地址、`/32` 或 `/128`）时，配置表明该服务器是这个监听器的客户端。如果该监听器的获取客户端IP生效，本规则报告：共享型 TCP/UDP 监听器开启了 `transparent_client_ip_enable`；独享型 TCP/UDP 监听器始终生效，除非负载均衡器开启了 `ip_target_enable`（FAQ 4.9、4.5 说明）。HTTP、HTTPS、QUIC 和 TLS 监听器没有这个问题：ELB 会与后端服务器另建连接。',
        '',
        '处理办法：让该服务器直接访问服务，不经过负载均衡器；或改用七层监听器；共享型也可以关闭获取客户端IP。独享型开启IP类型后端（`ip_target_enable`）同样可以解决，但所有 TCP/UDP 监听器都将无法获取客户端IP。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Backend server {member} is on the whitelist `{group}` of {protocol} listener `{listener}`, which forwards to it with transparent client IP on {lbType} load balancer `{lb}`: requests the server sends through this listener to itself get no reply (FAQ 2.2, 4.5).',
      relatedWhitelist: 'whitelist `{group}` lists {address}',
    },
    'zh-cn': {
      default: '后端服务器 {member} 在{lbType}负载均衡器 `{lb}` 的 {protocol} 监听器 `{listener}` 的白名单 `{group}` 中，而该监听器以获取客户端IP方式转发给它：该服务器经此监听器访问自己时收不到应答（FAQ 2.2、4.5）。',
      relatedWhitelist: '白名单 `{group}` 包含 {address}',
    },
  },
  examples: {
    bad: `version: 1
servers:
  - {name: app-1, address: 192.168.1.10}
ip_groups:
  - {name: internal, ip_list: [192.168.1.10/32, 192.168.1.11/32]}
loadbalancers:
  - name: app-lb
    type: dedicated
    l4_flavor: L4_flavor.elb.s1.small
    listeners:
      - name: tcp-6379
        protocol: TCP
        protocol_port: 6379
        default_pool: cache-pool
        ipgroup: {ip_group: internal, type: white}
    pools:
      - name: cache-pool
        protocol: TCP
        lb_algorithm: ROUND_ROBIN
        healthmonitor: {type: TCP, delay: 5, timeout: 3, max_retries: 3}
        members:
          - {server: app-1, protocol_port: 6379}   # also a client of tcp-6379
`,
    good: `ip_groups:
  - {name: internal, ip_list: [192.168.1.11/32]}   # app-1 talks to the cache directly
`,
  },
  check(ctx) {
    for (const l of ctx.model.listeners) {
      if (transparentClientIp(l) !== true) continue;
      const ig = l.ipgroup;
      if (!ig || ig.enable_ipgroup === false || (ig.type ?? 'white') !== 'white') continue;
      const group = ig.ip_group?.target;
      if (!group?.ip_list) continue;
      const listed = new Set<string>();
      for (const e of group.ip_list) {
        const k = addressKey(e);
        if (k) listed.add(k);
      }
      if (listed.size === 0) continue;
      for (const pool of ctx.index.poolsOf(l)) {
        for (const m of pool.members) {
          const address = memberAddresses(ctx.index, m).find((a) => {
            const k = addressKey(a);
            return k !== undefined && listed.has(k);
          });
          if (!address) continue;
          const name = memberName(m);
          const member = name === address ? '`' + address + '`' : ctx.locale === 'zh-cn' ? '`' + name + '`（' + address + '）' : '`' + name + '` (' + address + ')';
          const data = {
            member, address, group: group.name, listener: l.name, protocol: l.protocol!,
            lb: l.lb.name, lbType: lbTypeName(l.lb.type, ctx.locale),
          };
          ctx.report({ at: m.$, field: memberField(m), data, related: [{ at: group.$, field: 'ip_list', messageId: 'relatedWhitelist', data }] });
        }
      }
    }
  },
});
