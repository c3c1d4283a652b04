/**
 * Terraform `huaweicloud` resources → the one ELB model (formats.md §2). Shared by the HCL reader
 * (`.tf`, values from an evaluator) and the plan reader (`terraform show -json`, values resolved):
 * both hand in `TfRes` views, so the mapping of arguments to model fields exists once.
 *
 * Links between resources are Terraform references (`huaweicloud_elb_pool.web.id`); a value the
 * input does not give (a computed attribute, an unset variable, a data source) stays `undefined`.
 */
import { kindName } from '../../i18n/kinds';
import type * as M from '../../model/types';
import type { FileEdit, ReaderProblem } from '../../formats/types';
import { closest } from '../../text/suggest';
import type { Locale, Span } from '../../types';
import {
  ACL_RULE, CONNECTION_DRAIN, NETWORK_ACL, DEDICATED, DEDICATED_IPGROUP, FIELDS, FORWARD_HEADERS, INSTANCE, SECGROUP, SECGROUP_RULE, SHARED, SHARED_HEADERS,
  SHARED_WHITELIST, SUBNET, VPC, isArg, type ArgField, type FieldMap,
} from './fields';
import { asBool, asNumber, asString, isNull, type ResRef, type Val } from './values';

/** What the origin of an object must be able to do beyond its field table (HCL only). */
export interface OriginSpecial {
  /** A security group: appending `rules` adds `huaweicloud_networking_secgroup_rule` resources. */
  secgroupRules?: { group: TfRes };
  /** A pool: setting `healthmonitor` adds a monitor resource of this type. */
  monitor?: { type: string; pool: TfRes };
  /** A dedicated listener: `insert_headers` are these `forward_*` arguments. */
  headerArgs?: Record<string, string>;
  /** Resources removed together with this one. */
  alsoRemove?: TfRes[];
  /** A network ACL: appending `inbound_rules` / `outbound_rules` adds `ingress_rules {}` / `egress_rules {}` blocks. */
  aclRules?: true;
}

/** A resource or nested block as read from either input. */
export interface TfObj {
  /** Whether the argument is written. */
  has(arg: string): boolean;
  val(arg: string): Val;
  /** Nested blocks of a type (static, and `dynamic` ones whose `for_each` is known). */
  blocks(type: string): TfObj[];
  /** Whether blocks of this type may exist that could not be read (`dynamic` with unknown `for_each`). */
  blocksUnknown(type: string): boolean;
  origin(fields: FieldMap, special?: OriginSpecial): M.Origin;
}

export interface TfRes extends TfObj {
  mode: 'resource' | 'data';
  type: string;
  name: string;
  address: string;
  path: string;
  exists: 'yes' | 'no' | 'maybe';
  repeated: boolean;
  /** Span of the resource's name label (for problems). */
  nameSpan: Span;
}

const LISTENER_PROTOCOLS = new Set(['TCP', 'UDP', 'TLS', 'HTTP', 'HTTPS', 'QUIC']);
const POOL_PROTOCOLS = new Set(['TCP', 'UDP', 'TLS', 'HTTP', 'HTTPS', 'GRPC', 'QUIC']);

/** Resource types that attach members or pools outside the resources read here. */
const ATTACHES_ELSEWHERE = /^huaweicloud_(as_group|cce_|elb_member_batch|lb_member_batch)/;

export interface MapResult {
  model: M.Model;
  problems: ReaderProblem[];
}

function str(v: Val): string | undefined {
  return asString(v);
}

function num(v: Val): number | undefined {
  return asNumber(v);
}

function strList(v: Val): string[] | undefined {
  if (v.k === 'known' && typeof v.v === 'string') return [v.v];
  if (v.k !== 'list') return undefined;
  const out: string[] = [];
  for (const i of v.items) {
    const s = asString(i);
    if (s === undefined) return undefined;
    out.push(s);
  }
  return out;
}

const UNKNOWN_VAL: Val = { k: 'unknown' };

/** `null` and `""` leave an optional argument unset (the provider reads both as absent). */
function unset(v: Val): boolean {
  return isNull(v) || (v.k === 'known' && v.v === '');
}

interface SpanOf {
  (res: TfObj, arg: string): Span | undefined;
}

/** Builds the model from the resources of one module. */
export class TerraformMapper {
  readonly problems: ReaderProblem[] = [];
  private readonly byAddress = new Map<string, M.ModelObject>();
  private readonly references: M.Reference[] = [];
  private readonly unknownVpcs = new Map<string, M.Vpc>();

