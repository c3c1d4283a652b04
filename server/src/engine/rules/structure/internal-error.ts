import { defineRule } from '../rule';

export default defineRule({
  id: 'ELB090',
  name: 'internal-error',
  severity: 'warning',
  category: 'structure',
  faq: [],
  fixable: false,
  docs: {
    en: {
      summary: 'A check failed inside elb-lint; the other checks still ran.',
      details: 'One failing check never stops the others. This finding names the check that failed so the file can still be trusted for every other rule. Please report it with the configuration that triggers it.',
    },
    'zh-cn': {
      summary: 'elb-lint 内部的某项检查执行失败，其他检查仍已完成。',
      details: '一项检查失败不会影响其他检查。此结果指出失败的检查，文件的其他规则结果仍然可信。请附上触发它的配置提交问题报告。',
    },
  },
  messages: {
    en: { crashed: 'Rule {rule} failed on this file and was skipped: {error}' },
    'zh-cn': { crashed: '规则 {rule} 在此文件上执行失败，已跳过：{error}' },
  },
  check() {},
});
