/**
 * The `kubernetes.io/elb.*` annotations the reader understands, in two dialects:
 *
 * - `cce`: Huawei Cloud CCE's own controller (formats.md §3.1, §3.2; CCE user manual cce_10_0385,
 *   cce_10_0681, cce_10_0684, cce_10_0695, cce_10_0252);
 * - `ccm`: the open-source cloud controller manager `kubernetes-sigs/cloud-provider-huaweicloud`
 *   for self-managed clusters (its `docs/usage-guide.md`), recognised by `elb.class: shared|dedicated`
 *   and by its own annotation names.
 *
 * Each entry says what shape the value has (checked with positions) and, for hovers, what it does.
 * The mapping to the model lives in `reader.ts`.
 */

export type Dialect = 'cce' | 'ccm';
export type ObjectKind = 'Service' | 'Ingress';

/** The type of one JSON member or of a plain annotation value. */
export type ValueShape =
  | { type: 'enum'; values: string[]; /** accepted in any letter case (the controller upper-cases) */ anyCase?: boolean }
  /** An integer; `string` says the JSON member is written as a string (CCE), `either` accepts both. */
  | { type: 'int'; min?: number; max?: number; json?: 'string' | 'number' | 'either'; /** a FAQ rule checks the range on the model */ rangeRule?: string }
  | { type: 'bool' }
  | { type: 'onoff' }
  | { type: 'string'; minLength?: number; maxLength?: number; pattern?: RegExp }
  | { type: 'strings' }
  | { type: 'object'; members: Record<string, Member>; required?: string[] }
  | { type: 'array'; items: ValueShape }
  /** `http:80,https:443` */
  | { type: 'protocol-ports' }
  /** `[{"HTTP":80},{"HTTPS":443}]` */
  | { type: 'listen-ports' }
  /** free text not interpreted */
  | { type: 'any' };

export interface Member {
  shape: ValueShape;
  en: string;
  zh: string;
}

export interface AnnotationSpec {
  key: string;
  dialects: Dialect[];
  objects: ObjectKind[];
  /** `json`: the value is JSON text inside the string. */
  json?: boolean;
  shape: ValueShape;
  /** What the annotation does, for hovers (own words; facts from formats.md §3). */
  en: string;
  zh: string;
  /** The ELB field it sets, for hovers. */
  field?: string;
  /** Read but not mapped to the model (no ELB rule concerns it). */
  notModelled?: boolean;
}

export const ELB_PREFIX = 'kubernetes.io/elb.';
export const IGNORE_ANNOTATION = 'elb-lint.io/ignore';

const both: Dialect[] = ['cce', 'ccm'];
const svc: ObjectKind[] = ['Service'];
const ing: ObjectKind[] = ['Ingress'];
const any: ObjectKind[] = ['Service', 'Ingress'];

const healthMembers = (dialect: Dialect): Record<string, Member> => ({
  delay: { shape: { type: 'int', min: 1, max: 50, json: dialect === 'cce' ? 'either' : 'either' }, en: 'Interval between two checks, seconds (1–50).', zh: '检查间隔（秒，1–50）。' },
  timeout: { shape: { type: 'int', min: 1, max: 50, json: 'either' }, en: 'Time to wait for a reply, seconds (1–50).', zh: '检查超时时间（秒，1–50）。' },
  max_retries: { shape: { type: 'int', min: 1, max: 10, json: 'either' }, en: 'Consecutive successes before a member counts as healthy (1–10).', zh: '最大重试次数（1–10）。' },
  ...(dialect === 'cce'
    ? {
        protocol: { shape: { type: 'enum', values: ['TCP', 'UDP', 'HTTP'] }, en: 'Check protocol: `TCP`, `UDP` (for UDP ports) or `HTTP`.', zh: '检查协议：`TCP`、`UDP`（UDP 端口）或 `HTTP`。' },
        path: { shape: { type: 'string', minLength: 1, maxLength: 10000 }, en: 'HTTP check path, starting with `/` (default `/`).', zh: 'HTTP 检查路径，以 `/` 开头（默认 `/`）。' },
        monitor_port: { shape: { type: 'int', min: 1, max: 65535, json: 'either' }, en: 'Port the check probes instead of the member port.', zh: '健康检查端口，不填时使用后端端口。' },
        expected_codes: { shape: { type: 'string', pattern: /^[0-9]{3}(?:-[0-9]{3})?(?:,[0-9]{3}(?:-[0-9]{3})?)*$/ }, en: 'Healthy HTTP status codes (`200`, `200,202`, `200-204`).', zh: '判定健康的 HTTP 状态码（如 `200`、`200,202`、`200-204`）。' },
      }
    : {}),
});

