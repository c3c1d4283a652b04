import { defineRule } from '../rule';

export default defineRule({
  id: 'ELB011',
  name: 'annotation-value-invalid',
  severity: 'error',
  category: 'structure',
  faq: [],
  fixable: true,
  docs: {
    en: {
      summary: 'Kubernetes: the value of a `kubernetes.io/elb.*` annotation has the wrong shape: not a string, not valid JSON, not one of the allowed values, not a number.',
      details: [
        'Annotation values are strings. Several ELB annotations carry a JSON object or array inside that string (`health-check-option`, `autocreate`, `session-affinity-option`, `listen-ports`), others an enumerated word (`lb-algorithm`), a number of seconds, `true`/`false` or `on`/`off`. A value of the wrong shape is rejected by the controller, or worse, read as the default; the rule places the diagnostic on the exact character inside the string where the value goes wrong, through YAML quoting and line folding.',
        '',
        'A value written without quotes that YAML reads as a number, a boolean or a mapping (`kubernetes.io/elb.keepalive_timeout: 300`, or JSON without quotes) is rejected by the Kubernetes API server; the quick fix quotes it. Ranges of numbers are reported as ELB002, or by the FAQ rule that owns the range (ELB302 for timeouts, ELB405 for persistence).',
      ].join('\n'),
    },
    'zh-cn': {
      summary: 'Kubernetes：`kubernetes.io/elb.*` 注解的值形式错误：不是字符串、不是合法 JSON、不在可选值中、不是数字。',
      details: [
        '注解的值都是字符串。部分 ELB 注解在字符串中写 JSON 对象或数组（`health-check-option`、`autocreate`、`session-affinity-option`、`listen-ports`），其他注解为枚举值（`lb-algorithm`）、秒数、`true`/`false` 或 `on`/`off`。形式错误的值会被控制器拒绝，甚至被当作默认值处理；本规则穿过 YAML 的引号和折行，把诊断定位到字符串中出错的那个字符。',
        '',
        '未加引号、被 YAML 读成数字、布尔值或映射的值（如 `kubernetes.io/elb.keepalive_timeout: 300`，或未加引号的 JSON）会被 Kubernetes API Server 拒绝；快速修复会为其加上引号。数值超出范围由 ELB002 报告，或由负责该范围的 FAQ 规则报告（超时时间为 ELB302，会话保持时间为 ELB405）。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      notString: 'Annotation values must be strings, but YAML reads `{value}` as {type}: the API server rejects the object. Quote the value.',
      json: '`{key}` must hold JSON: {detail}.',
      jsonType: '`{key}`{at}: expected {expected}, found {found}.',
      enum: '`{value}` is not a value of `{key}`{at}; allowed: {values}.',
      enumSuggest: '`{value}` is not a value of `{key}`{at}; did you mean `{suggestion}`? Allowed: {values}.',
      int: '`{key}`{at} needs a whole number, not `{value}`.',
      bool: '`{key}` needs `true` or `false`, not `{value}`.',
      onoff: '`{key}` needs `on` or `off`, not `{value}`.',
      format: '`{value}` is not valid for `{key}`{at}: {expected}.',
      missingMember: '`{key}`{at} needs the key `{member}`.',
      empty: '`{key}`{at} is empty.',
      duplicatePort: '`target_service_port` `{value}` is configured twice in `{key}`: each Service port takes one entry.',
      noSuchPort: '`target_service_port` `{value}` names no port of this Service ({ports}).',
      noPortForProtocol: '`{value}` in `{key}` names no TCP port of this Service ({ports}): a layer-7 listener needs a TCP port.',
      quote: 'Quote the value',
      change: 'Change to `{suggestion}`',
    },
    'zh-cn': {
      notString: '注解的值必须是字符串，但 YAML 把 `{value}` 读成了{type}：API Server 会拒绝该对象。请为值加上引号。',
      json: '`{key}` 的值必须是 JSON：{detail}。',
      jsonType: '`{key}`{at}：应为{expected}，实际为{found}。',
      enum: '`{value}` 不是 `{key}`{at} 的可选值；可选值：{values}。',
      enumSuggest: '`{value}` 不是 `{key}`{at} 的可选值，是否应为 `{suggestion}`？可选值：{values}。',
      int: '`{key}`{at} 需要整数，而不是 `{value}`。',
      bool: '`{key}` 需要 `true` 或 `false`，而不是 `{value}`。',
      onoff: '`{key}` 需要 `on` 或 `off`，而不是 `{value}`。',
      format: '`{value}` 不是 `{key}`{at} 的合法值：{expected}。',
      missingMember: '`{key}`{at} 缺少键 `{member}`。',
      empty: '`{key}`{at} 的值为空。',
      duplicatePort: '`{key}` 中 `target_service_port` `{value}` 重复：每个 Service 端口只能配置一项。',
      noSuchPort: '`target_service_port` `{value}` 不是该 Service 的端口（{ports}）。',
      noPortForProtocol: '`{key}` 中的 `{value}` 不是该 Service 的 TCP 端口（{ports}）：七层监听器需要 TCP 端口。',
      quote: '为值加上引号',
      change: '改为 `{suggestion}`',
    },
  },
  examples: {
    bad: `metadata:
  annotations:
    kubernetes.io/elb.health-check-option: '{"delay": "5", "timeout": "3", "max_retries": "3",}'   # trailing comma
    kubernetes.io/elb.keepalive_timeout: 300    # a number, not a string
`,
    good: `metadata:
  annotations:
    kubernetes.io/elb.health-check-option: '{"delay": "5", "timeout": "3", "max_retries": "3"}'
    kubernetes.io/elb.keepalive_timeout: "300"
`,
  },
  check() {},
});
