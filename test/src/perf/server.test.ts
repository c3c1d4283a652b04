import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { lintText } from '../../../server/out/engine/lint';
import { ROOT } from '../helpers';
import { TestClient, type PublishParams } from '../lsp/client';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generate } = require(path.join(ROOT, 'bench', 'generate.js')) as { generate: (o: { lines: number; seed: number }) => { text: string } };

const uriOf = (name: string) => pathToFileURL(path.join(ROOT, 'test', 'out', 'perf', name)).href;

function posOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle) + delta;
  assert.ok(at >= delta, needle);
  const before = text.slice(0, at);
  return { line: before.split('\n').length - 1, character: at - before.lastIndexOf('\n') - 1 };
}

type Diag = PublishParams['diagnostics'][number];
const key = (d: Diag) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`;

/** A client whose server puts documents of at least `minChars` characters on its lint worker. */
function client(minChars: number | undefined): TestClient {
  const saved = process.env.ELB_LINT_WORKER_MIN_CHARS;
  if (minChars === undefined) delete process.env.ELB_LINT_WORKER_MIN_CHARS;
  else process.env.ELB_LINT_WORKER_MIN_CHARS = String(minChars);
  try {
    return new TestClient();
  } finally {
    if (saved === undefined) delete process.env.ELB_LINT_WORKER_MIN_CHARS;
    else process.env.ELB_LINT_WORKER_MIN_CHARS = saved;
  }
}

test('a document linted on the worker thread gets the diagnostics, hovers, fixes and symbols of the main thread', async () => {
  const text = generate({ lines: 1500, seed: 4 }).text;
  const uri = uriOf('worker-same.elb.yaml');
  const answers: unknown[][] = [];
  for (const minChars of [0, Infinity]) {
    const c = client(minChars === Infinity ? 1e12 : minChars);
    try {
      await c.initialize();
      await c.open(uri, text);
      const d = await c.waitDiagnostics(uri, () => true, 60_000);
      // Edit, then ask at once (the worker gets the new version before the question).
      const at = posOf(text, 'description: "', 'description: "'.length);
      await c.change(uri, 2, [{ range: { start: at, end: at }, text: 'x' }]);
      const d2 = await c.waitDiagnostics(uri, (p) => p.version === 2, 60_000);
      const hover = await c.request('textDocument/hover', { textDocument: { uri }, position: posOf(text, 'lb_algorithm:', 2) });
      const ref = await c.request('textDocument/hover', { textDocument: { uri }, position: posOf(text, 'server: ', 9) });
      const withFix = d2.diagnostics.find((x) => x.code === 'ELB002' || x.code === 'ELB003') ?? d2.diagnostics[0]!;
      const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: withFix.range, context: { diagnostics: [withFix] } });
      const symbols = await c.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
      const def = await c.request('textDocument/definition', { textDocument: { uri }, position: posOf(text, 'default_pool: ', 15) });
      const completion = await c.request('textDocument/completion', { textDocument: { uri }, position: posOf(text, 'lb_algorithm: ', 14) });
      answers.push([d.diagnostics.map(key), d2.diagnostics.map(key), hover, ref, actions, symbols, def, completion]);
      assert.ok(d.diagnostics.length > 0);
      assert.ok(hover && ref && symbols.length);
    } finally {
      await c.close();
    }
  }
  const [w, m] = answers;
  const names = ['diagnostics', 'diagnostics after an edit', 'hover on a key', 'hover on a reference', 'code actions', 'symbols', 'definition', 'completion'];
  names.forEach((n, i) => assert.deepEqual(w![i], m![i], n));
  // And both equal a plain lint of the text.
  const expected = lintText(text, { path: path.join(ROOT, 'test', 'out', 'perf', 'worker-same.elb.yaml') }).findings.length;
  assert.equal((w![0] as string[]).length, expected);
});

test('while a large document lints, hovers on it answer at once and other documents are served in full', async () => {
  const big = generate({ lines: 30000, seed: 2 }).text; // ~1.5 MB: seconds to lint on a busy machine
  const small = 'version: 1\nregion: cn-north-4\nloadbalancers:\n  - name: lb\n    pools:\n      - {name: p, protocol: HTTP, lb_algorithm: ROUND_ROBIN}\n';
  const c = client(undefined);
  try {
    await c.initialize();
    const smallUri = uriOf('small.elb.yaml');
    await c.open(smallUri, small);
    await c.waitDiagnostics(smallUri);
    const bigUri = uriOf('big.elb.yaml');
    let linted = false;
    const done = c.waitDiagnostics(bigUri, () => true, 120_000).then(() => (linted = true));
    await c.open(bigUri, big);
    const t0 = performance.now();
    const onBig = await c.request('textDocument/hover', { textDocument: { uri: bigUri }, position: posOf(big, 'lb_algorithm:', 2) });
    const onSmall = await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: smallUri }, position: posOf(small, 'lb_algorithm:', 2) });
    const ms = performance.now() - t0;
    assert.equal(linted, false, 'the hovers came back before the lint of the large document');
    assert.equal(onBig, null);
    assert.match(onSmall!.contents.value, /lb_algorithm/);
    await done;
    // Once the worker is idle (the settings pulled at start-up may have queued one more lint), the
    // large document's hovers have their content.
    let after: { contents: { value: string } } | null = null;
    for (let i = 0; i < 600 && !after; i++) {
      after = await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: bigUri }, position: posOf(big, 'lb_algorithm:', 2) });
      if (!after) await new Promise((r) => setTimeout(r, 200));
    }
    assert.match(after!.contents.value, /lb_algorithm/);
    assert.ok(ms < 60_000);
  } finally {
    await c.close();
  }
});

test('results evicted from memory are linted again: diagnostics, hovers and fixes stay right', async () => {
  const c = client(undefined);
  try {
    await c.initialize();
    const texts: string[] = [];
    for (let i = 0; i < 20; i++) {
      const text = generate({ lines: 120, seed: 100 + i }).text + `broken_key_${i}: 1\n`;
      texts.push(text);
      await c.open(uriOf(`evict-${i}.elb.yaml`), text);
    }
    for (let i = 0; i < 20; i++) await c.waitDiagnostics(uriOf(`evict-${i}.elb.yaml`), () => true, 60_000);
    // The first documents' results were evicted (only the last few are kept); ask about them.
    for (const i of [0, 1, 2]) {
      const uri = uriOf(`evict-${i}.elb.yaml`);
      const text = texts[i]!;
      const diags = c.diagnostics.get(uri)!.diagnostics;
      const expected = lintText(text, { path: path.join(ROOT, 'test', 'out', 'perf', `evict-${i}.elb.yaml`) }).findings;
      assert.equal(diags.length, expected.length);
      const bad = diags.find((d) => d.code === 'ELB002' && d.message.includes(`broken_key_${i}`))!;
      assert.ok(bad, JSON.stringify(diags.map((d) => d.message)));
      const hover = await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: bad.range.start });
      assert.ok(hover);
      const actions = await c.request<{ title: string }[]>('textDocument/codeAction', { textDocument: { uri }, range: bad.range, context: { diagnostics: [bad] } });
      assert.ok(actions.length > 0);
      // An edit of an evicted document: diagnostics of the new text.
      const end = posOf(text, `broken_key_${i}`);
      await c.change(uri, 2, [{ range: { start: end, end: { line: end.line, character: end.character + `broken_key_${i}: 1`.length } }, text: '' }]);
      const d2 = await c.waitDiagnostics(uri, (p) => p.version === 2, 60_000);
      assert.equal(d2.diagnostics.length, expected.length - 1);
    }
  } finally {
    await c.close();
  }
});