const healthOptions: Record<string, Member> = {
  ...healthMembers('cce'),
  target_service_port: { shape: { type: 'string', pattern: /^(TCP|UDP):\d{1,5}$/ }, en: 'The Service port this check is for, as `TCP:80` or `UDP:53` (required, unique).', zh: '该健康检查对应的 Service 端口，如 `TCP:80`、`UDP:53`（必填，不能重复）。' },
};

const autocreate: Record<string, Member> = {
  name: { shape: { type: 'string', minLength: 1, maxLength: 64 }, en: 'Name of the new load balancer (1–64 characters).', zh: '新建负载均衡器的名称（1–64 个字符）。' },
  type: { shape: { type: 'enum', values: ['public', 'inner'] }, en: '`public` (with an EIP) or `inner` (private only, the default).', zh: '`public`（绑定弹性公网IP）或 `inner`（仅私网，默认）。' },
  bandwidth_name: { shape: { type: 'string' }, en: 'Name of the EIP bandwidth.', zh: '带宽名称。' },
  bandwidth_chargemode: { shape: { type: 'enum', values: ['traffic', 'bandwidth'] }, en: 'Billing of the bandwidth: `traffic` or `bandwidth`.', zh: '带宽计费方式：`traffic` 或 `bandwidth`。' },
  bandwidth_size: { shape: { type: 'int', min: 1, max: 2000, json: 'either' }, en: 'EIP bandwidth, Mbit/s.', zh: '带宽大小（Mbit/s）。' },
  bandwidth_sharetype: { shape: { type: 'enum', values: ['PER', 'WHOLE'] }, en: 'Bandwidth type: `PER` (dedicated).', zh: '带宽类型：`PER`（独享带宽）。' },
  eip_type: { shape: { type: 'string' }, en: 'EIP type, for example `5_bgp`.', zh: '弹性公网IP类型，例如 `5_bgp`。' },
  vip_subnet_cidr_id: { shape: { type: 'string' }, en: 'IPv4 subnet of the load balancer\'s private address.', zh: '负载均衡器私网地址所在的 IPv4 子网。' },
  ipv6_vip_virsubnet_id: { shape: { type: 'string' }, en: 'IPv6 subnet of the load balancer (dedicated).', zh: '负载均衡器的 IPv6 子网（独享型）。' },
  elb_virsubnet_ids: { shape: { type: 'array', items: { type: 'string' } }, en: 'Backend subnets ELB takes its source addresses from (dedicated).', zh: '后端子网，ELB 从中分配访问后端的源地址（独享型）。' },
  vip_address: { shape: { type: 'string' }, en: 'Private IPv4 address of the load balancer.', zh: '负载均衡器的私网 IPv4 地址。' },
  available_zone: { shape: { type: 'array', items: { type: 'string' } }, en: 'Availability zones (dedicated, required there).', zh: '可用区（独享型必填）。' },
  l4_flavor_name: { shape: { type: 'string' }, en: 'Network (L4) flavor (dedicated only).', zh: '网络型（四层）规格（仅独享型）。' },
  l7_flavor_name: { shape: { type: 'string' }, en: 'Application (L7) flavor (dedicated only).', zh: '应用型（七层）规格（仅独享型）。' },
  elb_virsubnet_type: { shape: { type: 'string' }, en: 'Backend subnet type.', zh: '后端子网类型。' },
  ip_target_enable: { shape: { type: 'bool' }, en: 'IP as backend (cross-VPC members).', zh: 'IP 类型后端（跨 VPC 后端）。' },
};

