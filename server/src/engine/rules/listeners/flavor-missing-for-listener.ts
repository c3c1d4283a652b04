import { listenerLayer } from '../../model/indexes';
import { defineRule, type RelatedSpec } from '../rule';

/** A flavor the input names (an empty string names none). */
function named(flavor: string | undefined): boolean {
  return flavor !== undefined && flavor.trim() !== '';
}

export default defineRule({
  id: 'ELB308',
  name: 'flavor-missing-for-listener',
  severity: 'error',
  category: 'listeners',
  faq: ['6.7'],
  fixable: false,
  docs: {
    en: {
      summary: 'A dedicated load balancer has a listener of a layer it has no flavor for: TCP/UDP/TLS need a network (L4) flavor, HTTP/HTTPS/QUIC an application (L7) flavor.',
      details: [
        'A dedicated load balancer serves each listener protocol with one of its two flavors: TCP, UDP and TLS listeners run on the network (L4) flavor, HTTP, HTTPS and QUIC listeners on the application (L7) flavor (FAQ 6.7 table 6-3). A load balancer bought with only one of them cannot carry listeners of the other layer: the console does not offer the protocol and the API refuses the listener.',
        '',
        'The rule fires on each listener whose layer has no flavor, on a dedicated load balancer that names at least one flavor (`l4_flavor` or `l7_flavor`). When a file names neither, it does not describe the flavors at all (the API then applies the site default), and the rule stays silent rather than guess. Shared load balancers have no flavors and are not checked.',
        '',
        'Add the missing flavor to the load balancer (`l4_flavor` for TCP/UDP/TLS, `l7_flavor` for HTTP/HTTPS/QUIC), or move the listener to a load balancer that has it. No quick fix is offered: the flavor to buy is a sizing and cost decision.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '独享型负载均衡器上有监听器所需层级的规格缺失：TCP/UDP/TLS 需要网络型（四层）规格，HTTP/HTTPS/QUIC 需要应用型（七层）规格。',
      details: [
        '独享型负载均衡器用两种规格分别承载不同协议的监听器：TCP、UDP、TLS 监听器使用网络型（四层）规格，HTTP、HTTPS、QUIC 监听器使用应用型（七层）规格（FAQ 6.7 表 6-3）。只购买了其中一种规格的负载均衡器不能创建另一层的监听器：控制台不提供该协议，API 也会拒绝创建。',
        '',
        '当独享型负载均衡器至少写了一种规格（`l4_flavor` 或 `l7_flavor`）时，本规则对所需规格缺失的每个监听器报告。如果两种规格都没写，说明该文件没有描述规格（此时 API 使用站点默认规格），本规则不做猜测、不报告。共享型负载均衡器没有规格，不检查。',
        '',
        '请为负载均衡器补充缺少的规格（TCP/UDP/TLS 需要 `l4_flavor`，HTTP/HTTPS/QUIC 需要 `l7_flavor`），或把监听器移到具备该规格的负载均衡器上。不提供快速修复：购买哪种规格涉及容量和费用，需要自行决定。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      l4: '{protocol} listener `{listener}` needs a network (L4) flavor, but dedicated load balancer `{lb}` has only an application (L7) flavor; add `l4_flavor` (FAQ 6.7).',
      l7: '{protocol} listener `{listener}` needs an application (L7) flavor, but dedicated load balancer `{lb}` has only a network (L4) flavor; add `l7_flavor` (FAQ 6.7).',
      relatedFlavor: 'the only flavor of `{lb}`',
    },
    'zh-cn': {
      l4: '{protocol} 监听器 `{listener}` 需要网络型（四层）规格，但独享型负载均衡器 `{lb}` 只有应用型（七层）规格；请添加 `l4_flavor`（FAQ 6.7）。',
      l7: '{protocol} 监听器 `{listener}` 需要应用型（七层）规格，但独享型负载均衡器 `{lb}` 只有网络型（四层）规格；请添加 `l7_flavor`（FAQ 6.7）。',
      relatedFlavor: '`{lb}` 仅有的规格',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: web-lb
    type: dedicated
    l7_flavor: L7_flavor.elb.s1.small      # no l4_flavor
    listeners:
      - {name: https-443, protocol: HTTPS, protocol_port: 443, default_pool: web-pool, default_tls_container: web-cert}
      - {name: ssh-22, protocol: TCP, protocol_port: 22, default_pool: ssh-pool}   # needs an L4 flavor
`,
    good: `loadbalancers:
  - name: web-lb
    type: dedicated
    l4_flavor: L4_flavor.elb.s1.small
    l7_flavor: L7_flavor.elb.s1.small
`,
  },
  check(ctx) {
    for (const lb of ctx.model.loadbalancers) {
      if (lb.type !== 'dedicated') continue;
      const l4 = named(lb.l4_flavor);
      const l7 = named(lb.l7_flavor);
      if (!l4 && !l7) continue;
      for (const l of lb.listeners) {
        const layer = listenerLayer(l.protocol);
        if (!layer) continue;
        const missing = layer === 'L4' ? !l4 : !l7;
        if (!missing) continue;
        const related: RelatedSpec[] = [{ at: lb.$, field: layer === 'L4' ? 'l7_flavor' : 'l4_flavor', messageId: 'relatedFlavor', data: { lb: lb.name } }];
        ctx.report({
          at: l.$,
          field: 'protocol',
          messageId: layer === 'L4' ? 'l4' : 'l7',
          data: { listener: l.name, protocol: l.protocol!, lb: lb.name },
          related,
        });
      }
    }
  },
});
