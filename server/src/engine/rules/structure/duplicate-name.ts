import { defineRule } from '../rule';

export default defineRule({
  id: 'ELB004',
  name: 'duplicate-name',
  severity: 'error',
  category: 'structure',
  faq: [],
  fixable: false,
  docs: {
    en: {
      summary: 'Two objects of the same kind share a name, so references to it are ambiguous.',
      details:
        'References are by name, so every name must be unique within its scope: pools and listeners within their load balancer, every other kind within the file. The second definition is reported, pointing at the first; references resolve to the first.',
    },
    'zh-cn': {
      summary: '同类的两个对象使用了相同的名称，引用会产生歧义。',
      details: '引用是按名称进行的，因此名称在其作用域内必须唯一：后端服务器组和监听器在所属负载均衡器内唯一，其他对象在整个文件内唯一。报告的是第二个定义，并指向第一个；引用解析到第一个定义。',
    },
  },
  messages: {
    en: { duplicate: 'Another {kind} is already named `{name}`.', firstDefinition: 'first {kind} named `{name}`' },
    'zh-cn': { duplicate: '已有另一个{kind}名为 `{name}`。', firstDefinition: '第一个名为 `{name}` 的{kind}' },
  },
  check() {},
});