export const ANNOTATIONS: AnnotationSpec[] = [
  // --- load balancer ---------------------------------------------------------------------------
  { key: 'kubernetes.io/elb.class', dialects: ['cce'], objects: any, shape: { type: 'enum', values: ['union', 'performance'] }, field: 'type',
    en: 'Kind of load balancer: `union` = shared, `performance` = dedicated. Cannot be changed once created.',
    zh: '负载均衡器类型：`union` 为共享型，`performance` 为独享型。创建后不能修改。' },
  { key: 'kubernetes.io/elb.id', dialects: both, objects: any, shape: { type: 'string', minLength: 1 },
    en: 'ID of an existing load balancer to use. Services and ingresses naming the same ID share that load balancer, so their listener ports must differ.',
    zh: '使用已有负载均衡器的 ID。使用同一 ID 的 Service 和 Ingress 共用该负载均衡器，因此监听端口不能重复。' },
  { key: 'kubernetes.io/elb.autocreate', dialects: ['cce'], objects: any, json: true, shape: { type: 'object', members: autocreate },
    en: 'Let CCE create a new load balancer, described by a JSON object (name, `type` public/inner, bandwidth, subnets; for dedicated also `available_zone` and flavors).',
    zh: '由 CCE 自动创建负载均衡器，用 JSON 对象描述（名称、`type` 公网/私网、带宽、子网；独享型还需 `available_zone` 和规格）。' },
  { key: 'kubernetes.io/elb.subnet-id', dialects: both, objects: any, shape: { type: 'string' },
    en: 'Subnet of the load balancer (CCE: only for old clusters; CCM: IPv4 subnet of a new load balancer).',
    zh: '负载均衡器所在子网（CCE 仅用于旧版本集群；CCM 用于新建负载均衡器的 IPv4 子网）。' },
  { key: 'kubernetes.io/elb.enterpriseID', dialects: ['cce'], objects: any, shape: { type: 'string' }, notModelled: true,
    en: 'Enterprise project of an auto-created load balancer (`0` = default).', zh: '自动创建的负载均衡器所属企业项目（`0` 为默认项目）。' },
  { key: 'kubernetes.io/elb.tags', dialects: ['cce'], objects: any, shape: { type: 'any' }, notModelled: true,
    en: 'Tags of an auto-created load balancer (`key=value,key=value`).', zh: '自动创建的负载均衡器的标签（`key=value,key=value`）。' },
  { key: 'kubernetes.io/elb.custom-eip-id', dialects: ['cce'], objects: any, shape: { type: 'string' }, field: 'eips',
    en: 'An EIP to bind to the load balancer.', zh: '绑定到负载均衡器的弹性公网IP。' },
  { key: 'kubernetes.io/elb.eip-id', dialects: both, objects: any, shape: { type: 'string' }, field: 'eips',
    en: 'EIP of the load balancer (CCE records the one it assigned; CCM binds this EIP to a new load balancer).', zh: '负载均衡器的弹性公网IP（CCE 记录自动分配的 EIP；CCM 把该 EIP 绑定到新建的负载均衡器）。' },
  { key: 'kubernetes.io/elb.custom-eip-status', dialects: ['cce'], objects: any, json: true, shape: { type: 'any' }, notModelled: true,
    en: 'Written by CCE after a custom EIP is bound (its ID and address).', zh: '绑定自定义 EIP 后由 CCE 写入（EIP 的 ID 和地址）。' },
  { key: 'kubernetes.io/elb.ip', dialects: ['cce'], objects: ing, shape: { type: 'string' }, field: 'vip_address',
    en: 'Address of an existing load balancer to use (`elb.id` wins when both are set).', zh: '按地址使用已有负载均衡器（同时设置时以 `elb.id` 为准）。' },
  // --- pool ------------------------------------------------------------------------------------
  { key: 'kubernetes.io/elb.lb-algorithm', dialects: both, objects: any, shape: { type: 'enum', values: ['ROUND_ROBIN', 'LEAST_CONNECTIONS', 'SOURCE_IP'] }, field: 'lb_algorithm',
    en: 'Algorithm of the backend server group: `ROUND_ROBIN` (default), `LEAST_CONNECTIONS` or `SOURCE_IP`. With `SOURCE_IP` no session affinity may be set and member weights are ignored (FAQ 7.1).',
    zh: '后端服务器组的分配策略：`ROUND_ROBIN`（默认）、`LEAST_CONNECTIONS` 或 `SOURCE_IP`。使用 `SOURCE_IP` 时不能再设置会话保持，且权重不生效（FAQ 7.1）。' },
  { key: 'kubernetes.io/elb.session-affinity-mode', dialects: both, objects: any, shape: { type: 'enum', values: ['SOURCE_IP'] }, field: 'session_persistence.type',
    en: 'Session affinity: `SOURCE_IP` keeps a client on one member (TCP/UDP ports); absent = off. Not allowed with the `SOURCE_IP` algorithm (FAQ 7.1).',
    zh: '会话保持：`SOURCE_IP` 让同一客户端始终访问同一后端（TCP/UDP 端口）；不设置表示关闭。分配策略为 `SOURCE_IP` 时不能设置（FAQ 7.1）。' },
  { key: 'kubernetes.io/elb.session-affinity-option', dialects: ['cce'], objects: any, json: true,
    shape: { type: 'object', members: { persistence_timeout: { shape: { type: 'int', json: 'either', rangeRule: 'ELB405', min: 1, max: 60 }, en: 'Stickiness timeout, minutes (1–60).', zh: '会话保持时间（分钟，1–60）。' } } },
    field: 'session_persistence.persistence_timeout',
    en: 'Options of source-IP session affinity, a JSON object: `persistence_timeout` in minutes (1–60).', zh: '源 IP 会话保持的选项，JSON 对象：`persistence_timeout`，单位分钟（1–60）。' },
  { key: 'kubernetes.io/elb.health-check-flag', dialects: both, objects: any, shape: { type: 'onoff' }, field: 'healthmonitor.admin_state_up',
    en: 'Health check of the backend server groups: `on` (also when blank or absent) or `off`. Without a check ELB keeps sending traffic to failed members (FAQ 3.1).',
    zh: '后端服务器组的健康检查：`on`（为空或不设置时也开启）或 `off`。没有健康检查时 ELB 会继续向故障后端转发（FAQ 3.1）。' },
  { key: 'kubernetes.io/elb.health-check-option', dialects: both, objects: any, json: true, shape: { type: 'object', members: healthMembers('cce') }, field: 'healthmonitor',
    en: 'Health check of every port, a JSON object whose values are strings: `delay` 1–50 s, `timeout` 1–50 s, `max_retries` 1–10, `protocol` TCP/UDP/HTTP, `path` for HTTP. Not together with `health-check-options`.',
    zh: '所有端口的健康检查，JSON 对象（值为字符串）：`delay` 1–50 秒，`timeout` 1–50 秒，`max_retries` 1–10，`protocol` TCP/UDP/HTTP，HTTP 检查的 `path`。不能与 `health-check-options` 同时使用。' },
  { key: 'kubernetes.io/elb.health-check-options', dialects: ['cce'], objects: svc, json: true, shape: { type: 'array', items: { type: 'object', members: healthOptions, required: ['target_service_port'] } }, field: 'healthmonitor',
    en: 'Health check per Service port, a JSON array; each entry names its port in `target_service_port` (`TCP:80`) and takes the keys of `health-check-option` plus `monitor_port` and `expected_codes`. A TCP port takes a TCP or HTTP check, a UDP port a UDP check.',
    zh: '按 Service 端口配置健康检查，JSON 数组；每项用 `target_service_port`（如 `TCP:80`）指定端口，可使用 `health-check-option` 的各项以及 `monitor_port`、`expected_codes`。TCP 端口使用 TCP 或 HTTP 检查，UDP 端口使用 UDP 检查。' },
  { key: 'kubernetes.io/elb.adaptive-weight', dialects: ['cce'], objects: any, shape: { type: 'bool' }, notModelled: true,
    en: 'Weight members by their number of pods.', zh: '按节点上的 Pod 数量设置后端权重。' },
  { key: 'kubernetes.io/elb.pool-protocol', dialects: ['cce'], objects: ing, shape: { type: 'enum', values: ['http', 'https', 'grpc'], anyCase: true }, field: 'protocol',
    en: 'Protocol between the load balancer and the backends (`https` for end-to-end HTTPS; dedicated).', zh: '负载均衡器到后端的协议（全链路 HTTPS 时为 `https`；独享型）。' },
  { key: 'kubernetes.io/elb.slowstart', dialects: ['cce'], objects: ing, shape: { type: 'int', min: 30, max: 1200 }, notModelled: true,
    en: 'Slow start of new members, seconds (30–1200; dedicated).', zh: '慢启动时长（秒，30–1200；独享型）。' },
  // --- listener --------------------------------------------------------------------------------
  { key: 'kubernetes.io/elb.protocol-port', dialects: ['cce'], objects: svc, shape: { type: 'protocol-ports' }, field: 'protocol',
    en: 'Layer-7 listeners for Service ports: `https:443,http:80` makes the listener of port 443 HTTPS and of port 80 HTTP (`http`, `https`, `tls`; the port protocol must be TCP).',
    zh: '为 Service 端口创建七层监听器：`https:443,http:80` 表示 443 端口为 HTTPS 监听器、80 端口为 HTTP 监听器（可选 `http`、`https`、`tls`，端口协议须为 TCP）。' },
  { key: 'kubernetes.io/elb.cert-id', dialects: ['cce'], objects: svc, shape: { type: 'string', minLength: 1 }, field: 'default_tls_container',
    en: 'Server certificate of the HTTPS/TLS listeners.', zh: 'HTTPS/TLS 监听器的服务器证书。' },
  { key: 'kubernetes.io/elb.client-ca-cert-id', dialects: ['cce'], objects: any, shape: { type: 'string', minLength: 1 }, field: 'client_ca_tls_container',
    en: 'CA certificate for mutual authentication.', zh: '双向认证使用的 CA 证书。' },
  { key: 'kubernetes.io/elb.tls-certificate-ids', dialects: ['cce'], objects: any, shape: { type: 'strings' }, field: 'sni_container_refs',
    en: 'Certificates by ID, comma-separated (Ingress: the first is the default certificate, the others SNI certificates).', zh: '证书 ID，逗号分隔（Ingress 中第一个为默认证书，其余为 SNI 证书）。' },
  { key: 'kubernetes.io/elb.http2-enable', dialects: ['cce'], objects: any, shape: { type: 'bool' }, field: 'http2_enable',
    en: 'HTTP/2 between clients and an HTTPS listener (`true`/`false`, default false).', zh: 'HTTPS 监听器与客户端之间使用 HTTP/2（`true`/`false`，默认 false）。' },
  { key: 'kubernetes.io/elb.keepalive_timeout', dialects: ['cce'], objects: any, shape: { type: 'int', min: 0, max: 4000, rangeRule: 'ELB302' }, field: 'keepalive_timeout',
    en: 'Idle timeout of the listeners, seconds: TCP/UDP 10–4000 (default 300), HTTP/HTTPS 0–4000 (default 60). Shared UDP listeners cannot set it (FAQ 6.6).',
    zh: '监听器的空闲超时时间（秒）：TCP/UDP 为 10–4000（默认 300），HTTP/HTTPS 为 0–4000（默认 60）。共享型 UDP 监听器不支持设置（FAQ 6.6）。' },
  { key: 'kubernetes.io/elb.client_timeout', dialects: ['cce'], objects: any, shape: { type: 'int', min: 1, max: 300, rangeRule: 'ELB302' }, field: 'client_timeout',
    en: 'Request timeout of HTTP/HTTPS listeners, seconds (1–300, default 60; FAQ 6.6).', zh: 'HTTP/HTTPS 监听器的请求超时时间（秒，1–300，默认 60；FAQ 6.6）。' },
  { key: 'kubernetes.io/elb.member_timeout', dialects: ['cce'], objects: any, shape: { type: 'int', min: 1, max: 300, rangeRule: 'ELB302' }, field: 'member_timeout',
    en: 'Response timeout of HTTP/HTTPS listeners, seconds (1–300, default 60); on expiry clients get 504 (FAQ 6.6).', zh: 'HTTP/HTTPS 监听器的响应超时时间（秒，1–300，默认 60）；超时后客户端收到 504（FAQ 6.6）。' },
  { key: 'kubernetes.io/elb.transparent-client-ip', dialects: ['cce'], objects: svc, shape: { type: 'bool' }, field: 'transparent_client_ip_enable',
    en: 'Pass the client address to the backends (shared TCP/UDP listeners). It only takes effect with `externalTrafficPolicy: Local`.',
    zh: '把客户端地址透传给后端（共享型 TCP/UDP 监听器）。只有在 `externalTrafficPolicy: Local` 时生效。' },
  { key: 'kubernetes.io/elb.acl-id', dialects: ['cce'], objects: any, shape: { type: 'strings' }, field: 'ipgroup.ipgroup_id',
    en: 'IP address group(s) of the listener\'s access control (comma-separated; empty = everyone allowed).', zh: '监听器访问控制使用的 IP 地址组（逗号分隔；为空表示允许所有地址）。' },
  { key: 'kubernetes.io/elb.acl-status', dialects: ['cce'], objects: any, shape: { type: 'enum', values: ['on', 'off', 'true', 'false'] }, field: 'ipgroup.enable_ipgroup',
    en: 'Access control on or off.', zh: '开启或关闭访问控制。' },
  { key: 'kubernetes.io/elb.acl-type', dialects: ['cce'], objects: any, shape: { type: 'enum', values: ['white', 'black'] }, field: 'ipgroup.type',
    en: '`white` (only the group may connect) or `black` (the group may not).', zh: '`white`（白名单，仅允许地址组访问）或 `black`（黑名单，禁止地址组访问）。' },
  { key: 'kubernetes.io/elb.pass-through', dialects: ['cce'], objects: svc, shape: { type: 'enum', values: ['true', 'onlyLocal'] }, notModelled: true,
    en: 'In-cluster access to the load balancer address goes through the ELB instead of kube-proxy.', zh: '集群内访问负载均衡器地址时经过 ELB 转发，而不是由 kube-proxy 直接转发。' },
  { key: 'kubernetes.io/elb.x-forwarded-port', dialects: ['cce'], objects: any, shape: { type: 'bool' }, field: 'insert_headers.X-Forwarded-Port',
    en: 'Add `X-Forwarded-Port` to requests (HTTP/HTTPS listeners only, FAQ 6.1).', zh: '在请求中加入 `X-Forwarded-Port`（仅 HTTP/HTTPS 监听器，FAQ 6.1）。' },
  { key: 'kubernetes.io/elb.x-forwarded-for-port', dialects: ['cce'], objects: any, shape: { type: 'bool' }, field: 'insert_headers.X-Forwarded-For-Port',
    en: 'Add `X-Forwarded-For-Port` to requests (HTTP/HTTPS listeners only, FAQ 6.1).', zh: '在请求中加入 `X-Forwarded-For-Port`（仅 HTTP/HTTPS 监听器，FAQ 6.1）。' },
  { key: 'kubernetes.io/elb.x-forwarded-host', dialects: both, objects: any, shape: { type: 'bool' }, field: 'insert_headers.X-Forwarded-Host',
    en: 'Rewrite `X-Forwarded-Host` from the request\'s Host (HTTP/HTTPS listeners only, FAQ 6.1).', zh: '根据请求的 Host 改写 `X-Forwarded-Host`（仅 HTTP/HTTPS 监听器，FAQ 6.1）。' },
  { key: 'kubernetes.io/elb.tls-ciphers-policy', dialects: ['cce'], objects: any,
    shape: { type: 'enum', values: ['tls-1-0-inherit', 'tls-1-0', 'tls-1-1', 'tls-1-2', 'tls-1-2-strict', 'tls-1-0-with-1-3', 'tls-1-2-fs', 'tls-1-2-fs-with-1-3', 'hybrid-policy-1-0', 'tls-1-2-strict-no-cbc'] }, field: 'tls_ciphers_policy',
    en: 'TLS security policy of the HTTPS listener (default `tls-1-2`).', zh: 'HTTPS 监听器的安全策略（默认 `tls-1-2`）。' },
  { key: 'kubernetes.io/elb.security_policy_id', dialects: ['cce'], objects: any, shape: { type: 'string' }, notModelled: true,
    en: 'Custom TLS security policy of the HTTPS listener (wins over `tls-ciphers-policy`).', zh: 'HTTPS 监听器的自定义安全策略（优先于 `tls-ciphers-policy`）。' },
  // --- Ingress only ----------------------------------------------------------------------------
  { key: 'kubernetes.io/elb.port', dialects: ['cce'], objects: ing, shape: { type: 'int', min: 1, max: 65535 }, field: 'protocol_port',
    en: 'Listener port of the ingress (default 80 for HTTP, 443 for HTTPS).', zh: 'Ingress 的监听端口（HTTP 默认 80，HTTPS 默认 443）。' },
  { key: 'kubernetes.io/elb.listen-ports', dialects: ['cce'], objects: ing, json: true, shape: { type: 'listen-ports' }, field: 'protocol_port',
    en: 'Several listeners for one ingress, a JSON array such as `[{"HTTP":80},{"HTTPS":443}]` (wins over `elb.port`).', zh: '为一个 Ingress 创建多个监听器，JSON 数组，如 `[{"HTTP":80},{"HTTPS":443}]`（优先于 `elb.port`）。' },
  { key: 'kubernetes.io/elb.ingress-order', dialects: ['cce'], objects: ing, shape: { type: 'int', min: 1, max: 1000 }, notModelled: true,
    en: 'Order of this ingress\'s forwarding policies on a shared listener (1–1000; dedicated).', zh: '该 Ingress 的转发策略在共用监听器上的顺序（1–1000；独享型）。' },
  { key: 'kubernetes.io/elb.rule-priority-enabled', dialects: ['cce'], objects: ing, shape: { type: 'enum', values: ['true'] }, notModelled: true,
    en: 'Order forwarding policies by priority (dedicated; cannot be undone).', zh: '按优先级排列转发策略（独享型；开启后不能关闭）。' },
  { key: 'kubernetes.io/elb.listener-master-ingress', dialects: ['cce'], objects: ing, shape: { type: 'any' }, notModelled: true,
    en: 'Written by CCE: the ingress whose settings the shared listener follows.', zh: '由 CCE 写入：共用监听器以哪个 Ingress 的配置为准。' },
  { key: 'kubernetes.io/elb.ssl-redirect', dialects: ['cce'], objects: ing, shape: { type: 'bool' }, notModelled: true,
    en: 'Redirect HTTP requests to the HTTPS listener.', zh: '把 HTTP 请求重定向到 HTTPS 监听器。' },
  { key: 'kubernetes.io/elb.rewrite-target', dialects: ['cce'], objects: ing, shape: { type: 'any' }, notModelled: true,
    en: 'Rewrite the request path before forwarding.', zh: '转发前改写请求路径。' },
  { key: 'kubernetes.io/elb.canary', dialects: ['cce'], objects: ing, shape: { type: 'bool' }, notModelled: true, en: 'Mark the ingress as a canary release.', zh: '将该 Ingress 标记为灰度发布。' },
  { key: 'kubernetes.io/elb.canary-weight', dialects: ['cce'], objects: ing, shape: { type: 'int', min: 0, max: 100 }, notModelled: true, en: 'Share of traffic for the canary (0–100).', zh: '灰度发布的流量比例（0–100）。' },
  // --- the open-source cloud controller manager (ccm) -------------------------------------------
  { key: 'kubernetes.io/elb.availability-zones', dialects: ['ccm'], objects: svc, shape: { type: 'any' }, field: 'availability_zones',
    en: 'CCM: availability zones of a new dedicated load balancer, separated by `;` (required for dedicated).', zh: 'CCM：新建独享型负载均衡器的可用区，以 `;` 分隔（独享型必填）。' },
  { key: 'kubernetes.io/elb.keep-eip', dialects: ['ccm'], objects: svc, shape: { type: 'bool' }, notModelled: true,
    en: 'CCM: keep the EIP when the load balancer is deleted.', zh: 'CCM：删除负载均衡器时保留弹性公网IP。' },
  { key: 'kubernetes.io/elb.eip-auto-create-option', dialects: ['ccm'], objects: svc, json: true,
    shape: { type: 'object', members: {
      ip_type: { shape: { type: 'string' }, en: 'EIP type (`5_bgp`, `5_sbgp`).', zh: 'EIP 类型（`5_bgp`、`5_sbgp`）。' },
      bandwidth_size: { shape: { type: 'int', min: 1, max: 2000, json: 'either' }, en: 'Bandwidth, Mbit/s.', zh: '带宽大小（Mbit/s）。' },
      share_type: { shape: { type: 'enum', values: ['PER', 'WHOLE'] }, en: '`PER` or `WHOLE` (needs `share_id`).', zh: '`PER` 或 `WHOLE`（需要 `share_id`）。' },
      charge_mode: { shape: { type: 'enum', values: ['bandwidth', 'traffic'] }, en: '`bandwidth` or `traffic`.', zh: '`bandwidth` 或 `traffic`。' },
      share_id: { shape: { type: 'string' }, en: 'ID of a shared bandwidth.', zh: '共享带宽 ID。' },
    }, required: ['share_type'] }, field: 'eips',
    en: 'CCM: create an EIP for the load balancer, a JSON object (`share_type`, `ip_type`, `bandwidth_size`, `charge_mode`, `share_id`).', zh: 'CCM：为负载均衡器创建弹性公网IP，JSON 对象（`share_type`、`ip_type`、`bandwidth_size`、`charge_mode`、`share_id`）。' },
  { key: 'kubernetes.io/elb.session-affinity-flag', dialects: ['ccm'], objects: svc, shape: { type: 'onoff' }, field: 'session_persistence',
    en: 'CCM: session affinity `on` or `off` (default); the type comes from `session-affinity-option`.', zh: 'CCM：会话保持 `on` 或 `off`（默认）；类型在 `session-affinity-option` 中设置。' },
  { key: 'kubernetes.io/elb.session-affinity-option', dialects: ['ccm'], objects: svc, json: true,
    shape: { type: 'object', members: {
      type: { shape: { type: 'enum', values: ['SOURCE_IP', 'HTTP_COOKIE', 'APP_COOKIE'] }, en: 'Sticky session type.', zh: '会话保持类型。' },
      cookie_name: { shape: { type: 'string', minLength: 1, maxLength: 1024 }, en: 'Cookie name (APP_COOKIE).', zh: 'cookie 名称（APP_COOKIE）。' },
      persistence_timeout: { shape: { type: 'int', json: 'either', rangeRule: 'ELB405', min: 1, max: 1440 }, en: 'Stickiness timeout, minutes (TCP/UDP 1–60, HTTP 1–1440).', zh: '会话保持时间（分钟，TCP/UDP 1–60，HTTP 1–1440）。' },
    }, required: ['type'] }, field: 'session_persistence',
    en: 'CCM: the sticky session, a JSON object (`type`, `cookie_name`, `persistence_timeout` in minutes).', zh: 'CCM：会话保持，JSON 对象（`type`、`cookie_name`、`persistence_timeout` 分钟）。' },
  { key: 'kubernetes.io/elb.enable-transparent-client-ip', dialects: ['ccm'], objects: svc, shape: { type: 'bool' }, field: 'transparent_client_ip_enable',
    en: 'CCM: pass the client address to the backends. Shared TCP/UDP: true or false (default false); shared HTTP/HTTPS and every dedicated listener: only true.',
    zh: 'CCM：把客户端地址透传给后端。共享型 TCP/UDP：true 或 false（默认 false）；共享型 HTTP/HTTPS 和所有独享型监听器：只能为 true。' },
  { key: 'kubernetes.io/elb.default-tls-container-ref', dialects: ['ccm'], objects: svc, shape: { type: 'string', minLength: 1 }, field: 'default_tls_container',
    en: 'CCM: server certificate; the listeners become HTTPS (TLS terminated at ELB).', zh: 'CCM：服务器证书；监听器将创建为 HTTPS（在 ELB 上卸载 TLS）。' },
  { key: 'kubernetes.io/elb.idle-timeout', dialects: ['ccm'], objects: svc, shape: { type: 'int', min: 0, max: 4000, rangeRule: 'ELB302' }, field: 'keepalive_timeout',
    en: 'CCM: idle timeout of the listener, seconds (TCP/UDP 10–4000, HTTP/HTTPS 0–4000; FAQ 6.6).', zh: 'CCM：监听器空闲超时时间（秒，TCP/UDP 10–4000，HTTP/HTTPS 0–4000；FAQ 6.6）。' },
  { key: 'kubernetes.io/elb.request-timeout', dialects: ['ccm'], objects: svc, shape: { type: 'int', min: 1, max: 300, rangeRule: 'ELB302' }, field: 'client_timeout',
    en: 'CCM: request timeout, seconds (1–300; HTTP/HTTPS listeners).', zh: 'CCM：请求超时时间（秒，1–300；HTTP/HTTPS 监听器）。' },
  { key: 'kubernetes.io/elb.response-timeout', dialects: ['ccm'], objects: svc, shape: { type: 'int', min: 1, max: 300, rangeRule: 'ELB302' }, field: 'member_timeout',
    en: 'CCM: response timeout, seconds (1–300; HTTP/HTTPS listeners).', zh: 'CCM：响应超时时间（秒，1–300；HTTP/HTTPS 监听器）。' },
  { key: 'kubernetes.io/elb.enable-cross-vpc', dialects: ['ccm'], objects: svc, shape: { type: 'bool' }, field: 'ip_target_enable',
    en: 'CCM: members in other VPCs (IP as backend; dedicated; cannot be turned off).', zh: 'CCM：跨 VPC 后端（IP 类型后端；独享型；开启后不能关闭）。' },
  { key: 'kubernetes.io/elb.l4-flavor-id', dialects: ['ccm'], objects: svc, shape: { type: 'string' }, field: 'l4_flavor',
    en: 'CCM: network (L4) flavor of a new dedicated load balancer.', zh: 'CCM：新建独享型负载均衡器的网络型（四层）规格。' },
  { key: 'kubernetes.io/elb.l7-flavor-id', dialects: ['ccm'], objects: svc, shape: { type: 'string' }, field: 'l7_flavor',
    en: 'CCM: application (L7) flavor of a new dedicated load balancer.', zh: 'CCM：新建独享型负载均衡器的应用型（七层）规格。' },
  { key: 'kubernetes.io/elb.backend.subnet-id', dialects: ['ccm'], objects: svc, shape: { type: 'string' }, notModelled: true,
    en: 'CCM: subnet the members are added from (dedicated).', zh: 'CCM：添加后端时使用的子网（独享型）。' },
  { key: 'kubernetes.io/elb.backend.ip-version', dialects: ['ccm'], objects: svc, shape: { type: 'enum', values: ['ipv4', 'v4', 'ipv6', 'v6'] }, notModelled: true,
    en: 'CCM: IP version of pod members (dedicated).', zh: 'CCM：Pod 后端的 IP 版本（独享型）。' },
];

