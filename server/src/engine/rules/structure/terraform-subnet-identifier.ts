import { defineRule } from '../rule';

export default defineRule({
  id: 'ELB007',
  name: 'terraform-subnet-identifier',
  severity: 'error',
  category: 'structure',
  faq: [],
  fixable: true,
  notInFaq: {
    en: 'Which subnet identifier each argument takes comes from the provider and API documentation (formats.md §1.1, §1.4, §2), not from the FAQ.',
    'zh-cn': '各参数应使用哪种子网 ID 来自 provider 和 API 文档（formats.md §1.1、§1.4、§2），而非 FAQ。',
  },
  docs: {
    en: {
      summary: 'A Terraform argument names a `huaweicloud_vpc_subnet` by the wrong identifier: `id` where the API wants the IPv4 subnet ID (`ipv4_subnet_id`), or the reverse.',
      details:
        'A VPC subnet has two identifiers and ELB arguments do not all take the same one. The IPv4 subnet ID (`huaweicloud_vpc_subnet.x.ipv4_subnet_id`) is what `ipv4_subnet_id` of `huaweicloud_elb_loadbalancer`, `vip_subnet_id` of `huaweicloud_lb_loadbalancer` and `subnet_id` of both member resources take. The subnet\'s own ID (`huaweicloud_vpc_subnet.x.id`, the network ID) is what `ipv6_network_id` and `backend_subnets` of a dedicated load balancer and `network.uuid` of a `huaweicloud_compute_instance` take.\n\nThe wrong one is rejected by the API or, worse, accepted as a different object, so the finding sits on the reference; the quick fix swaps the attribute. The other checks still read the subnet the reference names.\n\n```hcl\nresource "huaweicloud_elb_member" "web" {\n  pool_id       = huaweicloud_elb_pool.web.id\n  address       = huaweicloud_compute_instance.web.access_ip_v4\n  protocol_port = 8080\n  subnet_id     = huaweicloud_vpc_subnet.back.id   # fires: use .ipv4_subnet_id\n}\n```',
    },
    'zh-cn': {
      summary: 'Terraform 参数用错了 `huaweicloud_vpc_subnet` 的标识：API 需要 IPv4 子网 ID（`ipv4_subnet_id`）的地方写了 `id`，或相反。',
      details:
        'VPC 子网有两种 ID，各 ELB 参数所需的并不相同。IPv4 子网 ID（`huaweicloud_vpc_subnet.x.ipv4_subnet_id`）用于 `huaweicloud_elb_loadbalancer` 的 `ipv4_subnet_id`、`huaweicloud_lb_loadbalancer` 的 `vip_subnet_id` 以及两种后端服务器资源的 `subnet_id`。子网自身的 ID（`huaweicloud_vpc_subnet.x.id`，即网络 ID）用于独享型负载均衡器的 `ipv6_network_id`、`backend_subnets` 以及 `huaweicloud_compute_instance` 的 `network.uuid`。\n\n用错时 API 会拒绝，或者更糟地当作另一个对象接受，因此结果标在引用上；快速修复会替换属性名。其他检查仍按该引用指向的子网进行。',
    },
  },
  messages: {
    en: {
      wantsIpv4SubnetId: '`{arg}` takes the IPv4 subnet ID: use `{subnet}.ipv4_subnet_id`, not `.{have}`.',
      wantsId: '`{arg}` takes the subnet\'s own ID (network ID): use `{subnet}.id`, not `.{have}`.',
      fix: 'Use `.{want}`',
    },
    'zh-cn': {
      wantsIpv4SubnetId: '`{arg}` 需要 IPv4 子网 ID：应写 `{subnet}.ipv4_subnet_id`，而不是 `.{have}`。',
      wantsId: '`{arg}` 需要子网自身的 ID（网络 ID）：应写 `{subnet}.id`，而不是 `.{have}`。',
      fix: '改用 `.{want}`',
    },
  },
  check() {},
});
