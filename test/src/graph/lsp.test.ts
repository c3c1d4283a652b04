import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers';
import { applyLspEdits, TestClient } from '../lsp/client';

interface Loc {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}
interface Topology {
  uri: string;
  version: number;
  svg: string;
  width: number;
  height: number;
  nodes: { id: string; kind: string; label: string[]; severity?: string; relatedSeverity?: string; location?: Loc; findings: { ruleId: string; message: string; fixes: string[]; location?: Loc }[] }[];
  unplaced: unknown[];
  counts: { errors: number; warnings: number; infos: number };
}

describe('language server: elbLint/topology', { timeout: 120_000 }, () => {
  let c: TestClient;
  const file = path.join(ROOT, 'examples', 'security-groups.elb.yaml');
  const uri = pathToFileURL(file).href;
  const text = fs.readFileSync(file, 'utf8');

  before(async () => {
    c = new TestClient();
    await c.initialize();
  });
  after(() => c.close());

  it('returns the laid-out picture with the findings on their objects and where they are', async () => {
    await c.open(uri, text);
    const t = await c.request<Topology>('elbLint/topology', { textDocument: { uri } });
    assert.equal(t.uri, uri);
    assert.equal(t.version, 1);
    assert.ok(t.width > 0 && t.height > 0);
    assert.match(t.svg, /^<svg /);
    assert.doesNotMatch(t.svg, /<style>|style="/, 'no styles: the webview themes it');
    assert.equal(t.counts.errors, 5);
    const web1 = t.nodes.find((n) => n.label[0] === 'web-1:8080')!;
    assert.equal(web1.severity, 'error');
    assert.match(t.svg, new RegExp(`class="node kind-member sev-error[^"]*" data-id="${web1.id}"`));
    // The node's location is the member's name in the file: `web-1` on its line.
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('{server: web-1, protocol_port: 8080}'));
    assert.equal(web1.location!.uri, uri);
    assert.equal(web1.location!.range.start.line, line);
    const f = web1.findings.find((x) => x.ruleId === 'ELB101')!;
    assert.equal(f.location!.range.start.line, line);
    assert.ok(f.fixes[0]!.startsWith('Allow TCP port 8080 from 100.125.0.0/16'));
    // The fix the view offers is the code action the server gives for that range.
    const actions = await c.request<{ title: string; edit?: { changes: Record<string, never[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: f.location!.range,
      context: { diagnostics: (await c.waitDiagnostics(uri)).diagnostics.filter((d) => d.code === 'ELB101' && d.range.start.line === line) },
    });
    const action = actions.find((a) => a.title === f.fixes[0]);
    assert.ok(action?.edit, `a code action titled ${f.fixes[0]}: ${actions.map((a) => a.title)}`);
    const fixed = applyLspEdits(text, action.edit.changes[uri]!);
    await c.change(uri, 2, [{ text: fixed }]);
    const t2 = await c.request<Topology>('elbLint/topology', { textDocument: { uri } });
    assert.equal(t2.version, 2);
    assert.equal(t2.nodes.find((n) => n.label[0] === 'web-1:8080')!.severity, undefined, 'follows the edit');
  });

  it('every example, YAML and JSON: a picture with every load balancer and the findings the diagnostics show', async () => {
    const dir = path.join(ROOT, 'examples');
    for (const name of fs.readdirSync(dir).filter((f) => /\.elb\.(ya?ml|json)$/.test(f))) {
      const u = pathToFileURL(path.join(dir, name)).href;
      await c.open(u, fs.readFileSync(path.join(dir, name), 'utf8'), name.endsWith('.json') ? 'json' : 'yaml');
      const diags = await c.waitDiagnostics(u);
      const t = await c.request<Topology>('elbLint/topology', { textDocument: { uri: u } });
      assert.ok(t && t.nodes.some((n) => n.kind === 'loadbalancer'), `${name}: no load balancer drawn`);
      // A finding on a server or group drawn once per load balancer shows on each copy: count it once.
      const key = (f: { ruleId: string; message: string; location?: Loc }) => `${f.ruleId} ${JSON.stringify(f.location?.range)} ${f.message}`;
      const shown = new Set([...t.nodes.flatMap((x) => x.findings), ...(t.unplaced as { ruleId: string; message: string; location?: Loc }[])].map(key)).size;
      assert.equal(shown, diags.diagnostics.length, `${name}: findings in the picture vs diagnostics`);
      assert.equal(t.counts.errors, diags.diagnostics.filter((d) => d.severity === 1).length, `${name}: error count`);
    }
  });

  it('a file of an API export: the picture of the whole export, findings of its other files included', async () => {
    const dir = path.join(ROOT, 'examples', 'api', 'voip-export');
    const pools = path.join(dir, 'pools.json');
    const u = pathToFileURL(pools).href;
    await c.open(u, fs.readFileSync(pools, 'utf8'), 'json');
    await c.waitDiagnostics(u);
    const t = await c.request<Topology>('elbLint/topology', { textDocument: { uri: u } });
    assert.ok(t, 'a picture');
    const uris = new Set(t.nodes.flatMap((n) => n.findings.map((f) => f.location?.uri)));
    assert.ok(uris.has(pathToFileURL(path.join(dir, 'members.json')).href), `findings of members.json drawn: ${[...uris]}`);
    const member = t.nodes.find((n) => n.kind === 'member' && n.severity === 'error');
    assert.ok(member, 'a red member');
    assert.equal(member.location!.uri, pathToFileURL(path.join(dir, 'members.json')).href, 'a member reveals in members.json');
  });

  it('null for a document that is not an ELB configuration; an error for an unknown one', async () => {
    const other = pathToFileURL(path.join(ROOT, 'package.json')).href;
    await c.open(other, '{"name": "x"}', 'json');
    assert.equal(await c.request('elbLint/topology', { textDocument: { uri: other } }), null);
    assert.equal(await c.request('elbLint/topology', { textDocument: { uri: 'file:///nowhere.elb.yaml' } }), null);
    await assert.rejects(c.request('elbLint/topology', {}), /textDocument.uri is required/);
  });

  it('50 load balancers: the layout runs in a worker, so hovers answer while it runs', async () => {
    let y = 'version: 1\nvpcs:\n  - {name: vpc-a, cidr: 192.168.0.0/16, subnets: [{name: sn, cidr: 192.168.0.0/20}]}\nservers:\n';
    for (let s = 0; s < 150; s++) y += `  - {name: srv-${s}, subnet: sn, address: 192.168.${s >> 7}.${(s & 127) + 10}}\n`;
    y += 'loadbalancers:\n';
    for (let i = 0; i < 50; i++) {
      y += `  - name: lb-${i}\n    type: shared\n    listeners:\n      - {name: http-${i}, protocol: HTTP, protocol_port: 80, default_pool: web-${i}}\n    pools:\n`;
      y += `      - {name: web-${i}, protocol: HTTP, lb_algorithm: ROUND_ROBIN, healthmonitor: {type: HTTP, delay: 5, timeout: 3, max_retries: 3, url_path: /h}, members: [{server: srv-${3 * i}, protocol_port: 8080}, {server: srv-${3 * i + 1}, protocol_port: 8080}, {server: srv-${3 * i + 2}, protocol_port: 8080}]}\n`;
    }
    const big = pathToFileURL(path.join(ROOT, 'fifty-topology.elb.yaml')).href;
    await c.open(big, y);
    await c.waitDiagnostics(big);
    const order: string[] = [];
    const t0 = Date.now();
    const topo = c.request<Topology>('elbLint/topology', { textDocument: { uri: big } }).then((t) => (order.push('topology'), t));
    const hover = c.request('textDocument/hover', { textDocument: { uri: big }, position: { line: 1, character: 4 } }).then((h) => (order.push('hover'), h));
    const [t] = await Promise.all([topo, hover]);
    console.log(`# topology of 50 load balancers: ${t.nodes.length} nodes in ${Date.now() - t0} ms; answered: ${order.join(', ')}`);
    assert.equal(t.nodes.filter((n) => n.kind === 'loadbalancer').length, 50);
    assert.deepEqual(order, ['hover', 'topology']);
  });

  it('a broken document gives an empty picture, not an error', async () => {
    const broken = pathToFileURL(path.join(ROOT, 'broken-topology.elb.yaml')).href;
    await c.open(broken, 'version: 1\nloadbalancers: [\n');
    const t = await c.request<Topology>('elbLint/topology', { textDocument: { uri: broken } });
    assert.equal(t.nodes.length, 0);
    assert.ok(t.unplaced.length > 0);
  });
});
