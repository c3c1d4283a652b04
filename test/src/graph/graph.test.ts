import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildGraph, graphInputOf } from '../../../server/out/engine/graph/build';
import type { Model } from '../../../server/out/engine/model/types';
import type { Graph, GraphNode } from '../../../server/out/engine/graph/types';
import { applyEdits } from '../../../server/out/engine/fix/apply';
import { lintGroup, type LintResult } from '../../../server/out/engine/lint';
import { readerFor } from '../../../server/out/engine/formats/registry';
import { lintFile, lintYaml, ROOT } from '../helpers';

const EXAMPLES = path.join(ROOT, 'examples');
const examples = fs.readdirSync(EXAMPLES).filter((f) => /\.elb\.(ya?ml|json)$/.test(f)).sort();

function graphOf(r: LintResult, locale: 'en' | 'zh-cn' = 'en'): Graph {
  return buildGraph({ model: r.model, findings: r.findings, locale });
}

const byKind = (g: Graph, kind: GraphNode['kind']) => g.nodes.filter((n) => n.kind === kind);
const inside = (inner: { start: number; end: number }, outer: { start: number; end: number }) => outer.start <= inner.start && inner.end <= outer.end;

/** Invariants every graph must hold, whatever the input. */
function checkInvariants(r: LintResult, g: Graph, name: string): void {
  const ids = new Set<string>();
  for (const n of g.nodes) {
    assert.ok(!ids.has(n.id), `${name}: duplicate node id ${n.id}`);
    ids.add(n.id);
    assert.ok(n.label.length >= 1 && n.label[0]!.length > 0, `${name}: node ${n.id} has no label`);
  }
  for (const e of g.edges) {
    assert.ok(ids.has(e.source), `${name}: edge ${e.id} from unknown ${e.source}`);
    assert.ok(ids.has(e.target), `${name}: edge ${e.id} to unknown ${e.target}`);
  }
  const m = r.model!;
  // Every load balancer, listener, policy, pool and member is drawn, once.
  assert.equal(byKind(g, 'loadbalancer').length, m.loadbalancers.length, `${name}: load balancers`);
  assert.equal(byKind(g, 'listener').length, m.listeners.length, `${name}: listeners`);
  assert.equal(byKind(g, 'l7policy').length, m.listeners.reduce((s, l) => s + l.l7policies.length, 0), `${name}: policies`);
  assert.equal(byKind(g, 'pool').length, m.pools.length, `${name}: pools`);
  assert.equal(byKind(g, 'member').length, m.members.length, `${name}: members`);
  // Edges: one per listener from its load balancer, one per member from its pool, one per default pool.
  assert.equal(g.edges.filter((e) => e.kind === 'listener').length, m.listeners.length, `${name}: lb→listener edges`);
  assert.equal(g.edges.filter((e) => e.kind === 'member').length, m.members.length, `${name}: pool→member edges`);
  assert.equal(g.edges.filter((e) => e.kind === 'default_pool').length, m.listeners.filter((l) => l.default_pool?.target).length, `${name}: default pools`);
  // Every finding is painted exactly once: on the innermost drawn object holding it, or unplaced.
  const placed = g.nodes.flatMap((n) => n.findings.map((f) => ({ n, f })));
  const uniquePlaced = new Set(placed.map((p) => p.f));
  assert.equal(uniquePlaced.size + g.unplaced.length, r.findings.length, `${name}: every finding placed once`);
  for (const { n, f } of placed) {
    assert.equal(f.path, n.path, `${name}: ${f.ruleId} on a node of another file`);
    assert.ok(inside(f.span, n.span!), `${name}: ${f.ruleId} lies outside ${n.id}`);
    const narrower = g.nodes.find((o) => o !== n && o.path === f.path && o.span && inside(f.span, o.span) && inside(o.span, n.span!) && (o.span.end - o.span.start) < (n.span!.end - n.span!.start));
    assert.equal(narrower, undefined, `${name}: ${f.ruleId} is on ${n.id} but ${narrower?.id} holds it more closely`);
    const worst = n.findings.some((x) => x.severity === 'error') ? 'error' : n.findings.some((x) => x.severity === 'warning') ? 'warning' : 'info';
    assert.equal(n.severity, worst, `${name}: severity of ${n.id}`);
  }
  for (const f of g.unplaced) {
    const holder = g.nodes.find((o) => o.path === f.path && o.span && inside(f.span, o.span));
    assert.equal(holder, undefined, `${name}: ${f.ruleId} left unplaced though ${holder?.id} holds it`);
  }
  for (const n of g.nodes) if (!n.findings.length) assert.equal(n.severity, undefined, `${name}: ${n.id} coloured without a finding`);
}

