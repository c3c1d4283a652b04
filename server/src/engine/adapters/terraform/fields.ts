/**
 * How the `huaweicloud` provider names the model's fields (formats.md §2): per resource type, the
 * Terraform argument (or nested block) behind each model field (API name). Read by the mapping
 * (Terraform → model) and by the origins (model path → span / edit in the `.tf` file).
 */

export interface ArgField {
  arg: string;
  /** The provider declares the argument a string holding "true"/"false". */
  strBool?: boolean;
  /** A reference field: the resource types it may name and the attribute it must take. */
  ref?: { types: string[]; attr: string; list?: boolean; anyId?: boolean };
}

export interface BlockField {
  /** A nested block (`persistence {}`), mapped by its own field table. */
  block: string;
  fields: FieldMap;
}

export type FieldMap = Record<string, ArgField | BlockField>;

export const SUBNET = 'huaweicloud_vpc_subnet';
export const VPC = 'huaweicloud_vpc';
export const SECGROUP = 'huaweicloud_networking_secgroup';
export const SECGROUP_RULE = 'huaweicloud_networking_secgroup_rule';
export const INSTANCE = 'huaweicloud_compute_instance';
export const NETWORK_ACL = 'huaweicloud_vpc_network_acl';

export const DEDICATED = {
  lb: 'huaweicloud_elb_loadbalancer',
  listener: 'huaweicloud_elb_listener',
  pool: 'huaweicloud_elb_pool',
  member: 'huaweicloud_elb_member',
  monitor: 'huaweicloud_elb_monitor',
  certificate: 'huaweicloud_elb_certificate',
  l7policy: 'huaweicloud_elb_l7policy',
  l7rule: 'huaweicloud_elb_l7rule',
  ipgroup: 'huaweicloud_elb_ipgroup',
} as const;

export const SHARED = {
  lb: 'huaweicloud_lb_loadbalancer',
  listener: 'huaweicloud_lb_listener',
  pool: 'huaweicloud_lb_pool',
  member: 'huaweicloud_lb_member',
  monitor: 'huaweicloud_lb_monitor',
  certificate: 'huaweicloud_lb_certificate',
  l7policy: 'huaweicloud_lb_l7policy',
  l7rule: 'huaweicloud_lb_l7rule',
  whitelist: 'huaweicloud_lb_whitelist',
} as const;

const id = (types: string[], attr = 'id', list = false) => ({ types, attr, list });

const PERSISTENCE: FieldMap = {
  type: { arg: 'type' },
  cookie_name: { arg: 'cookie_name' },
  persistence_timeout: { arg: 'timeout' },
};

