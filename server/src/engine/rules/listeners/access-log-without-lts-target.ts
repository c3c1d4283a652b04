import type { Locale } from '../../types';
import { defineRule } from '../rule';
import { activeAccessLog, missingTarget } from './access-log-facts';

const PARTS: Record<'group' | 'topic' | 'both', Record<Locale, string>> = {
  group: { en: 'no log group (`log_group`)', 'zh-cn': '日志组（`log_group`）' },
  topic: { en: 'no log stream (`log_topic`)', 'zh-cn': '日志流（`log_topic`）' },
  both: { en: 'neither a log group (`log_group`) nor a log stream (`log_topic`)', 'zh-cn': '日志组（`log_group`）和日志流（`log_topic`）' },
};

export default defineRule({
  id: 'ELB313',
  name: 'access-log-without-lts-target',
  severity: 'error',
  category: 'listeners',
  faq: ['8.5'],
  fixable: false,
  docs: {
    en: {
      summary: 'Access logging is on, but the configuration names no LTS log group or no log stream, so no logs appear.',
      details: [
        'ELB writes access logs to Log Tank Service (LTS): into a log stream inside a log group. Logs show up only once LTS is enabled and both the group and the stream exist (FAQ 8.5); without either of them the access log has nowhere to go.',
        '',
        'The rule fires on a load balancer whose `access_log` is present and not switched off (`enabled` is true by default) but lacks `log_group`, `log_topic`, or both (an empty string counts as missing).',
        '',
        'Create the log group and log stream in LTS and name them in `access_log`, or remove `access_log` if you do not want logging. No quick fix is offered: the names belong to resources in your account.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: '已开启访问日志，但配置中没有指定 LTS 日志组或日志流，因此不会显示日志。',
      details: [
        'ELB 把访问日志写入云日志服务（LTS）：写入某个日志组下的日志流。只有开通了云日志服务、并且日志组和日志流都已创建时，才会显示日志（FAQ 8.5）；缺少任何一个，访问日志都无处写入。',
        '',
        '当负载均衡器配置了 `access_log` 且未关闭（`enabled` 默认为 true），但缺少 `log_group`、`log_topic` 或两者都缺少（空字符串视为缺少）时，本规则报告。',
        '',
        '请在 LTS 中创建日志组和日志流，并在 `access_log` 中填写；如果不需要访问日志，请删除 `access_log`。不提供快速修复：名称对应的是您账号中的资源。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: 'Access logging of load balancer `{lb}` is on but names {missing}: logs only appear once both an LTS log group and a log stream are set (FAQ 8.5).',
    },
    'zh-cn': {
      default: '负载均衡器 `{lb}` 开启了访问日志，但没有指定{missing}：只有同时配置 LTS 日志组和日志流，才会显示日志（FAQ 8.5）。',
    },
  },
  examples: {
    bad: `version: 1
loadbalancers:
  - name: web-lb
    access_log: {log_group: elb-logs}   # no log stream
`,
    good: `loadbalancers:
  - name: web-lb
    access_log: {log_group: elb-logs, log_topic: web}
`,
  },
  check(ctx) {
    for (const lb of ctx.model.loadbalancers) {
      const al = activeAccessLog(lb);
      if (!al) continue;
      const noGroup = missingTarget(al.log_group);
      const noTopic = missingTarget(al.log_topic);
      if (!noGroup && !noTopic) continue;
      const which = noGroup && noTopic ? 'both' : noGroup ? 'group' : 'topic';
      ctx.report({
        at: lb.$,
        span: lb.$.keySpan('access_log'),
        data: { lb: lb.name, missing: PARTS[which][ctx.locale] },
      });
    }
  },
});