/**
 * Every configuration under examples/ in subfolders (other input formats: API exports, Terraform
 * modules, Kubernetes manifests), read the way the CLI reads them: files of one group together.
 */
function exampleGroups(): { name: string; files: { path: string; text: string }[] }[] {
  const out = new Map<string, { name: string; files: { path: string; text: string }[] }>();
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (dir !== EXAMPLES && /\.(ya?ml|json|tf)$/.test(e.name)) {
        const text = fs.readFileSync(p, 'utf8');
        const reader = readerFor(p, text);
        const key = reader.groupKey ? `${reader.format} ${reader.groupKey(p)}` : p;
        const g = out.get(key) ?? { name: `${path.relative(EXAMPLES, reader.groupKey ? path.dirname(p) : p)} (${reader.format})`, files: [] };
        g.files.push({ path: p, text });
        out.set(key, g);
      }
    }
  };
  walk(EXAMPLES);
  return [...out.values()];
}

describe('topology graph: examples in other formats', () => {
  const groups = exampleGroups();
  before(async () => {
    // The Terraform reader's HCL parser (WebAssembly) loads asynchronously, when that reader is built in.
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      await (require('../../../server/out/engine/parse/hcl') as { ensureTerraformParser?: () => Promise<unknown> }).ensureTerraformParser?.();
    } catch {
      // not in this build
    }
  });
  it('there are some', () => assert.ok(groups.length > 0));
  for (const g of groups) {
    it(g.name, () => {
      const results = lintGroup(g.files, {});
      const input = graphInputOf(results);
      assert.ok(input.model, `${g.name} has a model`);
      const graph = buildGraph(input);
      checkInvariants({ ...results[0]!, model: input.model, findings: [...input.findings] }, graph, g.name);
      // Findings of every file of the group are painted (on the objects of their own file).
      const withFindings = new Set(results.filter((r) => r.findings.length).map((r) => r.path));
      const painted = new Set([...graph.nodes.flatMap((n) => n.findings), ...graph.unplaced].map((f) => f.path));
      assert.deepEqual([...painted].sort(), [...withFindings].sort(), `${g.name}: files whose findings are drawn`);
    });
  }
});

