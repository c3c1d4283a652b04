import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildGraph } from '../../../server/out/engine/graph/build';
import { layoutGraph } from '../../../server/out/engine/graph/layout';
import { renderSvg } from '../../../server/out/engine/graph/svg';
import type { PositionedGraph } from '../../../server/out/engine/graph/types';
import { lintFile, lintYaml, ROOT } from '../helpers';
import { run } from '../cli/run';
import { countColor, decodePng } from './png';

const EXAMPLES = path.join(ROOT, 'examples');
const examples = fs.readdirSync(EXAMPLES).filter((f) => /\.elb\.(ya?ml|json)$/.test(f)).sort();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'elb-lint-graph-'));

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}
/** rsvg-convert comes from Debian's librsvg2-bin (test/e2e/install-system-deps.sh); CI must have it. */
const RSVG = has('rsvg-convert');
const rsvgSkip = RSVG ? false : process.env.CI === 'true' ? false : 'rsvg-convert not installed (apt-get install librsvg2-bin)';

/** Rasterise an SVG with librsvg; returns the decoded PNG. */
function rasterise(svg: string, name: string) {
  const src = path.join(tmp, `${name}.svg`);
  const png = path.join(tmp, `${name}.png`);
  fs.writeFileSync(src, svg);
  const r = spawnSync('rsvg-convert', ['-f', 'png', '-o', png, src], { encoding: 'utf8' });
  assert.equal(r.status, 0, `rsvg-convert failed: ${r.stderr}`);
  return decodePng(fs.readFileSync(png));
}

const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function checkLayout(g: PositionedGraph, name: string): void {
  assert.ok(g.width > 0 && g.height > 0, `${name}: size`);
  for (const n of g.nodes) {
    assert.ok(Number.isFinite(n.x) && Number.isFinite(n.y) && n.width > 0 && n.height > 0, `${name}: ${n.id} placed`);
    assert.ok(n.x >= 0 && n.y >= 0 && n.x + n.width <= g.width + 0.5 && n.y + n.height <= g.height + 0.5, `${name}: ${n.id} inside the picture`);
  }
  for (let i = 0; i < g.nodes.length; i++) {
    for (let j = i + 1; j < g.nodes.length; j++) assert.ok(!overlap(g.nodes[i]!, g.nodes[j]!), `${name}: ${g.nodes[i]!.id} overlaps ${g.nodes[j]!.id}`);
  }
  for (const e of g.edges) assert.ok(e.points.length >= 2, `${name}: edge ${e.id} routed`);
}

