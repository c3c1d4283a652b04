import { defineRule } from '../rule';

export default defineRule({
  id: 'ELB013',
  name: 'listener-port-conflict',
  severity: 'error',
  category: 'structure',
  faq: [],
  fixable: false,
  docs: {
    en: {
      summary: 'Kubernetes: two Services (or a Service and an Ingress) on one existing load balancer (`kubernetes.io/elb.id`) ask for listeners on the same port.',
      details: [
        'Services and ingresses that name the same `kubernetes.io/elb.id` share one load balancer, and each of their ports becomes a listener of it. TCP, HTTP and HTTPS listeners of one load balancer cannot use the same port, nor can two UDP listeners (formats.md §1.2, the ELB API): the controller fails to create the second listener and the Service stays pending. Ingresses on the same port and protocol share one listener and are not a conflict.',
        '',
        'Give one of the Services another port, or another load balancer.',
      ].join('\n'),
    },
    'zh-cn': {
      summary: 'Kubernetes：使用同一个已有负载均衡器（`kubernetes.io/elb.id`）的两个 Service（或 Service 与 Ingress）要求在同一端口创建监听器。',
      details: [
        '指定同一 `kubernetes.io/elb.id` 的 Service 和 Ingress 共用一个负载均衡器，它们的每个端口都会成为该负载均衡器的监听器。同一负载均衡器的 TCP、HTTP、HTTPS 监听器不能使用相同端口，两个 UDP 监听器也不能（formats.md §1.2，ELB API）：控制器无法创建第二个监听器，Service 会一直处于等待状态。相同端口、相同协议的 Ingress 共用一个监听器，不算冲突。',
        '',
        '请为其中一个 Service 换一个端口，或使用另一个负载均衡器。',
      ].join('\n'),
    },
  },
  messages: {
    en: {
      default: '{protocol} port {port} of load balancer `{lb}` is already taken by {other}: one load balancer cannot have two listeners on this port, so the controller cannot create this one.',
      related: '{other} uses port {port} here',
    },
    'zh-cn': {
      default: '负载均衡器 `{lb}` 的 {protocol} 端口 {port} 已被 {other} 使用：同一负载均衡器不能在该端口上有两个监听器，控制器无法创建此监听器。',
      related: '{other} 在此使用端口 {port}',
    },
  },
  check() {},
});