describe('topology graph: every example', () => {
  for (const file of examples) {
    it(file, () => {
      const r = lintFile(path.join(EXAMPLES, file));
      assert.ok(r.model, `${file} has a model`);
      checkInvariants(r, graphOf(r), file);
    });
  }

  it('clean.elb.yaml: nothing coloured, every ELB traffic edge admitted', () => {
    const g = graphOf(lintFile(path.join(EXAMPLES, 'clean.elb.yaml')));
    assert.equal(g.nodes.filter((n) => n.severity || n.relatedSeverity).length, 0);
    const traffic = g.edges.filter((e) => e.kind === 'elb_traffic');
    assert.ok(traffic.length > 0);
    assert.deepEqual([...new Set(traffic.map((e) => e.status))], ['allowed']);
  });

  it('security-groups.elb.yaml: ELB101 on the member, its security group implicated, the path blocked', () => {
    const r = lintFile(path.join(EXAMPLES, 'security-groups.elb.yaml'));
    const g = graphOf(r);
    const count = (k: GraphNode['kind']) => byKind(g, k).length;
    assert.deepEqual(
      { lb: count('loadbalancer'), listener: count('listener'), pool: count('pool'), member: count('member'), server: count('server'), sg: count('security_group'), source: count('source_range') },
      { lb: 1, listener: 2, pool: 2, member: 3, server: 3, sg: 2, source: 1 },
    );
    assert.equal(g.edges.length, 16);
    const web1 = g.nodes.find((n) => n.label[0] === 'web-1:8080')!;
    assert.equal(web1.severity, 'error');
    assert.deepEqual(web1.findings.map((f) => f.ruleId).sort(), ['ELB101', 'ELB102']);
    const elb101 = web1.findings.find((f) => f.ruleId === 'ELB101')!;
    assert.match(elb101.message, /100\.125\.0\.0\/16/);
    assert.ok(elb101.fixes.some((t) => t.startsWith('Allow TCP port 8080 from 100.125.0.0/16')), `fix titles: ${elb101.fixes}`);
    const sgWeb = g.nodes.find((n) => n.kind === 'security_group' && n.label[0] === 'sg-web')!;
    assert.equal(sgWeb.relatedSeverity, 'error');
    assert.ok(sgWeb.related.some((f) => f.ruleId === 'ELB101'));
    const source = byKind(g, 'source_range')[0]!;
    assert.deepEqual(source.label.slice(0, 2), ['ELB source range', '100.125.0.0/16']);
    const toWeb1 = g.edges.find((e) => e.kind === 'elb_traffic' && e.target === web1.id)!;
    assert.equal(toWeb1.source, source.id);
    assert.equal(toWeb1.status, 'blocked');
    assert.equal(toWeb1.label, 'TCP 8080');
    const toSyslog = g.edges.find((e) => e.kind === 'elb_traffic' && e.target === g.nodes.find((n) => n.label[0] === 'syslog-1:514')!.id)!;
    assert.equal(toSyslog.label, 'UDP 514, ICMP ping');
    assert.equal(toSyslog.status, 'blocked', 'the ICMP ping of the UDP check is refused');
  });

  it('after the ELB101 fix the path is admitted and the member is no longer red', () => {
    const file = path.join(EXAMPLES, 'security-groups.elb.yaml');
    const r = lintFile(file);
    const f = r.findings.find((x) => x.ruleId === 'ELB101')!;
    const fixed = lintYaml(applyEdits(r.source.text, f.fixes[0]!.edits), { path: file });
    const g = graphOf(fixed);
    checkInvariants(fixed, g, 'fixed');
    const web1 = g.nodes.find((n) => n.label[0] === 'web-1:8080')!;
    assert.equal(web1.severity, undefined);
    assert.equal(g.edges.find((e) => e.kind === 'elb_traffic' && e.target === web1.id)!.status, 'allowed');
  });

  it('certificates-and-capacity.elb.yaml: certificate findings on certificate nodes, the subnet finding unplaced', () => {
    const r = lintFile(path.join(EXAMPLES, 'certificates-and-capacity.elb.yaml'));
    const g = graphOf(r);
    const expired = g.nodes.filter((n) => n.kind === 'certificate' && n.findings.some((f) => f.ruleId === 'ELB503'));
    assert.ok(expired.length >= 1, 'ELB503 sits on a certificate');
    assert.ok(g.edges.some((e) => e.kind === 'certificate' && expired.some((n) => n.id === e.target)), 'a listener leads to it');
    assert.deepEqual(g.unplaced.map((f) => f.ruleId), ['ELB605']);
  });

  it('Chinese labels', () => {
    const g = graphOf(lintFile(path.join(EXAMPLES, 'security-groups.elb.yaml'), { locale: 'zh-cn' }), 'zh-cn');
    assert.equal(byKind(g, 'source_range')[0]!.label[0], 'ELB 源地址段');
    assert.equal(byKind(g, 'loadbalancer')[0]!.label[1], '共享型负载均衡器');
    assert.match(g.nodes.find((n) => n.label[0] === 'web-1:8080')!.findings[0]!.message, /健康检查|安全组/);
  });
});

