import { defineRule } from '../rule';

export default defineRule({
  id: 'ELB015',
  name: 'api-response-shape',
  severity: 'error',
  category: 'structure',
  faq: [],
  fixable: false,
  docs: {
    en: {
      summary: 'An ELB / VPC API response body does not have the shape the API returns: a list envelope that is not a list, an item that is not an object, a field of the wrong JSON type, an unknown protocol.',
      details:
        'elb-lint reads the bodies the ELB v3, VPC and ECS APIs return (`{"loadbalancers": [...]}`, `{"listeners": [...]}`, `{"pools": [...]}`, `{"members": [...]}`, `{"healthmonitors": [...]}`, `{"l7policies": [...]}`, `{"certificates": [...]}`, `{"security_groups": [...]}`, `{"subnets": [...]}`, ...), one file per call or several envelopes in one file. A body the API would not return is reported where it goes wrong: the envelope whose value is not a list (or, for a single object such as `{"listener": {...}}`, not an object), a list item that is not an object, a field the checks read whose value has the wrong JSON type (`"protocol_port": "443"`), a listener or pool protocol the API does not know.\n\nThe field is then read as unknown: the checks that need it stay silent rather than guess. `null` is never wrong (the API returns it for unset fields), and fields the checks do not need are not looked at.',
    },
    'zh-cn': {
      summary: 'ELB / VPC API 响应体的结构不符合 API 的返回格式：列表外层不是数组、列表项不是对象、字段的 JSON 类型错误、协议取值未知。',
      details:
        'elb-lint 读取 ELB v3、VPC 和 ECS API 返回的响应体（`{"loadbalancers": [...]}`、`{"listeners": [...]}`、`{"pools": [...]}`、`{"members": [...]}`、`{"healthmonitors": [...]}`、`{"l7policies": [...]}`、`{"certificates": [...]}`、`{"security_groups": [...]}`、`{"subnets": [...]}` 等），可以每个调用一个文件，也可以一个文件中包含多个外层键。API 不会返回的内容会在出错的位置报告：值不是数组的列表外层键（单个对象如 `{"listener": {...}}` 则应为对象）、不是对象的列表项、检查所需字段的 JSON 类型错误（如 `"protocol_port": "443"`）、API 不支持的监听器或后端服务器组协议。\n\n此后该字段按未知处理：依赖它的检查保持沉默，不做猜测。`null` 永远不算错误（API 对未设置的字段返回 `null`），检查不需要的字段不会被读取。',
    },
  },
  messages: {
    en: {
      notEnvelope: 'This JSON is not an ELB / VPC API response body: its top level should be an object such as `{"loadbalancers": [...]}`.',
      envelopeList: '`{key}` should hold a list of objects.',
      envelopeObject: '`{key}` should hold an object.',
      notObject: 'Every item of `{key}` should be an object.',
      wrongType: '`{field}` should be a {expected}; the value is ignored.',
      unknownValue: '`{field}` is `{value}`, which the API does not know; the value is ignored.',
    },
    'zh-cn': {
      notEnvelope: '此 JSON 不是 ELB / VPC API 响应体：顶层应为形如 `{"loadbalancers": [...]}` 的对象。',
      envelopeList: '`{key}` 的值应为对象数组。',
      envelopeObject: '`{key}` 的值应为对象。',
      notObject: '`{key}` 中的每一项都应为对象。',
      wrongType: '`{field}` 应为 {expected} 类型，此值已忽略。',
      unknownValue: '`{field}` 的值 `{value}` 不是 API 支持的取值，已忽略。',
    },
  },
  check() {},
});
