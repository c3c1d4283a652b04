import { JsonEditor } from '../../fix/json-edit';
import type { FormatReader, InputFile, ReadContext, ReaderProblem, ReadResult, SourceComment } from '../../formats/types';
import type * as M from '../../model/types';
import { parseRange } from '../../network/cidr';
import { parseJson } from '../../parse/json';
import { asMap, asSeq, entry, type SMap, type SNode } from '../../parse/tree';
import { kindName } from '../../i18n/kinds';
import { SourceText } from '../../text/source';
import type { Locale, Span, TextEdit } from '../../types';
import { apiJsonPath, ENVELOPES, sniffEnvelope, type ApiKind } from './envelopes';
import { ApiOrigin, appendItems, RefOrigin, type ApiFile } from './origin';

const LISTENER_PROTOCOLS = new Set(['TCP', 'UDP', 'TLS', 'HTTP', 'HTTPS', 'QUIC']);
const API_LISTENER_PROTOCOLS = new Set([...LISTENER_PROTOCOLS, 'TERMINATED_HTTPS', 'IP']);
const POOL_PROTOCOLS = new Set(['TCP', 'UDP', 'TLS', 'HTTP', 'HTTPS', 'GRPC', 'QUIC']);
const API_POOL_PROTOCOLS = new Set([...POOL_PROTOCOLS, 'IP']);

/** One object of the export: where it is written and under which envelope. */
interface Item {
  kind: ApiKind;
  file: ApiFile;
  node: SMap;
  id?: string;
}

/** A plural envelope of one file (`{"listeners": [...]}`), and whether it is the complete listing. */
interface Listing {
  kind: ApiKind;
  file: ApiFile;
  key: string;
  seq: SNode;
  complete: boolean;
}

// ---------------------------------------------------------------------------------------------
// Field mappings: model path → API path, per kind of object.

const LB_FIELDS = {
  type: 'guaranteed', vpc: 'vpc_id', vip_subnet: 'vip_subnet_cidr_id', ipv6_vip_subnet: 'ipv6_vip_virsubnet_id',
  backend_subnets: 'elb_virsubnet_ids', availability_zones: 'availability_zone_list', l4_flavor: 'l4_flavor_id', l7_flavor: 'l7_flavor_id',
  'access_log.log_group': 'log_group_id', 'access_log.log_topic': 'log_topic_id',
};
const LISTENER_FIELDS = {
  default_pool: 'default_pool_id', default_tls_container: 'default_tls_container_ref', client_ca_tls_container: 'client_ca_tls_container_ref',
  sni_containers: 'sni_container_refs', 'ipgroup.ip_group': 'ipgroup.ipgroup_id',
};
const REF_FIELDS_READ_ONLY = new Set(['default_pool', 'default_tls_container', 'client_ca_tls_container', 'sni_containers', 'ipgroup.ip_group', 'ipgroup', 'l7policies', 'port_ranges']);

/** API kinds as messages name them (kinds the model has use its names). */
const API_KIND_NAMES: Partial<Record<ApiKind, Record<Locale, string>>> = {
  healthmonitor: { en: 'health check', 'zh-cn': '健康检查' },
  l7rule: { en: 'forwarding rule', 'zh-cn': '转发规则' },
  security_group_rule: { en: 'security group rule', 'zh-cn': '安全组规则' },
  port: { en: 'port', 'zh-cn': '端口' },
  ipgroup: { en: 'IP group', 'zh-cn': 'IP地址组' },
  firewall: { en: 'network ACL', 'zh-cn': '网络ACL' },
  peering: { en: 'VPC peering connection', 'zh-cn': '对等连接' },
};

function isNull(n: SNode | null | undefined): boolean {
  return !n || (n.kind === 'scalar' && n.value === null);
}

function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i >= 0 ? path.slice(i + 1) : path;
}

/** Reads one export (one or more response bodies) into the model. */
class ApiReader {
  constructor(private readonly locale: Locale) {}

  private kindLabel(kind: ApiKind): string {
    return API_KIND_NAMES[kind]?.[this.locale] ?? kindName(kind, this.locale);
  }

  readonly problems: ReaderProblem[] = [];
  private readonly files: ApiFile[] = [];
  private readonly items = new Map<ApiKind, Item[]>();
  private readonly listings: Listing[] = [];
  /** `pool_id` written at the top of a members body (`/pools/{pool_id}/members` does not say it). */
  private readonly poolHint = new Map<ApiFile, string>();
  private readonly references: M.Reference[] = [];

  // ---- problems -------------------------------------------------------------------------------

  private readonly reported = new Set<string>();