/** The CCM spelling of `elb.class`. */
export const CCM_CLASS: AnnotationSpec = {
  key: 'kubernetes.io/elb.class', dialects: ['ccm'], objects: svc, shape: { type: 'enum', values: ['shared', 'dedicated'] }, field: 'type',
  en: 'CCM: kind of load balancer, `shared` or `dedicated` (required).', zh: 'CCM：负载均衡器类型，`shared` 或 `dedicated`（必填）。',
};

/** Per-service annotations of an ingress (`kubernetes.io/elb.headers.<service>`, ...). */
export const INGRESS_PREFIXED: { prefix: string; en: string; zh: string }[] = [
  { prefix: 'kubernetes.io/elb.headers.', en: 'Forward to the named Service only requests with this header, a JSON object `{"key": …, "values": […]}`.', zh: '仅将带有该请求头的请求转发到指定 Service，JSON 对象 `{"key": …, "values": […]}`。' },
  { prefix: 'kubernetes.io/elb.conditions.', en: 'Forwarding conditions of the named Service, a JSON array (`[]` deletes them).', zh: '指定 Service 的转发条件，JSON 数组（`[]` 表示删除）。' },
  { prefix: 'kubernetes.io/elb.actions.', en: 'Forwarding actions of the named Service, a JSON array (`[]` deletes them).', zh: '指定 Service 的转发动作，JSON 数组（`[]` 表示删除）。' },
  { prefix: 'kubernetes.io/elb.cors-', en: 'Cross-origin (CORS) response headers of the ingress.', zh: 'Ingress 的跨域（CORS）响应头。' },
];

/** Keys that only one dialect uses: they tell a file's dialect apart. */
export function specsFor(key: string): AnnotationSpec[] {
  return BY_KEY.get(key) ?? [];
}

const BY_KEY = new Map<string, AnnotationSpec[]>();
for (const a of [...ANNOTATIONS, CCM_CLASS]) {
  const list = BY_KEY.get(a.key);
  if (list) list.push(a);
  else BY_KEY.set(a.key, [a]);
}

/** The spec of an annotation in a dialect, if that dialect has it. */
export function specOf(key: string, dialect: Dialect): AnnotationSpec | undefined {
  return BY_KEY.get(key)?.find((a) => a.dialects.includes(dialect));
}

/** Every known key (both dialects), for "did you mean". */
export const ALL_KEYS: string[] = [...BY_KEY.keys()];

export function isPrefixedKey(key: string): { prefix: string; en: string; zh: string } | undefined {
  return INGRESS_PREFIXED.find((p) => key.startsWith(p.prefix) && key.length > p.prefix.length);
}