export const FIELDS: Record<string, FieldMap> = {
  [VPC]: { cidr: { arg: 'cidr' } },
  [SUBNET]: { cidr: { arg: 'cidr' }, ipv6_enable: { arg: 'ipv6_enable' }, vpc: { arg: 'vpc_id', ref: id([VPC]) } },
  [SECGROUP]: {},
  [SECGROUP_RULE]: {
    direction: { arg: 'direction' },
    ethertype: { arg: 'ethertype' },
    protocol: { arg: 'protocol' },
    port_range_min: { arg: 'port_range_min' },
    port_range_max: { arg: 'port_range_max' },
    multiport: { arg: 'ports' },
    remote_ip_prefix: { arg: 'remote_ip_prefix' },
    remote_group: { arg: 'remote_group_id', ref: id([SECGROUP]) },
    action: { arg: 'action' },
    priority: { arg: 'priority' },
    group: { arg: 'security_group_id', ref: id([SECGROUP]) },
  },
  [INSTANCE]: {
    security_groups: { arg: 'security_groups' },
  },
  [DEDICATED.lb]: {
    vpc: { arg: 'vpc_id', ref: id([VPC]) },
    vip_subnet: { arg: 'ipv4_subnet_id', ref: id([SUBNET], 'ipv4_subnet_id') },
    vip_address: { arg: 'ipv4_address' },
    ipv6_vip_subnet: { arg: 'ipv6_network_id', ref: id([SUBNET], 'id') },
    ipv6_vip_address: { arg: 'ipv6_address' },
    backend_subnets: { arg: 'backend_subnets', ref: id([SUBNET], 'id', true) },
    availability_zones: { arg: 'availability_zone' },
    l4_flavor: { arg: 'l4_flavor_id' },
    l7_flavor: { arg: 'l7_flavor_id' },
    ip_target_enable: { arg: 'cross_vpc_backend' },
  },
  [SHARED.lb]: {
    vip_subnet: { arg: 'vip_subnet_id', ref: id([SUBNET], 'ipv4_subnet_id') },
    vip_address: { arg: 'vip_address' },
  },
  [DEDICATED.listener]: {
    lb: { arg: 'loadbalancer_id', ref: id([DEDICATED.lb]) },
    protocol: { arg: 'protocol' },
    protocol_port: { arg: 'protocol_port' },
    default_pool: { arg: 'default_pool_id', ref: id([DEDICATED.pool]) },
    default_tls_container: { arg: 'server_certificate', ref: id([DEDICATED.certificate]) },
    client_ca_tls_container: { arg: 'ca_certificate', ref: id([DEDICATED.certificate]) },
    sni_containers: { arg: 'sni_certificate', ref: id([DEDICATED.certificate], 'id', true) },
    sni_match_algo: { arg: 'sni_match_algo' },
    tls_ciphers_policy: { arg: 'tls_ciphers_policy' },
    keepalive_timeout: { arg: 'idle_timeout' },
    client_timeout: { arg: 'request_timeout' },
    member_timeout: { arg: 'response_timeout' },
    transparent_client_ip_enable: { arg: 'transparent_client_ip_enable', strBool: true },
    enable_member_retry: { arg: 'enable_member_retry' },
    nat64_enable: { arg: 'nat64_enable', strBool: true },
    http2_enable: { arg: 'http2_enable' },
  },
  [SHARED.listener]: {
    lb: { arg: 'loadbalancer_id', ref: id([SHARED.lb]) },
    protocol: { arg: 'protocol' },
    protocol_port: { arg: 'protocol_port' },
    default_pool: { arg: 'default_pool_id', ref: id([SHARED.pool]) },
    default_tls_container: { arg: 'default_tls_container_ref', ref: id([SHARED.certificate]) },
    client_ca_tls_container: { arg: 'client_ca_tls_container_ref', ref: id([SHARED.certificate]) },
    sni_containers: { arg: 'sni_container_refs', ref: id([SHARED.certificate], 'id', true) },
    tls_ciphers_policy: { arg: 'tls_ciphers_policy' },
    transparent_client_ip_enable: { arg: 'transparent_client_ip_enable' },
    http2_enable: { arg: 'http2_enable' },
    insert_headers: { block: 'insert_headers', fields: {} },
  },
  [DEDICATED.pool]: {
    lb: { arg: 'loadbalancer_id', ref: id([DEDICATED.lb]) },
    listener: { arg: 'listener_id', ref: id([DEDICATED.listener]) },
    protocol: { arg: 'protocol' },
    lb_algorithm: { arg: 'lb_method' },
    session_persistence: { block: 'persistence', fields: PERSISTENCE },
  },
  [SHARED.pool]: {
    lb: { arg: 'loadbalancer_id', ref: id([SHARED.lb]) },
    listener: { arg: 'listener_id', ref: id([SHARED.listener]) },
    protocol: { arg: 'protocol' },
    lb_algorithm: { arg: 'lb_method' },
    session_persistence: { block: 'persistence', fields: PERSISTENCE },
  },
  [DEDICATED.member]: {
    pool: { arg: 'pool_id', ref: id([DEDICATED.pool]) },
    address: { arg: 'address' },
    server: { arg: 'address', ref: id([INSTANCE], 'access_ip_v4') },
    protocol_port: { arg: 'protocol_port' },
    weight: { arg: 'weight' },
    subnet: { arg: 'subnet_id', ref: id([SUBNET], 'ipv4_subnet_id') },
  },
  [SHARED.member]: {
    pool: { arg: 'pool_id', ref: id([SHARED.pool]) },
    address: { arg: 'address' },
    server: { arg: 'address', ref: id([INSTANCE], 'access_ip_v4') },
    protocol_port: { arg: 'protocol_port' },
    weight: { arg: 'weight' },
    subnet: { arg: 'subnet_id', ref: id([SUBNET], 'ipv4_subnet_id') },
  },
  [DEDICATED.monitor]: {
    pool: { arg: 'pool_id', ref: id([DEDICATED.pool]) },
    type: { arg: 'protocol' },
    delay: { arg: 'interval' },
    timeout: { arg: 'timeout' },
    max_retries: { arg: 'max_retries' },
    max_retries_down: { arg: 'max_retries_down' },
    monitor_port: { arg: 'port' },
    url_path: { arg: 'url_path' },
    domain_name: { arg: 'domain_name' },
    expected_codes: { arg: 'status_code' },
    http_method: { arg: 'http_method' },
    admin_state_up: { arg: 'enabled' },
  },
  [SHARED.monitor]: {
    pool: { arg: 'pool_id', ref: id([SHARED.pool]) },
    type: { arg: 'type' },
    delay: { arg: 'delay' },
    timeout: { arg: 'timeout' },
    max_retries: { arg: 'max_retries' },
    monitor_port: { arg: 'port' },
    url_path: { arg: 'url_path' },
    domain_name: { arg: 'domain_name' },
    expected_codes: { arg: 'expected_codes' },
    http_method: { arg: 'http_method' },
  },
  [DEDICATED.certificate]: { type: { arg: 'type' }, domain: { arg: 'domain' }, certificate: { arg: 'certificate' }, private_key: { arg: 'private_key' } },
  [SHARED.certificate]: { type: { arg: 'type' }, domain: { arg: 'domain' }, certificate: { arg: 'certificate' }, private_key: { arg: 'private_key' } },
  [DEDICATED.l7policy]: {
    listener: { arg: 'listener_id', ref: id([DEDICATED.listener]) },
    action: { arg: 'action' },
    redirect_pool: { arg: 'redirect_pool_id', ref: id([DEDICATED.pool]) },
  },
  [SHARED.l7policy]: {
    listener: { arg: 'listener_id', ref: id([SHARED.listener]) },
    action: { arg: 'action' },
    redirect_pool: { arg: 'redirect_pool_id', ref: id([SHARED.pool]) },
  },
  [DEDICATED.l7rule]: { policy: { arg: 'l7policy_id', ref: id([DEDICATED.l7policy]) }, type: { arg: 'type' }, compare_type: { arg: 'compare_type' }, value: { arg: 'value' } },
  [SHARED.l7rule]: { policy: { arg: 'l7policy_id', ref: id([SHARED.l7policy]) }, type: { arg: 'type' }, compare_type: { arg: 'compare_type' }, value: { arg: 'value' } },
  [DEDICATED.ipgroup]: {},
  [SHARED.whitelist]: { listener: { arg: 'listener_id', ref: id([SHARED.listener]) } },
  [NETWORK_ACL]: {},
};

