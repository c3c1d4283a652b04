import type { Span, TextEdit } from '../types';
import type { SourceText } from '../text/source';

/**
 * The one ELB model every input format is mapped into. Field names are the ELB v3 / VPC API's.
 * A field is `undefined` when the input does not give it (or gives it with the wrong type, which
 * the schema reports): rules treat `undefined` as unknown, never as wrong.
 */

/** Where a model object came from; format adapters implement it (own YAML/JSON, Terraform, ...). */
export interface Origin {
  source: SourceText;
  /** Span of the whole object. */
  span: Span;
  /** Span to point at when naming the object (its `name` value, else the object). */
  nameSpan: Span;
  /** Span of a field's value (dotted model path, e.g. `session_persistence.type`), if present. */
  valueSpan(path: string): Span | undefined;
  /** Span of a field's key, if present. */
  keySpan(path: string): Span | undefined;
  /** Text edits that set a field (creating missing parents), or `undefined` when not editable. */
  setField(path: string, value: unknown): TextEdit[] | undefined;
  /** Text edits that remove a field. */
  removeField(path: string): TextEdit[] | undefined;
  /** Text edits that append an item to a list field (creating the list when absent). */
  appendToList(path: string, item: Record<string, unknown> | Record<string, unknown>[]): TextEdit[] | undefined;
  /** Text edits that remove the object itself from the list that holds it. */
  removeSelf(): TextEdit[] | undefined;
}

export interface Ref<T> {
  name: string;
  span: Span;
  target?: T;
}

export interface ModelObject {
  readonly kind: string;
  name: string;
  $: Origin;
}

export type LbType = 'shared' | 'dedicated';
export type ListenerProtocol = 'TCP' | 'UDP' | 'TLS' | 'HTTP' | 'HTTPS' | 'QUIC';
export type PoolProtocol = 'TCP' | 'UDP' | 'TLS' | 'HTTP' | 'HTTPS' | 'GRPC' | 'QUIC';

export interface Vpc extends ModelObject {
  kind: 'vpc';
  cidr?: string;
  subnets: Subnet[];
}

export interface Subnet extends ModelObject {
  kind: 'subnet';
  vpc: Vpc;
  cidr?: string;
  ipv6_enable?: boolean;
  /** IPv6 CIDR of the subnet; when given, IPv6 is on. */
  ipv6_cidr?: string;
  network_acl?: Ref<NetworkAcl>;
}

export interface AclRule {
  $: Origin;
  action?: string;
  protocol?: string;
  source_ip_address?: string;
  destination_ip_address?: string;
  source_port?: string;
  destination_port?: string;
  enabled?: boolean;
  /** 4 or 6; absent: read from the rule's addresses, else IPv4. */
  ip_version?: number;
}

export interface NetworkAcl extends ModelObject {
  kind: 'network_acl';
  inbound_rules?: AclRule[];
  outbound_rules?: AclRule[];
}

export interface SecurityGroupRule {
  $: Origin;
  group: SecurityGroup;
  direction?: string;
  ethertype?: string;
  protocol?: string;
  port_range_min?: number;
  port_range_max?: number;
  multiport?: string;
  remote_ip_prefix?: string;
  remote_group?: Ref<SecurityGroup>;
  action?: string;
  priority?: number;
  enabled?: boolean;
}

export interface SecurityGroup extends ModelObject {
  kind: 'security_group';
  /** `undefined` when the input does not list the rules (unknown, not empty). */
  rules?: SecurityGroupRule[];
}

export interface VpcPeering extends ModelObject {
  kind: 'vpc_peering';
  vpc?: Ref<Vpc>;
  peer_vpc?: Ref<Vpc>;
}

export interface Server extends ModelObject {
  kind: 'server';
  server_kind?: string;
  subnet?: Ref<Subnet>;
  address?: string;
  ipv6_address?: string;
  /** `undefined` when the input does not say which groups the server has. */
  security_groups?: Ref<SecurityGroup>[];
  public_ip?: boolean;
}

export interface Certificate extends ModelObject {
  kind: 'certificate';
  type?: string;
  domain?: string;
  certificate?: string;
  private_key?: string;
}

export interface IpGroup extends ModelObject {
  kind: 'ip_group';
  ip_list?: string[];
}

export interface Eip {
  $: Origin;
  address?: string;
  bandwidth?: number;
}

export interface AccessLog {
  $: Origin;
  log_group?: string;
  log_topic?: string;
  retention_days?: number;
  enabled?: boolean;
}

