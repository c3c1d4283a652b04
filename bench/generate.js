#!/usr/bin/env node
'use strict';
/**
 * Deterministic generator of realistic elb-lint configurations (`*.elb.yaml`).
 *
 * A file is a sequence of "stacks": one application each, with its VPC and subnets, sometimes a
 * network ACL, 2–3 security groups with many rules, its servers, certificates, IP groups and one
 * (sometimes two) load balancers with listeners, forwarding policies, pools and members. Shapes
 * follow examples/*.elb.yaml and the spec: block style for objects, flow style for short rules,
 * subnets, servers and members (as people write them), comments here and there, and ~1 mistake
 * in 8 stacks (a misspelt key, a dangling reference, a health check timeout above its interval,
 * a missing health check, an out-of-range timeout, a security group without the ELB range) so
 * the rules have something to say. The file is padded to the exact line count with inventory
 * servers (one flow line each).
 *
 *   node bench/generate.js --lines 10000 [--seed 1] [--anchors] > x.elb.yaml
 *   node bench/generate.js --units 1 --seed 7 > one-service.elb.yaml
 *
 * Same options → byte-identical output.
 */
const { prng } = require('./lib/util');

// A real, self-signed certificate for static.example.com valid until 9966 (from the ELB505 fixture).
const PEM = [
  '-----BEGIN CERTIFICATE-----',
  'MIIBsDCCAVagAwIBAgIULvzWoIffEw26NUgIMI6d+3iWmLwwCgYIKoZIzj0EAwIw',
  'HTEbMBkGA1UEAwwSc3RhdGljLmV4YW1wbGUuY29tMCAXDTI2MTEyNTA3MzQzOFoY',
  'Dzk5NjYxMDMxMDczNDM4WjAdMRswGQYDVQQDDBJzdGF0aWMuZXhhbXBsZS5jb20w',
  'WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATrTV7N/TOD1MeGzS1PAkjEOxDKvd69',
  'u84reK85w/z0VQsCrnzJSgowxLYIl6ngd1ddKUiyNVRD4u6t4MiACGNko3IwcDAd',
  'BgNVHQ4EFgQUwyRqkLCFOpv3CUzk9VYNPb2BCj8wHwYDVR0jBBgwFoAUwyRqkLCF',
  'Opv3CUzk9VYNPb2BCj8wDwYDVR0TAQH/BAUwAwEB/zAdBgNVHREEFjAUghJzdGF0',
  'aWMuZXhhbXBsZS5jb20wCgYIKoZIzj0EAwIDSAAwRQIgLyjcuoGxIQBnU7j6dNdd',
  'i2VssRWDxFksFCF4ISX9xRMCIQD/hWKIhn09QOUm5W4xxC6+4fNJFbaFdjsajbX2',
  'lbgAQA==',
  '-----END CERTIFICATE-----',
];

const APPS = ['shop', 'pay', 'auth', 'search', 'media', 'api', 'cart', 'erp', 'crm', 'iot', 'dns', 'logs', 'chat', 'maps', 'mail', 'cms'];
const REGIONS = ['cn-north-4', 'cn-east-3', 'cn-south-1', 'ap-southeast-1'];
const MISTAKES = ['typoKey', 'danglingRef', 'timeoutAboveDelay', 'noHealthCheck', 'keepaliveRange', 'sgMissingElb', 'pathNotAbsolute', 'weightZero'];

class Rand {
  constructor(seed) {
    this.r = prng(seed);
  }
  float() {
    return this.r();
  }
  int(a, b) {
    return a + Math.floor(this.r() * (b - a + 1));
  }
  pick(xs) {
    return xs[Math.floor(this.r() * xs.length)];
  }
  chance(p) {
    return this.r() < p;
  }
}