describe('topology graph: near misses and unknowns', () => {
  const base = (groups: string, extra = '') => `version: 1
vpcs:
  - {name: vpc-a, cidr: 192.168.0.0/16, subnets: [{name: sn, cidr: 192.168.1.0/24}]}
security_groups:
  - name: sg-a
    rules:
      - {direction: ingress, protocol: tcp, port_range_min: 8080, port_range_max: 8080, remote_ip_prefix: 100.125.0.0/16}
servers:
  - {name: s1, subnet: sn, address: 192.168.1.10${groups}}
loadbalancers:
  - name: lb-1
    type: shared
    vip_subnet: sn
    listeners: [{name: l1, protocol: HTTP, protocol_port: 80, default_pool: p1}]
    pools:
      - name: p1
        protocol: HTTP
        lb_algorithm: ROUND_ROBIN
        healthmonitor: {type: HTTP, delay: 5, timeout: 3, max_retries: 3, url_path: /h}
        members: [{server: s1, protocol_port: 8080}]
${extra}`;

  it('security groups that admit the range: allowed, nothing red', () => {
    const g = graphOf(lintYaml(base(', security_groups: [sg-a]')));
    assert.equal(g.edges.find((e) => e.kind === 'elb_traffic')!.status, 'allowed');
    assert.equal(g.nodes.filter((n) => n.severity === 'error').length, 0);
  });

  it('a server whose groups are not given: unknown, not blocked', () => {
    const r = lintYaml(base(''));
    const g = graphOf(r);
    checkInvariants(r, g, 'unknown');
    assert.equal(g.edges.find((e) => e.kind === 'elb_traffic')!.status, 'unknown');
  });

  it('a server and group shared by two load balancers are drawn once per load balancer; related findings stay with their own', () => {
    const extra = `  - name: lb-2
    type: shared
    vip_subnet: sn
    listeners: [{name: l2, protocol: HTTP, protocol_port: 81, default_pool: p2}]
    pools:
      - name: p2
        protocol: HTTP
        lb_algorithm: ROUND_ROBIN
        healthmonitor: {type: HTTP, delay: 5, timeout: 3, max_retries: 3, url_path: /h}
        members: [{server: s1, protocol_port: 9090}]
`;
    const r = lintYaml(base(', security_groups: [sg-a]', extra));
    const g = graphOf(r);
    checkInvariants(r, g, 'shared');
    const servers = byKind(g, 'server');
    const groups = byKind(g, 'security_group');
    assert.equal(servers.length, 2);
    assert.equal(groups.length, 2);
    // Port 9090 is closed to the range: lb-2's copy of sg-a is implicated, lb-1's is not.
    const blocked = g.edges.filter((e) => e.kind === 'elb_traffic' && e.status === 'blocked');
    assert.equal(blocked.length, 1);
    const [ofLb1, ofLb2] = [groups.find((n) => n.id.endsWith('@0'))!, groups.find((n) => n.id.endsWith('@1'))!];
    assert.equal(ofLb2.relatedSeverity, 'error');
    assert.ok(ofLb2.related.some((f) => f.ruleId === 'ELB101' && /9090/.test(f.message)));
    assert.notEqual(ofLb1.relatedSeverity, 'error');
    assert.ok(!ofLb1.related.some((f) => /9090/.test(f.message)), 'lb-1 does not show lb-2\'s findings');
  });

  it('a pool no listener uses hangs off its load balancer', () => {
    const text = `version: 1
loadbalancers:
  - name: lb-1
    type: dedicated
    listeners: []
    pools:
      - {name: lonely, protocol: TCP, lb_algorithm: ROUND_ROBIN, members: []}
`;
    const g = graphOf(lintYaml(text));
    const e = g.edges.find((x) => x.kind === 'unattached_pool');
    assert.ok(e, 'an unattached_pool edge');
    assert.equal(e.source, 'lb0');
    assert.equal(e.target, 'pool0');
  });

  it('a model read from several files (a module): each finding on the object of its own file', () => {
    // Two files whose models are joined, as a reader of a group of files joins them.
    const a = lintFile(path.join(EXAMPLES, 'security-groups.elb.yaml'));
    const b = lintFile(path.join(EXAMPLES, 'shared-tcp-service.elb.yaml'));
    const model = {} as Record<string, unknown[]>;
    for (const m of [a.model!, b.model!]) for (const [k, v] of Object.entries(m)) if (Array.isArray(v)) model[k] = [...(model[k] ?? []), ...v];
    const joined = { model: model as unknown as Model, findings: [] as LintResult['findings'] };
    const g = buildGraph(graphInputOf([{ ...joined, findings: a.findings }, { findings: b.findings }]));
    checkInvariants({ ...a, model: joined.model, findings: [...a.findings, ...b.findings] }, g, 'two files');
    const paths = new Set(g.nodes.filter((n) => n.findings.length).map((n) => n.path));
    assert.deepEqual([...paths].sort(), [a.path, b.path].sort());
    assert.equal(g.nodes.filter((n) => n.kind === 'loadbalancer').length, 2);
  });

  it('objects written once for several (a resource with count): each finding on the one its message names', () => {
    const r = lintFile(path.join(EXAMPLES, 'security-groups.elb.yaml'));
    const m = r.model!;
    // web-2's member takes web-1's source span, as web[0] and web[1] share one Terraform block.
    const shared = m.members[0]!.$;
    const model: Model = { ...m, members: m.members.map((x, i) => (i === 1 ? { ...x, $: shared } : x)) };
    const onWeb1 = r.findings.filter((f) => f.ruleId === 'ELB101' && f.message.includes('`web-1`'))[0]!;
    const onWeb2 = r.findings.filter((f) => f.ruleId === 'ELB101' && f.message.includes('`web-2`'))[0]!;
    const findings = [onWeb1, { ...onWeb2, span: onWeb1.span }];
    for (const order of [findings, [...findings].reverse()]) {
      const g = buildGraph({ model, findings: order });
      const at = (label: string) => g.nodes.find((n) => n.label[0] === label)!.findings.map((f) => f.message.match(/`(web-\d)`/)![1]);
      assert.deepEqual(at('web-1:8080'), ['web-1']);
      assert.deepEqual(at('web-2:8080'), ['web-2']);
    }
  });

  it('text that is not a configuration: an empty graph, the syntax error unplaced', () => {
    const r = lintYaml('loadbalancers: [\n');
    const g = graphOf(r);
    assert.equal(g.nodes.length, 0);
    assert.equal(g.unplaced.length, r.findings.length);
    assert.ok(g.unplaced.length > 0);
  });
});