  constructor(
    private readonly resources: TfRes[],
    private readonly locale: Locale,
    /** Span of an argument's value (for references and problems); absent for formats without text spans. */
    private readonly spanOf: SpanOf,
    /** Texts that may reference resources from outside (outputs, module calls), to tell exported pools. */
    private readonly exportedText = '',
  ) {}

  private of(type: string | readonly string[]): TfRes[] {
    const types = typeof type === 'string' ? [type] : type;
    return this.resources.filter((r) => r.mode === 'resource' && types.includes(r.type) && r.exists !== 'no');
  }

  private readonly seen = new Set<string>();

  /** Instances of one block report a problem of the block once. */
  private problem(p: ReaderProblem): void {
    const key = `${p.ruleId}|${p.path}|${p.span.start}|${p.span.end}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.problems.push(p);
  }

  /**
   * The resource an argument refers to (`type.name.attr`), checking the attribute: a subnet
   * argument names the subnet by the identifier the API expects (formats.md §2).
   */
  private target<T extends M.ModelObject>(res: TfObj, v: Val, f: ArgField, inList = false): { ref?: M.Ref<T>; unknown: boolean } {
    if (v.missing && v.missing.type.startsWith('huaweicloud_')) {
      const candidates = this.resources.filter((r) => r.type === v.missing!.type).map((r) => r.name);
      const suggestion = closest(v.missing.name, candidates);
      this.problem({
        ruleId: 'ELB003',
        path: v.missing.path,
        span: v.missing.span,
        messageId: suggestion ? 'undefinedSuggest' : 'undefined',
        data: { kind: kindName(kindOfType(v.missing.type), this.locale), name: `${v.missing.type}.${v.missing.name}`, suggestion: suggestion ? `${v.missing.type}.${suggestion}` : '' },
      });
      return { unknown: true };
    }
    const r = v.ref;
    if (!r || !f.ref) return { unknown: v.k === 'unknown' };
    const obj = this.byAddress.get(r.resource.address) as T | undefined;
    if (!obj || !f.ref.types.includes(r.resource.type)) return { unknown: true };
    if (r.resource.type === SUBNET && !f.ref.anyId) this.checkSubnetAttr(r, f);
    const ref: M.Ref<T> = { name: obj.name, span: r.span, target: obj };
    void res;
    void inList;
    this.references.push({ ref: ref as M.Ref<M.ModelObject>, kind: obj.kind, path: r.path });
    return { ref, unknown: false };
  }

  /** ELB007: `huaweicloud_vpc_subnet.x.id` where the argument wants `ipv4_subnet_id`, or the reverse. */
  private checkSubnetAttr(r: ResRef, f: ArgField): void {
    const want = f.ref!.attr;
    const have = r.attr;
    if (have === want || !['id', 'ipv4_subnet_id', 'subnet_id', 'ipv6_subnet_id'].includes(have)) return;
    const span = r.attrSpan ?? r.span;
    const fix: FileEdit = { path: r.path, span: { start: span.start, end: span.end }, newText: '.' + want };
    this.problem({
      ruleId: 'ELB007',
      path: r.path,
      span: r.span,
      messageId: want === 'id' ? 'wantsId' : 'wantsIpv4SubnetId',
      data: { arg: f.arg, have, want, subnet: r.resource.address },
      // Only where the reference is text we can edit (not plan JSON).
      fixes: r.attrSpan ? [{ messageId: 'fix', data: { want }, edits: [fix], preferred: true }] : [],
    });
  }

  private ref<T extends M.ModelObject>(res: TfObj, fields: FieldMap, key: string): M.Ref<T> | undefined {
    const f = fields[key];
    if (!isArg(f) || !res.has(f.arg)) return undefined;
    const v = res.val(f.arg);
    if (unset(v)) return undefined;
    const t = this.target<T>(res, v, f);
    if (t.ref) return t.ref;
    // Written but not one of ours (an existing object's ID, a variable): an unresolved reference = unknown.
    const span = this.spanOf(res, f.arg) ?? { start: 0, end: 0 };
    return { name: str(v) ?? '', span };
  }

  private refList<T extends M.ModelObject>(res: TfObj, fields: FieldMap, key: string): M.Ref<T>[] | undefined {
    const f = fields[key];
    if (!isArg(f) || !res.has(f.arg)) return undefined;
    const v = res.val(f.arg);
    if (v.k !== 'list') return undefined;
    const out: M.Ref<T>[] = [];
    for (const item of v.items) {
      if (unset(item)) continue;
      const t = this.target<T>(res, item, f, true);
      if (t.ref) out.push(t.ref);
      else out.push({ name: str(item) ?? '', span: item.ref?.span ?? this.spanOf(res, f.arg) ?? { start: 0, end: 0 } });
    }
    return out;
  }

  private field(res: TfObj, fields: FieldMap, key: string): Val | undefined {
    const f = fields[key];
    if (!isArg(f) || !res.has(f.arg)) return undefined;
    const v = res.val(f.arg);
    return unset(v) ? undefined : v;
  }

  private s(res: TfObj, fields: FieldMap, key: string): string | undefined {
    const v = this.field(res, fields, key);
    return v ? str(v) : undefined;
  }

  private n(res: TfObj, fields: FieldMap, key: string): number | undefined {
    const v = this.field(res, fields, key);
    return v ? num(v) : undefined;
  }

  private b(res: TfObj, fields: FieldMap, key: string): boolean | undefined {
    const v = this.field(res, fields, key);
    return v ? asBool(v) : undefined;
  }

  private define<T extends M.ModelObject>(res: TfRes, obj: T): T {
    this.byAddress.set(res.address, obj);
    return obj;
  }

  private placeholderVpc(key: string, origin: M.Origin): M.Vpc {
    let v = this.unknownVpcs.get(key);
    if (!v) {
      v = { kind: 'vpc', name: key, $: origin, subnets: [] };
      this.unknownVpcs.set(key, v);
    }
    return v;
  }

  build(): MapResult {
    const model: M.Model = {
      references: this.references,
      vpcs: [], subnets: [], networkAcls: [], securityGroups: [], servers: [], certificates: [], ipGroups: [],
      loadbalancers: [], listeners: [], pools: [], members: [],
    };

    // Networks.
    for (const r of this.of(VPC)) {
      const fields = FIELDS[VPC]!;
      model.vpcs.push(this.define(r, { kind: 'vpc', name: r.address, $: r.origin(fields), cidr: this.s(r, fields, 'cidr'), subnets: [] } as M.Vpc));
    }
    for (const r of this.of(SUBNET)) {
      const fields = FIELDS[SUBNET]!;
      const origin = r.origin(fields);
      const vref = this.ref<M.Vpc>(r, fields, 'vpc');
      const vpc = vref?.target ?? this.placeholderVpc(vref?.name || `${r.address}.vpc_id`, origin);
      const subnet: M.Subnet = { kind: 'subnet', name: r.address, $: origin, vpc, cidr: this.s(r, fields, 'cidr'), ipv6_enable: this.b(r, fields, 'ipv6_enable') };
      vpc.subnets.push(subnet);
      model.subnets.push(this.define(r, subnet));
    }

    // Network ACLs and the subnets they are bound to.
    for (const r of this.of(NETWORK_ACL)) {
      const keyArgs = ['action', 'protocol', 'source_ip_address', 'destination_ip_address', 'source_port', 'destination_port', 'ip_version', 'source_ip_address_group_id', 'destination_ip_address_group_id'];
      const rulesOf = (type: string): M.AclRule[] | undefined => {
        if (r.blocksUnknown(type)) return undefined;
        const out: M.AclRule[] = [];
        for (const b of r.blocks(type)) {
          if (keyArgs.some((a) => b.has(a) && b.val(a).k === 'unknown') || b.has('source_ip_address_group_id') || b.has('destination_ip_address_group_id')) return undefined;
          out.push({
            $: b.origin(ACL_RULE), action: this.s(b, ACL_RULE, 'action'), protocol: this.s(b, ACL_RULE, 'protocol'),
            source_ip_address: this.s(b, ACL_RULE, 'source_ip_address'), destination_ip_address: this.s(b, ACL_RULE, 'destination_ip_address'),
            source_port: this.s(b, ACL_RULE, 'source_port'), destination_port: this.s(b, ACL_RULE, 'destination_port'), ip_version: this.n(b, ACL_RULE, 'ip_version'),
          });
        }
        return out;
      };
      const acl: M.NetworkAcl = { kind: 'network_acl', name: r.address, $: r.origin({}, { aclRules: true }), inbound_rules: rulesOf('ingress_rules'), outbound_rules: rulesOf('egress_rules') };
      model.networkAcls.push(this.define(r, acl));
      // A disabled ACL (or one whose switch is unknown) filters nothing we can tell.
      const enabled = r.has('enabled') ? asBool(r.val('enabled')) : true;
      if (enabled !== true || r.blocksUnknown('associated_subnets')) continue;
      const af: FieldMap = { subnet: { arg: 'subnet_id', ref: { types: [SUBNET], attr: 'id', anyId: true } } };
      for (const b of r.blocks('associated_subnets')) {
        const sref = this.ref<M.Subnet>(b, af, 'subnet');
        if (sref?.target) sref.target.network_acl = { name: acl.name, span: sref.span, target: acl };
      }
    }

    // Security groups and their rules.
    const groups = this.of(SECGROUP);
    for (const r of groups) {
      const sg: M.SecurityGroup = { kind: 'security_group', name: r.address, $: r.origin(FIELDS[SECGROUP]!, { secgroupRules: { group: r } }), rules: [] };
      if (asBool(r.val('delete_default_rules')) !== true) {
        if (r.has('delete_default_rules') && r.val('delete_default_rules').k === 'unknown') sg.rules = undefined;
        else {
          // A new group gets default rules: all egress, and ingress from members of the same group.
          for (const ethertype of ['IPv4', 'IPv6']) {
            sg.rules!.push({ $: sg.$, group: sg, direction: 'egress', ethertype });
            sg.rules!.push({ $: sg.$, group: sg, direction: 'ingress', ethertype, remote_group: { name: sg.name, span: sg.$.nameSpan, target: sg } });
          }
        }
      }
      model.securityGroups.push(this.define(r, sg));
    }
    const ruleFields = FIELDS[SECGROUP_RULE]!;
    const unknownGroups = new Set<M.SecurityGroup>();
    let allUnknown = false;
    for (const r of this.of(SECGROUP_RULE)) {
      const gv = r.val('security_group_id');
      const g = gv.ref ? (this.byAddress.get(gv.ref.resource.address) as M.SecurityGroup | undefined) : undefined;
      if (!g) {
        if (gv.missing) this.target(r, gv, ruleFields.group as ArgField);
        if (gv.k === 'unknown' && !gv.ref) allUnknown = true;
        continue;
      }
      if (gv.ref) this.references.push({ ref: { name: g.name, span: gv.ref.span, target: g } as M.Ref<M.ModelObject>, kind: 'security_group', path: gv.ref.path });
      const rule: M.SecurityGroupRule = {
        $: r.origin(ruleFields), group: g,
        direction: this.s(r, ruleFields, 'direction'), ethertype: this.s(r, ruleFields, 'ethertype'), protocol: this.s(r, ruleFields, 'protocol'),
        port_range_min: this.n(r, ruleFields, 'port_range_min'), port_range_max: this.n(r, ruleFields, 'port_range_max'),
        multiport: this.s(r, ruleFields, 'multiport'), remote_ip_prefix: this.s(r, ruleFields, 'remote_ip_prefix'),
        remote_group: this.ref<M.SecurityGroup>(r, ruleFields, 'remote_group'),
        action: this.s(r, ruleFields, 'action'), priority: this.n(r, ruleFields, 'priority'),
      };
      // A rule that may not exist, or whose match is not known, makes the group's verdicts unknown.
      const unknownArg = ['direction', 'ethertype', 'protocol', 'port_range_min', 'port_range_max', 'ports', 'remote_ip_prefix', 'remote_group_id', 'remote_address_group_id', 'action', 'priority']
        .some((a) => r.has(a) && r.val(a).k === 'unknown');
      if (r.exists === 'maybe' || unknownArg || r.has('remote_address_group_id') || (rule.remote_group && !rule.remote_group.target)) unknownGroups.add(g);
      if (g.rules) g.rules.push(rule);
    }
    for (const g of model.securityGroups) if (allUnknown || unknownGroups.has(g)) g.rules = undefined;

    // Servers.
    for (const r of this.of(INSTANCE)) {
      const origin = r.origin(FIELDS[INSTANCE]!);
      const server: M.Server = { kind: 'server', name: r.address, $: origin };
      const net = r.blocks('network')[0];
      if (net) {
        const nf: FieldMap = { subnet: { arg: 'uuid', ref: { types: [SUBNET], attr: 'id' } } };
        server.subnet = this.ref<M.Subnet>(net, nf, 'subnet');
        const ip = net.has('fixed_ip_v4') ? str(net.val('fixed_ip_v4')) : undefined;
        if (ip) server.address = ip;
      }
      server.security_groups = this.serverGroups(r, model.securityGroups);
      model.servers.push(this.define(r, server));
    }

    // Certificates and IP groups.
    for (const r of this.of([DEDICATED.certificate, SHARED.certificate])) {
      const f = FIELDS[r.type]!;
      model.certificates.push(this.define(r, {
        kind: 'certificate', name: r.address, $: r.origin(f),
        type: this.s(r, f, 'type'), domain: this.s(r, f, 'domain'), certificate: this.s(r, f, 'certificate'), private_key: this.s(r, f, 'private_key'),
      } as M.Certificate));
    }
    for (const r of this.of(DEDICATED.ipgroup)) {
      const blocks = r.blocks('ip_list');
      let ips: string[] | undefined = [];
      for (const b of blocks) {
        const ip = b.has('ip') ? str(b.val('ip')) : undefined;
        if (ip === undefined) ips = undefined;
        else ips?.push(ip);
      }
      if (r.blocksUnknown('ip_list')) ips = undefined;
      model.ipGroups.push(this.define(r, { kind: 'ip_group', name: r.address, $: r.origin(FIELDS[r.type]!), ip_list: ips } as M.IpGroup));
    }

    // Load balancers.
    for (const r of this.of([DEDICATED.lb, SHARED.lb])) model.loadbalancers.push(this.define(r, this.loadbalancer(r)));
    const placeholderLbs = new Map<string, M.LoadBalancer>();
    const unknownLb = (family: 'shared' | 'dedicated', origin: M.Origin): M.LoadBalancer => {
      let lb = placeholderLbs.get(family);
      if (!lb) {
        lb = { kind: 'loadbalancer', name: '', $: origin, type: family, typeGiven: true, listeners: [], pools: [] };
        placeholderLbs.set(family, lb);
      }
      return lb;
    };
    const familyOf = (type: string): 'shared' | 'dedicated' => (type.startsWith('huaweicloud_lb_') ? 'shared' : 'dedicated');

    // Listeners.
    const lbsWithUnknownListeners = new Set<M.LoadBalancer>();
    let listenerLbUnknown = false;
    const listenerRes: [M.Listener, TfRes][] = [];
    for (const r of this.of([DEDICATED.listener, SHARED.listener])) {
      const f = FIELDS[r.type]!;
      const shared = r.type === SHARED.listener;
      const lbRef = this.ref<M.LoadBalancer>(r, f, 'lb');
      const lb = lbRef?.target ?? unknownLb(familyOf(r.type), r.origin(f));
      if (!lbRef?.target) listenerLbUnknown = true;
      if (r.exists === 'maybe') lbsWithUnknownListeners.add(lb);
      const headerArgs = shared ? undefined : FORWARD_HEADERS;
      const origin = r.origin(f, headerArgs ? { headerArgs } : undefined);
      let proto = this.s(r, f, 'protocol');
      if (proto === 'TERMINATED_HTTPS') proto = 'HTTPS';
      const listener: M.Listener = {
        kind: 'listener', name: r.address, $: origin, lb,
        protocol: proto && LISTENER_PROTOCOLS.has(proto) ? (proto as M.ListenerProtocol) : undefined,
        protocol_port: this.n(r, f, 'protocol_port'),
        default_tls_container: this.ref<M.Certificate>(r, f, 'default_tls_container'),
        client_ca_tls_container: this.ref<M.Certificate>(r, f, 'client_ca_tls_container'),
        sni_containers: this.refList<M.Certificate>(r, f, 'sni_containers'),
        sni_match_algo: this.s(r, f, 'sni_match_algo'), tls_ciphers_policy: this.s(r, f, 'tls_ciphers_policy'),
        keepalive_timeout: this.n(r, f, 'keepalive_timeout'), client_timeout: this.n(r, f, 'client_timeout'), member_timeout: this.n(r, f, 'member_timeout'),
        transparent_client_ip_enable: this.b(r, f, 'transparent_client_ip_enable'), enable_member_retry: this.b(r, f, 'enable_member_retry'),
        nat64_enable: this.b(r, f, 'nat64_enable'), http2_enable: this.b(r, f, 'http2_enable'),
        l7policies: [],
      };
      // Port ranges of a full-port listener.
      const ranges = r.blocks('port_ranges');
      if (ranges.length && !r.blocksUnknown('port_ranges')) {
        listener.port_ranges = ranges.map((b) => ({ $: b.origin({ start_port: { arg: 'start_port' }, end_port: { arg: 'end_port' } }), start_port: num(b.val('start_port')), end_port: num(b.val('end_port')) }));
      }
      // X-Forwarded-* headers.
      const headers: Record<string, unknown> = {};
      if (shared) {
        const ih = r.blocks('insert_headers')[0];
        if (ih) for (const [arg, h] of Object.entries(SHARED_HEADERS)) if (ih.has(arg)) headers[h] = asBool(ih.val(arg)) ?? str(ih.val(arg));
      } else {
        for (const [arg, h] of Object.entries(FORWARD_HEADERS)) if (r.has(arg)) headers[h] = asBool(r.val(arg));
      }
      if (Object.keys(headers).length) listener.insert_headers = headers;
      // Access control (dedicated: three listener arguments).
      if (!shared && r.has('ip_group')) {
        listener.ipgroup = {
          $: r.origin(DEDICATED_IPGROUP), ip_group: this.ref<M.IpGroup>(r, DEDICATED_IPGROUP, 'ip_group'),
          type: this.s(r, DEDICATED_IPGROUP, 'type'), enable_ipgroup: this.b(r, DEDICATED_IPGROUP, 'enable_ipgroup'),
        };
      }
      lb.listeners.push(listener);
      model.listeners.push(this.define(r, listener));
      listenerRes.push([listener, r]);
    }
    for (const lb of model.loadbalancers) lb.listenersGiven = !listenerLbUnknown && !lbsWithUnknownListeners.has(lb) ? true : undefined;

    // Shared whitelists.
    for (const r of this.of(SHARED.whitelist)) {
      const lref = this.ref<M.Listener>(r, SHARED_WHITELIST, 'listener');
      const listener = lref?.target;
      if (!listener) continue;
      const wl = r.has('whitelist') ? str(r.val('whitelist')) : undefined;
      const ipg: M.IpGroup = {
        kind: 'ip_group', name: r.address, $: r.origin({ ip_list: { arg: 'whitelist' } }),
        ip_list: wl === undefined ? (r.has('whitelist') ? undefined : []) : wl.split(',').map((x) => x.trim()).filter((x) => x !== ''),
      };
      model.ipGroups.push(this.define(r, ipg));
      listener.ipgroup = {
        $: r.origin(SHARED_WHITELIST), ip_group: { name: ipg.name, span: r.nameSpan, target: ipg }, type: 'white',
        enable_ipgroup: r.has('enable_whitelist') ? asBool(r.val('enable_whitelist')) : true,
      };
    }

    // Pools.
    const listenerResOf = new Map(listenerRes);
    const exported = this.exportedText;
    const attachesElsewhere = this.resources.some((r) => ATTACHES_ELSEWHERE.test(r.type));
    const poolRes = new Map<M.Pool, TfRes>();
    for (const r of this.of([DEDICATED.pool, SHARED.pool])) {
      const f = FIELDS[r.type]!;
      const monitorType = r.type === DEDICATED.pool ? DEDICATED.monitor : SHARED.monitor;
      const origin = r.origin(f, { monitor: { type: monitorType, pool: r } });
      const listenerRef = this.ref<M.Listener>(r, f, 'listener');
      const lbRef = this.ref<M.LoadBalancer>(r, f, 'lb');
      const lb = lbRef?.target ?? listenerRef?.target?.lb ?? unknownLb(familyOf(r.type), origin);
      const proto = this.s(r, f, 'protocol');
      const pool: M.Pool = {
        kind: 'pool', name: r.address, $: origin, lb,
        protocol: proto && POOL_PROTOCOLS.has(proto) ? (proto as M.PoolProtocol) : undefined,
        lb_algorithm: this.s(r, f, 'lb_algorithm'), members: [],
      };
      const pers = r.blocks('persistence');
      if (pers.length > 0) {
        const pf = (f.session_persistence as { fields: FieldMap }).fields;
        const p = pers[0]!;
        pool.session_persistence = { $: p.origin(pf), type: this.s(p, pf, 'type'), cookie_name: this.s(p, pf, 'cookie_name'), persistence_timeout: this.n(p, pf, 'persistence_timeout') };
      } else if (r.blocksUnknown('persistence')) {
        pool.session_persistence = { $: origin };
      }
      if (r.type === DEDICATED.pool && (r.has('connection_drain_enabled') || r.has('connection_drain_timeout'))) {
        pool.connection_drain = { $: r.origin(CONNECTION_DRAIN), enable: this.b(r, CONNECTION_DRAIN, 'enable'), timeout: this.n(r, CONNECTION_DRAIN, 'timeout') };
      }
      // The listener a pool names uses it as its default pool.
      const listener = listenerRef?.target;
      const lr = listener ? listenerResOf.get(listener) : undefined;
      if (listener && lr && !lr.has('default_pool_id') && !listener.default_pool) {
        listener.default_pool = { name: pool.name, span: listenerRef!.span, target: pool };
      }
      lb.pools.push(pool);
      poolRes.set(pool, r);
      model.pools.push(this.define(r, pool));
    }

    // A listener's `default_pool_id`, now that the pools exist.
    for (const [l, r] of listenerRes) if (r.has('default_pool_id')) l.default_pool = this.ref<M.Pool>(r, FIELDS[r.type]!, 'default_pool');

    // Members.
    let memberPoolUnknown = false;
    const poolsWithMaybeMembers = new Set<M.Pool>();
    for (const r of this.of([DEDICATED.member, SHARED.member])) {
      const f = FIELDS[r.type]!;
      const pref = this.ref<M.Pool>(r, f, 'pool');
      const pool = pref?.target;
      if (!pool) {
        memberPoolUnknown = true;
        continue;
      }
      if (r.exists === 'maybe') poolsWithMaybeMembers.add(pool);
      const addrVal = r.has('address') ? r.val('address') : undefined;
      const member: M.Member = {
        kind: 'member', name: r.address, $: r.origin(f), pool,
        address: addrVal ? str(addrVal) : undefined,
        protocol_port: this.n(r, f, 'protocol_port'), weight: this.n(r, f, 'weight'),
        subnet: this.ref<M.Subnet>(r, f, 'subnet'),
      };
      // `address = huaweicloud_compute_instance.web.access_ip_v4`: the member is that server.
      const ar = addrVal?.ref;
      if (ar && ar.resource.type === INSTANCE && /^(access_ip_v4|access_ip_v6|network\.fixed_ip_v[46])$/.test(ar.attr)) {
        const server = this.byAddress.get(ar.resource.address) as M.Server | undefined;
        if (server) {
          member.server = { name: server.name, span: ar.span, target: server };
          this.references.push({ ref: member.server as M.Ref<M.ModelObject>, kind: 'server', path: ar.path });
          if (/v6$/.test(ar.attr)) member.address = undefined;
        }
      }
      pool.members.push(member);
      model.members.push(member);
    }
    // Members are often attached outside the module (Auto Scaling groups, CCE, another module):
    // a pool without member resources has members unknown, not none (ELB406 stays silent).
    for (const p of model.pools) p.membersGiven = p.members.length > 0 && !memberPoolUnknown && !poolsWithMaybeMembers.has(p) ? true : undefined;

    // Health monitors.
    let monitorPoolUnknown = false;
    for (const r of this.of([DEDICATED.monitor, SHARED.monitor])) {
      const f = FIELDS[r.type]!;
      const pref = this.ref<M.Pool>(r, f, 'pool');
      const pool = pref?.target;
      if (!pool) {
        monitorPoolUnknown = true;
        continue;
      }
      const enabled = this.b(r, f, 'admin_state_up');
      pool.healthmonitor = {
        $: r.origin(f), type: this.s(r, f, 'type'), delay: this.n(r, f, 'delay'), timeout: this.n(r, f, 'timeout'),
        max_retries: this.n(r, f, 'max_retries'), max_retries_down: this.n(r, f, 'max_retries_down'), monitor_port: this.n(r, f, 'monitor_port'),
        url_path: this.s(r, f, 'url_path'), domain_name: this.s(r, f, 'domain_name'), expected_codes: this.s(r, f, 'expected_codes'),
        http_method: this.s(r, f, 'http_method'), admin_state_up: enabled,
      };
    }
    for (const p of model.pools) {
      if (p.healthmonitor) continue;
      const r = poolRes.get(p)!;
      // No monitor names this pool. When some monitor's pool is unknown, or the pool is handed
      // out of the module, whether it has one is unknown: an empty monitor keeps the rules silent.
      if (monitorPoolUnknown || exported.includes(r.address) || attachesElsewhere) p.healthmonitor = { $: p.$ };
      else p.healthmonitor = null;
    }

    // Forwarding policies and their rules.
    const policies = new Map<string, M.L7Policy>();
    const rulesOf = new Map<string, TfRes[]>();
    for (const r of this.of([DEDICATED.l7rule, SHARED.l7rule])) {
      const v = r.val('l7policy_id');
      if (v.ref) {
        const list = rulesOf.get(v.ref.resource.address) ?? [];
        list.push(r);
        rulesOf.set(v.ref.resource.address, list);
      }
    }
    for (const r of this.of([DEDICATED.l7policy, SHARED.l7policy])) {
      const f = FIELDS[r.type]!;
      const lref = this.ref<M.Listener>(r, f, 'listener');
      const listener = lref?.target;
      if (!listener) continue;
      const ruleRes = rulesOf.get(r.address) ?? [];
      const pol: M.L7Policy = {
        kind: 'l7policy', name: r.address, $: r.origin(f, { alsoRemove: ruleRes }), listener,
        action: this.s(r, f, 'action') ?? 'REDIRECT_TO_POOL', redirect_pool: this.ref<M.Pool>(r, f, 'redirect_pool'), rules: [],
      };
      if (!r.has('action')) pol.action = 'REDIRECT_TO_POOL';
      for (const rr of ruleRes) {
        const rf = FIELDS[rr.type]!;
        pol.rules.push({ $: rr.origin(rf), type: this.s(rr, rf, 'type'), compare_type: this.s(rr, rf, 'compare_type'), value: this.s(rr, rf, 'value') });
      }
      listener.l7policies.push(pol);
      policies.set(r.address, pol);
      this.byAddress.set(r.address, pol);
    }
    return { model, problems: this.problems };
  }

  private groupNames: Map<string, M.SecurityGroup> | undefined;

  /** Security groups of the module by their `name` argument (servers may name them). */
  private groupsByName(groups: M.SecurityGroup[]): Map<string, M.SecurityGroup> {
    if (!this.groupNames) {
      this.groupNames = new Map();
      const byAddr = new Map(this.resources.map((r) => [r.address, r]));
      for (const g of groups) {
        const n = str(byAddr.get(g.name)?.val('name') ?? UNKNOWN_VAL);
        if (n !== undefined && !this.groupNames.has(n)) this.groupNames.set(n, g);
      }
    }
    return this.groupNames;
  }

  private serverGroups(r: TfRes, groups: M.SecurityGroup[]): M.Ref<M.SecurityGroup>[] | undefined {
    const byIds = r.has('security_group_ids');
    const arg = byIds ? 'security_group_ids' : r.has('security_groups') ? 'security_groups' : undefined;
    if (!arg) return undefined;
    const v = r.val(arg);
    if (v.k !== 'list') return undefined;
    const out: M.Ref<M.SecurityGroup>[] = [];
    const f: ArgField = { arg, ref: { types: [SECGROUP], attr: byIds ? 'id' : 'name', list: true } };
    for (const item of v.items) {
      if (item.ref || item.missing) {
        const t = this.target<M.SecurityGroup>(r, item, f, true);
        out.push(t.ref ?? { name: str(item) ?? '', span: item.ref?.span ?? this.spanOf(r, arg) ?? { start: 0, end: 0 } });
        continue;
      }
      // A literal group name (or ID): one of ours when a group of the module has that `name`.
      const name = str(item);
      const span = this.spanOf(r, arg) ?? { start: 0, end: 0 };
      const g = !byIds && name !== undefined ? this.groupsByName(groups).get(name) : undefined;
      out.push(g ? { name: g.name, span, target: g } : { name: name ?? '', span });
    }
    return out;
  }

  private loadbalancer(r: TfRes): M.LoadBalancer {
    const f = FIELDS[r.type]!;
    const shared = r.type === SHARED.lb;
    const lb: M.LoadBalancer = {
      kind: 'loadbalancer', name: r.address, $: r.origin(f), type: shared ? 'shared' : 'dedicated', typeGiven: true,
      vip_subnet: this.ref<M.Subnet>(r, f, 'vip_subnet'), vip_address: this.s(r, f, 'vip_address'),
      listeners: [], pools: [],
    };
    if (!shared) {
      lb.vpc = this.ref<M.Vpc>(r, f, 'vpc');
      lb.ipv6_vip_subnet = this.ref<M.Subnet>(r, f, 'ipv6_vip_subnet');
      lb.ipv6_vip_address = this.s(r, f, 'ipv6_vip_address');
      lb.backend_subnets = this.refList<M.Subnet>(r, f, 'backend_subnets');
      const az = this.field(r, f, 'availability_zones');
      lb.availability_zones = az ? strList(az) : undefined;
      lb.l4_flavor = this.s(r, f, 'l4_flavor');
      lb.l7_flavor = this.s(r, f, 'l7_flavor');
      lb.ip_target_enable = this.b(r, f, 'ip_target_enable');
      // A new EIP (`iptype` + bandwidth) or an existing one (`ipv4_eip_id`).
      if (r.has('iptype') || r.has('ipv4_eip_id')) lb.eips = [{ $: lb.$, bandwidth: r.has('bandwidth_size') ? num(r.val('bandwidth_size')) : undefined }];
    }
    return lb;
  }
}

/** The model kind a resource type maps to (for messages about undefined references). */
export function kindOfType(type: string): string {
  const t = type.replace(/^huaweicloud_/, '');
  if (/loadbalancer$/.test(t)) return 'loadbalancer';
  if (/listener$/.test(t)) return 'listener';
  if (/pool$/.test(t)) return 'pool';
  if (/member$/.test(t)) return 'member';
  if (/certificate$/.test(t)) return 'certificate';
  if (/ipgroup$|whitelist$/.test(t)) return 'ip_group';
  if (t === 'networking_secgroup') return 'security_group';
  if (t === 'vpc_subnet') return 'subnet';
  if (t === 'vpc') return 'vpc';
  if (t === 'compute_instance') return 'server';
  return t;
}