  private problem(ruleId: string, file: ApiFile, span: Span, messageId: string, data: Record<string, string | number> = {}, extra: Partial<ReaderProblem> = {}): void {
    // A field may be read more than once (to link objects, then to fill the model): report it once.
    const key = `${ruleId}|${messageId}|${file.path}|${span.start}|${span.end}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.problems.push({ ruleId, path: file.path, span, messageId, data, ...extra });
  }

  // ---- typed field access (null = absent; a wrong JSON type is reported and read as absent) ---

  private field(it: { file: ApiFile }, map: SMap | undefined, key: string, type: 'string' | 'number' | 'boolean'): string | number | boolean | undefined {
    const e = entry(map, key);
    if (!e || isNull(e.value)) return undefined;
    const v = e.value!;
    if (v.kind === 'scalar' && typeof v.value === type) {
      if (type === 'number' && !Number.isFinite(v.value as number)) return undefined;
      return v.value as string | number | boolean;
    }
    this.problem('ELB015', it.file, v.span, 'wrongType', { field: key, expected: type });
    return undefined;
  }

  private str(it: { file: ApiFile }, map: SMap | undefined, key: string): string | undefined {
    return this.field(it, map, key, 'string') as string | undefined;
  }

  /** A string that is absent when empty (the API returns `""` for ids it does not have). */
  private id(it: { file: ApiFile }, map: SMap | undefined, key: string): string | undefined {
    const v = this.str(it, map, key);
    return v === '' ? undefined : v;
  }

  private num(it: { file: ApiFile }, map: SMap | undefined, key: string): number | undefined {
    return this.field(it, map, key, 'number') as number | undefined;
  }

  private bool(it: { file: ApiFile }, map: SMap | undefined, key: string): boolean | undefined {
    return this.field(it, map, key, 'boolean') as boolean | undefined;
  }

  private strList(it: { file: ApiFile }, map: SMap | undefined, key: string): string[] | undefined {
    const e = entry(map, key);
    if (!e || isNull(e.value)) return undefined;
    const s = asSeq(e.value);
    if (!s) {
      this.problem('ELB015', it.file, e.value!.span, 'wrongType', { field: key, expected: 'array' });
      return undefined;
    }
    const out: string[] = [];
    for (const i of s.items) if (i.kind === 'scalar' && typeof i.value === 'string' && i.value !== '') out.push(i.value);
    return out;
  }

  /** Ids of a list of `{"id": ...}` references (`"listeners": [{"id": "..."}]`), with their spans. */
  private refIds(map: SMap | undefined, key: string): { id: string; span: Span }[] | undefined {
    const s = asSeq(entry(map, key)?.value);
    if (!s) return undefined;
    const out: { id: string; span: Span }[] = [];
    for (const i of s.items) {
      const v = i.kind === 'map' ? entry(i, 'id')?.value : i;
      if (v && v.kind === 'scalar' && typeof v.value === 'string' && v.value !== '') out.push({ id: v.value, span: v.span });
    }
    return out;
  }

  private valueSpan(it: Item, key: string): Span {
    return entry(it.node, key)?.value?.span ?? it.node.span;
  }

  // ---- reading the files ----------------------------------------------------------------------

  addFile(input: InputFile, ctx: ReadContext): void {
    const source = ctx.sourceOf(input.path);
    const parsed = parseJson(input.text);
    const file: ApiFile = { path: input.path, source, root: parsed.root, editor: new JsonEditor(source, parsed.root) };
    this.files.push(file);
    for (const p of parsed.problems) this.problem('ELB001', file, p.span, p.messageId, p.data, { severity: p.severity });
    const root = parsed.root;
    if (!root) {
      if (input.text.trim() === '') this.problem('ELB001', file, { start: 0, end: 0 }, 'empty');
      return;
    }
    if (root.kind !== 'map') {
      this.problem('ELB015', file, root.span, 'notEnvelope');
      return;
    }
    let found = false;
    for (const e of root.entries) {
      const env = ENVELOPES[e.key];
      if (!env || !e.value) continue;
      found = true;
      if (env.list) {
        if (e.value.kind !== 'seq') {
          if (!isNull(e.value)) this.problem('ELB015', file, e.value.span, 'envelopeList', { key: e.key });
          continue;
        }
        const pageInfo = asMap(entry(root, 'page_info')?.value);
        const next = pageInfo ? entry(pageInfo, 'next_marker')?.value : undefined;
        const complete = pageInfo !== undefined && (isNull(next) || (next!.kind === 'scalar' && next!.value === ''));
        this.listings.push({ kind: env.kind, file, key: e.key, seq: e.value, complete });
        for (const n of e.value.items) {
          if (n.kind !== 'map') {
            this.problem('ELB015', file, n.span, 'notObject', { key: e.key });
            continue;
          }
          this.addItem(env.kind, file, n);
          // A security group of `GET /v1/{p}/security-groups` carries its rules.
        }
      } else {
        if (e.value.kind !== 'map') {
          if (!isNull(e.value)) this.problem('ELB015', file, e.value.span, 'envelopeObject', { key: e.key });
          continue;
        }
        this.addItem(env.kind, file, e.value);
      }
    }
    if (!found) this.problem('ELB015', file, root.span, 'notEnvelope');
    const hint = entry(root, 'pool_id')?.value;
    if (hint && hint.kind === 'scalar' && typeof hint.value === 'string' && hint.value !== '') this.poolHint.set(file, hint.value);
  }

  private readonly firstById = new Map<string, Item>();
  private readonly standIns = new Set<string>();
  private readonly vpcIdOf = new Map<M.Vpc, string>();

  private addItem(kind: ApiKind, file: ApiFile, node: SMap): void {
    const idNode = entry(node, 'id')?.value;
    const id = idNode && idNode.kind === 'scalar' && typeof idNode.value === 'string' && idNode.value !== '' ? idNode.value : undefined;
    const it: Item = { kind, file, node, id };
    if (id) {
      const key = `${kind}|${id}`;
      const first = this.firstById.get(key);
      if (first) {
        // The same object read twice (a listing and a single GET): the first one read is used.
        this.problem('ELB017', file, idNode!.span, 'duplicate', { kind: this.kindLabel(kind), id, file: baseName(first.file.path) }, {
          related: [{ path: first.file.path, span: entry(first.node, 'id')!.value!.span, messageId: 'firstDefinition', data: { kind: this.kindLabel(kind), id } }],
        });
        return;
      }
      this.firstById.set(key, it);
    }
    let list = this.items.get(kind);
    if (!list) this.items.set(kind, (list = []));
    list.push(it);
  }

  private all(kind: ApiKind): Item[] {
    return this.items.get(kind) ?? [];
  }

  /** Whether the export holds the complete listing of a kind (a list whose `page_info` has no next page). */
  private complete(kind: ApiKind): boolean {
    return this.listings.some((l) => l.kind === kind && l.complete);
  }

  private dangling(kind: ApiKind, file: ApiFile, span: Span, id: string): void {
    if (this.complete(kind)) this.problem('ELB016', file, span, 'dangling', { kind: this.kindLabel(kind), id });
  }

  private ref<T extends M.ModelObject>(kind: ApiKind, modelKind: string, index: Map<string, T>, file: ApiFile, id: string, span: Span): M.Ref<T> {
    const target = index.get(id);
    const r: M.Ref<T> = { name: target?.name ?? id, span, target };
    if (target) this.references.push({ ref: r as M.Ref<M.ModelObject>, kind: modelKind, path: file.source.path });
    else this.dangling(kind, file, span, id);
    return r;
  }

  private refField<T extends M.ModelObject>(it: Item, map: SMap, key: string, kind: ApiKind, modelKind: string, index: Map<string, T>): M.Ref<T> | undefined {
    const id = this.id(it, map, key);
    if (!id) return undefined;
    return this.ref(kind, modelKind, index, it.file, id, entry(map, key)!.value!.span);
  }

  private refList<T extends M.ModelObject>(it: Item, map: SMap, key: string, kind: ApiKind, modelKind: string, index: Map<string, T>): M.Ref<T>[] | undefined {
    const s = asSeq(entry(map, key)?.value);
    if (!s) {
      this.strList(it, map, key);
      return undefined;
    }
    const out: M.Ref<T>[] = [];
    for (const i of s.items) {
      if (i.kind === 'scalar' && typeof i.value === 'string' && i.value !== '') out.push(this.ref(kind, modelKind, index, it.file, i.value, i.span));
    }
    return out;
  }

  private name(it: Item): string {
    return this.str(it, it.node, 'name') || it.id || '';
  }

  // ---- building the model ---------------------------------------------------------------------

  build(): M.Model | undefined {
    if (this.items.size === 0) return undefined;
    const model: M.Model = {
      references: this.references,
      vpcs: [], subnets: [], networkAcls: [], securityGroups: [], servers: [], certificates: [], ipGroups: [],
      loadbalancers: [], listeners: [], pools: [], members: [],
    };

    // VPCs and subnets. A subnet is named by three ids: `id` (= neutron_network_id, what
    // `elb_virsubnet_ids` and `ipv6_vip_virsubnet_id` hold), `neutron_subnet_id` (what
    // `vip_subnet_cidr_id` and a member's `subnet_cidr_id` hold) and `neutron_subnet_id_v6`.
    const vpcs = new Map<string, M.Vpc>();
    for (const it of this.all('vpc')) {
      const vpc: M.Vpc = { kind: 'vpc', name: this.name(it), $: new ApiOrigin(it.file, it.node), cidr: this.str(it, it.node, 'cidr'), subnets: [] };
      if (it.id) {
        vpcs.set(it.id, vpc);
        this.vpcIdOf.set(vpc, it.id);
      }
      model.vpcs.push(vpc);
    }
    /** VPCs the export names by id only: one object per id, so that "same VPC" still compares. */
    const vpcOf = (it: Item, key: string): M.Vpc | undefined => {
      const id = this.id(it, it.node, key);
      if (!id) return undefined;
      let v = vpcs.get(id);
      if (!v) {
        v = { kind: 'vpc', name: id, $: new RefOrigin(it.file.source, this.valueSpan(it, key)), subnets: [] };
        vpcs.set(id, v);
        this.vpcIdOf.set(v, id);
        this.dangling('vpc', it.file, this.valueSpan(it, key), id);
      } else if (v.$ instanceof ApiOrigin) this.references.push({ ref: { name: v.name, span: this.valueSpan(it, key), target: v }, kind: 'vpc', path: it.file.source.path });
      return v;
    };
    // VPC peering connections (`GET /v2.0/vpc/peerings`): only active ones connect. When the export
    // holds a peering body, its list is taken as every peering there is.
    if (this.items.has('peering') || this.listings.some((l) => l.kind === 'peering')) {
      model.vpcPeerings = [];
      for (const it of this.all('peering')) {
        if ((this.str(it, it.node, 'status') ?? 'ACTIVE') !== 'ACTIVE') continue;
        const side = (key: string): M.Ref<M.Vpc> | undefined => {
          const info = asMap(entry(it.node, key)?.value);
          const id = info ? this.id(it, info, 'vpc_id') : undefined;
          if (!id || !info) return undefined;
          const span = entry(info, 'vpc_id')!.value!.span;
          let v = vpcs.get(id);
          if (!v) {
            v = { kind: 'vpc', name: id, $: new RefOrigin(it.file.source, span), subnets: [] };
            vpcs.set(id, v);
            this.vpcIdOf.set(v, id);
          }
          return { name: v.name, span, target: v };
        };
        model.vpcPeerings.push({ kind: 'vpc_peering', name: this.name(it), $: new ApiOrigin(it.file, it.node), vpc: side('request_vpc_info'), peer_vpc: side('accept_vpc_info') });
      }
    }

    const subnets = new Map<string, M.Subnet>();
    const subnetNeutronId = new Map<M.Subnet, string>();
    for (const it of this.all('subnet')) {
      const vpc: M.Vpc = vpcOf(it, 'vpc_id') ?? { kind: 'vpc', name: '', $: new RefOrigin(it.file.source, it.node.span), subnets: [] };
      const cidrV6 = this.str(it, it.node, 'cidr_v6');
      const subnet: M.Subnet = {
        kind: 'subnet', name: this.name(it), vpc,
        $: new ApiOrigin(it.file, it.node, { paths: { ipv6_cidr: 'cidr_v6' }, readOnly: new Set(['network_acl']) }),
        cidr: this.str(it, it.node, 'cidr'), ipv6_enable: this.bool(it, it.node, 'ipv6_enable'), ipv6_cidr: cidrV6 === '' ? undefined : cidrV6,
      };
      for (const k of ['id', 'neutron_network_id', 'neutron_subnet_id', 'neutron_subnet_id_v6']) {
        const v = this.id(it, it.node, k);
        if (v && !subnets.has(v)) subnets.set(v, subnet);
      }
      const ns = this.id(it, it.node, 'neutron_subnet_id');
      if (ns) subnetNeutronId.set(subnet, ns);
      vpc.subnets.push(subnet);
      model.subnets.push(subnet);
    }

    // Network ACLs (VPC v3 firewalls): rules in order, bound to subnets by `associations[].virsubnet_id`
    // (the subnet id). A list response gives no rules (unknown); a disabled ACL filters nothing.
    for (const it of this.all('firewall')) {
      const rules = (key: string): M.AclRule[] | undefined => {
        const seq = asSeq(entry(it.node, key)?.value);
        if (!seq) return undefined;
        return seq.items.filter((x): x is SMap => x.kind === 'map').map((r) => ({
          $: new ApiOrigin(it.file, r), action: this.str(it, r, 'action') || undefined, protocol: this.str(it, r, 'protocol') || undefined,
          source_ip_address: this.str(it, r, 'source_ip_address') || undefined, destination_ip_address: this.str(it, r, 'destination_ip_address') || undefined,
          source_port: this.str(it, r, 'source_port') || undefined, destination_port: this.str(it, r, 'destination_port') || undefined,
          enabled: this.bool(it, r, 'enabled'), ip_version: this.num(it, r, 'ip_version'),
        }));
      };
      const acl: M.NetworkAcl = {
        kind: 'network_acl', name: this.name(it),
        $: new ApiOrigin(it.file, it.node, {
          paths: { inbound_rules: 'ingress_rules', outbound_rules: 'egress_rules' },
          // Shaped like the API's rules: with `ip_version` (4 or 6, by the rule's address) and `enabled`.
          appendTo: (path, items) => {
            const key = path === 'inbound_rules' ? 'ingress_rules' : path === 'outbound_rules' ? 'egress_rules' : undefined;
            if (!key) return undefined;
            const shaped = items.map((x) => {
              const addr = String(x.source_ip_address ?? x.destination_ip_address ?? '');
              return { ...x, ip_version: addr.includes(':') ? 6 : 4, enabled: true };
            });
            return appendItems(it.file, it.node, [key], shaped);
          },
        }),
        inbound_rules: rules('ingress_rules'), outbound_rules: rules('egress_rules'),
      };
      model.networkAcls.push(acl);
      if (this.bool(it, it.node, 'admin_state_up') === false) continue;
      for (const a of asSeq(entry(it.node, 'associations')?.value)?.items ?? []) {
        if (a.kind !== 'map') continue;
        const sid = this.id(it, a, 'virsubnet_id');
        const subnet = sid ? subnets.get(sid) : undefined;
        if (!subnet || subnet.network_acl) continue;
        subnet.network_acl = { name: acl.name, span: entry(a, 'virsubnet_id')!.value!.span, target: acl };
        this.references.push({ ref: subnet.network_acl as M.Ref<M.ModelObject>, kind: 'network_acl', path: it.file.source.path });
      }
    }

    // Security groups and their rules: embedded (`security_group_rules` of a group) or listed
    // apart (`GET /v3/{p}/vpc/security-group-rules`), linked by `security_group_id`.
    const groups = new Map<string, M.SecurityGroup>();
    const groupItem = new Map<M.SecurityGroup, Item>();
    const ruleListings = this.listings.filter((l) => l.kind === 'security_group_rule');
    const rulesKnownApart = ruleListings.length > 0 && ruleListings.every((l) => !this.isPartial(l));
    for (const it of this.all('security_group')) {
      const sg: M.SecurityGroup = { kind: 'security_group', name: this.name(it), $: this.groupOrigin(it, ruleListings) };
      if (it.id) groups.set(it.id, sg);
      groupItem.set(sg, it);
      model.securityGroups.push(sg);
    }
    const ruleIds = new Set<string>();
    const pendingRemote: (() => void)[] = [];
    const readRule = (it: Item, sg: M.SecurityGroup): M.SecurityGroupRule => {
      const r: M.SecurityGroupRule = {
        $: new ApiOrigin(it.file, it.node, { paths: { remote_group: 'remote_group_id' } }), group: sg,
        direction: this.str(it, it.node, 'direction'), ethertype: this.str(it, it.node, 'ethertype'),
        protocol: this.str(it, it.node, 'protocol') || undefined,
        port_range_min: this.num(it, it.node, 'port_range_min'), port_range_max: this.num(it, it.node, 'port_range_max'),
        multiport: this.str(it, it.node, 'multiport') || undefined,
        remote_ip_prefix: this.str(it, it.node, 'remote_ip_prefix') || undefined,
        action: this.str(it, it.node, 'action') || undefined, priority: this.num(it, it.node, 'priority'), enabled: this.bool(it, it.node, 'enabled'),
      };
      const remote = this.id(it, it.node, 'remote_group_id');
      if (remote) pendingRemote.push(() => (r.remote_group = this.ref('security_group', 'security_group', groups, it.file, remote, this.valueSpan(it, 'remote_group_id'))));
      // A remote address group is a set of addresses the export does not give: the rule's reach is unknown.
      if (this.id(it, it.node, 'remote_address_group_id')) r.remote_ip_prefix = 'unknown';
      const id = it.id;
      if (id) ruleIds.add(id);
      return r;
    };
    for (const [sg, it] of groupItem) {
      const rs = entry(it.node, 'security_group_rules')?.value;
      if (rs && rs.kind === 'seq') {
        sg.rules = [];
        for (const n of rs.items) if (n.kind === 'map') sg.rules.push(readRule({ kind: 'security_group_rule', file: it.file, node: n, id: this.id(it, n, 'id') }, sg));
      }
    }
    for (const it of this.all('security_group_rule')) {
      if (it.id && ruleIds.has(it.id)) continue;
      const gid = this.id(it, it.node, 'security_group_id');
      if (!gid) continue;
      let sg = groups.get(gid);
      if (!sg) {
        // A group the export knows only through its rules.
        sg = { kind: 'security_group', name: gid, $: this.groupOrigin(undefined, ruleListings, it.file.source, this.valueSpan(it, 'security_group_id')) };
        groups.set(gid, sg);
        model.securityGroups.push(sg);
      }
      if (!sg.rules) {
        if (!rulesKnownApart) continue;
        sg.rules = [];
      }
      sg.rules.push(readRule(it, sg));
    }
    for (const f of pendingRemote) f();

    // Servers: ECS servers (`addresses`, `security_groups`), and VPC ports of other devices.
    const servers = new Map<string, M.Server>();
    const sgByName = new Map<string, M.SecurityGroup | null>();
    for (const g of model.securityGroups) sgByName.set(g.name, sgByName.has(g.name) ? null : g);
    const ports = new Map<string, Item>();
    for (const it of this.all('port')) if (it.id) ports.set(it.id, it);
    for (const it of this.all('server')) {
      const server: M.Server = { kind: 'server', name: this.name(it), $: new ApiOrigin(it.file, it.node, { readOnly: new Set(['security_groups', 'address', 'subnet', 'public_ip']) }), server_kind: 'ecs' };
      const addrs = asMap(entry(it.node, 'addresses')?.value);
      let serverVpc = '';
      if (addrs) {
        let floating = false;
        for (const e of addrs.entries) {
          for (const a of asSeq(e.value)?.items ?? []) {
            if (a.kind !== 'map') continue;
            const addr = this.str(it, a, 'addr');
            const type = entry(a, 'OS-EXT-IPS:type')?.value;
            const kind = type?.kind === 'scalar' ? type.value : undefined;
            if (kind === 'floating') {
              floating = true;
              continue;
            }
            if (!addr) continue;
            const v6 = addr.includes(':');
            if (v6 && !server.ipv6_address) server.ipv6_address = addr;
            if (!v6 && !server.address) {
              server.address = addr;
              serverVpc = e.key;
              const portId = entry(a, 'OS-EXT-IPS:port_id')?.value;
              const port = portId?.kind === 'scalar' && typeof portId.value === 'string' ? ports.get(portId.value) : undefined;
              const sid = port ? this.portSubnet(port, addr) : undefined;
              if (sid && subnets.has(sid)) server.subnet = this.ref('subnet', 'subnet', subnets, port!.file, sid, port!.node.span);
            }
          }
        }
        server.public_ip = floating;
      }
      const sgs = asSeq(entry(it.node, 'security_groups')?.value);
      if (sgs) {
        server.security_groups = [];
        for (const g of sgs.items) {
          if (g.kind !== 'map') continue;
          const gid = this.id(it, g, 'id');
          const gname = this.str(it, g, 'name');
          if (gid) server.security_groups.push(this.ref('security_group', 'security_group', groups, it.file, gid, entry(g, 'id')!.value!.span));
          else if (gname) {
            const t = sgByName.get(gname) ?? undefined;
            const r: M.Ref<M.SecurityGroup> = { name: gname, span: entry(g, 'name')!.value!.span, target: t };
            if (t) this.references.push({ ref: r as M.Ref<M.ModelObject>, kind: 'security_group', path: it.file.source.path });
            server.security_groups.push(r);
          }
        }
      }
      if (!server.subnet && server.address) server.subnet = this.subnetHolding(model.subnets, serverVpc, server.address, entry(it.node, 'addresses')!.keySpan);
      if (it.id) servers.set(it.id, server);
      model.servers.push(server);
    }
    for (const it of this.all('port')) {
      const owner = this.str(it, it.node, 'device_owner') ?? '';
      if (!owner.startsWith('compute:')) continue; // LB VIPs, DHCP, routers: not backends
      const device = this.id(it, it.node, 'device_id');
      if (device && servers.has(device)) continue; // the ECS server says it already
      const fixed = asSeq(entry(it.node, 'fixed_ips')?.value)?.items.filter((x): x is SMap => x.kind === 'map') ?? [];
      const v4 = fixed.find((x) => !(this.str(it, x, 'ip_address') ?? ':').includes(':'));
      const v6 = fixed.find((x) => (this.str(it, x, 'ip_address') ?? '').includes(':'));
      const server: M.Server = {
        kind: 'server', name: this.str(it, it.node, 'name') || device || it.id || '', server_kind: 'ecs',
        $: new ApiOrigin(it.file, it.node, { readOnly: new Set(['security_groups', 'address', 'subnet', 'public_ip']) }),
        address: v4 ? this.str(it, v4, 'ip_address') : undefined, ipv6_address: v6 ? this.str(it, v6, 'ip_address') : undefined,
        security_groups: this.refList(it, it.node, 'security_groups', 'security_group', 'security_group', groups),
      };
      const sid = v4 ? this.id(it, v4, 'subnet_id') : undefined;
      if (sid) server.subnet = this.ref('subnet', 'subnet', subnets, it.file, sid, entry(v4, 'subnet_id')!.value!.span);
      if (device && !servers.has(device)) servers.set(device, server);
      model.servers.push(server);
    }

    // Certificates and IP groups.
    const certs = new Map<string, M.Certificate>();
    for (const it of this.all('certificate')) {
      const c: M.Certificate = {
        kind: 'certificate', name: this.name(it), $: new ApiOrigin(it.file, it.node),
        type: this.str(it, it.node, 'type'), domain: this.str(it, it.node, 'domain') || undefined,
        certificate: this.str(it, it.node, 'certificate') || undefined, private_key: this.str(it, it.node, 'private_key') || undefined,
      };
      if (it.id) certs.set(it.id, c);
      model.certificates.push(c);
    }
    const ipgroups = new Map<string, M.IpGroup>();
    for (const it of this.all('ipgroup')) {
      const s = asSeq(entry(it.node, 'ip_list')?.value);
      const g: M.IpGroup = {
        kind: 'ip_group', name: this.name(it), $: new ApiOrigin(it.file, it.node, { readOnly: new Set(['ip_list']) }),
        ip_list: s ? s.items.flatMap((x) => (x.kind === 'map' ? [this.str(it, x, 'ip')].filter((v): v is string => !!v) : x.kind === 'scalar' && typeof x.value === 'string' ? [x.value] : [])) : undefined,
      };
      if (it.id) ipgroups.set(it.id, g);
      model.ipGroups.push(g);
    }

    // Load balancers.
    const lbs = new Map<string, M.LoadBalancer>();
    const lbListenerIds = new Map<M.LoadBalancer, string[]>();
    for (const it of this.all('loadbalancer')) {
      const guaranteed = this.bool(it, it.node, 'guaranteed');
      const lb: M.LoadBalancer = {
        kind: 'loadbalancer', name: this.name(it),
        $: new ApiOrigin(it.file, it.node, {
          paths: LB_FIELDS,
          values: { type: (v) => (v === 'dedicated' ? true : v === 'shared' ? false : undefined) },
          readOnly: new Set(['access_log', 'eips', 'vpc', 'vip_subnet', 'ipv6_vip_subnet', 'backend_subnets']),
        }),
        type: guaranteed === false ? 'shared' : 'dedicated', typeGiven: guaranteed !== undefined,
        vip_address: this.str(it, it.node, 'vip_address') || undefined,
        ipv6_vip_address: this.str(it, it.node, 'ipv6_vip_address') || undefined,
        availability_zones: this.strList(it, it.node, 'availability_zone_list'),
        l4_flavor: this.id(it, it.node, 'l4_flavor_id'), l7_flavor: this.id(it, it.node, 'l7_flavor_id'),
        ip_target_enable: this.bool(it, it.node, 'ip_target_enable'),
        listeners: [], pools: [],
      };
      const vpc = vpcOf(it, 'vpc_id');
      if (vpc) lb.vpc = { name: vpc.name, span: this.valueSpan(it, 'vpc_id'), target: vpc };
      lb.vip_subnet = this.refField(it, it.node, 'vip_subnet_cidr_id', 'subnet', 'subnet', subnets);
      lb.ipv6_vip_subnet = this.refField(it, it.node, 'ipv6_vip_virsubnet_id', 'subnet', 'subnet', subnets);
      lb.backend_subnets = this.refList(it, it.node, 'elb_virsubnet_ids', 'subnet', 'subnet', subnets);
      const eips = asSeq(entry(it.node, 'eips')?.value) ?? asSeq(entry(it.node, 'publicips')?.value);
      if (eips) {
        const addrKey = entry(it.node, 'eips') ? 'eip_address' : 'publicip_address';
        lb.eips = eips.items.filter((x): x is SMap => x.kind === 'map').map((x) => ({ $: new ApiOrigin(it.file, x, { paths: { address: addrKey } }), address: this.str(it, x, addrKey) }));
      }
      const logGroup = this.id(it, it.node, 'log_group_id');
      const logTopic = this.id(it, it.node, 'log_topic_id');
      if (logGroup || logTopic) lb.access_log = { $: lb.$, log_group: logGroup, log_topic: logTopic, enabled: true };
      const ls = this.refIds(it.node, 'listeners');
      if (ls) lbListenerIds.set(lb, ls.map((x) => x.id));
      if (it.id) lbs.set(it.id, lb);
      model.loadbalancers.push(lb);
    }
    /** Load balancers the export refers to without holding them. */
    const placeholders = new Map<string, M.LoadBalancer>();
    const placeholder = (file: ApiFile, span: Span, id: string | undefined): M.LoadBalancer => {
      const key = id ?? '';
      let lb = placeholders.get(key);
      if (!lb) {
        lb = { kind: 'loadbalancer', name: id ?? '', $: new RefOrigin(file.source, span), type: 'dedicated', typeGiven: false, listeners: [], pools: [] };
        placeholders.set(key, lb);
        model.loadbalancers.push(lb);
        if (id) this.dangling('loadbalancer', file, span, id);
      }
      return lb;
    };
    const lbRef = (it: Item): { id: string; span: Span } | undefined => {
      const list = this.refIds(it.node, 'loadbalancers');
      if (list?.length) return list[0];
      const id = this.id(it, it.node, 'loadbalancer_id');
      return id ? { id, span: this.valueSpan(it, 'loadbalancer_id') } : undefined;
    };

    // Listeners.
    const listeners = new Map<string, M.Listener>();
    const listenerItem = new Map<M.Listener, Item>();
    const rawProtocol = new Map<M.Listener, string>();
    for (const it of this.all('listener')) {
      const r = lbRef(it);
      const lb = (r && lbs.get(r.id)) ?? placeholder(it.file, r?.span ?? it.node.span, r?.id);
      const proto = this.str(it, it.node, 'protocol');
      if (proto !== undefined && !API_LISTENER_PROTOCOLS.has(proto)) this.problem('ELB015', it.file, this.valueSpan(it, 'protocol'), 'unknownValue', { field: 'protocol', value: proto });
      const norm = proto === 'TERMINATED_HTTPS' ? 'HTTPS' : proto;
      const listener: M.Listener = {
        kind: 'listener', name: this.name(it), lb,
        $: new ApiOrigin(it.file, it.node, {
          paths: LISTENER_FIELDS,
          // The API stores HTTPS as TERMINATED_HTTPS on shared load balancers and as HTTPS on dedicated ones.
          values: { protocol: (v) => (v === 'HTTPS' && (proto === 'TERMINATED_HTTPS' || lb.type === 'shared') ? 'TERMINATED_HTTPS' : v) },
          readOnly: REF_FIELDS_READ_ONLY,
        }),
        protocol: norm && LISTENER_PROTOCOLS.has(norm) ? (norm as M.ListenerProtocol) : undefined,
        protocol_port: this.num(it, it.node, 'protocol_port'),
        sni_match_algo: this.str(it, it.node, 'sni_match_algo') || undefined,
        tls_ciphers_policy: this.str(it, it.node, 'tls_ciphers_policy') || undefined,
        keepalive_timeout: this.num(it, it.node, 'keepalive_timeout'), client_timeout: this.num(it, it.node, 'client_timeout'), member_timeout: this.num(it, it.node, 'member_timeout'),
        transparent_client_ip_enable: this.bool(it, it.node, 'transparent_client_ip_enable'), enable_member_retry: this.bool(it, it.node, 'enable_member_retry'),
        nat64_enable: this.bool(it, it.node, 'nat64_enable'), http2_enable: this.bool(it, it.node, 'http2_enable'),
        l7policies: [],
      };
      if (proto) rawProtocol.set(listener, proto);
      listener.default_tls_container = this.refField(it, it.node, 'default_tls_container_ref', 'certificate', 'certificate', certs);
      listener.client_ca_tls_container = this.refField(it, it.node, 'client_ca_tls_container_ref', 'certificate', 'certificate', certs);
      listener.sni_containers = this.refList(it, it.node, 'sni_container_refs', 'certificate', 'certificate', certs);
      const ranges = asSeq(entry(it.node, 'port_ranges')?.value);
      if (ranges) listener.port_ranges = ranges.items.filter((x): x is SMap => x.kind === 'map').map((x) => ({ $: new ApiOrigin(it.file, x), start_port: this.num(it, x, 'start_port'), end_port: this.num(it, x, 'end_port') }));
      const ih = asMap(entry(it.node, 'insert_headers')?.value);
      if (ih) {
        const h: Record<string, unknown> = {};
        for (const e of ih.entries) h[e.key] = e.value?.kind === 'scalar' ? e.value.value : undefined;
        listener.insert_headers = h;
      }
      const ig = asMap(entry(it.node, 'ipgroup')?.value);
      if (ig) {
        const gid = this.id(it, ig, 'ipgroup_id');
        const first = gid?.split(',')[0]?.trim();
        listener.ipgroup = {
          $: new ApiOrigin(it.file, ig, { paths: { ip_group: 'ipgroup_id' }, readOnly: new Set(['ip_group']) }),
          ip_group: first ? this.ref('ipgroup', 'ip_group', ipgroups, it.file, first, entry(ig, 'ipgroup_id')!.value!.span) : undefined,
          type: this.str(it, ig, 'type') || undefined, enable_ipgroup: this.bool(it, ig, 'enable_ipgroup'),
        };
      }
      if (it.id) listeners.set(it.id, listener);
      listenerItem.set(listener, it);
      lb.listeners.push(listener);
      model.listeners.push(listener);
    }
    // A load balancer the export does not hold is shared when one of its listeners is stored as TERMINATED_HTTPS.
    for (const lb of placeholders.values()) if (lb.listeners.some((l) => rawProtocol.get(l) === 'TERMINATED_HTTPS')) lb.type = 'shared';
    for (const [lb, ids] of lbListenerIds) {
      if (ids.every((id) => listeners.get(id)?.lb === lb)) lb.listenersGiven = true;
    }

    // Pools (and the load balancer each belongs to: directly, through a listener, or as some
    // listener's default pool).
    const pools = new Map<string, M.Pool>();
    const poolItem = new Map<M.Pool, Item>();
    const defaultOf = new Map<string, M.Listener>();
    for (const [l, it] of listenerItem) {
      const pid = this.id(it, it.node, 'default_pool_id');
      if (pid && !defaultOf.has(pid)) defaultOf.set(pid, l);
    }
    for (const it of this.all('pool')) {
      let lb: M.LoadBalancer | undefined;
      const r = lbRef(it);
      if (r) lb = lbs.get(r.id);
      if (!lb) {
        const ls = this.refIds(it.node, 'listeners') ?? [];
        const lid = this.id(it, it.node, 'listener_id');
        if (lid) ls.push({ id: lid, span: this.valueSpan(it, 'listener_id') });
        for (const x of ls) lb ??= listeners.get(x.id)?.lb;
      }
      if (!lb && it.id) lb = defaultOf.get(it.id)?.lb;
      lb ??= placeholder(it.file, r?.span ?? it.node.span, r?.id);
      const proto = this.str(it, it.node, 'protocol');
      if (proto !== undefined && !API_POOL_PROTOCOLS.has(proto)) this.problem('ELB015', it.file, this.valueSpan(it, 'protocol'), 'unknownValue', { field: 'protocol', value: proto });
      const pool: M.Pool = {
        kind: 'pool', name: this.name(it), lb,
        $: new ApiOrigin(it.file, it.node, { paths: { healthmonitor: 'healthmonitor_id' }, readOnly: new Set(['healthmonitor', 'members']) }),
        protocol: proto && POOL_PROTOCOLS.has(proto) ? (proto as M.PoolProtocol) : undefined,
        lb_algorithm: this.str(it, it.node, 'lb_algorithm') || undefined, members: [],
      };
      const sp = asMap(entry(it.node, 'session_persistence')?.value);
      if (sp) pool.session_persistence = { $: new ApiOrigin(it.file, sp), type: this.str(it, sp, 'type') || undefined, cookie_name: this.str(it, sp, 'cookie_name') || undefined, persistence_timeout: this.num(it, sp, 'persistence_timeout') };
      const cd = asMap(entry(it.node, 'connection_drain')?.value);
      if (cd) pool.connection_drain = { $: new ApiOrigin(it.file, cd), enable: this.bool(it, cd, 'enable'), timeout: this.num(it, cd, 'timeout') };
      const hm = entry(it.node, 'healthmonitor_id');
      if (hm && (isNull(hm.value) || (hm.value!.kind === 'scalar' && hm.value!.value === ''))) pool.healthmonitor = null;
      if (it.id) pools.set(it.id, pool);
      poolItem.set(pool, it);
      lb.pools.push(pool);
      model.pools.push(pool);
    }
    for (const [l, it] of listenerItem) {
      l.default_pool = this.refField(it, it.node, 'default_pool_id', 'pool', 'pool', pools);
    }
    // A pool says which listeners use it (`listeners: [{id}]`). One the export does not hold still
    // exists: it stands in as a listener whose protocol and settings are unknown, so that the pool
    // is not taken for unused and what it receives is still checked.
    for (const [p, it] of poolItem) {
      const used = this.refIds(it.node, 'listeners') ?? [];
      const lid = this.id(it, it.node, 'listener_id');
      if (lid) used.push({ id: lid, span: this.valueSpan(it, 'listener_id') });
      for (const x of used) {
        if (listeners.has(x.id) || this.standIns.has(x.id)) continue;
        const l: M.Listener = {
          kind: 'listener', name: x.id, lb: p.lb, $: new RefOrigin(it.file.source, x.span),
          default_pool: { name: p.name, span: x.span, target: p }, l7policies: [],
        };
        this.standIns.add(x.id);
        this.dangling('listener', it.file, x.span, x.id);
        p.lb.listeners.push(l);
        model.listeners.push(l);
      }
    }

    // Health monitors: a pool names its monitor (`healthmonitor_id`), a monitor its pools.
    const monitorOf = new Map<string, M.Pool>();
    for (const [p, it] of poolItem) {
      const hid = this.id(it, it.node, 'healthmonitor_id');
      if (hid) monitorOf.set(hid, p);
    }
    for (const it of this.all('healthmonitor')) {
      let pool = it.id ? monitorOf.get(it.id) : undefined;
      if (!pool) {
        const ps = this.refIds(it.node, 'pools') ?? [];
        const pid = this.id(it, it.node, 'pool_id');
        if (pid) ps.push({ id: pid, span: this.valueSpan(it, 'pool_id') });
        for (const x of ps) pool ??= pools.get(x.id);
      }
      if (!pool || pool.healthmonitor) continue;
      pool.healthmonitor = {
        $: new ApiOrigin(it.file, it.node), type: this.str(it, it.node, 'type') || undefined,
        delay: this.num(it, it.node, 'delay'), timeout: this.num(it, it.node, 'timeout'),
        max_retries: this.num(it, it.node, 'max_retries'), max_retries_down: this.num(it, it.node, 'max_retries_down'),
        monitor_port: this.num(it, it.node, 'monitor_port'), url_path: this.str(it, it.node, 'url_path') || undefined,
        domain_name: this.str(it, it.node, 'domain_name') || undefined, expected_codes: this.str(it, it.node, 'expected_codes') || undefined,
        http_method: this.str(it, it.node, 'http_method') || undefined, admin_state_up: this.bool(it, it.node, 'admin_state_up'),
      };
    }

    // A monitor the export does not hold (or a pool body without `healthmonitor_id`) is unknown,
    // not missing: it stands in with every setting unknown. `null` or `""` says there is none.
    for (const [p, it] of poolItem) {
      if (p.healthmonitor !== undefined) continue;
      const span = entry(it.node, 'healthmonitor_id')?.value?.span ?? it.node.span;
      p.healthmonitor = { $: new RefOrigin(it.file.source, span) };
    }

    // Members: under the pool their `pool_id` names, the pool that lists their id, the pool a
    // `pool_id` at the top of their file names, or the pool whose id is in the file name.
    const memberPool = new Map<string, M.Pool>();
    const poolMemberIds = new Map<M.Pool, string[]>();
    for (const [p, it] of poolItem) {
      const ms = this.refIds(it.node, 'members');
      if (!ms) continue;
      poolMemberIds.set(p, ms.map((x) => x.id));
      for (const x of ms) if (!memberPool.has(x.id)) memberPool.set(x.id, p);
    }
    const fileNamePool = new Map<ApiFile, M.Pool | undefined>();
    const poolOfFile = (file: ApiFile): M.Pool | undefined => {
      if (fileNamePool.has(file)) return fileNamePool.get(file);
      const hint = this.poolHint.get(file);
      let p = hint ? pools.get(hint) : undefined;
      if (!p) {
        const name = baseName(file.path);
        for (const [id, pool] of pools) if (name.includes(id)) p = pool;
      }
      fileNamePool.set(file, p);
      return p;
    };
    for (const it of this.all('member')) {
      const pid = this.id(it, it.node, 'pool_id');
      const pool = (pid ? pools.get(pid) : undefined) ?? (it.id ? memberPool.get(it.id) : undefined) ?? poolOfFile(it.file);
      if (!pool) {
        if (pid) this.dangling('pool', it.file, this.valueSpan(it, 'pool_id'), pid);
        continue;
      }
      const address = this.str(it, it.node, 'address') || undefined;
      const member: M.Member = {
        kind: 'member', name: this.str(it, it.node, 'name') || address || it.id || '', pool,
        $: new ApiOrigin(it.file, it.node, {
          paths: { subnet: 'subnet_cidr_id', server: 'instance_id' },
          values: {
            // A fix names the subnet; the member holds its neutron_subnet_id (IPv4).
            subnet: (v) => {
              const s = model.subnets.find((x) => x.name === v);
              return s ? subnetNeutronId.get(s) : undefined;
            },
          },
          readOnly: new Set(['server']),
        }),
        address, protocol_port: this.num(it, it.node, 'protocol_port'), weight: this.num(it, it.node, 'weight'),
      };
      member.subnet = this.refField(it, it.node, 'subnet_cidr_id', 'subnet', 'subnet', subnets);
      const inst = this.id(it, it.node, 'instance_id') ?? this.id(it, it.node, 'device_id');
      const server = inst ? servers.get(inst) : undefined;
      if (server) {
        const key = entry(it.node, 'instance_id') ? 'instance_id' : 'device_id';
        member.server = { name: server.name, span: this.valueSpan(it, key), target: server };
        this.references.push({ ref: member.server as M.Ref<M.ModelObject>, kind: 'server', path: it.file.source.path });
      }
      pool.members.push(member);
      model.members.push(member);
    }
    for (const [p, ids] of poolMemberIds) {
      if (ids.length === 0 || ids.length === p.members.length) p.membersGiven = true;
    }

    // Forwarding policies (on a listener) and their rules (detailed in the policy with
    // `display_all_rules=true`, else listed apart and linked by id).
    const l7rules = new Map<string, Item>();
    for (const it of this.all('l7rule')) if (it.id) l7rules.set(it.id, it);
    for (const it of this.all('l7policy')) {
      const lid = this.id(it, it.node, 'listener_id');
      const listener = lid ? listeners.get(lid) : undefined;
      if (!listener) {
        if (lid) this.dangling('listener', it.file, this.valueSpan(it, 'listener_id'), lid);
        continue;
      }
      const pol: M.L7Policy = {
        kind: 'l7policy', name: this.name(it), listener,
        $: new ApiOrigin(it.file, it.node, { paths: { redirect_pool: 'redirect_pool_id' }, readOnly: new Set(['redirect_pool', 'rules']) }),
        action: this.str(it, it.node, 'action') || undefined,
        redirect_pool: this.refField(it, it.node, 'redirect_pool_id', 'pool', 'pool', pools),
        rules: [],
      };
      for (const r of asSeq(entry(it.node, 'rules')?.value)?.items ?? []) {
        if (r.kind !== 'map') continue;
        let ri: Item = { kind: 'l7rule', file: it.file, node: r };
        if (!entry(r, 'type')) {
          const rid = this.id(it, r, 'id');
          const apart = rid ? l7rules.get(rid) : undefined;
          if (!apart) {
            // A rule the export does not detail: the policy's conditions are unknown.
            pol.rules.push({ $: new ApiOrigin(it.file, r) });
            continue;
          }
          ri = apart;
        }
        pol.rules.push({ $: new ApiOrigin(ri.file, ri.node), type: this.str(ri, ri.node, 'type') || undefined, compare_type: this.str(ri, ri.node, 'compare_type') || undefined, value: this.str(ri, ri.node, 'value') || undefined });
      }
      listener.l7policies.push(pol);
    }
    // An HTTP/HTTPS/QUIC listener without a default pool forwards through its policies; when the
    // export holds no policies at all, they are unknown: one stands in, with an unknown target.
    if (!this.listings.some((l) => l.kind === 'l7policy') && this.all('l7policy').length === 0) {
      for (const [l, it] of listenerItem) {
        if (l.default_pool || l.l7policies.length || !['HTTP', 'HTTPS', 'QUIC'].includes(l.protocol ?? '')) continue;
        const span = entry(it.node, 'default_pool_id')?.value?.span ?? l.$.nameSpan;
        l.l7policies.push({ kind: 'l7policy', name: '', listener: l, $: new RefOrigin(it.file.source, span), redirect_pool: { name: '', span }, rules: [] });
      }
    }
    return model;
  }

  /** Whether a listing is known to be one page of several. */
  private isPartial(l: Listing): boolean {
    const root = asMap(l.file.root);
    const pi = asMap(entry(root, 'page_info')?.value);
    const next = pi ? entry(pi, 'next_marker')?.value : undefined;
    return !!next && next.kind === 'scalar' && typeof next.value === 'string' && next.value !== '';
  }

  /** The subnet a port's address is in (`fixed_ips[].subnet_id` = the neutron subnet id). */
  private portSubnet(port: Item, addr: string): string | undefined {
    for (const x of asSeq(entry(port.node, 'fixed_ips')?.value)?.items ?? []) {
      if (x.kind !== 'map') continue;
      if (this.str(port, x, 'ip_address') === addr) return this.id(port, x, 'subnet_id');
    }
    return undefined;
  }

  private subnetRanges: Map<string, { lo: bigint; hi: bigint; family: number; subnet: M.Subnet }[]> | undefined;

  /**
   * The exported subnet of a VPC whose CIDR holds an address (ECS lists a server's addresses by
   * VPC, not by subnet). Subnets of one VPC do not overlap: a binary search over their ranges.
   */
  private subnetHolding(subnets: M.Subnet[], vpcId: string, address: string, span: Span): M.Ref<M.Subnet> | undefined {
    if (!this.subnetRanges) {
      const byVpc = new Map<string, { lo: bigint; hi: bigint; family: number; subnet: M.Subnet }[]>();
      for (const s of subnets) {
        const r = s.cidr ? parseRange(s.cidr) : null;
        if (!r) continue;
        const key = this.vpcIdOf.get(s.vpc) ?? '';
        let list = byVpc.get(key);
        if (!list) byVpc.set(key, (list = []));
        list.push({ lo: r.lo, hi: r.hi, family: r.family, subnet: s });
      }
      for (const list of byVpc.values()) list.sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
      this.subnetRanges = byVpc;
    }
    const a = parseRange(address);
    const list = a ? this.subnetRanges.get(vpcId) : undefined;
    if (!a || !list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    let hit: M.Subnet | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = list[mid]!;
      if (r.lo > a.lo) hi = mid - 1;
      else {
        if (r.family === a.family && a.hi <= r.hi) hit = r.subnet;
        lo = mid + 1;
      }
    }
    return hit ? { name: hit.name, span, target: hit } : undefined;
  }

  /**
   * A security group's origin: appending a rule writes it into the group's own
   * `security_group_rules` list, else into the export's listing of rules (with `security_group_id`).
   */
  private groupOrigin(it: Item | undefined, ruleListings: Listing[], source?: SourceText, span?: Span): M.Origin {
    const groupId = it ? it.id : source && span ? source.text.slice(span.start + 1, span.end - 1) : undefined;
    const appendTo = (path: string, items: Record<string, unknown>[]): TextEdit[] | undefined => {
      if (path !== 'rules') return undefined;
      const embedded = it ? asSeq(entry(it.node, 'security_group_rules')?.value) : undefined;
      if (it && embedded) {
        const like = embedded.items[embedded.items.length - 1];
        return appendItems(it.file, it.node, ['security_group_rules'], items.map((x) => apiRule(x, like, undefined)));
      }
      if (!groupId) return undefined;
      const holds = (l: Listing) => asSeq(l.seq)?.items.some((r) => r.kind === 'map' && scalarOf(entry(r, 'security_group_id')?.value) === groupId);
      const listing = ruleListings.find(holds) ?? ruleListings[0];
      const root = asMap(listing?.file.root);
      if (!listing || !root) return undefined;
      const seq = asSeq(listing.seq);
      const like = seq?.items[seq.items.length - 1];
      return appendItems(listing.file, root, [listing.key], items.map((x) => apiRule(x, like, groupId)));
    };
    if (!it) return Object.assign(new RefOrigin(source!, span!), { appendToList: (p: string, x: Record<string, unknown> | Record<string, unknown>[]) => appendTo(p, Array.isArray(x) ? x : [x]) });
    return new ApiOrigin(it.file, it.node, { appendTo });
  }
}

function scalarOf(n: SNode | null | undefined): unknown {
  return n && n.kind === 'scalar' ? n.value : undefined;
}

/** A model rule as the API writes it, shaped like its neighbours (v1 rules have no action or priority). */
function apiRule(rule: Record<string, unknown>, like: SNode | undefined, groupId: string | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (groupId) out.security_group_id = groupId;
  const v1 = like?.kind === 'map' && !entry(like, 'priority') && !entry(like, 'action');
  // VPC v3 rules write their ports as `multiport` ("80", "8000-8080"), v1 rules as a min/max pair.
  const multiport = like?.kind === 'map' && entry(like, 'multiport') !== undefined && entry(like, 'port_range_min') === undefined;
  for (const [k, v] of Object.entries(rule)) {
    if (v1 && (k === 'priority' || k === 'action')) continue;
    if (multiport && (k === 'port_range_min' || k === 'port_range_max')) {
      if (k === 'port_range_min') out.multiport = rule.port_range_max !== undefined && rule.port_range_max !== v ? `${String(v)}-${String(rule.port_range_max)}` : String(v);
      continue;
    }
    out[k] = v;
  }
  return out;
}

/** ELB v3 and VPC API response bodies (one file, or a directory holding an account's export). */
export const apiJsonReader: FormatReader = {
  format: 'api-json',
  accepts(path: string, text: string): boolean {
    return apiJsonPath(path) && sniffEnvelope(text) !== undefined;
  },
  groupKey(path: string): string {
    const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return i >= 0 ? path.slice(0, i) : '.';
  },
  read(files: InputFile[], ctx: ReadContext): ReadResult {
    const reader = new ApiReader(ctx.locale);
    const comments = new Map<string, SourceComment[]>();
    for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
      reader.addFile(f, ctx);
      comments.set(f.path, []);
    }
    const model = reader.build();
    return { model, problems: reader.problems, comments };
  },
};
