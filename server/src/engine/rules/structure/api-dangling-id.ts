import { defineRule } from '../rule';

export default defineRule({
  id: 'ELB016',
  name: 'api-dangling-id',
  severity: 'warning',
  category: 'structure',
  faq: [],
  fixable: false,
  docs: {
    en: {
      summary: 'An API export refers to an object by id that its complete listing of that kind does not hold.',
      details:
        'Objects of an API export are linked by id: a listener names its load balancer (`loadbalancers[].id`) and its `default_pool_id`, a member its `subnet_cidr_id`, a server its security groups. An export is usually partial (one load balancer and what hangs off it), so an id the export does not hold is unknown, not wrong, and the checks that need the object stay silent.\n\nThe id is reported only when the export holds the complete listing of that kind: a list response whose `page_info` has no `next_marker` (the last page). Such a listing holds every object of the kind the query asked for, so the reference points at something that no longer exists, or at an object of another project or region. Lists without `page_info` (VPC v1 lists, for example) never count as complete.',
    },
    'zh-cn': {
      summary: 'API 导出中按 ID 引用的对象，不在该类对象的完整列表中。',
      details:
        'API 导出中的对象通过 ID 关联：监听器通过 `loadbalancers[].id` 指向负载均衡器、通过 `default_pool_id` 指向默认后端服务器组，后端服务器通过 `subnet_cidr_id` 指向子网，云服务器列出其安全组。导出通常是部分的（一个负载均衡器及其下属对象），因此导出中没有的 ID 视为未知而不是错误，需要该对象的检查保持沉默。\n\n只有当导出包含该类对象的完整列表时才会报告：`page_info` 中没有 `next_marker`（即最后一页）的列表响应。这样的列表包含查询条件下该类的全部对象，所以该引用指向已不存在的对象，或其他项目、区域的对象。没有 `page_info` 的列表（例如 VPC v1 的列表）不视为完整。',
    },
  },
  messages: {
    en: { dangling: 'No {kind} with id `{id}` is in the export, although it lists every {kind}.' },
    'zh-cn': { dangling: '导出中没有 ID 为 `{id}` 的{kind}，而导出列出了全部{kind}。' },
  },
  check() {},
});
