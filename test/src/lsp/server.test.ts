import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers';
import { TestClient, applyLspEdits } from './client';

const exampleFile = path.join(ROOT, 'examples/security-groups.elb.yaml');
const exampleUri = pathToFileURL(exampleFile).href;
const exampleText = fs.readFileSync(exampleFile, 'utf8');
const tmpUri = (name: string) => pathToFileURL(path.join(ROOT, 'test/.tmp', name)).href;

type Pos = { line: number; character: number };
function posOf(text: string, needle: string, delta = 0): Pos {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `needle ${needle}`);
  const before = text.slice(0, i + delta);
  const lines = before.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1]!.length };
}

describe('language server over stdio', () => {
  let c: TestClient;
  before(async () => {
    c = new TestClient();
    const init = await c.initialize('en');
    const caps = (init as { capabilities: Record<string, unknown> }).capabilities;
    for (const k of ['hoverProvider', 'completionProvider', 'codeActionProvider', 'definitionProvider', 'referencesProvider', 'documentSymbolProvider']) assert.ok(caps[k], k);
  });
  after(() => c.close());

  test('diagnostics on open carry rule ID, link, source and related locations', async () => {
    await c.open(exampleUri, exampleText);
    const p = await c.waitDiagnostics(exampleUri);
    const d = p.diagnostics.find((x) => x.code === 'ELB101');
    assert.ok(d, JSON.stringify(p.diagnostics));
    assert.equal(d.source, 'elb-lint');
    assert.match(d.codeDescription!.href, /ELB101\.md$/);
    assert.ok((d.relatedInformation ?? []).length > 0);
    assert.match(d.message, /FAQ/);
    assert.equal(p.version, 1);
  });

  test('hover explains keys from the schema, references by their target, and findings', async () => {
    const key = await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: exampleUri }, position: posOf(exampleText, 'lb_algorithm: ROUND_ROBIN', 2) });
    assert.match(key.contents.value, /lb_algorithm/);
    assert.match(key.contents.value, /ROUND_ROBIN/);
    const ref = await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: exampleUri }, position: posOf(exampleText, 'server: web-1', 9) });
    assert.match(ref.contents.value, /web-1/);
    assert.match(ref.contents.value, /192\.168\.10\.11/);
    assert.match(ref.contents.value, /ELB101/);
    assert.match(ref.contents.value, /Quick fix/);
  });

  test('completion offers keys at the cursor and enum values', async () => {
    const uri = tmpUri('complete.elb.yaml');
    const text = 'version: 1\nloadbalancers:\n  - name: lb\n    type: \n    listeners:\n      - name: l\n        prot\n';
    await c.open(uri, text);
    await c.waitDiagnostics(uri);
    const values = await c.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri }, position: { line: 3, character: 10 } });
    assert.deepEqual(values.map((i) => i.label).sort(), ['dedicated', 'shared']);
    const keys = await c.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri }, position: { line: 6, character: 12 } });
    const labels = keys.map((i) => i.label);
    assert.ok(labels.includes('protocol') && labels.includes('protocol_port') && labels.includes('default_pool'), labels.join(','));
    assert.ok(!labels.includes('name'), 'existing keys are not offered again');
  });

  test('completion offers the names of defined objects where a reference is expected', async () => {
    const uri = tmpUri('refs.elb.yaml');
    const text = 'version: 1\nservers:\n  - name: web-1\n  - name: web-2\nloadbalancers:\n  - name: lb\n    pools:\n      - name: p\n        protocol: HTTP\n        members:\n          - server: \n';
    await c.open(uri, text);
    await c.waitDiagnostics(uri);
    const items = await c.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri }, position: { line: 10, character: 20 } });
    assert.deepEqual(items.map((i) => i.label), ['web-1', 'web-2']);
  });

  test('pool names come from the enclosing load balancer; snippets only where their keys belong', async () => {
    const uri = tmpUri('scoped.elb.yaml');
    const text = 'version: 1\nloadbalancers:\n  - 42\n  - name: lb2\n    pools: [{name: other, protocol: HTTP}]\n  - name: lb\n    pools: [{name: mine, protocol: HTTP}]\n    listeners:\n      - name: l\n        default_pool: \n        l7policies:\n          - name: p\n            ru\n';
    await c.open(uri, text);
    await c.waitDiagnostics(uri);
    const pools = await c.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri }, position: { line: 9, character: 22 } });
    assert.deepEqual(pools.map((i) => i.label), ['mine']);
    const keys = await c.request<{ label: string; insertText?: string }[]>('textDocument/completion', { textDocument: { uri }, position: { line: 12, character: 14 } });
    const rules = keys.find((i) => i.label === 'rules');
    assert.ok(rules, keys.map((i) => i.label).join(','));
    assert.ok(!/remote_ip_prefix/.test(rules.insertText ?? ''), 'no security-group snippet in a forwarding policy');
  });

  test('a quick fix applied through its workspace edit clears the diagnostic', async () => {
    const uri = tmpUri('fix.elb.yaml');
    await c.open(uri, exampleText);
    const p = await c.waitDiagnostics(uri);
    const d = p.diagnostics.find((x) => x.code === 'ELB105')!;
    const actions = await c.request<{ title: string; isPreferred?: boolean; edit?: { changes: Record<string, never[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    });
    const fix = actions.find((a) => a.isPreferred)!;
    assert.match(fix.title, /ICMP/);
    const fixed = applyLspEdits(exampleText, fix.edit!.changes[uri]!);
    await c.change(uri, 2, [{ text: fixed }]);
    const after = await c.waitDiagnostics(uri, (x) => x.version === 2);
    assert.ok(!after.diagnostics.some((x) => x.code === 'ELB105'));
    assert.ok(fixed.includes('# Syslog collector'), 'comments survive');
    assert.ok(actions.some((a) => a.title.startsWith('Disable ELB105 for this line')));
  });

  test('source.fixAll fixes every fixable finding in one edit', async () => {
    const uri = tmpUri('fixall.elb.yaml');
    await c.open(uri, exampleText);
    await c.waitDiagnostics(uri);
    const actions = await c.request<{ kind: string; edit: { changes: Record<string, never[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.elb-lint'] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.kind, 'source.fixAll.elb-lint');
    const fixed = applyLspEdits(exampleText, actions[0]!.edit.changes[uri]!);
    await c.change(uri, 2, [{ text: fixed }]);
    const after = await c.waitDiagnostics(uri, (x) => x.version === 2);
    assert.deepEqual(after.diagnostics.filter((x) => x.severity === 1).map((x) => x.code), []);
  });

  test('incremental edits re-lint; the last version wins after 50 rapid edits', async () => {
    const uri = tmpUri('rapid.elb.yaml');
    await c.open(uri, exampleText);
    await c.waitDiagnostics(uri);
    let text = exampleText;
    const at = posOf(text, 'url_path: /healthz', 'url_path: '.length);
    for (let v = 2; v <= 51; v++) {
      const insert = v % 2 === 0 ? 'x' : '';
      // toggle the first char of the path between "/" and "x/"
      if (insert) {
        await c.change(uri, v, [{ range: { start: at, end: at }, text: 'x' }]);
        text = text.slice(0, text.indexOf('/healthz')) + 'x' + text.slice(text.indexOf('/healthz'));
      } else {
        await c.change(uri, v, [{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' }]);
        text = text.replace('x/healthz', '/healthz');
      }
    }
    const last = await c.waitDiagnostics(uri, (x) => x.version === 51);
    assert.equal(last.version, 51);
    assert.ok(last.diagnostics.some((x) => x.code === 'ELB101'));
  });

  test('definition, references and the outline', async () => {
    const def = await c.request<{ range: { start: Pos } }>('textDocument/definition', { textDocument: { uri: exampleUri }, position: posOf(exampleText, 'default_pool: web-pool', 16) });
    assert.equal(def.range.start.line, posOf(exampleText, 'name: web-pool').line);
    const refs = await c.request<unknown[]>('textDocument/references', { textDocument: { uri: exampleUri }, position: posOf(exampleText, 'name: sg-web', 7), context: { includeDeclaration: true } });
    assert.equal(refs.length, 3);
    const syms = await c.request<{ name: string; children?: { name: string }[] }[]>('textDocument/documentSymbol', { textDocument: { uri: exampleUri } });
    const lb = syms.find((s) => s.name === 'shop-lb')!;
    assert.deepEqual(lb.children!.map((x) => x.name), ['http-80', 'syslog-514', 'web-pool', 'syslog-pool']);
  });

  test('abuse: broken YAML, a 10 MB document, unknown documents, malformed requests', async () => {
    const broken = tmpUri('broken.elb.yaml');
    await c.open(broken, 'version: 1\nloadbalancers: [\n');
    const b = await c.waitDiagnostics(broken);
    assert.ok(b.diagnostics.some((x) => x.code === 'ELB001'));
    const big = tmpUri('big.elb.yaml');
    await c.open(big, 'version: 1\n' + '# padding\n'.repeat(1_100_000));
    const g = await c.waitDiagnostics(big, () => true, 30_000);
    assert.ok(g.diagnostics.some((x) => x.code === 'ELB001' && /MB/.test(x.message)));
    await c.change(tmpUri('never-opened.elb.yaml'), 2, [{ text: 'x' }]);
    await assert.rejects(c.request('textDocument/hover', { textDocument: { uri: tmpUri('never-opened.elb.yaml') }, position: { line: 0, character: 0 } }));
    await assert.rejects(c.request('textDocument/hover', { nonsense: true }));
    await assert.rejects(c.request('elb/unknownMethod', {}));
    // still serving
    const h = await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: exampleUri }, position: posOf(exampleText, 'protocol: HTTP', 2) });
    assert.ok(h && /protocol/.test(h.contents.value));
  });

  test('files that are not ELB configurations are left alone', async () => {
    const uri = tmpUri('docker-compose.yaml');
    await c.open(uri, 'services:\n  web: {image: nginx}\n');
    const p = await c.waitDiagnostics(uri);
    assert.deepEqual(p.diagnostics, []);
  });
});

describe('language server and .elb-lint.yaml files globs', () => {
  test('a YAML file matched by files: in .elb-lint.yaml is linted; others are not', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'elb-lint-files-'));
    fs.writeFileSync(path.join(dir, '.elb-lint.yaml'), 'root: true\nfiles: ["lb/*.yaml"]\n');
    const c = new TestClient();
    try {
      await c.initialize('en');
      const ours = pathToFileURL(path.join(dir, 'lb', 'prod.yaml')).href;
      const theirs = pathToFileURL(path.join(dir, 'k8s', 'deploy.yaml')).href;
      await c.open(ours, exampleText);
      await c.open(theirs, exampleText);
      const p = await c.waitDiagnostics(ours, (x) => x.diagnostics.length > 0);
      assert.ok(p.diagnostics.some((d) => d.code === 'ELB101'));
      assert.deepEqual((await c.waitDiagnostics(theirs)).diagnostics, []);
    } finally {
      await c.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('language server settings and locale', () => {
  test('the editor locale zh-cn gives Chinese messages; elbLint.rules turns a rule off', async () => {
    const c = new TestClient();
    try {
      c.settings = { locale: 'auto', rules: { ELB102: 'off' } };
      await c.initialize('zh-cn');
      await c.open(exampleUri, exampleText);
      const p = await c.waitDiagnostics(exampleUri, (x) => x.diagnostics.length > 0 && !x.diagnostics.some((d) => d.code === 'ELB102'));
      const d = p.diagnostics.find((x) => x.code === 'ELB101')!;
      assert.match(d.message, /健康检查/);
    } finally {
      await c.close();
    }
  });

  test('elbLint.locale overrides the editor language', async () => {
    const c = new TestClient();
    try {
      c.settings = { locale: 'en' };
      await c.initialize('zh-cn');
      await c.open(exampleUri, exampleText);
      const p = await c.waitDiagnostics(exampleUri, (x) => x.diagnostics.some((d) => /Health checks/.test(d.message)));
      assert.ok(p.diagnostics.length > 0);
    } finally {
      await c.close();
    }
  });
});
