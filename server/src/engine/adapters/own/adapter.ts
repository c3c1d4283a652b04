import type * as M from '../../model/types';
import { asMap, asSeq, entry, type SMap, type SNode } from '../../parse/tree';
import type { SourceText } from '../../text/source';
import type { Span } from '../../types';
import { closest } from '../../text/suggest';
import { NodeOrigin, type TreeEditor } from './origin';

/** A finding of the adapter itself: an undefined reference (ELB003) or a duplicate name (ELB004). */
export interface StructuralProblem {
  ruleId: 'ELB003' | 'ELB004';
  span: Span;
  messageId: string;
  data: Record<string, string | number>;
  related?: { span: Span; messageId: string; data: Record<string, string | number> }[];
}

const LISTENER_PROTOCOLS = new Set(['TCP', 'UDP', 'TLS', 'HTTP', 'HTTPS', 'QUIC']);
const POOL_PROTOCOLS = new Set(['TCP', 'UDP', 'TLS', 'HTTP', 'HTTPS', 'GRPC', 'QUIC']);

function str(map: SMap | undefined, key: string): string | undefined {
  const v = entry(map, key)?.value;
  if (!v || v.kind !== 'scalar') return undefined;
  if (typeof v.value === 'string') return v.value;
  if (typeof v.value === 'number') return String(v.value);
  return undefined;
}

function num(map: SMap | undefined, key: string): number | undefined {
  const v = entry(map, key)?.value;
  return v && v.kind === 'scalar' && typeof v.value === 'number' && Number.isFinite(v.value) ? v.value : undefined;
}

function bool(map: SMap | undefined, key: string): boolean | undefined {
  const v = entry(map, key)?.value;
  return v && v.kind === 'scalar' && typeof v.value === 'boolean' ? v.value : undefined;
}

function strList(map: SMap | undefined, key: string): string[] | undefined {
  const s = asSeq(entry(map, key)?.value);
  if (!s) return undefined;
  const out: string[] = [];
  for (const i of s.items) if (i.kind === 'scalar' && (typeof i.value === 'string' || typeof i.value === 'number')) out.push(String(i.value));
  return out;
}

function maps(n: SNode | null | undefined): SMap[] {
  const s = asSeq(n);
  if (!s) return [];
  const out: SMap[] = [];
  for (const i of s.items) if (i.kind === 'map') out.push(i);
  return out;
}

type Kind = 'vpc' | 'subnet' | 'network_acl' | 'security_group' | 'server' | 'certificate' | 'ip_group' | 'pool' | 'listener' | 'loadbalancer';

/** Names of one kind in one scope, with the first definition kept for duplicate reports. */
class Scope<T extends M.ModelObject> {
  readonly byName = new Map<string, T>();
  constructor(readonly kind: Kind, private readonly problems: StructuralProblem[]) {}

  define(obj: T): void {
    if (!obj.name) return;
    const first = this.byName.get(obj.name);
    if (first) {
      this.problems.push({
        ruleId: 'ELB004',
        span: obj.$.nameSpan,
        messageId: 'duplicate',
        data: { kind: this.kind, name: obj.name },
        related: [{ span: first.$.nameSpan, messageId: 'firstDefinition', data: { kind: this.kind, name: obj.name } }],
      });
      return;
    }
    this.byName.set(obj.name, obj);
  }
}

/** Turns a document of our own format into the model, resolving name references. */
export class OwnFormatAdapter {
  readonly problems: StructuralProblem[] = [];
  private readonly references: M.Reference[] = [];
  private readonly pending: (() => void)[] = [];

  constructor(private readonly source: SourceText, private readonly editor: TreeEditor) {}

  private origin(node: SMap): NodeOrigin {
    return new NodeOrigin(this.source, node, this.editor);
  }

  private refNode<T extends M.ModelObject>(n: SNode | null | undefined, scope: Scope<T>): M.Ref<T> | undefined {
    if (!n || n.kind !== 'scalar' || (typeof n.value !== 'string' && typeof n.value !== 'number')) return undefined;
    const ref: M.Ref<T> = { name: String(n.value), span: n.span };
    if (!n.aliased) this.references.push({ ref: ref as M.Ref<M.ModelObject>, kind: scope.kind });
    this.pending.push(() => {
      const t = scope.byName.get(ref.name);
      if (t) ref.target = t;
      else {
        const suggestion = closest(ref.name, [...scope.byName.keys()]);
        this.problems.push({
          ruleId: 'ELB003',
          span: ref.span,
          messageId: suggestion ? 'undefinedSuggest' : 'undefined',
          data: { kind: scope.kind, name: ref.name, suggestion: suggestion ?? '' },
        });
      }
    });
    return ref;
  }

