import { defineRule } from '../rule';

export default defineRule({
  id: 'ELB003',
  name: 'undefined-reference',
  severity: 'error',
  category: 'structure',
  faq: [],
  fixable: true,
  docs: {
    en: {
      summary: 'A name refers to an object the configuration does not define (a pool, server, security group, subnet, certificate, ...).',
      details:
        'Objects refer to each other by `name`: a listener names its `default_pool`, a member its `server`, a server its `security_groups`. When a name is not defined, the checks that need the object cannot run, so the reference is reported on its own, with the closest defined name as a suggestion when one is near.\n\nPools and listeners are looked up within their load balancer; every other kind is looked up in the whole file.',
    },
    'zh-cn': {
      summary: '名称引用了配置中未定义的对象（后端服务器组、服务器、安全组、子网、证书等）。',
      details:
        '对象之间通过 `name` 相互引用：监听器通过 `default_pool` 指定默认后端服务器组，后端服务器通过 `server` 指定云服务器，云服务器通过 `security_groups` 指定安全组。名称未定义时，依赖该对象的检查无法进行，因此单独报告该引用；若存在相近的已定义名称，会作为建议给出。\n\n后端服务器组和监听器在所属负载均衡器内查找，其他对象在整个文件中查找。',
    },
  },
  messages: {
    en: {
      undefined: 'No {kind} named `{name}` is defined.',
      undefinedSuggest: 'No {kind} named `{name}` is defined; did you mean `{suggestion}`?',
      rename: 'Change to `{suggestion}`',
    },
    'zh-cn': {
      undefined: '未定义名为 `{name}` 的{kind}。',
      undefinedSuggest: '未定义名为 `{name}` 的{kind}，是否应为 `{suggestion}`？',
      rename: '改为 `{suggestion}`',
    },
  },
  check() {},
});
