import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers';
import { TestClient, applyLspEdits } from '../lsp/client';
import { kubernetesCompletions, kubernetesHover } from '../../../server/out/engine/adapters/kubernetes/editor';

const tmpUri = (name: string) => pathToFileURL(path.join(ROOT, 'test/.tmp', name)).href;
const fixture = (name: string) => fs.readFileSync(path.join(ROOT, 'test/fixtures/kubernetes', name), 'utf8');

function posOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `needle ${needle}`);
  const lines = text.slice(0, i + delta).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1]!.length };
}

describe('Kubernetes in the editor (engine)', () => {
  const text = fixture('pass-clean-cce.yaml');
  test('hover on an annotation key explains it, with its values', () => {
    const h = kubernetesHover(text, text.indexOf('kubernetes.io/elb.lb-algorithm') + 20, 'en')!;
    assert.match(h.markdown, /ROUND_ROBIN/);
    assert.match(h.markdown, /FAQ 7\.1/);
    assert.equal(text.slice(h.span.start, h.span.end), 'kubernetes.io/elb.lb-algorithm');
    assert.match(kubernetesHover(text, text.indexOf('kubernetes.io/elb.lb-algorithm') + 20, 'zh-cn')!.markdown, /分配策略/);
  });
  test('hover inside JSON names the key under the cursor', () => {
    const h = kubernetesHover(text, text.indexOf('"max_retries"') + 3, 'en')!;
    assert.match(h.markdown, /max_retries/);
    assert.match(h.markdown, /1–10/);
  });
  test('completion offers annotation keys of the dialect, and values', () => {
    const at = text.indexOf('    kubernetes.io/elb.transparent-client-ip');
    const edited = text.slice(0, at) + '    kubernetes.io/elb.keep\n' + text.slice(at);
    const keys = kubernetesCompletions(edited, at + '    kubernetes.io/elb.keep'.length, 'en').map((c) => c.label);
    assert.ok(keys.includes('kubernetes.io/elb.keepalive_timeout'), keys.join(','));
    assert.ok(!keys.includes('kubernetes.io/elb.idle-timeout'), 'not the other dialect');
    const v = text.indexOf('kubernetes.io/elb.lb-algorithm: ') + 'kubernetes.io/elb.lb-algorithm: '.length;
    const values = kubernetesCompletions(text.slice(0, v) + '\n' + text.slice(v + 'LEAST_CONNECTIONS'.length), v, 'en').map((c) => c.label);
    assert.deepEqual(values, ['ROUND_ROBIN', 'LEAST_CONNECTIONS', 'SOURCE_IP']);
  });
});

describe('Kubernetes in the editor (language server)', () => {
  let c: TestClient;
  before(async () => {
    c = new TestClient();
    await c.initialize('en');
  });
  after(() => c.close());

  test('diagnostics, hover and a quick fix on a Service manifest', async () => {
    const uri = tmpUri('checkout-svc.yaml');
    const text = fixture('fire-source-ip-affinity.yaml');
    await c.open(uri, text);
    const p = await c.waitDiagnostics(uri, (x) => x.diagnostics.length > 0);
    assert.deepEqual(p.diagnostics.map((d) => d.code), ['ELB401']);
    const hover = await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: posOf(text, 'kubernetes.io/elb.session-affinity-mode', 5) });
    assert.match(hover.contents.value, /session-affinity-mode/);
    assert.match(hover.contents.value, /ELB401/);
    const d = p.diagnostics[0]!;
    const actions = await c.request<{ title: string; edit?: { changes?: Record<string, { range: unknown; newText: string }[]> } }[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const fix = actions.find((a) => a.edit?.changes?.[uri]);
    assert.ok(fix, JSON.stringify(actions));
    const fixed = applyLspEdits(text, fix!.edit!.changes![uri]! as never);
    assert.doesNotMatch(fixed, /session-affinity/);
  });

  test('completion of annotation keys in a manifest', async () => {
    const uri = tmpUri('web-svc.yaml');
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n    kubernetes.io/elb.class: union\n    kubernetes.io/elb.health\nspec:\n  type: LoadBalancer\n  ports:\n    - port: 80\n';
    await c.open(uri, text);
    await c.waitDiagnostics(uri);
    const items = await c.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri }, position: { line: 6, character: 28 } });
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('kubernetes.io/elb.health-check-option') && labels.includes('kubernetes.io/elb.health-check-flag'), labels.join(','));
  });
});