/** The listener's access-control binding lives in three listener arguments (dedicated). */
export const DEDICATED_IPGROUP: FieldMap = {
  type: { arg: 'access_policy' },
  enable_ipgroup: { arg: 'ip_group_enable', strBool: true },
  ip_group: { arg: 'ip_group', ref: id([DEDICATED.ipgroup]) },
};

/** A shared listener's whitelist is its own resource (`huaweicloud_lb_whitelist`). */
export const SHARED_WHITELIST: FieldMap = {
  enable_ipgroup: { arg: 'enable_whitelist' },
  ip_group: { arg: 'whitelist' },
  listener: { arg: 'listener_id', ref: id([SHARED.listener]) },
};

/** Connection drain of a dedicated pool: two pool arguments. */
export const CONNECTION_DRAIN: FieldMap = {
  enable: { arg: 'connection_drain_enabled' },
  timeout: { arg: 'connection_drain_timeout' },
};

/** Dedicated listener arguments that add X-Forwarded-* headers (formats.md §2.1). */
export const FORWARD_HEADERS: Record<string, string> = {
  forward_eip: 'X-Forwarded-ELB-IP',
  forward_port: 'X-Forwarded-Port',
  forward_request_port: 'X-Forwarded-For-Port',
  forward_host: 'X-Forwarded-Host',
  forward_elb: 'X-Forwarded-ELB-ID',
  forward_proto: 'X-Forwarded-Proto',
  real_ip: 'X-Real-IP',
  forward_tls_certificate: 'X-Forwarded-TLS-Certificate-ID',
  forward_tls_cipher: 'X-Forwarded-TLS-Cipher',
  forward_tls_protocol: 'X-Forwarded-TLS-Protocol',
};

/** Shared listener `insert_headers {}` block arguments. */
export const SHARED_HEADERS: Record<string, string> = {
  x_forwarded_elb_ip: 'X-Forwarded-ELB-IP',
  x_forwarded_host: 'X-Forwarded-Host',
};

/** ACL rule block arguments (`ingress_rules {}` / `egress_rules {}`) → model. */
export const ACL_RULE: FieldMap = {
  action: { arg: 'action' },
  protocol: { arg: 'protocol' },
  source_ip_address: { arg: 'source_ip_address' },
  destination_ip_address: { arg: 'destination_ip_address' },
  source_port: { arg: 'source_port' },
  destination_port: { arg: 'destination_port' },
  ip_version: { arg: 'ip_version' },
};

/** Every resource type the adapter reads (for hovers, completion and docs). */
export const KNOWN_TYPES: string[] = [...Object.keys(FIELDS), INSTANCE];

export function isArg(f: ArgField | BlockField | undefined): f is ArgField {
  return !!f && 'arg' in f;
}
