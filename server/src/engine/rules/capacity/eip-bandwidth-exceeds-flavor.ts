import { defineRule } from '../rule';

/**
 * Built-in bandwidths in Mbit/s of dedicated flavors, by name. Empty: neither the FAQ nor the API
 * facts this linter is built on (formats.md) give the bandwidth of any flavor, so the bandwidth
 * comes from the input: the linter-only top-level `flavors` list (`{name, type, bandwidth}`).
 */
export const FLAVOR_BANDWIDTH_MBPS = new Map<string, number>();

export default defineRule({
  id: 'ELB608',
  name: 'eip-bandwidth-exceeds-flavor',
  severity: 'warning',
  category: 'capacity',
  faq: ['5.7'],
  fixable: false,
  notInFaq: {
    en: 'The bandwidth of each flavor is not in the FAQ, nor in the API facts the linter is built on, so the rule reads it from the linter-only `flavors` list of the input and stays silent for a flavor the input does not describe.',
    'zh-cn': '各规格的带宽既不在 FAQ 中，也不在本工具依据的 API 资料中，因此本规则从输入中仅供检查使用的 `flavors` 列表读取规格带宽；输入未描述的规格不做判断。',
  },
  docs: {
    en: {
      summary: "An EIP's bandwidth is above what the dedicated load balancer's flavor can carry, so part of it is paid for and never used.",
      details: [
        'A dedicated load balancer with a fixed flavor has two independent caps on public traffic: the flavor\'s bandwidth (the most the instance handles in or out) and the EIP\'s bandwidth (the most the Internet link carries). Traffic is limited by the smaller one, so both must fit the business (FAQ 5.7). EIP bandwidth above the flavor\'s is unusable.',
        '',
        'The rule compares each EIP\'s `bandwidth` with the bandwidth of the load balancer\'s flavors (L4 and L7 added up when both are set), and only when both are known. Our format names flavors (`L4_flavor.elb.s1.small`) and no source the linter relies on gives their bandwidth, so the bandwidth is a fact you state in the linter-only top-level `flavors` list (`- {name: L7_flavor.elb.s1.small, type: L7, bandwidth: 200}`, from your account\'s flavor list, in Mbit/s). Without it the rule is silent.',
        '',
        'The former clause "or far below the flavor" is dropped: the FAQ gives no threshold for it.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '弹性公网IP的带宽超过独享型负载均衡器规格所能承载的带宽，超出部分付费却用不上。',
      details: [
        '固定规格的独享型负载均衡器的公网流量受两个独立的上限约束：规格的带宽（实例能处理的入/出流量上限）和弹性公网IP的带宽（到 Internet 的链路上限）。实际流量受二者中较小者限制，两者都要与业务规模匹配（FAQ 5.7）。超出规格带宽的 EIP 带宽无法使用。',
        '',
        '本规则在两者都已知时，比较每个弹性公网IP的 `bandwidth` 与负载均衡器规格的带宽（同时有四层和七层规格时相加）。本格式以名称表示规格（`L4_flavor.elb.s1.small`），而本工具依据的资料都没有给出规格带宽，因此规格带宽由您在仅供检查使用的顶层 `flavors` 列表中给出（`- {name: L7_flavor.elb.s1.small, type: L7, bandwidth: 200}`，取自账号的规格列表，单位 Mbit/s）。未给出时本规则不报告。',
        '',
        '原有的“或远低于规格带宽”条件已删除：FAQ 没有给出阈值。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'EIP {address} of load balancer `{lb}` has {bandwidth} Mbit/s, above the {flavorBandwidth} Mbit/s its flavor(s) ({flavors}) can carry: the extra bandwidth cannot be used (FAQ 5.7).',
    },
    'zh-cn': {
      default: '负载均衡器 `{lb}` 的弹性公网IP {address} 带宽为 {bandwidth} Mbit/s，超过其规格（{flavors}）可承载的 {flavorBandwidth} Mbit/s：超出的带宽无法使用（FAQ 5.7）。',
    },
  },
  examples: {
    bad: `version: 1
flavors:
  - {name: L7_flavor.elb.s1.small, type: L7, bandwidth: 200}   # from the account's flavor list
loadbalancers:
  - name: web-lb
    type: dedicated
    l7_flavor: L7_flavor.elb.s1.small
    eips: [{address: 1.2.3.4, bandwidth: 2000}]   # 2000 Mbit/s EIP, 200 Mbit/s flavor
`,
    good: `    eips: [{address: 1.2.3.4, bandwidth: 50}]
`,
  },
  check(ctx) {
    const stated = new Map((ctx.model.flavors ?? []).map((f) => [f.name, f.bandwidth]));
    for (const lb of ctx.model.loadbalancers) {
      if (lb.type !== 'dedicated' || !lb.eips?.length) continue;
      const flavors = [lb.l4_flavor, lb.l7_flavor].filter((f): f is string => f !== undefined);
      if (flavors.length === 0) continue;
      let flavorBandwidth = 0;
      let known = true;
      for (const f of flavors) {
        const bw = stated.get(f) ?? FLAVOR_BANDWIDTH_MBPS.get(f);
        if (bw === undefined) known = false;
        else flavorBandwidth += bw;
      }
      if (!known) continue;
      for (const e of lb.eips) {
        if (e.bandwidth === undefined || e.bandwidth <= flavorBandwidth) continue;
        ctx.report({
          at: e.$,
          field: 'bandwidth',
          data: { lb: lb.name, address: e.address ?? '', bandwidth: e.bandwidth, flavorBandwidth, flavors: flavors.map((f) => `\`${f}\``).join(', ') },
        });
      }
    }
  },
});
