import type { ModelIndex } from '../../model/indexes';
import type { Listener, Member } from '../../model/types';
import { parseRange } from '../../network/cidr';
import type { Locale } from '../../types';
import { defineRule, type RelatedSpec } from '../rule';
import { addressKey, memberField, memberName, transparentClientIp } from './member-facts';

/** Which machine a member is: its server when known, else its address. */
function hostKey(index: ModelIndex, m: Member): string | undefined {
  const s = index.serverOf(m);
  if (s) return 'S:' + s.name;
  if (m.address === undefined) return undefined;
  return 'A:' + (addressKey(m.address) ?? m.address);
}

function listenerLabel(l: Listener, locale: Locale): string {
  return locale === 'zh-cn' ? '`' + l.lb.name + '` 的监听器 `' + l.name + '`' : '`' + l.name + '` of `' + l.lb.name + '`';
}

function labels(ls: Listener[], locale: Locale): string {
  return ls.map((l) => listenerLabel(l, locale)).join(locale === 'zh-cn' ? '、' : ', ');
}

/** Number of frontend ports of a full-port listener, `Infinity` when its ranges are not given. */
function portCount(l: Listener): number {
  if (!l.port_ranges) return Infinity;
  let n = 0;
  for (const r of l.port_ranges) {
    if (r.start_port === undefined || r.end_port === undefined) return Infinity;
    n += Math.max(0, r.end_port - r.start_port + 1);
  }
  return n;
}