  private ref<T extends M.ModelObject>(map: SMap | undefined, key: string, scope: Scope<T>): M.Ref<T> | undefined {
    return this.refNode(entry(map, key)?.value, scope);
  }

  private refList<T extends M.ModelObject>(map: SMap | undefined, key: string, scope: Scope<T>): M.Ref<T>[] | undefined {
    const s = asSeq(entry(map, key)?.value);
    if (!s) return undefined;
    const out: M.Ref<T>[] = [];
    for (const i of s.items) {
      const r = this.refNode(i, scope);
      if (r) out.push(r);
    }
    return out;
  }

  build(root: SMap): M.Model {
    const p = this.problems;
    const vpcScope = new Scope<M.Vpc>('vpc', p);
    const subnetScope = new Scope<M.Subnet>('subnet', p);
    const aclScope = new Scope<M.NetworkAcl>('network_acl', p);
    const sgScope = new Scope<M.SecurityGroup>('security_group', p);
    const serverScope = new Scope<M.Server>('server', p);
    const certScope = new Scope<M.Certificate>('certificate', p);
    const ipgScope = new Scope<M.IpGroup>('ip_group', p);

    const model: M.Model = {
      references: this.references,
      vpcs: [], subnets: [], networkAcls: [], securityGroups: [], servers: [], certificates: [], ipGroups: [],
      loadbalancers: [], listeners: [], pools: [], members: [],
    };

    for (const v of maps(entry(root, 'vpcs')?.value)) {
      const vpc: M.Vpc = { kind: 'vpc', name: str(v, 'name') ?? '', $: this.origin(v), cidr: str(v, 'cidr'), subnets: [] };
      vpcScope.define(vpc);
      model.vpcs.push(vpc);
      for (const s of maps(entry(v, 'subnets')?.value)) {
        const subnet: M.Subnet = {
          kind: 'subnet', name: str(s, 'name') ?? '', $: this.origin(s), vpc,
          cidr: str(s, 'cidr'), ipv6_enable: bool(s, 'ipv6_enable'), ipv6_cidr: str(s, 'ipv6_cidr'),
          network_acl: this.ref(s, 'network_acl', aclScope),
        };
        subnetScope.define(subnet);
        vpc.subnets.push(subnet);
        model.subnets.push(subnet);
      }
    }

    for (const a of maps(entry(root, 'network_acls')?.value)) {
      const aclRules = (key: string): M.AclRule[] | undefined => {
        const seq = entry(a, key)?.value;
        if (!asSeq(seq)) return undefined;
        return maps(seq).map((r) => ({
          $: this.origin(r), action: str(r, 'action'), protocol: str(r, 'protocol'),
          source_ip_address: str(r, 'source_ip_address'), destination_ip_address: str(r, 'destination_ip_address'),
          source_port: str(r, 'source_port'), destination_port: str(r, 'destination_port'), enabled: bool(r, 'enabled'),
          ip_version: num(r, 'ip_version'),
        }));
      };
      const acl: M.NetworkAcl = {
        kind: 'network_acl', name: str(a, 'name') ?? '', $: this.origin(a),
        inbound_rules: aclRules('inbound_rules'), outbound_rules: aclRules('outbound_rules'),
      };
      aclScope.define(acl);
      model.networkAcls.push(acl);
    }

    for (const g of maps(entry(root, 'security_groups')?.value)) {
      const sg: M.SecurityGroup = { kind: 'security_group', name: str(g, 'name') ?? '', $: this.origin(g) };
      const rulesNode = entry(g, 'rules')?.value;
      if (asSeq(rulesNode)) {
        sg.rules = maps(rulesNode).map((r) => ({
          $: this.origin(r), group: sg,
          direction: str(r, 'direction'), ethertype: str(r, 'ethertype'), protocol: str(r, 'protocol'),
          port_range_min: num(r, 'port_range_min'), port_range_max: num(r, 'port_range_max'),
          multiport: str(r, 'multiport'), remote_ip_prefix: str(r, 'remote_ip_prefix'),
          remote_group: this.ref(r, 'remote_group', sgScope),
          action: str(r, 'action'), priority: num(r, 'priority'), enabled: bool(r, 'enabled'),
        }));
      }
      sgScope.define(sg);
      model.securityGroups.push(sg);
    }

    const peeringsNode = entry(root, 'vpc_peerings')?.value;
    if (asSeq(peeringsNode)) {
      model.vpcPeerings = maps(peeringsNode).map((x) => ({
        kind: 'vpc_peering' as const, name: str(x, 'name') ?? '', $: this.origin(x),
        vpc: this.ref(x, 'vpc', vpcScope), peer_vpc: this.ref(x, 'peer_vpc', vpcScope),
      }));
    }

    for (const s of maps(entry(root, 'servers')?.value)) {
      const server: M.Server = {
        kind: 'server', name: str(s, 'name') ?? '', $: this.origin(s),
        server_kind: str(s, 'kind'), subnet: this.ref(s, 'subnet', subnetScope),
        address: str(s, 'address'), ipv6_address: str(s, 'ipv6_address'),
        security_groups: this.refList(s, 'security_groups', sgScope), public_ip: bool(s, 'public_ip'),
      };
      serverScope.define(server);
      model.servers.push(server);
    }

    for (const c of maps(entry(root, 'certificates')?.value)) {
      const cert: M.Certificate = {
        kind: 'certificate', name: str(c, 'name') ?? '', $: this.origin(c),
        type: str(c, 'type'), domain: str(c, 'domain'), certificate: str(c, 'certificate'), private_key: str(c, 'private_key'),
      };
      certScope.define(cert);
      model.certificates.push(cert);
    }

    for (const g of maps(entry(root, 'ip_groups')?.value)) {
      const ipg: M.IpGroup = { kind: 'ip_group', name: str(g, 'name') ?? '', $: this.origin(g), ip_list: strList(g, 'ip_list') };
      ipgScope.define(ipg);
      model.ipGroups.push(ipg);
    }

    const flavorsNode = entry(root, 'flavors')?.value;
    if (asSeq(flavorsNode)) {
      model.flavors = maps(flavorsNode).map((f) => ({ $: this.origin(f), name: str(f, 'name') ?? '', type: str(f, 'type'), bandwidth: num(f, 'bandwidth') }));
    }

    const lbScope = new Scope<M.LoadBalancer>('loadbalancer', p);
    for (const l of maps(entry(root, 'loadbalancers')?.value)) {
      const typeText = str(l, 'type');
      const lb: M.LoadBalancer = {
        kind: 'loadbalancer', name: str(l, 'name') ?? '', $: this.origin(l),
        type: typeText === 'shared' ? 'shared' : 'dedicated', typeGiven: typeText === 'shared' || typeText === 'dedicated',
        vpc: this.ref(l, 'vpc', vpcScope), vip_subnet: this.ref(l, 'vip_subnet', subnetScope), vip_address: str(l, 'vip_address'),
        ipv6_vip_subnet: this.ref(l, 'ipv6_vip_subnet', subnetScope),
        ipv6_vip_address: str(l, 'ipv6_vip_address'),
        backend_subnets: this.refList(l, 'backend_subnets', subnetScope),
        availability_zones: strList(l, 'availability_zones'),
        l4_flavor: str(l, 'l4_flavor'), l7_flavor: str(l, 'l7_flavor'), ip_target_enable: bool(l, 'ip_target_enable'),
        listeners: [], pools: [],
      };
      const eipsNode = entry(l, 'eips')?.value;
      if (asSeq(eipsNode)) lb.eips = maps(eipsNode).map((e) => ({ $: this.origin(e), address: str(e, 'address'), bandwidth: num(e, 'bandwidth') }));
      const al = asMap(entry(l, 'access_log')?.value);
      if (al) lb.access_log = { $: this.origin(al), log_group: str(al, 'log_group'), log_topic: str(al, 'log_topic'), retention_days: num(al, 'retention_days'), enabled: bool(al, 'enabled') };
      if (asSeq(entry(l, 'listeners')?.value)) lb.listenersGiven = true;
      lbScope.define(lb);
      model.loadbalancers.push(lb);

      const poolScope = new Scope<M.Pool>('pool', p);
      for (const pn of maps(entry(l, 'pools')?.value)) {
        const proto = str(pn, 'protocol');
        const pool: M.Pool = {
          kind: 'pool', name: str(pn, 'name') ?? '', $: this.origin(pn), lb,
          protocol: proto && POOL_PROTOCOLS.has(proto) ? (proto as M.PoolProtocol) : undefined,
          lb_algorithm: str(pn, 'lb_algorithm'), members: [],
        };
        const sp = entry(pn, 'session_persistence');
        if (sp) {
          const spm = asMap(sp.value);
          if (spm) pool.session_persistence = { $: this.origin(spm), type: str(spm, 'type'), cookie_name: str(spm, 'cookie_name'), persistence_timeout: num(spm, 'persistence_timeout') };
        }
        const hm = entry(pn, 'healthmonitor');
        if (hm) {
          const hmm = asMap(hm.value);
          if (hmm) {
            pool.healthmonitor = {
              $: this.origin(hmm), type: str(hmm, 'type'), delay: num(hmm, 'delay'), timeout: num(hmm, 'timeout'),
              max_retries: num(hmm, 'max_retries'), max_retries_down: num(hmm, 'max_retries_down'),
              monitor_port: num(hmm, 'monitor_port'), url_path: str(hmm, 'url_path'), domain_name: str(hmm, 'domain_name'),
              expected_codes: str(hmm, 'expected_codes'), http_method: str(hmm, 'http_method'), admin_state_up: bool(hmm, 'admin_state_up'),
            };
          } else if (hm.value === null || (hm.value.kind === 'scalar' && hm.value.value === null)) pool.healthmonitor = null;
        }
        const ms = entry(pn, 'members');
        if (ms && (asSeq(ms.value) || ms.value === null || (ms.value.kind === 'scalar' && ms.value.value === null))) pool.membersGiven = true;
        const cd = asMap(entry(pn, 'connection_drain')?.value);
        if (cd) pool.connection_drain = { $: this.origin(cd), enable: bool(cd, 'enable'), timeout: num(cd, 'timeout') };
        for (const mn of maps(entry(pn, 'members')?.value)) {
          const member: M.Member = {
            kind: 'member', name: str(mn, 'server') ?? str(mn, 'address') ?? '', $: this.origin(mn), pool,
            server: this.ref(mn, 'server', serverScope), address: str(mn, 'address'), subnet: this.ref(mn, 'subnet', subnetScope),
            protocol_port: num(mn, 'protocol_port'), weight: num(mn, 'weight'),
          };
          pool.members.push(member);
          model.members.push(member);
        }
        poolScope.define(pool);
        lb.pools.push(pool);
        model.pools.push(pool);
      }

      const listenerScope = new Scope<M.Listener>('listener', p);
      for (const ln of maps(entry(l, 'listeners')?.value)) {
        let proto = str(ln, 'protocol');
        if (proto === 'TERMINATED_HTTPS') proto = 'HTTPS';
        const listener: M.Listener = {
          kind: 'listener', name: str(ln, 'name') ?? '', $: this.origin(ln), lb,
          protocol: proto && LISTENER_PROTOCOLS.has(proto) ? (proto as M.ListenerProtocol) : undefined,
          protocol_port: num(ln, 'protocol_port'),
          default_pool: this.ref(ln, 'default_pool', poolScope),
          default_tls_container: this.ref(ln, 'default_tls_container', certScope),
          client_ca_tls_container: this.ref(ln, 'client_ca_tls_container', certScope),
          sni_containers: this.refList(ln, 'sni_containers', certScope),
          sni_match_algo: str(ln, 'sni_match_algo'), tls_ciphers_policy: str(ln, 'tls_ciphers_policy'),
          keepalive_timeout: num(ln, 'keepalive_timeout'), client_timeout: num(ln, 'client_timeout'), member_timeout: num(ln, 'member_timeout'),
          transparent_client_ip_enable: bool(ln, 'transparent_client_ip_enable'), enable_member_retry: bool(ln, 'enable_member_retry'),
          nat64_enable: bool(ln, 'nat64_enable'), http2_enable: bool(ln, 'http2_enable'),
          fronted_by: strList(ln, 'fronted_by'),
          port_ranges: asSeq(entry(ln, 'port_ranges')?.value)
            ? maps(entry(ln, 'port_ranges')?.value).map((r) => ({ $: this.origin(r), start_port: num(r, 'start_port'), end_port: num(r, 'end_port') }))
            : undefined,
          l7policies: [],
        };
        const ih = asMap(entry(ln, 'insert_headers')?.value);
        if (ih) {
          const h: Record<string, unknown> = {};
          for (const e of ih.entries) h[e.key] = e.value?.kind === 'scalar' ? e.value.value : undefined;
          listener.insert_headers = h;
        }
        const ig = asMap(entry(ln, 'ipgroup')?.value);
        if (ig) listener.ipgroup = { $: this.origin(ig), ip_group: this.ref(ig, 'ip_group', ipgScope), type: str(ig, 'type'), enable_ipgroup: bool(ig, 'enable_ipgroup') };
        const ex = asMap(entry(ln, 'expected')?.value);
        if (ex) listener.expected = { concurrency: num(ex, 'concurrency'), websocket: bool(ex, 'websocket') };
        for (const pn of maps(entry(ln, 'l7policies')?.value)) {
          const pol: M.L7Policy = {
            kind: 'l7policy', name: str(pn, 'name') ?? '', $: this.origin(pn), listener,
            action: str(pn, 'action'), redirect_pool: this.ref(pn, 'redirect_pool', poolScope),
            rules: maps(entry(pn, 'rules')?.value).map((r) => ({ $: this.origin(r), type: str(r, 'type'), compare_type: str(r, 'compare_type'), value: str(r, 'value') })),
          };
          listener.l7policies.push(pol);
        }
        listenerScope.define(listener);
        lb.listeners.push(listener);
        model.listeners.push(listener);
      }
    }

    for (const resolve of this.pending) resolve();
    return model;
  }
}
