import { defineRule } from '../rule';

export default defineRule({
  id: 'ELB005',
  name: 'suppression-directive',
  severity: 'warning',
  category: 'structure',
  faq: [],
  fixable: true,
  docs: {
    en: {
      summary: 'An `# elb-lint-disable…` comment names an unknown rule or suppresses nothing.',
      details:
        'Findings can be suppressed in YAML with `# elb-lint-disable-next-line ELB101 -- reason`, `# elb-lint-disable-line ELB101` (at the end of the line) or `# elb-lint-disable-file ELB101`. Several rule IDs may be separated by commas; with no ID every rule is suppressed. A directive that names a rule that does not exist, or that no longer suppresses anything, is reported so stale suppressions do not hide future problems. Give the reason after `--`: it is kept in SARIF output.\n\nJSON has no comments: suppress through `overrides` in `.elb-lint.yaml`.',
    },
    'zh-cn': {
      summary: '`# elb-lint-disable…` 注释引用了不存在的规则，或没有屏蔽任何问题。',
      details:
        '在 YAML 中可以用 `# elb-lint-disable-next-line ELB101 -- 原因`、行尾的 `# elb-lint-disable-line ELB101` 或 `# elb-lint-disable-file ELB101` 屏蔽检查结果。多个规则 ID 用逗号分隔；不写 ID 则屏蔽所有规则。引用不存在的规则、或已不再屏蔽任何问题的指令会被报告，以免过时的屏蔽掩盖以后的问题。请在 `--` 后写明原因，SARIF 输出会保留它。\n\nJSON 不支持注释：请在 `.elb-lint.yaml` 中通过 `overrides` 屏蔽。',
    },
  },
  messages: {
    en: {
      unknownRule: 'Unknown rule `{rule}` in an elb-lint directive.',
      unused: 'This directive suppresses nothing{rules}; remove it.',
      remove: 'Remove the unused directive',
    },
    'zh-cn': {
      unknownRule: 'elb-lint 指令中的规则 `{rule}` 不存在。',
      unused: '此指令没有屏蔽任何问题{rules}，请删除。',
      remove: '删除未使用的指令',
    },
  },
  check() {},
});
