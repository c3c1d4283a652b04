import type { Listener } from '../../model/types';
import { defineRule } from '../rule';
import { accessControlOf, coveredFamilies } from './access-control-facts';

/**
 * Whether a listener's load balancer takes clients of an address family. IPv4: always (every
 * load balancer has an IPv4 side unless the input says otherwise, which our format cannot).
 * IPv6: a dedicated load balancer with an IPv6 frontend subnet; shared load balancers are IPv4 only.
 */
function servesFamily(l: Listener, family: 4 | 6): boolean {
  if (family === 4) return true;
  return l.lb.type === 'dedicated' && l.lb.ipv6_vip_subnet !== undefined;
}

export default defineRule({
  id: 'ELB314',
  name: 'blacklist-blocks-all',
  severity: 'warning',
  category: 'listeners',
  faq: ['2.1'],
  fixable: false,
  docs: {
    en: {
      summary: 'A listener\'s blacklist covers every IPv4 or every IPv6 address, so all clients of that family are dropped.',
      details: [
        'With a blacklist, ELB drops the packets of every client whose address is in the IP group (FAQ 2.1). A blacklist that contains `0.0.0.0/0` shuts the listener to all IPv4 clients, and one that contains `::/0` to all IPv6 clients. This is rarely meant: usually a whitelist was intended, or a test entry was left behind.',
        '',
        'The rule fires when a listener\'s `ipgroup` is a blacklist (`type: black`) that is on (`enable_ipgroup` not `false`) and the entries of its IP group, taken together, cover the whole IPv4 or IPv6 space: `0.0.0.0/0` or `::/0`, or pieces such as `0.0.0.0/1` plus `128.0.0.0/1`, or a range `0.0.0.0-255.255.255.255`. IPv6 is reported only for a dedicated load balancer with an IPv6 frontend (`ipv6_vip_subnet`): a load balancer without an IPv6 address has no IPv6 clients to lose, and shared load balancers are IPv4 only.',
        '',
        'To admit only some clients, use a whitelist of those clients instead; to block a few, list only those. No quick fix is offered: the intended list cannot be guessed.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '监听器的黑名单覆盖了所有 IPv4 或所有 IPv6 地址，该地址族的客户端都会被丢弃。',
      details: [
        '使用黑名单时，地址在 IP 地址组内的客户端的报文都会被 ELB 丢弃（FAQ 2.1）。黑名单中包含 `0.0.0.0/0` 时，所有 IPv4 客户端都无法访问该监听器；包含 `::/0` 时，所有 IPv6 客户端都无法访问。这通常不是本意：多半是想配置白名单，或者遗留了测试条目。',
        '',
        '当监听器的 `ipgroup` 为黑名单（`type: black`）、访问控制已开启（`enable_ipgroup` 不为 `false`），且 IP 地址组的条目合起来覆盖了整个 IPv4 或 IPv6 地址空间时，本规则报告：例如 `0.0.0.0/0`、`::/0`，或 `0.0.0.0/1` 加 `128.0.0.0/1` 这样的组合，或地址范围 `0.0.0.0-255.255.255.255`。只有配置了 IPv6 前端子网（`ipv6_vip_subnet`）的独享型负载均衡器才报告 IPv6：没有 IPv6 地址的负载均衡器本来就没有 IPv6 客户端，共享型负载均衡器只支持 IPv4。',
        '',
        '如果只想允许部分客户端访问，请改用包含这些客户端的白名单；如果只想拦截少数客户端，请只列出它们。不提供快速修复：无法推断您想要的名单。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Listener `{listener}` blacklists IP group `{group}`, whose entries ({entries}) cover every {family} address: all {family} clients are dropped (FAQ 2.1).',
      relatedList: 'the address list of `{group}`',
    },
    'zh-cn': {
      default: '监听器 `{listener}` 把 IP 地址组 `{group}` 用作黑名单，其中的条目（{entries}）覆盖了全部 {family} 地址：所有 {family} 客户端都会被丢弃（FAQ 2.1）。',
      relatedList: '`{group}` 的地址列表',
    },
  },
  examples: {
    bad: `version: 1
ip_groups:
  - name: blocked
    ip_list: [198.51.100.7, 0.0.0.0/0]   # the second entry blocks everyone
loadbalancers:
  - name: web-lb
    listeners:
      - name: http-80
        protocol: HTTP
        protocol_port: 80
        default_pool: web-pool
        ipgroup: {ip_group: blocked, type: black}
`,
    good: `ip_groups:
  - name: blocked
    ip_list: [198.51.100.7]
`,
  },
  check(ctx) {
    const sep = ctx.locale === 'zh-cn' ? '、' : ', ';
    for (const l of ctx.model.listeners) {
      const ac = accessControlOf(l);
      if (!ac || ac.kind !== 'black' || !ac.group.ip_list) continue;
      const covered = coveredFamilies(ac.group.ip_list).filter((c) => servesFamily(l, c.family));
      if (covered.length === 0) continue;
      const family = covered.map((c) => (c.family === 4 ? 'IPv4' : 'IPv6')).join('/');
      const entries = [...new Set(covered.flatMap((c) => c.entries))].join(sep);
      ctx.report({
        at: ac.binding.$,
        field: 'ip_group',
        data: { listener: l.name, group: ac.group.name, family, entries },
        related: [{ at: ac.group.$, field: 'ip_list', messageId: 'relatedList', data: { group: ac.group.name } }],
      });
    }
  },
});
