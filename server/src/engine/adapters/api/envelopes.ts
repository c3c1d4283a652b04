import { createScanner, SyntaxKind } from 'jsonc-parser';

/** The kinds of API objects the reader maps into the model. */
export type ApiKind =
  | 'loadbalancer' | 'listener' | 'pool' | 'member' | 'healthmonitor' | 'l7policy' | 'l7rule' | 'certificate' | 'ipgroup'
  | 'security_group' | 'security_group_rule' | 'subnet' | 'vpc' | 'port' | 'server' | 'firewall' | 'peering';

/**
 * Top-level keys of the response bodies the reader understands, and the kind of object each holds:
 * a plural key holds a list (`GET /v3/{project_id}/elb/listeners`), a singular key one object
 * (`GET .../listeners/{id}`). ELB v3 (`/v3/{p}/elb/...`), VPC v1/v3 (`/v1/{p}/subnets`, `/v1/{p}/vpcs`,
 * `/v1/{p}/security-groups`, `/v3/{p}/vpc/security-group-rules`, `/v1/{p}/ports`, `/v3/{p}/vpc/firewalls`) and ECS
 * (`/v1/{p}/cloudservers/detail`).
 */
export const ENVELOPES: Readonly<Record<string, { kind: ApiKind; list: boolean }>> = {
  loadbalancers: { kind: 'loadbalancer', list: true },
  loadbalancer: { kind: 'loadbalancer', list: false },
  listeners: { kind: 'listener', list: true },
  listener: { kind: 'listener', list: false },
  pools: { kind: 'pool', list: true },
  pool: { kind: 'pool', list: false },
  members: { kind: 'member', list: true },
  member: { kind: 'member', list: false },
  healthmonitors: { kind: 'healthmonitor', list: true },
  healthmonitor: { kind: 'healthmonitor', list: false },
  l7policies: { kind: 'l7policy', list: true },
  l7policy: { kind: 'l7policy', list: false },
  rules: { kind: 'l7rule', list: true },
  rule: { kind: 'l7rule', list: false },
  certificates: { kind: 'certificate', list: true },
  certificate: { kind: 'certificate', list: false },
  ipgroups: { kind: 'ipgroup', list: true },
  ipgroup: { kind: 'ipgroup', list: false },
  security_groups: { kind: 'security_group', list: true },
  security_group: { kind: 'security_group', list: false },
  security_group_rules: { kind: 'security_group_rule', list: true },
  security_group_rule: { kind: 'security_group_rule', list: false },
  subnets: { kind: 'subnet', list: true },
  subnet: { kind: 'subnet', list: false },
  vpcs: { kind: 'vpc', list: true },
  vpc: { kind: 'vpc', list: false },
  ports: { kind: 'port', list: true },
  port: { kind: 'port', list: false },
  peerings: { kind: 'peering', list: true },
  peering: { kind: 'peering', list: false },
  firewalls: { kind: 'firewall', list: true },
  firewall: { kind: 'firewall', list: false },
  servers: { kind: 'server', list: true },
  server: { kind: 'server', list: false },
};

/**
 * Keys whose name alone says little (`rules`, `servers`, `port`, ...): a file is taken for an API
 * body on them only when a field typical of that object shows up near the start.
 */
const WEAK: Readonly<Record<string, RegExp>> = {
  rules: /"compare_type"\s*:/,
  rule: /"compare_type"\s*:/,
  peering: /"(request|accept)_vpc_info"\s*:/,
  firewalls: /"(associations|ingress_rules|egress_rules)"\s*:/,
  firewall: /"(associations|ingress_rules|egress_rules)"\s*:/,
  servers: /"OS-EXT-|"addresses"\s*:/,
  server: /"OS-EXT-|"addresses"\s*:/,
  ports: /"fixed_ips"\s*:/,
  port: /"fixed_ips"\s*:/,
  vpcs: /"cidr"\s*:/,
  vpc: /"cidr"\s*:/,
  subnets: /"neutron_(sub)?net(work)?_id"\s*:|"gateway_ip"\s*:/,
  subnet: /"neutron_(sub)?net(work)?_id"\s*:|"gateway_ip"\s*:/,
  certificates: /"(private_key|certificate|domain|expire_time)"\s*:/,
  certificate: /"(private_key|certificate|domain|expire_time)"\s*:/,
  members: /"(protocol_port|address|subnet_cidr_id)"\s*:/,
  member: /"(protocol_port|address|subnet_cidr_id)"\s*:/,
  pools: /"lb_algorithm"\s*:/,
  pool: /"lb_algorithm"\s*:/,
  listeners: /"protocol_port"\s*:/,
  listener: /"protocol_port"\s*:/,
};

/** Response members that may precede the envelope key (small values, skipped while sniffing). */
const PREAMBLE = new Set(['request_id', 'page_info', 'count', 'instances_num', 'total_count']);

const SNIFF_WINDOW = 4096;

/**
 * Whether a JSON text is an ELB / VPC / ECS API response body: its top level is an object whose
 * first member (after `request_id`, `page_info`, `count`) is one of the envelope keys, holding an
 * array (plural key) or an object (singular key). Reads only the start of the text.
 */
export function sniffEnvelope(text: string): string | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const head = text.slice(start, start + SNIFF_WINDOW * 4);
  const s = createScanner(head, true);
  const next = (): SyntaxKind => {
    let k = s.scan();
    while (k === SyntaxKind.LineCommentTrivia || k === SyntaxKind.BlockCommentTrivia) k = s.scan();
    return k;
  };
  if (next() !== SyntaxKind.OpenBraceToken) return undefined;
  for (let members = 0; members < 6; members++) {
    if (next() !== SyntaxKind.StringLiteral) return undefined;
    const key = s.getTokenValue();
    if (next() !== SyntaxKind.ColonToken) return undefined;
    const env = ENVELOPES[key];
    if (env) {
      const open = next();
      if (open !== (env.list ? SyntaxKind.OpenBracketToken : SyntaxKind.OpenBraceToken)) return undefined;
      const weak = WEAK[key];
      if (weak && !weak.test(head.slice(s.getTokenOffset(), s.getTokenOffset() + SNIFF_WINDOW))) {
        // An empty list says nothing either way; accept it only for the unambiguous keys.
        return undefined;
      }
      return key;
    }
    if (!PREAMBLE.has(key)) return undefined;
    // Skip the value (bounded: preamble values are small).
    let depth = 0;
    let tokens = 0;
    do {
      const k = next();
      if (k === SyntaxKind.EOF || ++tokens > 200) return undefined;
      if (k === SyntaxKind.OpenBraceToken || k === SyntaxKind.OpenBracketToken) depth++;
      else if (k === SyntaxKind.CloseBraceToken || k === SyntaxKind.CloseBracketToken) depth--;
    } while (depth > 0);
    if (next() !== SyntaxKind.CommaToken) return undefined;
  }
  return undefined;
}

/** Whether a path may hold an API body: `*.json`, but not our own `*.elb.json` nor Terraform's `*.tf.json`. */
export function apiJsonPath(path: string): boolean {
  const p = path.toLowerCase();
  return p.endsWith('.json') && !p.endsWith('.elb.json') && !p.endsWith('.tf.json') && !p.endsWith('.tfstate.json');
}