function flow(obj) {
  return '{' + Object.entries(obj).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${scalar(v)}`).join(', ') + '}';
}

function scalar(v) {
  if (Array.isArray(v)) return '[' + v.map(scalar).join(', ') + ']';
  if (v && typeof v === 'object') return flow(v);
  return String(v);
}

/** A mapping as a block list item at `indent` spaces (`- k: v` then `  k: v`). */
function blockItem(indent, obj) {
  const pad = ' '.repeat(indent);
  const out = [];
  let first = true;
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    out.push(`${pad}${first ? '- ' : '  '}${k}: ${scalar(v)}`);
    first = false;
  }
  return out;
}

/** One application stack: lines for each top-level section. */
function stack(i, rnd, opts) {
  const app = `${APPS[i % APPS.length]}-${i}`;
  const a = 10 + Math.floor(i / 250);
  const b = i % 250;
  const vpcCidr = `${a}.${b}.0.0/16`;
  const net = (k) => `${a}.${b}.${k}`;
  const dedicated = rnd.chance(0.7);
  const kind = rnd.pick(dedicated ? ['web', 'web', 'web', 'tcp', 'udp', 'mixed'] : ['web', 'web', 'tcp']);
  const mistake = rnd.chance(0.125) ? rnd.pick(MISTAKES) : undefined;
  const elbSource = dedicated ? vpcCidr : '100.125.0.0/16';
  const appPort = rnd.pick([8080, 8443, 9000, 3000]);
  const S = { vpcs: [], acls: [], sgs: [], peerings: [], servers: [], certs: [], ipgroups: [], lbs: [] };

  // --- VPC and subnets
  const front = `${app}-front`;
  const back = `${app}-back`;
  const ops = `${app}-ops`;
  const withAcl = rnd.chance(0.4);
  S.vpcs.push(`  # ${app}: ${dedicated ? 'dedicated' : 'shared'} ${kind} stack`);
  S.vpcs.push(`  - name: vpc-${app}`, `    cidr: ${vpcCidr}`, '    subnets:');
  S.vpcs.push(`      - ${flow({ name: front, cidr: `${net(0)}.0/24` })}`);
  if (withAcl && rnd.chance(0.5)) {
    S.vpcs.push(...blockItem(6, { name: back, cidr: `${net(1)}.0/24`, network_acl: `acl-${app}` }));
  } else {
    S.vpcs.push(`      - ${flow({ name: back, cidr: `${net(1)}.0/24`, network_acl: withAcl ? `acl-${app}` : undefined })}`);
  }
  S.vpcs.push(`      - ${flow({ name: ops, cidr: `${net(2)}.0/24` })}`);
  if (rnd.chance(0.3)) S.vpcs.push(`      - ${flow({ name: `${app}-data`, cidr: `${net(3)}.0/24` })}`);
  if (opts.peerings && rnd.chance(0.2)) S.peerings.push(`  - ${flow({ name: `peer-${app}`, vpc: `vpc-${app}`, peer_vpc: 'vpc-core' })}`);

  // --- Network ACL (allows the ELB range and the VPC, denies the rest)
  if (withAcl) {
    S.acls.push(`  - name: acl-${app}`, '    inbound_rules:');
    S.acls.push(`      - ${flow({ action: 'allow', protocol: kind === 'udp' ? 'udp' : 'tcp', source_ip_address: elbSource, destination_port: `"${kind === 'udp' ? 53 : appPort}"` })}`);
    if (kind === 'udp') S.acls.push(`      - ${flow({ action: 'allow', protocol: 'icmp', source_ip_address: elbSource })}`);
    if (kind === 'mixed') S.acls.push(`      - ${flow({ action: 'allow', protocol: 'tcp', source_ip_address: elbSource, destination_port: '"6379"' })}`);
    S.acls.push(`      - ${flow({ action: 'allow', protocol: 'tcp', source_ip_address: `${net(2)}.0/24`, destination_port: '"22"' })}`);
    for (let k = rnd.int(0, 4); k > 0; k--) S.acls.push(`      - ${flow({ action: 'allow', protocol: 'tcp', source_ip_address: `${net(rnd.int(0, 3))}.0/24`, destination_port: `"${rnd.int(1, 60)}00-${rnd.int(61, 99)}00"` })}`);
    S.acls.push(`      - ${flow({ action: 'deny', protocol: 'any', source_ip_address: '0.0.0.0/0' })}`);
    S.acls.push(`    outbound_rules: [${flow({ action: 'allow', protocol: 'any', destination_ip_address: '0.0.0.0/0' })}]`);
  }

  // --- Security groups
  const sgWeb = `sg-${app}-web`;
  const sgOps = `sg-${app}-ops`;
  const sgDb = `sg-${app}-db`;
  const withDb = rnd.chance(0.4);
  const webRules = [];
  const port = kind === 'udp' ? 53 : appPort;
  if (mistake !== 'sgMissingElb') {
    webRules.push({ direction: 'ingress', ethertype: 'IPv4', protocol: kind === 'udp' ? 'udp' : 'tcp', port_range_min: port, port_range_max: port, remote_ip_prefix: elbSource, action: 'allow', priority: 1 });
    if (kind === 'udp') webRules.push({ direction: 'ingress', protocol: 'icmp', remote_ip_prefix: elbSource });
    if (kind === 'mixed') webRules.push({ direction: 'ingress', protocol: 'tcp', port_range_min: 6379, port_range_max: 6379, remote_ip_prefix: elbSource });
    if (!dedicated && rnd.chance(0.7)) webRules.push({ direction: 'ingress', protocol: 'tcp', port_range_min: port, port_range_max: port, remote_ip_prefix: '214.0.0.0/8' });
  }
  webRules.push({ direction: 'ingress', protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_group: sgOps });
  for (let k = rnd.int(3, 18); k > 0; k--) {
    const r = rnd.float();
    if (r < 0.35) webRules.push({ direction: 'ingress', protocol: 'tcp', port_range_min: 443, port_range_max: 443, remote_ip_prefix: `203.0.${rnd.int(0, 255)}.${rnd.int(1, 254)}/32` });
    else if (r < 0.55) webRules.push({ direction: 'ingress', protocol: 'tcp', multiport: `"80,443,${rnd.int(7000, 7999)}-${rnd.int(8000, 8999)}"`, remote_ip_prefix: `${net(rnd.int(0, 3))}.0/24` });
    else if (r < 0.7) webRules.push({ direction: 'ingress', protocol: 'tcp', port_range_min: 9100, port_range_max: 9100, remote_group: sgOps, description: '"node exporter"' });
    else if (r < 0.8) webRules.push({ direction: 'ingress', protocol: 'tcp', port_range_min: 3389, port_range_max: 3389, remote_ip_prefix: '0.0.0.0/0', action: 'deny', priority: 2 });
    else if (r < 0.9) webRules.push({ direction: 'egress', ethertype: 'IPv4', protocol: 'any', remote_ip_prefix: '0.0.0.0/0' });
    else webRules.push({ direction: 'ingress', ethertype: 'IPv6', protocol: 'tcp', port_range_min: 443, port_range_max: 443, remote_ip_prefix: '::/0' });
  }
  const sgBlock = (name, rules, description) => {
    S.sgs.push(`  - name: ${name}`);
    if (description) S.sgs.push(`    description: ${description}`);
    S.sgs.push('    rules:');
    for (const r of rules) {
      if (rnd.chance(0.25)) S.sgs.push(...blockItem(6, r));
      else S.sgs.push(`      - ${flow(r)}`);
      if (rnd.chance(0.05)) S.sgs[S.sgs.length - 1] += '   # ticket OPS-' + rnd.int(100, 9999);
    }
  };
  sgBlock(sgWeb, webRules, `"${app} application servers"`);
  const opsRules = [{ direction: 'ingress', protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_ip_prefix: `198.51.100.${rnd.int(1, 254)}/32` }];
  for (let k = rnd.int(1, 6); k > 0; k--) opsRules.push({ direction: 'ingress', protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_ip_prefix: `198.51.${rnd.int(0, 255)}.${rnd.int(1, 254)}/32` });
  opsRules.push({ direction: 'egress', protocol: 'any', remote_ip_prefix: '0.0.0.0/0' });
  sgBlock(sgOps, opsRules);
  if (withDb) sgBlock(sgDb, [{ direction: 'ingress', protocol: 'tcp', port_range_min: 3306, port_range_max: 3306, remote_group: sgWeb }, { direction: 'egress', protocol: 'any', remote_ip_prefix: '0.0.0.0/0' }]);

  // --- Servers
  const webServers = [];
  const nWeb = rnd.int(2, 8);
  for (let k = 1; k <= nWeb; k++) {
    const s = { name: `${app}-web-${k}`, subnet: back, address: `${net(1)}.${10 + k}`, security_groups: [sgWeb] };
    webServers.push(s.name);
    if (rnd.chance(0.2)) S.servers.push(...blockItem(2, { ...s, kind: 'ecs' }));
    else S.servers.push(`  - ${flow(s)}`);
  }
  const apiServers = [];
  if (kind === 'web' || kind === 'mixed') {
    for (let k = 1, n = rnd.int(1, 4); k <= n; k++) {
      const s = { name: `${app}-api-${k}`, subnet: back, address: `${net(1)}.${100 + k}`, security_groups: [sgWeb] };
      apiServers.push(s.name);
      S.servers.push(`  - ${flow(s)}`);
    }
  }
  S.servers.push(`  - ${flow({ name: `${app}-bastion`, subnet: ops, address: `${net(2)}.5`, security_groups: [sgOps], public_ip: true })}`);
  if (withDb) S.servers.push(`  - ${flow({ name: `${app}-db-1`, kind: 'database', subnet: `${app}-back`, address: `${net(1)}.200`, security_groups: [sgDb] })}`);

  // --- Certificates and IP groups
  const https = dedicated && (kind === 'web' || kind === 'mixed');
  const cert = `cert-${app}`;
  if (https) {
    if (rnd.chance(0.15)) {
      S.certs.push(`  - name: ${cert}`, '    type: server', '    domain: static.example.com', '    certificate: |');
      for (const l of PEM) S.certs.push('      ' + l);
    } else S.certs.push(`  - ${flow({ name: cert, type: 'server', domain: `www.${app}.example.com` })}`);
  }
  const ipGroup = https && rnd.chance(0.3) ? `office-${app}` : undefined;
  if (ipGroup) S.ipgroups.push(`  - ${flow({ name: ipGroup, ip_list: Array.from({ length: rnd.int(1, 5) }, () => `203.0.${rnd.int(0, 255)}.0/24`) })}`);

  // --- Load balancer
  const L = S.lbs;
  const lb = `lb-${app}`;
  L.push(`  - name: ${lb}`, `    description: "${app} entry point"`, `    type: ${dedicated ? 'dedicated' : 'shared'}`, `    vpc: vpc-${app}`, `    vip_subnet: ${front}`);
  if (dedicated) {
    L.push(`    backend_subnets: [${back}]`, `    availability_zones: [${opts.region}a, ${opts.region}b]`);
    if (kind !== 'web') L.push('    l4_flavor: L4_flavor.elb.s1.small');
    if (kind === 'web' || kind === 'mixed') L.push('    l7_flavor: L7_flavor.elb.s1.small');
  }
  L.push(`    eips: [${flow({ address: `198.${18 + (i >> 8) % 2}.${i & 255}.10`, bandwidth: rnd.pick([50, 100, 200]) })}]`);
  if (dedicated && kind !== 'tcp' && kind !== 'udp' && rnd.chance(0.5)) L.push(`    access_log: ${flow({ log_group: 'elb-logs', log_topic: app, retention_days: 7 })}`);
  L.push('    listeners:');
  const hm = (type, extra = {}) => {
    let h = { type, delay: 5, timeout: 3, max_retries: 3, ...extra };
    if (mistake === 'timeoutAboveDelay') h = { ...h, timeout: 10 };
    if (mistake === 'pathNotAbsolute' && h.url_path) h = { ...h, url_path: 'health' };
    return h;
  };
  const pools = [];
  const members = (names, p) =>
    names.map((n, idx) => {
      let server = n;
      if (mistake === 'danglingRef' && idx === 0) server = n.replace(/-(\d+)$/, '-l$1');
      return { server, protocol_port: p, weight: mistake === 'weightZero' && idx === 0 ? 0 : undefined };
    });
  if (kind === 'web' || kind === 'mixed') {
    if (https) {
      L.push('      - name: ' + `${app}-https-443`, '        protocol: HTTPS', mistake === 'typoKey' ? '        protocl_port: 443' : '        protocol_port: 443', `        default_pool: ${app}-web`, `        default_tls_container: ${cert}`, '        tls_ciphers_policy: tls-1-2');
      L.push(`        keepalive_timeout: ${mistake === 'keepaliveRange' ? 5000 : 60}`, '        client_timeout: 60', '        member_timeout: 60', '        insert_headers: {X-Forwarded-ELB-IP: true}');
      if (ipGroup) L.push(`        ipgroup: ${flow({ ip_group: ipGroup, type: 'white', enable_ipgroup: true })}`);
      if (apiServers.length) {
        L.push('        l7policies:', '          - name: api', '            action: REDIRECT_TO_POOL', `            redirect_pool: ${app}-api`, '            rules: [{type: PATH, compare_type: STARTS_WITH, value: /api}]');
      }
      L.push(`      - ${flow({ name: `${app}-http-80`, protocol: 'HTTP', protocol_port: 80, default_pool: `${app}-web` })}`);
    } else {
      L.push(`      - ${flow({ name: `${app}-http-80`, protocol: 'HTTP', protocol_port: 80, default_pool: `${app}-web` })}`);
      if (apiServers.length) L.push(`      - ${flow({ name: `${app}-http-8080`, protocol: 'HTTP', protocol_port: 8080, default_pool: `${app}-api` })}`);
    }
    pools.push({ name: `${app}-web`, protocol: 'HTTP', lb_algorithm: rnd.pick(['ROUND_ROBIN', 'LEAST_CONNECTIONS']), hm: hm('HTTP', { url_path: '/health', expected_codes: '"200"' }), members: members(webServers, appPort) });
    if (apiServers.length) pools.push({ name: `${app}-api`, protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN', hm: hm('HTTP', { url_path: '/api/health' }), members: members(apiServers, appPort) });
  }
  if (kind === 'tcp' || kind === 'mixed') {
    const p = kind === 'mixed' ? 6379 : appPort;
    L.push('      - name: ' + `${app}-tcp-${p}`, '        protocol: TCP', `        protocol_port: ${p}`, `        default_pool: ${app}-tcp`);
    pools.push({ name: `${app}-tcp`, protocol: 'TCP', lb_algorithm: 'SOURCE_IP', hm: hm('TCP'), members: members(webServers, p) });
  }
  if (kind === 'udp') {
    L.push('      - name: ' + `${app}-dns-53`, '        protocol: UDP', '        protocol_port: 53', '        keepalive_timeout: 10', `        default_pool: ${app}-dns`);
    pools.push({ name: `${app}-dns`, protocol: 'UDP', lb_algorithm: 'SOURCE_IP', hm: hm('UDP_CONNECT'), members: members(webServers, 53) });
  }
  L.push('    pools:');
  pools.forEach((p, idx) => {
    L.push(`      - name: ${p.name}`, `        protocol: ${p.protocol}`, `        lb_algorithm: ${p.lb_algorithm}`);
    if (!(mistake === 'noHealthCheck' && idx === 0)) {
      if (rnd.chance(0.5)) L.push(`        healthmonitor: ${flow(p.hm)}`);
      else {
        L.push('        healthmonitor:');
        for (const [k, v] of Object.entries(p.hm)) L.push(`          ${k}: ${v}`);
      }
    }
    if (p.protocol === 'HTTP' && rnd.chance(0.2)) L.push(`        session_persistence: ${flow({ type: 'HTTP_COOKIE', persistence_timeout: 20 })}`);
    L.push('        members:');
    for (const m of p.members) L.push(`          - ${flow(m)}`);
  });
  return S;
}

/**
 * Generate a configuration of exactly `lines` lines, or (with `units`) of exactly that many
 * application stacks and no padding (one service per file, as a repository holds them).
 */
function generate({ lines = 1000, seed = 1, units: wantUnits } = {}) {
  const rnd = new Rand(seed * 7919 + (wantUnits ? 104729 * wantUnits : lines));
  const region = rnd.pick(REGIONS);
  const opts = { region, peerings: !wantUnits };
  const header = ['# Generated by bench/generate.js — realistic, not real.', 'version: 1', `region: ${region}`];
  const sections = [
    ['vpcs', 'vpcs', wantUnits ? [] : [`  - name: vpc-core`, '    cidr: 172.16.0.0/16', '    subnets:', '      - {name: core-shared, cidr: 172.16.0.0/24}']],
    ['network_acls', 'acls', []],
    ['security_groups', 'sgs', []],
    ['vpc_peerings', 'peerings', []],
    ['servers', 'servers', []],
    ['certificates', 'certs', []],
    ['ip_groups', 'ipgroups', []],
    ['loadbalancers', 'lbs', []],
  ];
  const count = () => header.length + sections.reduce((n, [, , ls]) => n + (ls.length ? ls.length + 2 : 0), 0) + (sections[4][2].length ? 0 : 2);
  let units = 0;
  for (let i = wantUnits ? (seed * 13) % 997 : 0; ; i++) {
    const s = stack(i, rnd, opts);
    if (wantUnits) {
      for (const sec of sections) sec[2].push(...s[sec[1]]);
      if (++units >= wantUnits) break;
      continue;
    }
    const add = Object.values(s).reduce((n, ls) => n + ls.length, 0);
    const before = count();
    const newSections = sections.filter(([, k, ls]) => !ls.length && s[k].length).length * 2;
    if (before + add + newSections > lines && units > 0) break;
    if (before + add + newSections > lines) break;
    for (const sec of sections) sec[2].push(...s[sec[1]]);
    units++;
  }
  // Pad with inventory servers (one line each) to the exact count.
  const servers = sections[4][2];
  let spare = 0;
  if (!servers.length && !wantUnits) servers.push('  # inventory');
  while (!wantUnits && count() < lines) {
    spare++;
    servers.push(`  - ${flow({ name: `spare-${spare}`, subnet: 'core-shared', address: `172.16.${(spare >> 8) & 255}.${spare & 255}` })}`);
  }
  const out = [...header];
  for (const [key, , ls] of sections) {
    if (!ls.length) continue;
    out.push('', `${key}:`, ...ls);
  }
  const text = out.join('\n') + '\n';
  return { text, lines: text.split('\n').length - 1, units, spare };
}

/**
 * The same configuration written with anchors and aliases the way people DRY up YAML: one
 * anchored health monitor, member list and security-group list reused everywhere (`*hm`,
 * `<<: *base`), plus a nested alias fan-out (9 levels × 3) that expands past the engine's
 * alias budget (YAML_LIMITS.aliasExpansion) — a "billion laughs" in miniature.
 */
function generateAnchors({ lines = 5000, seed = 1 } = {}) {
  const base = generate({ lines, seed }).text;
  const out = [];
  let hmAnchored = false;
  const sgAnchors = new Set();
  let n = 0;
  for (const line of base.split('\n')) {
    let l = line;
    // Every flow health monitor after the first becomes an alias of the first.
    const hm = /^(\s+)healthmonitor: \{type: HTTP, delay: 5, timeout: 3, max_retries: 3, url_path: \/health, expected_codes: "200"\}$/.exec(l);
    if (hm) {
      l = hmAnchored ? `${hm[1]}healthmonitor: *hm-http` : `${hm[1]}healthmonitor: &hm-http {type: HTTP, delay: 5, timeout: 3, max_retries: 3, url_path: /health, expected_codes: "200"}`;
      hmAnchored = true;
    }
    // Servers: every server's security group list anchored once per stack, aliased after.
    const sv = /^  - \{name: ([a-z]+-\d+)-(web|api)-(\d+), subnet: ([^,]+), address: ([^,]+), security_groups: \[(sg-[^\]]+)\]\}$/.exec(l);
    if (sv) {
      const anchor = `sgs-${sv[1]}`;
      if (!sgAnchors.has(anchor)) {
        l = `  - {name: ${sv[1]}-${sv[2]}-${sv[3]}, subnet: ${sv[4]}, address: ${sv[5]}, security_groups: &${anchor} [${sv[6]}]}`;
        sgAnchors.add(anchor);
      } else l = `  - {name: ${sv[1]}-${sv[2]}-${sv[3]}, subnet: ${sv[4]}, address: ${sv[5]}, security_groups: *${anchor}}`;
    }
    // Listeners: a merge key of shared timeouts.
    if (/^        client_timeout: 60$/.test(l)) {
      n++;
      l = n === 1 ? '        <<: &timeouts {client_timeout: 60, member_timeout: 60}' : '        <<: *timeouts';
    } else if (/^        member_timeout: 60$/.test(l)) continue;
    out.push(l);
  }
  // The fan-out: each level is a list of three aliases of the previous one (3^9 leaves).
  const bomb = ['  # alias fan-out (expands past the engine alias budget)', '  - name: laughs', '    ip_list: &l0 [198.51.100.1/32, 198.51.100.2/32, 198.51.100.3/32]', '  - name: lol', '    ip_list:'];
  for (let k = 1; k <= 9; k++) bomb.push(`      - &l${k} [*l${k - 1}, *l${k - 1}, *l${k - 1}]`);
  let text = out.join('\n').replace(/\n*$/, '\n');
  if (/^ip_groups:$/m.test(text)) text = text.replace(/^ip_groups:\n/m, () => 'ip_groups:\n' + bomb.join('\n') + '\n');
  else text += '\nip_groups:\n' + bomb.join('\n') + '\n';
  return { text, lines: text.split('\n').length - 1, aliases: (text.match(/\*[a-z][\w-]*/g) || []).length, anchors: (text.match(/&[a-z][\w-]*/g) || []).length };
}

/**
 * A Terraform module of `resources` huaweicloud resources (for the CLI benchmark of part 3): per
 * application stack a VPC, a subnet, a security group with 3 rules, 2 ECS instances, a dedicated
 * load balancer with an HTTP listener, a pool, a health monitor and 2 members — 14 resources,
 * wired by references as real modules are (`huaweicloud_vpc_subnet.web_3.ipv4_subnet_id`), split
 * over network.tf, compute.tf and elb.tf plus variables.tf. Same options → identical files.
 * Returns { files: { name: text }, resources, lines }.
 */
function generateTerraform({ resources = 1000, seed = 1 } = {}) {
  const rnd = new Rand(seed * 31337 + resources);
  const net = [];
  const compute = [];
  const elb = [];
  let count = 0;
  for (let i = 0; count < resources; i++) {
    const n = `app_${i}`;
    const b = i % 250;
    const port = rnd.pick([8080, 8443, 9000, 3000]);
    const add = (list, text) => {
      if (count >= resources) return;
      list.push(text, '');
      count++;
    };
    add(net, `resource "huaweicloud_vpc" "${n}" {\n  name = "vpc-${n}"\n  cidr = "10.${b}.0.0/16"\n}`);
    add(net, `resource "huaweicloud_vpc_subnet" "${n}" {\n  name       = "subnet-${n}"\n  vpc_id     = huaweicloud_vpc.${n}.id\n  cidr       = "10.${b}.1.0/24"\n  gateway_ip = "10.${b}.1.1"\n}`);
    add(net, `resource "huaweicloud_networking_secgroup" "${n}" {\n  name                 = "sg-${n}"\n  delete_default_rules = true\n}`);
    add(net, `resource "huaweicloud_networking_secgroup_rule" "${n}_app" {\n  security_group_id = huaweicloud_networking_secgroup.${n}.id\n  direction         = "ingress"\n  ethertype         = "IPv4"\n  protocol          = "tcp"\n  port_range_min    = ${port}\n  port_range_max    = ${port}\n  remote_ip_prefix  = "10.${b}.0.0/16"\n}`);
    add(net, `resource "huaweicloud_networking_secgroup_rule" "${n}_elb" {\n  security_group_id = huaweicloud_networking_secgroup.${n}.id\n  direction         = "ingress"\n  ethertype         = "IPv4"\n  protocol          = "tcp"\n  port_range_min    = ${port}\n  port_range_max    = ${port}\n  remote_ip_prefix  = "${rnd.chance(0.85) ? '100.125.0.0/16' : '192.168.0.0/16'}"\n}`);
    add(net, `resource "huaweicloud_networking_secgroup_rule" "${n}_ssh" {\n  security_group_id = huaweicloud_networking_secgroup.${n}.id\n  direction         = "ingress"\n  ethertype         = "IPv4"\n  protocol          = "tcp"\n  port_range_min    = 22\n  port_range_max    = 22\n  remote_ip_prefix  = var.admin_cidr\n}`);
    for (const k of [1, 2]) {
      add(compute, `resource "huaweicloud_compute_instance" "${n}_${k}" {\n  name               = "${n}-${k}"\n  image_id           = var.image_id\n  flavor_id          = "s6.medium.2"\n  security_group_ids = [huaweicloud_networking_secgroup.${n}.id]\n  availability_zone  = var.az\n\n  network {\n    uuid        = huaweicloud_vpc_subnet.${n}.id\n    fixed_ip_v4 = "10.${b}.1.${10 + k}"\n  }\n}`);
    }
    add(elb, `resource "huaweicloud_elb_loadbalancer" "${n}" {\n  name              = "elb-${n}"\n  vpc_id            = huaweicloud_vpc.${n}.id\n  ipv4_subnet_id    = huaweicloud_vpc_subnet.${n}.ipv4_subnet_id\n  backend_subnets   = [huaweicloud_vpc_subnet.${n}.id]\n  availability_zone = [var.az]\n}`);
    add(elb, `resource "huaweicloud_elb_listener" "${n}" {\n  name            = "http-${n}"\n  protocol        = "HTTP"\n  protocol_port   = 80\n  loadbalancer_id = huaweicloud_elb_loadbalancer.${n}.id\n  idle_timeout    = 60\n  request_timeout = ${rnd.chance(0.9) ? 60 : 400}\n}`);
    add(elb, `resource "huaweicloud_elb_pool" "${n}" {\n  name        = "pool-${n}"\n  protocol    = "HTTP"\n  lb_method   = "ROUND_ROBIN"\n  listener_id = huaweicloud_elb_listener.${n}.id\n}`);
    add(elb, `resource "huaweicloud_elb_monitor" "${n}" {\n  pool_id     = huaweicloud_elb_pool.${n}.id\n  protocol    = "HTTP"\n  interval    = ${rnd.pick([5, 10, 20])}\n  timeout     = ${rnd.pick([3, 5, 25])}\n  max_retries = 3\n  url_path    = "/healthz"\n  port        = ${port}\n}`);
    for (const k of [1, 2]) {
      add(elb, `resource "huaweicloud_elb_member" "${n}_${k}" {\n  pool_id       = huaweicloud_elb_pool.${n}.id\n  subnet_id     = huaweicloud_vpc_subnet.${n}.ipv4_subnet_id\n  address       = huaweicloud_compute_instance.${n}_${k}.access_ip_v4\n  protocol_port = ${port}\n  weight        = 1\n}`);
    }
  }
  const files = {
    'variables.tf': 'variable "az" {\n  type    = string\n  default = "cn-north-4a"\n}\n\nvariable "image_id" {\n  type = string\n}\n\nvariable "admin_cidr" {\n  type    = string\n  default = "10.255.0.0/24"\n}\n',
    'network.tf': net.join('\n'),
    'compute.tf': compute.join('\n'),
    'elb.tf': elb.join('\n'),
  };
  const lines = Object.values(files).reduce((n, t) => n + t.split('\n').length - 1, 0);
  return { files, resources: count, lines };
}

module.exports = { generate, generateAnchors, generateTerraform };

if (require.main === module) {
  const { arg } = require('./lib/util');
  const lines = Number(arg('lines', 1000));
  const seed = Number(arg('seed', 1));
  const units = arg('units', undefined);
  const r = arg('anchors', false) ? generateAnchors({ lines, seed }) : generate({ lines, seed, units: units ? Number(units) : undefined });
  process.stdout.write(r.text);
}
