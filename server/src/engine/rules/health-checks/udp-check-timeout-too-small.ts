import { defineRule, type Change } from '../rule';

/**
 * The smallest UDP_CONNECT timeout the rule accepts, in seconds: the console's default timeout.
 * The linter's choice (the FAQ gives no number); ELB206 and ELB301 keep their fixes at or above it.
 */
export const UDP_MIN_TIMEOUT = 3;
/** The console's default check interval, used when the interval must grow with the timeout. */
export const DEFAULT_DELAY = 5;

export default defineRule({
  id: 'ELB205',
  name: 'udp-check-timeout-too-small',
  severity: 'warning',
  category: 'health-checks',
  faq: ['3.4'],
  fixable: true,
  options: {
    minTimeout: {
      default: UDP_MIN_TIMEOUT,
      min: 1,
      max: 50,
      description: { en: 'Smallest UDP_CONNECT timeout accepted, in seconds.', 'zh-cn': '可接受的 UDP_CONNECT 最小超时时间（秒）。' },
    },
  },
  notInFaq: {
    en: `The FAQ asks for the console defaults and a timeout that is "not too small" for UDP checks, but gives no number. The threshold of ${UDP_MIN_TIMEOUT} s is the linter's choice: the console's default timeout for a health check (interval ${DEFAULT_DELAY} s, timeout ${UDP_MIN_TIMEOUT} s).`,
    'zh-cn': `FAQ 建议 UDP 健康检查使用控制台默认值，且超时时间不要过小，但没有给出具体数值。${UDP_MIN_TIMEOUT} 秒的阈值是本工具的选择：即控制台健康检查的默认超时时间（检查间隔 ${DEFAULT_DELAY} 秒、超时时间 ${UDP_MIN_TIMEOUT} 秒）。`,
  },
  docs: {
    en: {
      summary: `A UDP health check (\`UDP_CONNECT\`) has a timeout below the console default of ${UDP_MIN_TIMEOUT} s.`,
      details: [
        'A UDP check works differently from the others: ELB first sends an ICMP echo request, then a UDP probe, and counts the member as down when an ICMP "port unreachable" comes back within the timeout, or when the echo reply does not. When the timeout is short, ICMP replies that arrive a little late are missed, the result is wrong and members go online and offline again and again (FAQ 3.4). The FAQ therefore recommends the console defaults for UDP checks and a timeout that is not too small.',
        '',
        `The rule reports a \`UDP_CONNECT\` check, on a shared or dedicated load balancer, whose \`timeout\` is below ${UDP_MIN_TIMEOUT} s.`,
        '',
        `The quick fix sets \`timeout\` to ${UDP_MIN_TIMEOUT} s. When the interval (\`delay\`) is below ${UDP_MIN_TIMEOUT} s it also sets the interval to the console default of ${DEFAULT_DELAY} s, so that the timeout stays at or below the interval (ELB206).`,
        '',
        'If members still flap with a larger timeout, check that the servers do not rate-limit the ICMP messages they send (`net.ipv4.icmp_ratelimit`, `net.ipv4.icmp_ratemask`) and that their security groups admit ICMP (ELB105).',
      ].join('\n'),
    },
    'zh-cn': {
      summary: `UDP 健康检查（\`UDP_CONNECT\`）的超时时间小于控制台默认值 ${UDP_MIN_TIMEOUT} 秒。`,
      details: [
        'UDP 健康检查的原理与其他检查不同：ELB 先发送 ICMP 请求，再发送 UDP 探测报文；在超时时间内收到 ICMP port unreachable，或收不到 ICMP 应答时，判定后端服务器异常。超时时间过小时，稍晚到达的 ICMP 消息会被错过，检查结果不准确，后端服务器会反复上线、下线（FAQ 3.4）。因此 FAQ 建议 UDP 健康检查使用控制台默认值，超时时间不要过小。',
        '',
        `共享型或独享型负载均衡器上，\`UDP_CONNECT\` 健康检查的 \`timeout\` 小于 ${UDP_MIN_TIMEOUT} 秒时，本规则报告。`,
        '',
        `快速修复会把 \`timeout\` 设为 ${UDP_MIN_TIMEOUT} 秒；如果检查间隔（\`delay\`）小于 ${UDP_MIN_TIMEOUT} 秒，还会把检查间隔设为控制台默认值 ${DEFAULT_DELAY} 秒，使超时时间不大于检查间隔（ELB206）。`,
        '',
        '如果加大超时时间后后端服务器仍反复上下线，请检查服务器是否限制了 ICMP 消息的发送速率（`net.ipv4.icmp_ratelimit`、`net.ipv4.icmp_ratemask`），以及安全组是否放通了 ICMP（ELB105）。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'UDP health check of backend server group `{pool}` waits only {timeout} s for an answer: late ICMP replies are missed and members flap; use at least the console default of {min} s (FAQ 3.4; the {min} s threshold is the linter\'s, not in the FAQ).',
      fix: 'Set the timeout to {min} s',
      fixWithDelay: 'Set the timeout to {min} s and the interval to {delay} s',
    },
    'zh-cn': {
      default: '后端服务器组 `{pool}` 的 UDP 健康检查超时时间只有 {timeout} 秒：稍晚到达的 ICMP 应答会被错过，后端服务器会反复上下线；请至少使用控制台默认值 {min} 秒（FAQ 3.4；{min} 秒阈值为本工具的选择，FAQ 未给出）。',
      fix: '将超时时间改为 {min} 秒',
      fixWithDelay: '将超时时间改为 {min} 秒，检查间隔改为 {delay} 秒',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: dns-lb
    listeners:
      - {name: udp-53, protocol: UDP, protocol_port: 53, default_pool: dns-pool}
    pools:
      - name: dns-pool
        protocol: UDP
        lb_algorithm: SOURCE_IP
        healthmonitor: {type: UDP_CONNECT, delay: 5, timeout: 1, max_retries: 3}
`,
    good: `        healthmonitor: {type: UDP_CONNECT, delay: 5, timeout: 3, max_retries: 3}
`,
  },
  check(ctx) {
    const min = ctx.option('minTimeout');
    for (const pool of ctx.model.pools) {
      const hm = pool.healthmonitor;
      if (!hm || hm.type !== 'UDP_CONNECT' || hm.timeout === undefined || hm.timeout >= min) continue;
      const raiseDelay = hm.delay !== undefined && hm.delay < min;
      const changes: Change[] = [{ op: 'set', at: hm.$, path: 'timeout', value: min }];
      if (raiseDelay) changes.push({ op: 'set', at: hm.$, path: 'delay', value: DEFAULT_DELAY });
      ctx.report({
        at: hm.$,
        field: 'timeout',
        data: { pool: pool.name, timeout: hm.timeout, min: min },
        fixes: [{
          messageId: raiseDelay ? 'fixWithDelay' : 'fix',
          data: { min: min, delay: DEFAULT_DELAY },
          changes,
          preferred: true,
        }],
      });
    }
  },
});
