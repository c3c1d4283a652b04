import { defineRule } from '../rule';

export default defineRule({
  id: 'ELB002',
  name: 'schema-violation',
  severity: 'error',
  category: 'structure',
  faq: [],
  fixable: true,
  docs: {
    en: {
      summary: 'A key or value does not fit the configuration format: unknown or misspelt key, wrong type, value out of range, missing required field.',
      details:
        'Every field of the format is described by the JSON Schema `schemas/elb-config.schema.json` (types, ranges, allowed values, defaults, and whether the field applies to shared or dedicated load balancers). A misspelt key is reported with the closest valid key and a quick fix that renames it.\n\nRanges that depend on other fields (a timeout whose limits depend on the listener protocol, for example) are checked by the dedicated rules, which explain the reason and offer a fix.',
    },
    'zh-cn': {
      summary: '键或值不符合配置格式：未知或拼错的键、类型错误、取值超出范围、缺少必填字段。',
      details:
        '格式中的每个字段都由 JSON Schema `schemas/elb-config.schema.json` 描述（类型、范围、可选值、默认值，以及适用于共享型还是独享型负载均衡器）。拼错的键会给出最接近的合法键，并提供重命名的快速修复。\n\n取值范围依赖其他字段的情况（例如超时时间的范围取决于监听器协议）由专门的规则检查，它们会说明原因并提供修复。',
    },
  },
  messages: {
    en: { default: '{message}', rename: 'Change to `{text}`' },
    'zh-cn': { default: '{message}', rename: '改为 `{text}`' },
  },
  check() {},
});
