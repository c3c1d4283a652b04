import { defineRule } from '../rule';
import { accessControlOf } from './access-control-facts';

export default defineRule({
  id: 'ELB309',
  name: 'whitelist-empty',
  severity: 'error',
  category: 'listeners',
  faq: ['2.1'],
  fixable: false,
  docs: {
    en: {
      summary: 'A listener\'s access control is a whitelist whose IP group is empty, so every client is dropped.',
      details: [
        'With a whitelist, only clients whose address is in the IP group can reach the listener; ELB drops the packets of every other client (FAQ 2.1). An IP group with no addresses therefore shuts the listener to everyone. An empty blacklist, by contrast, blocks nobody.',
        '',
        'The rule fires when a listener\'s `ipgroup` is a whitelist (`type: white`, the default) that is on (`enable_ipgroup` not `false`) and names an IP group whose `ip_list` is written and empty. An IP group without `ip_list` is treated as unknown, not as empty.',
        '',
        'Add the client addresses or CIDRs that should reach the listener to the IP group, or switch access control off (`enable_ipgroup: false`) if the listener should be open. No quick fix is offered: only you know which clients to admit.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '监听器的访问控制使用白名单，但白名单的 IP 地址组为空，所有客户端都会被丢弃。',
      details: [
        '使用白名单时，只有 IP 地址组内的客户端可以访问监听器，其他客户端的报文都会被 ELB 丢弃（FAQ 2.1）。因此 IP 地址组为空时，任何客户端都无法访问该监听器。相反，空的黑名单不会拦截任何客户端。',
        '',
        '当监听器的 `ipgroup` 为白名单（`type: white`，默认值）、访问控制已开启（`enable_ipgroup` 不为 `false`），且引用的 IP 地址组写了 `ip_list` 但列表为空时，本规则报告。没有写 `ip_list` 的 IP 地址组视为未知，而不是空。',
        '',
        '请把允许访问的客户端地址或网段加入该 IP 地址组；如果监听器应该对所有客户端开放，请关闭访问控制（`enable_ipgroup: false`）。不提供快速修复：需要放通哪些客户端只有您自己知道。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Listener `{listener}` uses IP group `{group}` as a whitelist, but the group lists no addresses: only whitelisted clients get through, so every client is dropped (FAQ 2.1).',
      relatedList: 'the empty address list of `{group}`',
    },
    'zh-cn': {
      default: '监听器 `{listener}` 将 IP 地址组 `{group}` 用作白名单，但该地址组中没有任何地址：只有白名单内的客户端可以访问，因此所有客户端都会被丢弃（FAQ 2.1）。',
      relatedList: '`{group}` 的空地址列表',
    },
  },
  examples: {
    bad: `version: 1
ip_groups:
  - name: office
    ip_list: []                 # nothing admitted
loadbalancers:
  - name: admin-lb
    listeners:
      - name: https-443
        protocol: HTTPS
        protocol_port: 443
        default_pool: admin-pool
        ipgroup: {ip_group: office, type: white}
`,
    good: `ip_groups:
  - name: office
    ip_list: [203.0.113.0/24]
`,
  },
  check(ctx) {
    for (const l of ctx.model.listeners) {
      const ac = accessControlOf(l);
      if (!ac || ac.kind !== 'white') continue;
      const list = ac.group.ip_list;
      if (list === undefined || list.length > 0) continue;
      ctx.report({
        at: ac.binding.$,
        field: 'ip_group',
        data: { listener: l.name, group: ac.group.name },
        related: [{ at: ac.group.$, field: 'ip_list', messageId: 'relatedList', data: { group: ac.group.name } }],
      });
    }
  },
});