export default defineRule({
  id: 'ELB413',
  name: 'five-tuple-conflict',
  severity: 'warning',
  category: 'pools',
  faq: ['2.3', '2.4'],
  fixable: false,
  notInFaq: {
    en: 'The NAT64 exemption is an API fact (ELB v3 API: `transparent_client_ip_enable` cannot be combined with `nat64_enable`), not from the FAQ. The rest of the rule follows FAQ 2.3 and 2.4.',
    'zh-cn': 'NAT64 的例外来自 API 说明（ELB v3 API：`transparent_client_ip_enable` 不能与 `nat64_enable` 同时开启），不是 FAQ 的内容。规则的其余部分依据 FAQ 2.3、2.4。',
  },
  docs: {
    en: {
      summary: 'With transparent client IP, one client can reach the same member port through several listeners, ports or EIPs, and its connections collide there.',
      details: [
        'When a TCP or UDP listener passes the client\'s own address to the members (获取客户端IP, DNAT mode), the member sees the packet with the client\'s source IP and source port unchanged. If the same client reaches **the same member address and port** by two different ways at once, with the same source port (a fixed one, or one the client\'s system happens to pick again, since the destinations differ), the member receives two connections with the same five-tuple: one of them fails or times out, at random (FAQ 2.3, 2.4). The rule reports three such set-ups:',
        '',
        '1. **Two or more listeners** — of one load balancer or of several — forward the same protocol to the same member address and port.',
        '2. **A full-port listener** (`protocol_port: 0` with `port_ranges` covering more than one port) forwards its many frontend ports to fixed member ports.',
        '3. **A load balancer with several EIPs** (of one IP version) has a TCP/UDP listener that forwards with transparent client IP: a client using two of the EIPs lands on the same listener port and member.',
        '',
        'Transparent client IP is in effect on TCP and UDP listeners only (TLS listeners are source-NATed): on a shared load balancer when `transparent_client_ip_enable` is on (default off); on a dedicated one always, unless the load balancer has `ip_target_enable` on — IP-type backends use FullNAT, where the client IP is replaced by a backend-subnet address and the collision cannot happen (FAQ 2.3) — or the listener uses NAT64.',
        '',
        'What to do (FAQ 2.3, 2.4): give the listeners distinct backend ports, so that each way in ends on its own member port; avoid several listeners sharing the same backend servers; let clients retry (a new connection picks a new source port); keep extra EIPs for disaster recovery rather than spreading one client over them; or switch to IP-type backends (`ip_target_enable`, FullNAT) and read the client IP with the TOA module.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '开启获取客户端IP后，同一客户端可能经由多个监听器、端口或 EIP 访问同一后端服务器端口，连接在后端发生冲突。',
      details: [
        'TCP 或 UDP 监听器把客户端的真实地址透传给后端服务器时（获取客户端IP，DNAT 模式），后端服务器看到的报文源 IP 和源端口都未被修改。如果同一客户端同时经由两条路径访问**同一后端服务器地址和端口**，且源端口相同（固定的源端口，或由于目的地址不同，操作系统恰好再次选中同一个源端口），后端服务器就会收到五元组完全相同的两个连接：其中一个会随机失败或超时（FAQ 2.3、2.4）。本规则报告三种情况：',
        '',
        '1. **两个或多个监听器**（同一个或多个负载均衡器的）以相同协议转发到同一后端服务器地址和端口。',
        '2. **全端口监听器**（`protocol_port: 0`，`port_ranges` 覆盖不止一个端口）把多个前端端口转发到固定的后端端口。',
        '3. **绑定了多个 EIP（同一 IP 版本）的负载均衡器**有以获取客户端IP方式转发的 TCP/UDP 监听器：客户端分别通过两个 EIP 访问时，会到达同一监听端口和同一后端服务器。',
        '',
        '获取客户端IP只在 TCP 和 UDP 监听器上生效（TLS 监听器会做源地址转换）：共享型在 `transparent_client_ip_enable` 开启时生效（默认关闭）；独享型始终生效，除非负载均衡器开启了 `ip_target_enable`——IP类型后端使用 FullNAT，客户端 IP 被替换为后端子网中的地址，不会发生冲突（FAQ 2.3）——或监听器开启了 NAT64。',
        '',
        '处理办法（FAQ 2.3、2.4）：让不同监听器使用不同的后端端口，使每条路径落到各自的后端端口；避免多个监听器使用相同的后端服务器；允许客户端重试（新连接会选择新的源端口）；多个 EIP 建议用于容灾，不要让同一客户端分散访问；或改用IP类型后端（`ip_target_enable`，FullNAT），通过 TOA 插件获取客户端 IP。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      listeners: 'Listeners {listeners} all forward {protocol} with transparent client IP to `{member}` port {port}: one client reaching it through more than one of them can get the same source port, and the colliding connections fail or time out (FAQ 2.3). Use distinct backend ports per listener, or IP-type backends (FullNAT).',
      fullPort: 'Full-port listener `{listener}` forwards {ports} frontend ports with transparent client IP to fixed member ports: one client using several of them can reach the same member port with the same source port, and those connections collide (FAQ 2.3). Use IP-type backends (FullNAT), or let clients retry.',
      eips: 'Load balancer `{lb}` has {count} EIPs of one IP version and forwards with transparent client IP on {listeners}: a client using two of the EIPs reaches the same member port, and its connections can collide (FAQ 2.4). Keep the extra EIPs for disaster recovery, or use IP-type backends (FullNAT).',
      relatedMember: '`{member}` port {port} is also reached here',
      relatedListener: 'listener `{listener}` forwards with transparent client IP',
    },
    'zh-cn': {
      listeners: '{listeners} 都以获取客户端IP方式把 {protocol} 流量转发到 `{member}` 的端口 {port}：同一客户端经由其中多个监听器访问时可能使用相同的源端口，冲突的连接会失败或超时（FAQ 2.3）。请为各监听器使用不同的后端端口，或改用IP类型后端（FullNAT）。',
      fullPort: '全端口监听器 `{listener}` 以获取客户端IP方式把{ports}个前端端口转发到固定的后端端口：同一客户端访问其中多个端口时，可能以相同的源端口到达同一后端端口，连接发生冲突（FAQ 2.3）。请改用IP类型后端（FullNAT），或允许客户端重试。',
      eips: '负载均衡器 `{lb}` 绑定了 {count} 个同一 IP 版本的弹性公网IP，且监听器 {listeners} 以获取客户端IP方式转发：客户端分别通过两个弹性公网IP访问时会到达同一后端端口，连接可能冲突（FAQ 2.4）。多个弹性公网IP建议仅用于容灾，或改用IP类型后端（FullNAT）。',
      relatedMember: '此处也转发到 `{member}` 的端口 {port}',
      relatedListener: '监听器 `{listener}` 以获取客户端IP方式转发',
    },
  },
  examples: {
    bad: `version: 1
servers:
  - {name: app-1, address: 192.168.1.10}
loadbalancers:
  - name: lb-a
    type: dedicated
    l4_flavor: L4_flavor.elb.s1.small
    listeners:
      - {name: tcp-80, protocol: TCP, protocol_port: 80, default_pool: app-pool}
      - {name: tcp-8080, protocol: TCP, protocol_port: 8080, default_pool: app-pool}
    pools:
      - name: app-pool
        protocol: TCP
        lb_algorithm: ROUND_ROBIN
        healthmonitor: {type: TCP, delay: 5, timeout: 3, max_retries: 3}
        members:
          - {server: app-1, protocol_port: 9000}     # both listeners end here
`,
    good: `    listeners:
      - {name: tcp-80, protocol: TCP, protocol_port: 80, default_pool: app-pool}
      - {name: tcp-8080, protocol: TCP, protocol_port: 8080, default_pool: app-pool-2}
    pools:
      - name: app-pool
        members: [{server: app-1, protocol_port: 9000}]
      - name: app-pool-2
        members: [{server: app-1, protocol_port: 9001}]   # a port of its own
`,
  },
  check(ctx) {
    const { index, locale } = ctx;
    // (1) Listeners indexed by (protocol, member, port): never a scan over pairs.
    const uses = new Map<string, { listeners: Listener[]; members: Member[] }>();
    for (const l of ctx.model.listeners) {
      if (transparentClientIp(l) !== true) continue;
      for (const pool of index.poolsOf(l)) {
        for (const m of pool.members) {
          const port = m.protocol_port;
          if (port === undefined || port === 0) continue;
          const host = hostKey(index, m);
          if (!host) continue;
          const key = `${l.protocol}|${host}|${port}`;
          let u = uses.get(key);
          if (!u) uses.set(key, (u = { listeners: [], members: [] }));
          if (!u.listeners.includes(l)) u.listeners.push(l);
          if (!u.members.includes(m)) u.members.push(m);
        }
      }
    }
    for (const u of uses.values()) {
      if (u.listeners.length < 2) continue;
      const members = [...u.members].sort((a, b) => a.$.span.start - b.$.span.start);
      const first = members[0]!;
      const data = { listeners: labels(u.listeners, locale), protocol: u.listeners[0]!.protocol!, member: memberName(first), port: first.protocol_port! };
      const related: RelatedSpec[] = [
        ...members.slice(1).map((m) => ({ at: m.$, field: memberField(m), messageId: 'relatedMember', data: { member: memberName(m), port: m.protocol_port! } })),
        ...u.listeners.map((l) => ({ at: l.$, field: 'protocol_port', messageId: 'relatedListener', data: { listener: l.name } })),
      ];
      ctx.report({ at: first.$, field: 'protocol_port', messageId: 'listeners', data, related });
    }

    // (2) A full-port listener spreads many frontend ports over fixed member ports.
    for (const l of ctx.model.listeners) {
      if (l.protocol_port !== 0 || transparentClientIp(l) !== true) continue;
      const ports = portCount(l);
      if (ports <= 1) continue;
      const fixed = index.poolsOf(l).flatMap((p) => p.members).filter((m) => m.protocol_port !== undefined && m.protocol_port > 0);
      if (fixed.length === 0) continue;
      const shown = Number.isFinite(ports) ? String(ports) : locale === 'zh-cn' ? '多' : 'many';
      ctx.report({ at: l.$, field: 'protocol_port', messageId: 'fullPort', data: { listener: l.name, ports: shown } });
    }

    // (3) Several EIPs of one IP version in front of transparent TCP/UDP listeners.
    for (const lb of ctx.model.loadbalancers) {
      const eips = lb.eips ?? [];
      if (eips.length < 2) continue;
      const byFamily = new Map<number, number>();
      for (const e of eips) {
        const fam = (e.address === undefined ? null : parseRange(e.address))?.family ?? 4;
        byFamily.set(fam, (byFamily.get(fam) ?? 0) + 1);
      }
      const count = Math.max(...byFamily.values());
      if (count < 2) continue;
      const listeners = lb.listeners.filter((l) => transparentClientIp(l) === true && index.poolsOf(l).some((p) => p.members.length > 0));
      if (listeners.length === 0) continue;
      ctx.report({
        at: lb.$,
        span: lb.$.keySpan('eips'),
        messageId: 'eips',
        data: { lb: lb.name, count, listeners: listeners.map((l) => '`' + l.name + '`').join(locale === 'zh-cn' ? '、' : ', ') },
        related: listeners.map((l) => ({ at: l.$, field: 'protocol', messageId: 'relatedListener', data: { listener: l.name } })),
      });
    }
  },
});
