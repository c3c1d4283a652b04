import { defineRule } from '../rule';

export default defineRule({
  id: 'ELB012',
  name: 'annotation-ignored',
  severity: 'warning',
  category: 'structure',
  faq: [],
  fixable: true,
  docs: {
    en: {
      summary: 'Kubernetes: an ELB annotation that has no effect where it is written, or that conflicts with another one.',
      details: [
        'Some annotations only work together with another setting: `kubernetes.io/elb.transparent-client-ip` takes effect only with `externalTrafficPolicy: Local` (otherwise kube-proxy forwards from the node and the backend sees the node address), `session-affinity-option` needs `session-affinity-mode`, `elb.port` is overridden by `listen-ports`. ELB annotations on a Service that is not `type: LoadBalancer`, or Ingress-only annotations on a Service, do nothing.',
        '',
        '`health-check-option` and `health-check-options` may not be set together: the controller rejects the Service (reported as an error).',
      ].join('\n'),
    },
    'zh-cn': {
      summary: 'Kubernetes：写在当前位置不生效、或与其他注解冲突的 ELB 注解。',
      details: [
        '部分注解需要配合其他设置才生效：`kubernetes.io/elb.transparent-client-ip` 只有在 `externalTrafficPolicy: Local` 时生效（否则由 kube-proxy 从节点转发，后端看到的是节点地址）；`session-affinity-option` 需要 `session-affinity-mode`；设置了 `listen-ports` 时 `elb.port` 不生效。类型不是 `LoadBalancer` 的 Service 上的 ELB 注解，以及写在 Service 上的 Ingress 专用注解，都不起作用。',
        '',
        '`health-check-option` 与 `health-check-options` 不能同时设置：控制器会拒绝该 Service（作为错误报告）。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      transparentNeedsLocal: '`{key}` only takes effect with `externalTrafficPolicy: Local`; with `{policy}` the backends still see node addresses, not client addresses.',
      transparentDedicated: '`{key}` is ignored on a dedicated load balancer: its TCP/UDP listeners always pass the client address (FAQ 4.9).',
      optionWithoutMode: '`{key}` has no effect without `{mode}`: session affinity is off.',
      bothHealthOptions: '`kubernetes.io/elb.health-check-option` and `kubernetes.io/elb.health-check-options` cannot be set together: the controller rejects the Service.',
      notLoadBalancer: 'ELB annotations on a Service of type `{type}` have no effect: only Services of `type: LoadBalancer` get a load balancer.',
      wrongObject: '`{key}` applies to {objects} only; it has no effect on a {kind}.',
      overridden: '`{key}` is ignored because `{by}` is set.',
      setLocal: 'Set `externalTrafficPolicy: Local`',
      remove: 'Remove `{key}`',
    },
    'zh-cn': {
      transparentNeedsLocal: '`{key}` 只有在 `externalTrafficPolicy: Local` 时生效；当前为 `{policy}`，后端看到的仍是节点地址，而不是客户端地址。',
      transparentDedicated: '`{key}` 在独享型负载均衡器上不生效：其 TCP/UDP 监听器始终透传客户端地址（FAQ 4.9）。',
      optionWithoutMode: '没有 `{mode}` 时 `{key}` 不生效：会话保持处于关闭状态。',
      bothHealthOptions: '`kubernetes.io/elb.health-check-option` 与 `kubernetes.io/elb.health-check-options` 不能同时设置：控制器会拒绝该 Service。',
      notLoadBalancer: '类型为 `{type}` 的 Service 上的 ELB 注解不起作用：只有 `type: LoadBalancer` 的 Service 才会创建负载均衡器。',
      wrongObject: '`{key}` 只适用于{objects}，在 {kind} 上不起作用。',
      overridden: '已设置 `{by}`，`{key}` 不生效。',
      setLocal: '设置 `externalTrafficPolicy: Local`',
      remove: '删除 `{key}`',
    },
  },
  examples: {
    bad: `apiVersion: v1
kind: Service
metadata:
  name: game
  annotations:
    kubernetes.io/elb.class: union
    kubernetes.io/elb.transparent-client-ip: "true"
spec:
  type: LoadBalancer
  externalTrafficPolicy: Cluster      # the client IP is lost at the node
  ports: [{port: 7777, protocol: UDP}]
`,
    good: `spec:
  type: LoadBalancer
  externalTrafficPolicy: Local
`,
  },
  check() {},
});