export interface LoadBalancer extends ModelObject {
  kind: 'loadbalancer';
  /** Defaults to dedicated (the v3 API creates dedicated load balancers only). */
  type: LbType;
  /** Whether `type` was written in the input. */
  typeGiven: boolean;
  vpc?: Ref<Vpc>;
  vip_subnet?: Ref<Subnet>;
  vip_address?: string;
  ipv6_vip_subnet?: Ref<Subnet>;
  ipv6_vip_address?: string;
  backend_subnets?: Ref<Subnet>[];
  availability_zones?: string[];
  l4_flavor?: string;
  l7_flavor?: string;
  ip_target_enable?: boolean;
  eips?: Eip[];
  access_log?: AccessLog;
  listeners: Listener[];
  /** Whether the input lists the listeners (even as an empty list); absent = not known (ELB609). */
  listenersGiven?: boolean;
  pools: Pool[];
}

export interface IpGroupBinding {
  $: Origin;
  ip_group?: Ref<IpGroup>;
  type?: string;
  enable_ipgroup?: boolean;
}

export interface L7Rule {
  $: Origin;
  type?: string;
  compare_type?: string;
  value?: string;
}

export interface L7Policy extends ModelObject {
  kind: 'l7policy';
  listener: Listener;
  action?: string;
  redirect_pool?: Ref<Pool>;
  rules: L7Rule[];
}

export interface PortRange {
  $: Origin;
  start_port?: number;
  end_port?: number;
}

export interface Listener extends ModelObject {
  kind: 'listener';
  lb: LoadBalancer;
  /** Normalised: `TERMINATED_HTTPS` reads as `HTTPS`. */
  protocol?: ListenerProtocol;
  protocol_port?: number;
  default_pool?: Ref<Pool>;
  default_tls_container?: Ref<Certificate>;
  client_ca_tls_container?: Ref<Certificate>;
  sni_containers?: Ref<Certificate>[];
  sni_match_algo?: string;
  tls_ciphers_policy?: string;
  keepalive_timeout?: number;
  client_timeout?: number;
  member_timeout?: number;
  transparent_client_ip_enable?: boolean;
  enable_member_retry?: boolean;
  nat64_enable?: boolean;
  http2_enable?: boolean;
  insert_headers?: Record<string, unknown>;
  ipgroup?: IpGroupBinding;
  fronted_by?: string[];
  /** Port ranges of a full-port listener (`protocol_port` 0). */
  port_ranges?: PortRange[];
  expected?: { concurrency?: number; websocket?: boolean };
  l7policies: L7Policy[];
}

export interface SessionPersistence {
  $: Origin;
  type?: string;
  cookie_name?: string;
  persistence_timeout?: number;
}

export interface HealthMonitor {
  $: Origin;
  type?: string;
  delay?: number;
  timeout?: number;
  max_retries?: number;
  max_retries_down?: number;
  monitor_port?: number;
  url_path?: string;
  domain_name?: string;
  expected_codes?: string;
  http_method?: string;
  admin_state_up?: boolean;
}

export interface Pool extends ModelObject {
  kind: 'pool';
  lb: LoadBalancer;
  protocol?: PoolProtocol;
  lb_algorithm?: string;
  session_persistence?: SessionPersistence;
  /** `null` when the input says explicitly that there is none. */
  healthmonitor?: HealthMonitor | null;
  members: Member[];
  /** Whether the input lists the members (even as an empty list); absent = not known (ELB406). */
  membersGiven?: boolean;
  connection_drain?: ConnectionDrain;
}

/** Connection drain (延迟注销) of a pool (FAQ 7.13). */
export interface ConnectionDrain {
  $: Origin;
  enable?: boolean;
  timeout?: number;
}

export interface Member extends ModelObject {
  kind: 'member';
  pool: Pool;
  server?: Ref<Server>;
  address?: string;
  subnet?: Ref<Subnet>;
  protocol_port?: number;
  weight?: number;
}

/** A name reference written in the input, for navigation (definition, references, hover). */
export interface Reference {
  ref: Ref<ModelObject>;
  /** The kind of object referred to (`pool`, `server`, `security_group`, ...). */
  kind: string;
  /** The file the reference is written in, when the model comes from several files. */
  path?: string;
}

/** A flavor the input describes (linter-only fact: its bandwidth, for ELB608). */
export interface Flavor {
  $: Origin;
  name: string;
  type?: string;
  /** Mbit/s. */
  bandwidth?: number;
}

export interface Model {
  /** Every name reference of the input, in source order. */
  references: Reference[];
  vpcs: Vpc[];
  subnets: Subnet[];
  networkAcls: NetworkAcl[];
  securityGroups: SecurityGroup[];
  vpcPeerings?: VpcPeering[];
  servers: Server[];
  certificates: Certificate[];
  ipGroups: IpGroup[];
  flavors?: Flavor[];
  loadbalancers: LoadBalancer[];
  listeners: Listener[];
  pools: Pool[];
  members: Member[];
}
