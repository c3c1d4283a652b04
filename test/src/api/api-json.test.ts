import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { apiJsonReader } from '../../../server/out/engine/adapters/api/reader';
import { sniffEnvelope } from '../../../server/out/engine/adapters/api/envelopes';
import { applyEdits } from '../../../server/out/engine/fix/apply';
import { fixGroup } from '../../../server/out/engine/fix/fix-group';
import { formatOf } from '../../../server/out/engine/formats/registry';
import type { InputFile } from '../../../server/out/engine/formats/types';
import { lintGroup, lintText, type GroupLintOptions, type LintResult } from '../../../server/out/engine/lint';
import type { Finding } from '../../../server/out/engine/types';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const FIX = path.join(ROOT, 'test', 'fixtures', 'api');

function loadDir(dir: string): InputFile[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => ({ path: path.join(dir, f), text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

/** `file:line text ruleId` of every finding, for readable assertions. */
function describe(rs: LintResult[]): string[] {
  const out: string[] = [];
  for (const r of rs) {
    for (const f of r.findings) {
      const p = r.source.positionAt(f.span.start);
      out.push(`${path.basename(r.path).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, '<id>')}:${p.line + 1} ${r.source.slice(f.span)} ${f.ruleId}`);
    }
  }
  return out.sort();
}

function ids(rs: LintResult[]): string[] {
  return rs.flatMap((r) => r.findings.map((f) => f.ruleId)).sort();
}

const EXPECTED_DEDICATED = [
  'healthmonitors.json:22 "healthz" ELB201',
  'healthmonitors.json:43 10 ELB206',
  'l7policies.json:36 "api-copy" ELB305',
  'listeners.json:30 "tls-1-0" ELB506',
  'listeners.json:32 true ELB310',
  'listeners.json:35 400 ELB302',
  'members-pool-<id>.json:21 "18f135d2-5f55-4203-b018-50c5a38fd547" ELB101',
  'members-pool-<id>.json:31 8080 ELB102',
  'members-pool-<id>.json:32 0 ELB408',
  'members-pool-<id>.json:44 "907a70c3-1012-4037-b64c-e4228c38fb29" ELB101',
  'members-pool-<id>.json:8 8080 ELB102',
  'pools.json:78 "session_persistence" ELB401',
].sort();

const EXPECTED_SHARED = [
  'healthmonitors.json:43 2 ELB205',
  'listeners.json:22 "TERMINATED_HTTPS" ELB501',
  'listeners.json:68 300 ELB303',
  'members.json:21 "0dd27a65-bd62-4881-ad1b-72dba7abe1c2" ELB106',
  'members.json:48 "c7ac1491-def8-4334-a647-cb8f74e69a5d" ELB105',
  'members.json:48 "c7ac1491-def8-4334-a647-cb8f74e69a5d" ELB106',
].sort();

test('the reader claims API bodies by content, and nothing else', () => {
  const yes: [string, string][] = [
    ['lbs.json', '{"loadbalancers": [{"id": "a", "guaranteed": true}]}'],
    ['x/listener.json', '{\n  "listener": {"id": "a", "protocol": "TCP", "protocol_port": 80}\n}'],
    ['pools.json', '{"request_id": "r-1", "page_info": {"next_marker": null, "current_count": 1}, "pools": [{"id": "p", "lb_algorithm": "ROUND_ROBIN"}]}'],
    ['sg.json', '{"security_groups": []}'],
    ['rules.json', '{"security_group_rules": [{"direction": "ingress"}]}'],
    ['servers.json', '{"count": 1, "servers": [{"id": "s", "addresses": {}}]}'],
    ['ports.json', '{"ports": [{"id": "p", "fixed_ips": []}]}'],
    ['hm.json', '{"healthmonitors": [{"id": "h", "type": "TCP"}]}'],
    ['bom.json', '\ufeff{"loadbalancer": {"id": "a"}}'],
    ['acl.json', '{"firewall": {"id": "f", "associations": [], "ingress_rules": []}}'],
    ['peerings.json', '{"peerings": []}'],
  ];
  for (const [p, t] of yes) {
    assert.ok(apiJsonReader.accepts(p, t), p);
    assert.equal(formatOf(p, t), 'api-json', p);
  }
  const no: [string, string][] = [
    ['web.elb.json', '{"version": 1, "loadbalancers": []}'],
    ['lb.elb.json', '{"loadbalancers": []}'],
    ['main.tf.json', '{"resource": {}}'],
    ['plan.json', '{"format_version": "1.2", "planned_values": {"listeners": []}}'],
    ['package.json', '{"name": "x", "listeners": []}'],
    ['.vscode/mcp.json', '{"servers": {"git": {"command": "x"}}}'],
    ['other.json', '{"servers": [{"host": "a", "port": 1}]}'],
    ['eslint.json', '{"rules": {"semi": "error"}}'],
    ['ports.json', '{"ports": [8080, 8081]}'],
    ['lbs.yaml', 'loadbalancers: []'],
    ['broken.json', '{"loadbalancers": '],
    ['array.json', '[{"loadbalancers": []}]'],
  ];
  for (const [p, t] of no) assert.ok(!apiJsonReader.accepts(p, t), p);
  assert.equal(sniffEnvelope('{"listeners": {}}'), undefined, 'a list key holding an object is not a listing');
});

test('a dedicated account export: findings land on the JSON member that is wrong', () => {
  const rs = lintGroup(loadDir(path.join(FIX, 'dedicated')), {});
  assert.deepEqual(describe(rs), EXPECTED_DEDICATED);
  for (const r of rs) assert.equal(r.format, 'api-json');
  const model = rs[0]!.model!;
  assert.equal(model.loadbalancers.length, 1);
  const lb = model.loadbalancers[0]!;
  assert.equal(lb.type, 'dedicated');
  assert.equal(lb.listenersGiven, true);
  assert.deepEqual(lb.listeners.map((l) => `${l.name}:${l.protocol}:${l.default_pool?.target?.name}`), ['https-443:HTTPS:web-pool', 'redis-6379:TCP:cache-pool']);
  assert.deepEqual(lb.pools.map((p) => `${p.name}:${p.members.length}:${p.membersGiven}:${p.healthmonitor?.type}`), ['web-pool:2:true:HTTP', 'cache-pool:1:true:TCP']);
  assert.equal(lb.vip_subnet?.target?.name, 'subnet-front', 'vip_subnet_cidr_id is the neutron subnet id');
  assert.equal(lb.backend_subnets?.[0]?.target?.name, 'subnet-back', 'elb_virsubnet_ids are network ids');
  assert.equal(lb.vpc?.target?.cidr, '192.168.0.0/16');
  const web1 = model.members.find((m) => m.address === '192.168.1.10')!;
  assert.equal(web1.server?.target?.name, 'web-1', 'instance_id names the ECS server');
  assert.deepEqual(web1.server?.target?.security_groups?.map((g) => g.target?.rules?.length), [4]);
  assert.equal(model.listeners[0]!.default_tls_container?.target?.domain, 'www.example.com');
});

test('a shared account export (v3 rules listed apart, VPC ports): the same rules apply', () => {
  const rs = lintGroup(loadDir(path.join(FIX, 'shared')), {});
  assert.deepEqual(describe(rs), EXPECTED_SHARED);
  const model = rs[0]!.model!;
  const lb = model.loadbalancers[0]!;
  assert.equal(lb.type, 'shared', 'guaranteed: false');
  assert.equal(model.listeners[0]!.protocol, 'HTTPS', 'TERMINATED_HTTPS reads as HTTPS');
  assert.deepEqual(model.servers.map((s) => s.name), ['shop-1-eth0', 'dns-1-eth0'], 'the LB VIP port is not a server');
  assert.equal(model.securityGroups[0]!.rules?.length, 4);
});

test('the same accounts in our own format give the same rule IDs', () => {
  for (const name of ['dedicated', 'shared']) {
    const own = lintText(fs.readFileSync(path.join(FIX, 'own', `${name}.elb.yaml`), 'utf8'), { path: `${name}.elb.yaml` });
    const api = lintGroup(loadDir(path.join(FIX, name)), {});
    assert.deepEqual(ids(api), ids([own]), name);
  }
});

/** Apply one fix (edits in any file of the group), re-lint, and check the fix's contract. */
function checkFix(files: InputFile[], before: LintResult[], finding: Finding, fixIndex: number, opts: GroupLintOptions = {}): void {
  const home = before.find((r) => r.findings.includes(finding))!;
  const fix = finding.fixes[fixIndex]!;
  const byFile = new Map<string, { span: { start: number; end: number }; newText: string }[]>();
  for (const e of fix.edits) {
    const p = e.path ?? home.path;
    if (!byFile.has(p)) byFile.set(p, []);
    byFile.get(p)!.push(e);
  }
  const after = files.map((f) => ({ path: f.path, text: byFile.has(f.path) ? applyEdits(f.text, byFile.get(f.path)!) : f.text }));
  for (const p of byFile.keys()) assert.ok(files.some((f) => f.path === p), `the fix edits a file of the export: ${p}`);
  for (const f of after) {
    if (!byFile.has(f.path)) continue;
    // Formatting kept: the fixture files are laid out exactly as JSON.stringify with their indent.
    const indent = /\n( +)"/.exec(f.text)![1]!.length;
    assert.equal(f.text, JSON.stringify(JSON.parse(f.text), null, indent) + '\n', `${fix.title}: ${path.basename(f.path)} keeps its layout`);
  }
  const relinted = lintGroup(after, opts);
  const key = (x: Finding) => `${x.ruleId}|${x.message}`;
  const left = new Map<string, number>();
  for (const r of before) for (const x of r.findings) left.set(key(x), (left.get(key(x)) ?? 0) + 1);
  left.set(key(finding), left.get(key(finding))! - 1);
  for (const r of relinted) {
    for (const x of r.findings) {
      const n = left.get(key(x)) ?? 0;
      assert.ok(n > 0, `after "${fix.title}" for ${finding.ruleId}: new or remaining finding ${x.ruleId} ${x.message}`);
      left.set(key(x), n - 1);
    }
  }
}

test('every fix of both exports edits the JSON in place, keeps its layout, and clears its finding', () => {
  let checked = 0;
  for (const name of ['dedicated', 'shared']) {
    const files = loadDir(path.join(FIX, name));
    const before = lintGroup(files, {});
    for (const r of before) {
      for (const f of r.findings) {
        f.fixes.forEach((_, i) => {
          // A fix that is not preferred may leave a related finding (a stricter TLS policy than needed); check the preferred ones strictly.
          if (!f.fixes[i]!.isPreferred) return;
          checkFix(files, before, f, i);
          checked++;
        });
      }
    }
  }
  assert.ok(checked >= 12, `fixes checked: ${checked}`);
});

test('a security-group fix appends a rule shaped like its neighbours (v1 embedded, v3 listed apart)', () => {
  const ded = loadDir(path.join(FIX, 'dedicated'));
  const f101 = lintGroup(ded, {}).flatMap((r) => r.findings).find((f) => f.ruleId === 'ELB101')!;
  const [e] = f101.fixes[0]!.edits;
  assert.match(e!.path!, /security-groups\.json$/);
  assert.doesNotMatch(e!.newText, /priority|action/, 'VPC v1 rules have no action or priority');
  assert.match(e!.newText, /"port_range_min": 8080/);
  const shared = loadDir(path.join(FIX, 'shared'));
  const f105 = lintGroup(shared, {}).flatMap((r) => r.findings).find((f) => f.ruleId === 'ELB105')!;
  const [e2] = f105.fixes[0]!.edits;
  assert.match(e2!.path!, /security-group-rules\.json$/);
  assert.match(e2!.newText, /"security_group_id": "90fbbd11-9c1c-4af7-9e87-66ed88daf401"/);
  assert.match(e2!.newText, /"protocol": "icmp"/);
  const f106 = lintGroup(shared, {}).flatMap((r) => r.findings).find((f) => f.ruleId === 'ELB106')!;
  assert.match(f106.fixes[0]!.edits[0]!.newText, /"multiport": "80"/, 'VPC v3 rules write ports as multiport');
});

test('fix-all over an export leaves only findings without a fix', () => {
  for (const name of ['dedicated', 'shared']) {
    const fixed = fixGroup(loadDir(path.join(FIX, name)), {});
    assert.ok(fixed.applied >= 5, `${name}: ${fixed.applied}`);
    for (const r of fixed.results) for (const f of r.findings) assert.equal(f.fixes.length, 0, `${name}: ${f.ruleId} ${f.message}`);
    // Near misses: the fixed export is clean of every rule that had a fix.
    assert.deepEqual([...new Set(ids(fixed.results))], name === 'dedicated' ? ['ELB310', 'ELB408'] : ['ELB501']);
  }
});

test('one body alone: objects whose load balancer is not exported still get checked', () => {
  const listeners = JSON.stringify({
    listeners: [
      { id: 'l1', name: 'web', protocol: 'TERMINATED_HTTPS', protocol_port: 443, default_pool_id: 'p1', default_tls_container_ref: 'c1', loadbalancers: [{ id: 'lb-1' }], client_timeout: 301 },
      { id: 'l2', name: 'dns', protocol: 'UDP', protocol_port: 53, default_pool_id: 'p2', keepalive_timeout: 120, loadbalancers: [{ id: 'lb-1' }] },
    ],
  }, null, 2);
  const [r] = lintGroup([{ path: '/x/listeners.json', text: listeners }], {});
  // TERMINATED_HTTPS is how the API stores HTTPS on a shared load balancer: lb-1 is shared, so
  // its UDP listener may not set an idle timeout (ELB303).
  assert.deepEqual(r!.findings.map((f) => `${f.ruleId} ${r!.source.slice(f.span)}`), ['ELB302 301', 'ELB303 120']);
  const dedicated = listeners.replace('TERMINATED_HTTPS', 'HTTPS');
  const [d] = lintGroup([{ path: '/x/listeners.json', text: dedicated }], {});
  // HTTPS is how a dedicated load balancer stores it: no ELB303, but a dedicated UDP listener on
  // port 53 should drop idle flows within 10 s (ELB304).
  assert.deepEqual(d!.findings.map((f) => f.ruleId), ['ELB302', 'ELB304']);
  // A single GET.
  const one = lintText(JSON.stringify({ pool: { id: 'p', protocol: 'TCP', lb_algorithm: 'SOURCE_IP', session_persistence: { type: 'SOURCE_IP', persistence_timeout: 70 }, listeners: [{ id: 'l-x' }], loadbalancers: [{ id: 'x' }] } }), { path: 'pool.json' });
  // (ELB405, the timeout out of range, is left to ELB401: one finding per cause.)
  assert.deepEqual(one.findings.map((f) => f.ruleId), ['ELB401']);
});

test('a partial export leaves what it does not hold unknown', () => {
  // Members of a pool the export does not hold, a listener naming a pool that is not exported,
  // a server whose groups are not exported: no finding, no crash.
  const files: InputFile[] = [
    { path: '/e/members.json', text: JSON.stringify({ members: [{ id: 'm', address: '10.0.0.1', protocol_port: 80, weight: 0, subnet_cidr_id: 's' }] }) },
    { path: '/e/listeners.json', text: JSON.stringify({ listeners: [{ id: 'l', protocol: 'HTTP', protocol_port: 80, default_pool_id: 'p', loadbalancers: [{ id: 'lb' }] }] }) },
    { path: '/e/servers.json', text: JSON.stringify({ servers: [{ id: 'i', name: 'web', addresses: { v: [{ addr: '10.0.0.1', version: 4, 'OS-EXT-IPS:type': 'fixed' }] }, security_groups: [{ id: 'sg-x', name: 'default' }] }] }) },
  ];
  const rs = lintGroup(files, {});
  assert.deepEqual(describe(rs), []);
  // ELB202 needs to know the pool has no monitor: `healthmonitor_id: null` says so.
  const pool = { path: '/e/pools.json', text: JSON.stringify({ pools: [{ id: 'p', name: 'web', protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN', healthmonitor_id: null, members: [], loadbalancers: [{ id: 'lb' }] }] }) };
  const withPool = lintGroup([...files, pool], {});
  assert.deepEqual(ids(withPool), ['ELB202', 'ELB406']);
  // An HTTP listener without a default pool may forward through policies the export does not
  // hold; with the policies exported (here: none), it forwards nothing (ELB609).
  const http = { path: '/e/listeners.json', text: JSON.stringify({ listeners: [{ id: 'l', name: 'web', protocol: 'HTTP', protocol_port: 80, default_pool_id: null, loadbalancers: [{ id: 'lb' }] }] }) };
  assert.deepEqual(ids(lintGroup([http], {})), []);
  assert.deepEqual(ids(lintGroup([http, { path: '/e/l7policies.json', text: '{"l7policies": []}' }], {})), ['ELB609']);
  // Policies whose rules are listed by id only (no display_all_rules) have unknown conditions: no ELB305.
  const pols = JSON.stringify({ l7policies: ['a', 'b'].map((id) => ({ id, name: id, action: 'REDIRECT_TO_POOL', listener_id: 'l', redirect_pool_id: 'p', rules: [{ id: `r-${id}` }] })) });
  assert.deepEqual(ids(lintGroup([http, { path: '/e/l7policies.json', text: pols }], {})), []);
  const rules = JSON.stringify({ rules: ['a', 'b'].map((id) => ({ id: `r-${id}`, type: 'PATH', compare_type: 'EQUAL_TO', value: '/x' })) });
  assert.deepEqual(ids(lintGroup([http, { path: '/e/l7policies.json', text: pols }, { path: '/e/rules.json', text: rules }], {})), ['ELB305'], 'rules listed apart are linked by id');
});

test('ids missing from a complete listing are ELB016; from a partial one they are unknown', () => {
  const lbs = (next: string | null) => JSON.stringify({ loadbalancers: [{ id: 'lb-1', name: 'a', guaranteed: true, listeners: [] }], page_info: { next_marker: next, current_count: 1 } });
  const listeners = JSON.stringify({ listeners: [{ id: 'l', name: 'x', protocol: 'TCP', protocol_port: 80, loadbalancers: [{ id: 'lb-gone' }] }] }, null, 2);
  const complete = lintGroup([{ path: '/e/a.json', text: lbs(null) }, { path: '/e/b.json', text: listeners }], {});
  // (ELB609: listener `x` has no pool, and lb-1 no listener.)
  assert.deepEqual(describe(complete), ['a.json:1 "a" ELB609', 'b.json:10 "lb-gone" ELB016', 'b.json:5 "x" ELB609']);
  const partial = lintGroup([{ path: '/e/a.json', text: lbs('lb-1') }, { path: '/e/b.json', text: listeners }], {});
  assert.deepEqual(describe(partial), ['a.json:1 "a" ELB609', 'b.json:5 "x" ELB609']);
});

test('the same object twice is read once (ELB017), and broken shapes are ELB015 at the member', () => {
  const a = JSON.stringify({ pools: [{ id: 'p', protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN', loadbalancers: [{ id: 'lb' }] }] });
  const b = JSON.stringify({ pool: { id: 'p', protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN', loadbalancers: [{ id: 'lb' }] } });
  const rs = lintGroup([{ path: '/e/pools.json', text: a }, { path: '/e/pool-p.json', text: b }], {});
  assert.equal(rs[0]!.model!.pools.length, 1);
  const dup = rs.flatMap((r) => r.findings).filter((f) => f.ruleId === 'ELB017');
  assert.equal(dup.length, 1);
  assert.equal(dup[0]!.related[0]!.path, '/e/pool-p.json', 'files are read in path order: pool-p.json first');

  const bad = `{
  "listeners": [
    7,
    {"id": "l", "protocol": "HTTPX", "protocol_port": "443", "default_pool_id": "p", "loadbalancers": [{"id": "lb"}]},
    {"id": "m", "protocol": "TCP", "protocol_port": 80, "default_pool_id": "p", "keepalive_timeout": 5000, "loadbalancers": [{"id": "lb"}]}
  ],
  "pools": {"id": "p"}
}`;
  const [r] = lintGroup([{ path: '/e/bad.json', text: bad }], {});
  assert.deepEqual(r!.findings.map((f) => `${f.ruleId} ${r!.source.slice(f.span)}`), [
    'ELB015 7', 'ELB015 "HTTPX"', 'ELB015 "443"', 'ELB302 5000', 'ELB015 {"id": "p"}',
  ]);
  const [once] = lintGroup([{ path: '/e/p.json', text: '{"pools": [{"id": "p", "protocol": "TCP", "lb_algorithm": "ROUND_ROBIN", "listener_id": 5}]}' }], {});
  assert.deepEqual(once!.findings.filter((f) => f.ruleId === 'ELB015').map((f) => once!.source.slice(f.span)), ['5'], 'a field read twice is reported once');
  const [zh] = lintGroup([{ path: '/e/bad.json', text: bad }], { locale: 'zh-cn' });
  assert.match(zh!.findings.find((f) => f.ruleId === 'ELB015')!.message, /应为对象/);
  const [syntax] = lintGroup([{ path: '/e/x.json', text: '{"listeners": [ {"protocol_port": 80, "id": ' }], {});
  assert.equal(syntax!.format, 'api-json');
  assert.ok(syntax!.findings.filter((f) => f.ruleId === 'ELB001').length >= 1, 'a broken body is a positioned syntax error, never a crash');
});

test('load balancer facts only the API gives: capacity and flavour rules', () => {
  const text = JSON.stringify({
    loadbalancers: [
      { id: 'a', name: 'old-shared', guaranteed: false, l4_flavor_id: 'f-l4', vip_subnet_cidr_id: 's', vip_address: '10.0.0.5', ipv6_vip_address: '2001:db8::5', listeners: [], pools: [] },
      { id: 'b', name: 'new', guaranteed: true, l4_flavor_id: '', l7_flavor_id: 'f-l7', vip_subnet_cidr_id: 's', listeners: [{ id: 'tcp' }], pools: [] },
    ],
    listeners: [{ id: 'tcp', name: 'tcp-80', protocol: 'TCP', protocol_port: 80, loadbalancers: [{ id: 'b' }] }],
  }, null, 2);
  const [r] = lintGroup([{ path: '/e/lbs.json', text }], {});
  assert.deepEqual(r!.findings.map((f) => `${f.ruleId} ${r!.source.slice(f.span)}`).sort(), [
    'ELB308 "TCP"', 'ELB601 "f-l4"', 'ELB602 "2001:db8::5"', 'ELB609 "old-shared"', 'ELB609 "tcp-80"',
  ]);
});

test('members of /pools/{pool_id}/members find their pool by a pool_id hint or by the file name', () => {
  const pools = { path: '/e/pools.json', text: JSON.stringify({ pools: [{ id: '6f0c1f2e-aaaa-4bbb-8ccc-000000000001', name: 'web', protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN', listeners: [{ id: 'l' }], loadbalancers: [{ id: 'lb' }] }] }) };
  const members = JSON.stringify({ members: [{ id: 'm1', address: '10.0.0.1', protocol_port: 80, weight: 0 }, { id: 'm2', address: '10.0.0.2', protocol_port: 80, weight: 0 }] });
  for (const file of [{ path: '/e/members-6f0c1f2e-aaaa-4bbb-8ccc-000000000001.json', text: members }, { path: '/e/web-members.json', text: members.replace('{', '{"pool_id": "6f0c1f2e-aaaa-4bbb-8ccc-000000000001", ') }]) {
    const rs = lintGroup([pools, file], {});
    assert.equal(rs[0]!.model!.pools[0]!.members.length, 2, file.path);
    assert.ok(ids(rs).includes('ELB407'), `${file.path}: every member has weight 0`);
  }
  const lost = lintGroup([pools, { path: '/e/members.json', text: members }], {});
  assert.equal(lost[0]!.model!.members.length, 0, 'no way to tell the pool: the members are unknown');
});

test('reader findings in Chinese', () => {
  const lbs = JSON.stringify({ loadbalancers: [{ id: 'lb-1', name: 'a', guaranteed: true }], page_info: { next_marker: null } });
  const ls = JSON.stringify({ listeners: [{ id: 'l', protocol: 'TCP', protocol_port: 80, default_pool_id: 'p', loadbalancers: [{ id: 'lb-gone' }] }] });
  const rs = lintGroup([{ path: '/e/a.json', text: lbs }, { path: '/e/b.json', text: ls }, { path: '/e/c.json', text: ls }], { locale: 'zh-cn' });
  const msgs = rs.flatMap((r) => r.findings).filter((f) => f.ruleId === 'ELB016' || f.ruleId === 'ELB017').map((f) => f.message);
  assert.ok(msgs.some((m) => /导出中没有 ID 为 `lb-gone` 的负载均衡器/.test(m)), msgs.join('\n'));
  assert.ok(msgs.some((m) => /此监听器（`l`）已从 b\.json 读取/.test(m)), msgs.join('\n'));
});

test('network ACLs (VPC v3 firewalls) bound to a member subnet: ELB104, fixed in the firewall body', () => {
  const files = loadDir(path.join(FIX, 'dedicated'));
  const back = JSON.parse(files.find((f) => f.path.endsWith('subnets.json'))!.text).subnets[1];
  const rule = (dir: string, extra: Record<string, unknown>) => ({ id: `r-${dir}`, name: '', description: '', action: 'allow', project_id: 'p', protocol: 'tcp', ip_version: 4, source_ip_address: null, destination_ip_address: null, source_port: null, destination_port: null, source_address_group_id: null, destination_address_group_id: null, enabled: true, ...extra });
  const firewall = (enabled: boolean) => ({
    path: path.join(FIX, 'dedicated', 'firewall.json'),
    text: JSON.stringify({ firewall: {
      id: 'acl-1', name: 'acl-back', description: '', project_id: 'p', admin_state_up: enabled, status: 'ACTIVE', enterprise_project_id: '0', tags: [],
      associations: [{ virsubnet_id: back.id }],
      ingress_rules: [rule('in', { destination_port: '443', source_ip_address: '0.0.0.0/0' })],
      egress_rules: [rule('out', { protocol: 'any', destination_ip_address: '0.0.0.0/0' })],
      type: 'normal',
    }, request_id: 'x' }, null, 2) + '\n',
  });
  const withAcl = [...files, firewall(true)];
  const rs = lintGroup(withAcl, {});
  const acl = rs.flatMap((r) => r.findings).filter((f) => f.ruleId === 'ELB104');
  assert.ok(acl.length >= 1, describe(rs).join('\n'));
  assert.equal(rs[0]!.model!.subnets[1]!.network_acl?.target?.name, 'acl-back');
  const fix = acl[0]!.fixes.find((f) => f.isPreferred)!;
  assert.match(fix.edits[0]!.path!, /firewall\.json$/);
  checkFix(withAcl, rs, acl[0]!, acl[0]!.fixes.indexOf(fix));
  // A disabled ACL filters nothing.
  assert.ok(!ids(lintGroup([...files, firewall(false)], {})).includes('ELB104'));
});

test('VPC peerings: an IP-type member in another VPC needs an active peering (ELB412)', () => {
  const base: InputFile[] = [
    { path: '/e/vpcs.json', text: JSON.stringify({ vpcs: [{ id: 'va', name: 'vpc-a', cidr: '10.0.0.0/16' }, { id: 'vb', name: 'vpc-b', cidr: '172.16.0.0/16' }] }) },
    { path: '/e/lbs.json', text: JSON.stringify({ loadbalancers: [{ id: 'lb', name: 'x', guaranteed: true, vpc_id: 'va', ip_target_enable: true, listeners: [{ id: 'l' }], pools: [{ id: 'p' }] }] }) },
    { path: '/e/listeners.json', text: JSON.stringify({ listeners: [{ id: 'l', name: 'tcp', protocol: 'TCP', protocol_port: 80, default_pool_id: 'p', loadbalancers: [{ id: 'lb' }] }] }) },
    { path: '/e/pools.json', text: JSON.stringify({ pools: [{ id: 'p', name: 'p', protocol: 'TCP', lb_algorithm: 'ROUND_ROBIN', healthmonitor_id: 'h', listeners: [{ id: 'l' }], loadbalancers: [{ id: 'lb' }], members: [{ id: 'm' }] }] }) },
    { path: '/e/members.json', text: JSON.stringify({ members: [{ id: 'm', pool_id: 'p', address: '172.16.0.5', protocol_port: 80, weight: 1, subnet_cidr_id: null, member_type: 'ip' }] }) },
  ];
  const peer = (status: string) => ({ path: '/e/peerings.json', text: JSON.stringify({ peerings: [{ id: 'pe', name: 'a-b', status, request_vpc_info: { vpc_id: 'va', tenant_id: 't' }, accept_vpc_info: { vpc_id: 'vb', tenant_id: 't' } }] }) });
  assert.ok(!ids(lintGroup(base, {})).includes('ELB412'), 'no peering body: unknown');
  assert.ok(ids(lintGroup([...base, { path: '/e/peerings.json', text: '{"peerings": []}' }], {})).includes('ELB412'));
  assert.ok(ids(lintGroup([...base, peer('PENDING_ACCEPTANCE')], {})).includes('ELB412'), 'a pending peering connects nothing');
  assert.ok(!ids(lintGroup([...base, peer('ACTIVE')], {})).includes('ELB412'));
});

/** Pretty-printed the way Jackson prints (the API documentation's examples): `"key" : value`, `[ {` … `}, {` … `} ]`. */
function jackson(v: unknown, ind = ''): string {
  const unit = '  ';
  if (Array.isArray(v)) {
    if (!v.length) return '[ ]';
    if (v.every((x) => x && typeof x === 'object' && !Array.isArray(x))) return '[ ' + v.map((x) => jackson(x, ind)).join(', ') + ' ]';
    return '[ ' + v.map((x) => jackson(x, ind)).join(', ') + ' ]';
  }
  if (v && typeof v === 'object') {
    const es = Object.entries(v as Record<string, unknown>);
    if (!es.length) return '{ }';
    return '{\n' + es.map(([k, x]) => ind + unit + JSON.stringify(k) + ' : ' + jackson(x, ind + unit)).join(',\n') + '\n' + ind + '}';
  }
  return JSON.stringify(v);
}

test('fixes keep the layout of Jackson-printed responses (`"key" : value`, `}, {`)', () => {
  const files = loadDir(path.join(FIX, 'shared')).map((f) => ({ path: f.path, text: jackson(JSON.parse(f.text)) + '\n' }));
  const before = lintGroup(files, {});
  assert.deepEqual(describe(before).map((x) => x.replace(/:\d+ /, ' ')), EXPECTED_SHARED.map((x) => x.replace(/:\d+ /, ' ')), 'same findings whatever the layout');
  let checked = 0;
  for (const r of before) {
    for (const f of r.findings) {
      const i = f.fixes.findIndex((x) => x.isPreferred);
      if (i < 0) continue;
      const fix = f.fixes[i]!;
      const after = files.map((x) => {
        const mine = fix.edits.filter((e) => (e.path ?? r.path) === x.path);
        return mine.length ? { path: x.path, text: applyEdits(x.text, mine) } : x;
      });
      for (const x of after) assert.equal(x.text, jackson(JSON.parse(x.text)) + '\n', `${fix.title}: ${path.basename(x.path)} keeps the Jackson layout`);
      const relinted = lintGroup(after, {});
      assert.ok(ids(relinted).filter((id) => id === f.ruleId).length < ids(before).filter((id) => id === f.ruleId).length, fix.title);
      checked++;
    }
  }
  assert.ok(checked >= 5, String(checked));
});
