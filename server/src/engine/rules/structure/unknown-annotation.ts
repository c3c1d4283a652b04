import { defineRule } from '../rule';

export default defineRule({
  id: 'ELB010',
  name: 'unknown-annotation',
  severity: 'warning',
  category: 'structure',
  faq: [],
  fixable: true,
  docs: {
    en: {
      summary: 'Kubernetes: a `kubernetes.io/elb.*` annotation (or a key inside its JSON) that the ELB controller does not know, usually a typo; or an annotation of the other controller dialect.',
      details: [
        'The CCE controller, and the open-source cloud controller manager (`kubernetes-sigs/cloud-provider-huaweicloud`) for self-managed clusters, read a fixed set of `kubernetes.io/elb.*` annotations. A misspelt name is not an error for Kubernetes: the object is accepted and the setting silently does nothing, so the load balancer keeps its default algorithm, health check or timeout.',
        '',
        'The rule reports every annotation name neither dialect knows, with the closest known name and a quick fix that renames it; the same for keys inside JSON annotations (`health-check-option`, `autocreate`, ...). An annotation of the other dialect (the CCM\'s `kubernetes.io/elb.idle-timeout` on a CCE Service, say) is reported too, with the equivalent name where one exists. The dialect of an object is told by `kubernetes.io/elb.class` (`union`/`performance` for CCE, `shared`/`dedicated` for the CCM) and otherwise by the names it uses.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: 'Kubernetes：ELB 控制器不认识的 `kubernetes.io/elb.*` 注解（或其 JSON 中的键），通常是拼写错误；或属于另一种控制器的注解。',
      details: [
        'CCE 控制器以及用于自建集群的开源云控制器（`kubernetes-sigs/cloud-provider-huaweicloud`）只读取固定的一组 `kubernetes.io/elb.*` 注解。对 Kubernetes 来说，拼错的注解名不是错误：对象照常创建，但该设置不起任何作用，负载均衡器仍使用默认的分配策略、健康检查或超时时间。',
        '',
        '本规则报告两种方言都不认识的注解名，给出最接近的已知名称，并提供重命名的快速修复；JSON 注解（`health-check-option`、`autocreate` 等）中的键同样检查。属于另一种方言的注解（例如在 CCE 的 Service 上使用 CCM 的 `kubernetes.io/elb.idle-timeout`）也会报告，并在有对应注解时给出其名称。对象使用哪种方言由 `kubernetes.io/elb.class` 判断（CCE 为 `union`/`performance`，CCM 为 `shared`/`dedicated`），否则按其使用的注解名判断。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      unknown: 'Unknown annotation `{key}`: no ELB controller reads it, so it has no effect.',
      unknownSuggest: 'Unknown annotation `{key}`; did you mean `{suggestion}`? As written it has no effect.',
      otherDialect: '`{key}` is an annotation of {other}; {dialect} ignores it.',
      otherDialectSuggest: '`{key}` is an annotation of {other}; {dialect} ignores it. Its equivalent there is `{suggestion}`.',
      unknownMember: 'Unknown key `{member}` in the JSON of `{key}`: the controller ignores it.',
      unknownMemberSuggest: 'Unknown key `{member}` in the JSON of `{key}`; did you mean `{suggestion}`? As written the controller ignores it.',
      rename: 'Change to `{suggestion}`',
    },
    'zh-cn': {
      unknown: '未知注解 `{key}`：ELB 控制器不读取它，设置不会生效。',
      unknownSuggest: '未知注解 `{key}`，是否应为 `{suggestion}`？按当前写法设置不会生效。',
      otherDialect: '`{key}` 是{other}的注解，{dialect}会忽略它。',
      otherDialectSuggest: '`{key}` 是{other}的注解，{dialect}会忽略它。对应的注解为 `{suggestion}`。',
      unknownMember: '`{key}` 的 JSON 中有未知的键 `{member}`：控制器会忽略它。',
      unknownMemberSuggest: '`{key}` 的 JSON 中有未知的键 `{member}`，是否应为 `{suggestion}`？按当前写法控制器会忽略它。',
      rename: '改为 `{suggestion}`',
    },
  },
  examples: {
    bad: `apiVersion: v1
kind: Service
metadata:
  name: web
  annotations:
    kubernetes.io/elb.class: union
    kubernetes.io/elb.lb-algorithim: LEAST_CONNECTIONS   # typo: ignored
spec:
  type: LoadBalancer
  ports: [{port: 80, targetPort: 8080}]
`,
    good: `metadata:
  annotations:
    kubernetes.io/elb.class: union
    kubernetes.io/elb.lb-algorithm: LEAST_CONNECTIONS
`,
  },
  check() {},
});