describe('topology layout (elkjs) and SVG', () => {
  for (const file of examples) {
    it(`${file}: laid out without overlaps, left to right`, async () => {
      const r = lintFile(path.join(EXAMPLES, file));
      const g = await layoutGraph(buildGraph({ model: r.model, findings: r.findings }));
      checkLayout(g, file);
      // Left to right: every load balancer lies left of its listeners, every pool left of its members.
      const at = new Map(g.nodes.map((n) => [n.id, n]));
      for (const e of g.edges.filter((x) => x.kind === 'listener' || x.kind === 'member')) {
        assert.ok(at.get(e.source)!.x < at.get(e.target)!.x, `${file}: ${e.source} left of ${e.target}`);
      }
    });
  }

  it('the SVG is well formed and carries no script, style attribute or external reference', async () => {
    const r = lintFile(path.join(EXAMPLES, 'security-groups.elb.yaml'));
    const g = await layoutGraph(buildGraph({ model: r.model, findings: r.findings }));
    for (const theme of ['light', 'none'] as const) {
      const svg = renderSvg(g, { theme, title: 'a <b> & "c"' });
      assert.doesNotMatch(svg, /<script|\sstyle="|href=|url\((?!#)/i);
      assert.match(svg, /<title>a &lt;b&gt; &amp; &quot;c&quot;<\/title>/);
      assert.equal((svg.match(/<g class="node /g) ?? []).length, g.nodes.length);
      assert.equal((svg.match(/class="node [^"]*sev-error/g) ?? []).length, g.nodes.filter((n) => n.severity === 'error').length);
      assert.equal((svg.match(/class="edge [^"]*status-blocked/g) ?? []).length, g.edges.filter((e) => e.status === 'blocked').length);
      assert.equal(svg.includes('<style>'), theme === 'light');
    }
  });

  it('rasterised with librsvg: the size of the picture, red where the errors are', { skip: rsvgSkip }, async () => {
    const r = lintFile(path.join(EXAMPLES, 'security-groups.elb.yaml'));
    const g = await layoutGraph(buildGraph({ model: r.model, findings: r.findings }));
    const img = rasterise(renderSvg(g, { theme: 'light' }), 'security-groups');
    assert.equal(img.width, Math.max(g.width, 120));
    assert.equal(img.height, Math.max(g.height, 60));
    assert.ok(img.width >= 400 && img.width <= 4000 && img.height >= 100 && img.height <= 3000, `sane size: ${img.width}×${img.height}`);
    // The error outline and fill (#cf222e, #ffebe9) and the light background are really painted.
    assert.ok(countColor(img, [0xcf, 0x22, 0x2e], 30) > 200, 'red outlines and blocked edges');
    assert.ok(countColor(img, [0xff, 0xeb, 0xe9], 6) > 1000, 'red node fill');
    assert.ok(countColor(img, [0xff, 0xff, 0xff], 0) > img.width * img.height * 0.4, 'mostly background');
    // The clean example has no red at all.
    const clean = lintFile(path.join(EXAMPLES, 'clean.elb.yaml'));
    const cimg = rasterise(renderSvg(await layoutGraph(buildGraph({ model: clean.model, findings: clean.findings })), { theme: 'light' }), 'clean');
    assert.equal(countColor(cimg, [0xff, 0xeb, 0xe9], 6), 0);
  });

  it('50 load balancers: laid out side by side within seconds, readable', { timeout: 120_000 }, async () => {
    let y = 'version: 1\nvpcs:\n  - {name: vpc-a, cidr: 192.168.0.0/16, subnets: [{name: sn, cidr: 192.168.0.0/20}]}\nsecurity_groups:\n';
    for (let i = 0; i < 5; i++) y += `  - name: sg-${i}\n    rules: [{direction: ingress, protocol: tcp, port_range_min: 8080, port_range_max: 8080, remote_ip_prefix: 100.125.0.0/16}]\n`;
    y += 'servers:\n';
    for (let s = 0; s < 150; s++) y += `  - {name: srv-${s}, subnet: sn, address: 192.168.${s >> 7}.${(s & 127) + 10}, security_groups: [sg-${s % 5}]}\n`;
    y += 'loadbalancers:\n';
    for (let i = 0; i < 50; i++) {
      y += `  - name: lb-${i}\n    type: shared\n    vip_subnet: sn\n    listeners:\n      - {name: http-${i}, protocol: HTTP, protocol_port: 80, default_pool: web-${i}}\n      - {name: tcp-${i}, protocol: TCP, protocol_port: 9000, default_pool: tcp-${i}}\n    pools:\n`;
      y += `      - {name: web-${i}, protocol: HTTP, lb_algorithm: ROUND_ROBIN, healthmonitor: {type: HTTP, delay: 5, timeout: 3, max_retries: 3, url_path: /h}, members: [{server: srv-${3 * i}, protocol_port: 8080}, {server: srv-${3 * i + 1}, protocol_port: 8080}]}\n`;
      y += `      - {name: tcp-${i}, protocol: TCP, lb_algorithm: SOURCE_IP, healthmonitor: {type: TCP, delay: 5, timeout: 3, max_retries: 3}, members: [{server: srv-${3 * i + 2}, protocol_port: 9000}]}\n`;
    }
    const r = lintYaml(y);
    const graph = buildGraph({ model: r.model, findings: r.findings });
    assert.equal(graph.nodes.filter((n) => n.kind === 'loadbalancer').length, 50);
    const t0 = Date.now();
    const g = await layoutGraph(graph);
    const ms = Date.now() - t0;
    console.log(`# 50 load balancers: ${g.nodes.length} nodes, ${g.edges.length} edges laid out in ${ms} ms, ${g.width}×${g.height}`);
    checkLayout(g, '50 lbs');
    // Packed as a grid of pictures rather than one tall column: neither side more than 4× the other.
    assert.ok(g.width / g.height < 4 && g.height / g.width < 4, `aspect ${g.width}×${g.height}`);
    assert.ok(ms < 60_000, `layout took ${ms} ms`);
  });
});

describe('elb-lint graph', () => {
  const file = path.join(EXAMPLES, 'security-groups.elb.yaml');

  it('--format svg (default) writes a picture that librsvg renders', { skip: rsvgSkip }, () => {
    const out = path.join(tmp, 'cli.svg');
    const r = run(['graph', file, '-o', out], ROOT);
    assert.equal(r.code, 0, r.stderr);
    const svg = fs.readFileSync(out, 'utf8');
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svg, /sev-error/);
    const img = rasterise(svg, 'cli');
    assert.ok(img.width > 400 && img.height > 100);
  });

  it('--format dot: Graphviz accepts it (when installed)', () => {
    const r = run(['graph', file, '--format', 'dot'], ROOT);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^digraph "security-groups.elb.yaml" \{\n {2}rankdir=LR;/);
    assert.match(r.stdout, /"member0" \[label="web-1:8080", tooltip="web-1:8080\\nerror ELB101: [^"]*", color="#cf222e"/);
    assert.match(r.stdout, /"source0" -> "member0" \[label="TCP 8080", color="#cf222e"/);
    if (has('dot')) {
      const d = spawnSync('dot', ['-Tsvg'], { input: r.stdout, encoding: 'utf8' });
      assert.equal(d.status, 0, d.stderr);
      assert.match(d.stdout, /<svg/);
    }
  });

  it('--format mermaid: a flowchart with the error class on the red nodes', () => {
    const r = run(['graph', file, '--format', 'mermaid'], ROOT);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'flowchart LR');
    assert.ok(lines.includes('  class n_member0 error'));
    assert.ok(lines.includes('  n_source0 -.->|"TCP 8080"| n_member0'));
    // Labels never break Mermaid's syntax: no raw brackets, quotes or pipes inside a node label.
    for (const l of lines.filter((x) => /^\s+n_\w+(\[\[?|\(\[)"/.test(x))) {
      const inner = /"(.*)"/.exec(l)![1]!;
      assert.doesNotMatch(inner, /["[\]|]/, l);
    }
  });

  it('-o FILE.dot picks the format from the extension; --locale zh-cn labels in Chinese', () => {
    const out = path.join(tmp, 'cli.dot');
    const r = run(['graph', file, '-o', out, '--locale', 'zh-cn'], ROOT);
    assert.equal(r.code, 0, r.stderr);
    const dot = fs.readFileSync(out, 'utf8');
    assert.match(dot, /^digraph/);
    assert.match(dot, /ELB 源地址段/);
  });

  it('usage and I/O errors exit 2', () => {
    assert.equal(run(['graph'], ROOT).code, 2);
    assert.equal(run(['graph', file, '--format', 'png'], ROOT).code, 2);
    const missing = run(['graph', path.join(tmp, 'nope.elb.yaml')], ROOT);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read/);
    const help = run(['graph', '--help'], ROOT);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--format svg\|dot\|mermaid/);
  });

  it('a file with no load balancer: an empty picture and a note, exit 0', () => {
    const empty = path.join(tmp, 'broken.elb.yaml');
    fs.writeFileSync(empty, 'loadbalancers: [\n');
    const r = run(['graph', empty, '-f', 'mermaid'], ROOT);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /no load balancer could be read/);
    assert.equal(r.stdout.split('\n')[0], 'flowchart LR');
  });
});
