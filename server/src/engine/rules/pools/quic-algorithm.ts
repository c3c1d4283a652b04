import { lbTypeName } from '../../i18n/kinds';
import { defineRule, type Change, type FixSpec } from '../rule';
import { hasZeroWeight, weightsCount } from './member-facts';
import { persistenceFitChanges } from './persistence-facts';

export default defineRule({
  id: 'ELB403',
  name: 'quic-algorithm',
  severity: 'error',
  category: 'pools',
  faq: ['7.1'],
  fixable: true,
  docs: {
    en: {
      summary: 'A QUIC backend server group does not use the connection-ID algorithm, or another pool uses it.',
      details: [
        'QUIC clients may change address and port in the middle of a connection, so ELB keeps a QUIC connection on one member by its connection ID: a QUIC pool takes the connection-ID algorithm (`QUIC_CID`, 连接ID算法) and only that one, together with source IP persistence (FAQ 7.1 table 7-1). The reverse holds too: `QUIC_CID` exists for QUIC pools only; TCP, UDP, TLS, HTTP, HTTPS and gRPC pools use weighted round robin, weighted least connections or the source IP algorithm.',
        '',
        'The rule fires on a QUIC pool whose `lb_algorithm` is anything but `QUIC_CID`, and on any other pool with `QUIC_CID`, on dedicated and shared load balancers. It stays silent when the algorithm or the protocol is not given. A QUIC pool of a shared load balancer is reported by ELB409 instead (shared has no QUIC pools at all).',
        '',
        'The quick fix sets `QUIC_CID` on a QUIC pool, or `ROUND_ROBIN` on another pool. It also makes the session persistence fit the new algorithm (QUIC pools take only `SOURCE_IP`, see ELB402 and ELB405). Weights do not count under `QUIC_CID` (the API ignores them); when a pool that loses `QUIC_CID` has members with weight 0, no fix is offered, because those weights would start to count (ELB407, ELB408) — decide on them first.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: 'QUIC 后端服务器组没有使用连接ID算法，或其他后端服务器组使用了连接ID算法。',
      details: [
        'QUIC 客户端可能在连接过程中更换地址和端口，因此 ELB 按连接 ID 把一个 QUIC 连接固定到同一台后端服务器：QUIC 后端服务器组只能使用连接ID算法（`QUIC_CID`），会话保持类型为源IP地址（FAQ 7.1 表 7-1）。反过来，`QUIC_CID` 也只适用于 QUIC 后端服务器组；TCP、UDP、TLS、HTTP、HTTPS、gRPC 后端服务器组使用加权轮询算法、加权最少连接或源IP算法。',
        '',
        'QUIC 后端服务器组的 `lb_algorithm` 不是 `QUIC_CID`，或其他协议的后端服务器组使用了 `QUIC_CID` 时，本规则报告，独享型和共享型都检查。分配策略或协议未填写时不报告。共享型负载均衡器的 QUIC 后端服务器组由 ELB409 报告（共享型不支持 QUIC 后端协议）。',
        '',
        '快速修复会把 QUIC 后端服务器组的分配策略改为 `QUIC_CID`，把其他后端服务器组改为 `ROUND_ROBIN`（加权轮询算法），并让会话保持与新的分配策略相符（QUIC 只支持 `SOURCE_IP`，见 ELB402、ELB405）。连接ID算法下权重不生效（API 忽略权重）；如果要从 `QUIC_CID` 改出的后端服务器组中有权重为 0 的后端服务器，修复后这些权重会开始生效（ELB407、ELB408），因此不提供快速修复，请先确认这些权重。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      quicNeedsCid: 'QUIC backend server group `{pool}` uses `{algorithm}`; QUIC pools take only the connection-ID algorithm `QUIC_CID` (FAQ 7.1).',
      cidNeedsQuic: '{protocol} backend server group `{pool}` of {lbType} load balancer `{lb}` uses `QUIC_CID`, the connection-ID algorithm, which only QUIC pools take (FAQ 7.1).',
      fix: 'Set `lb_algorithm` to {algorithm}',
    },
    'zh-cn': {
      quicNeedsCid: 'QUIC 后端服务器组 `{pool}` 的分配策略为 `{algorithm}`；QUIC 后端服务器组只支持连接ID算法 `QUIC_CID`（FAQ 7.1）。',
      cidNeedsQuic: '{lbType}负载均衡器 `{lb}` 的 {protocol} 后端服务器组 `{pool}` 使用了 `QUIC_CID`（连接ID算法），该算法只适用于 QUIC 后端服务器组（FAQ 7.1）。',
      fix: '将 `lb_algorithm` 改为 {algorithm}',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: edge-lb
    type: dedicated
    l4_flavor: L4_flavor.elb.s1.small
    listeners:
      - {name: udp-443, protocol: UDP, protocol_port: 443, default_pool: quic-pool}
    pools:
      - name: quic-pool
        protocol: QUIC
        lb_algorithm: ROUND_ROBIN      # QUIC pools take QUIC_CID only
        healthmonitor: {type: UDP_CONNECT, delay: 5, timeout: 3, max_retries: 3}
`,
    good: `    pools:
      - name: quic-pool
        protocol: QUIC
        lb_algorithm: QUIC_CID
        healthmonitor: {type: UDP_CONNECT, delay: 5, timeout: 3, max_retries: 3}
`,
  },
  check(ctx) {
    for (const pool of ctx.model.pools) {
      const algorithm = pool.lb_algorithm;
      const protocol = pool.protocol;
      if (algorithm === undefined || protocol === undefined) continue;
      const data = { pool: pool.name, algorithm, protocol, lb: pool.lb.name, lbType: lbTypeName(pool.lb.type, ctx.locale) };
      let to: string;
      let messageId: string;
      if (protocol === 'QUIC') {
        // A shared load balancer has no QUIC pools: ELB409 reports the protocol itself.
        if (algorithm === 'QUIC_CID' || pool.lb.type === 'shared') continue;
        to = 'QUIC_CID';
        messageId = 'quicNeedsCid';
      } else {
        if (algorithm !== 'QUIC_CID') continue;
        to = 'ROUND_ROBIN';
        messageId = 'cidNeedsQuic';
      }
      const fixes: FixSpec[] = [];
      // Weights start to count when leaving QUIC_CID: a weight-0 member would then be reported.
      const cleanSwitch = !(weightsCount(pool, to) && !weightsCount(pool) && hasZeroWeight(pool));
      if (cleanSwitch) {
        const changes: Change[] = [{ op: 'set', at: pool.$, path: 'lb_algorithm', value: to }, ...persistenceFitChanges(pool, protocol, to)];
        fixes.push({ messageId: 'fix', data: { algorithm: to }, changes, preferred: true });
      }
      ctx.report({ at: pool.$, field: 'lb_algorithm', messageId, data, fixes });
    }
  },
});
