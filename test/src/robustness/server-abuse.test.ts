import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { ROOT } from '../helpers';
import { TestClient, type PublishParams } from '../lsp/client';
import { lintText } from '../../../server/out/engine/lint';

/**
 * The language server under abuse, over stdio as an editor runs it, with a test-only entry that
 * adds a rule throwing on load balancers named `boom` (server-entry.ts).
 */
const ENTRY = path.join(__dirname, 'server-entry.js');
const exampleFile = path.join(ROOT, 'examples/security-groups.elb.yaml');
const exampleText = fs.readFileSync(exampleFile, 'utf8');
const uri = (name: string) => pathToFileURL(path.join(ROOT, 'test/.tmp/abuse', name)).href;
const fsPathOf = (u: string) => new URL(u).pathname;

/** The messages the engine gives for a text (what the server must publish). */
function expected(u: string, text: string): string[] {
  return lintText(text, { path: fsPathOf(u) }).findings.map((f) => `${f.ruleId} ${f.message}`).sort();
}
const got = (p: PublishParams) => p.diagnostics.map((d) => `${d.code} ${d.message}`).sort();

describe('language server under abuse', () => {
  let c: TestClient;
  before(async () => {
    c = new TestClient({ script: ENTRY });
    await c.initialize('en', false);
  });
  after(() => c.close());

  test('a rule that throws becomes one internal diagnostic; the other rules still run; the server keeps serving', async () => {
    const u = uri('boom.elb.yaml');
    const text = exampleText.replace(/(loadbalancers:\s*\n\s*- name: )[\w-]+/, '$1boom');
    assert.notEqual(text, exampleText, 'a load balancer renamed boom');
    await c.open(u, text);
    const p = await c.waitDiagnostics(u);
    const internal = p.diagnostics.filter((d) => d.code === 'ELB090');
    assert.equal(internal.length, 1, JSON.stringify(p.diagnostics.map((d) => d.code)));
    assert.match(internal[0]!.message, /ELB999.*injected failure/);
    assert.ok(p.diagnostics.some((d) => d.code === 'ELB101'), 'the other rules still report');
    assert.ok(!/\n\s+at /.test(internal[0]!.message), 'no stack trace in the diagnostic');
    const hover = await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: u }, position: { line: 1, character: 2 } });
    assert.ok(hover !== undefined, 'hover still answers');
    // Renamed back: the failure goes away, nothing else changes.
    await c.change(u, 2, [{ text: exampleText }]);
    const q = await c.waitDiagnostics(u, (x) => x.version === 2);
    assert.ok(!q.diagnostics.some((d) => d.code === 'ELB090'));
    assert.deepEqual(got(q), expected(u, exampleText));
    assert.ok(!c.proc.killed && c.proc.exitCode === null, 'server alive');
  });

  test('100 documents opened at once all get their own diagnostics', async () => {
    const docs = Array.from({ length: 100 }, (_, i) => {
      const text = exampleText.replace(/port_range_min: (\d+)/, (_m, n: string) => `port_range_min: ${Number(n) + (i % 7)}`) + `\n# document ${i}\n`;
      return { u: uri(`many-${i}.elb.yaml`), text };
    });
    const t0 = performance.now();
    await Promise.all(docs.map((d) => c.open(d.u, d.text)));
    const published = await Promise.all(docs.map((d) => c.waitDiagnostics(d.u, () => true, 60_000)));
    const ms = performance.now() - t0;
    docs.forEach((d, i) => assert.deepEqual(got(published[i]!), expected(d.u, d.text), d.u));
    console.log(`# 100 documents opened at once: all diagnostics in ${ms.toFixed(0)} ms`);
    for (const d of docs) await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri: d.u } });
  });

  test('1,000 changes within a second: the last version wins and only it is published', async () => {
    const u = uri('typing.elb.yaml');
    await c.open(u, exampleText);
    await c.waitDiagnostics(u);
    const versions: number[] = [];
    c.onPublish = (p: PublishParams) => {
      if (p.uri === u && p.version !== undefined) versions.push(p.version);
    };
    let text = exampleText;
    const at = text.indexOf('\n') + 1;
    const t0 = performance.now();
    for (let v = 2; v <= 1001; v++) {
      // Type a comment line one character at a time, at the start of line 2.
      const ch = v % 40 === 0 ? '\n' : v % 40 === 1 ? '#' : 'x';
      const off = at + (v - 2);
      const line = text.slice(0, off).split('\n').length - 1;
      const character = off - (text.lastIndexOf('\n', off - 1) + 1);
      text = text.slice(0, off) + ch + text.slice(off);
      void c.change(u, v, [{ range: { start: { line, character }, end: { line, character } }, text: ch }]);
    }
    const sentMs = performance.now() - t0;
    const p = await c.waitDiagnostics(u, (x) => x.version === 1001, 30_000);
    c.onPublish = undefined;
    assert.ok(sentMs < 1500, `sent in ${sentMs.toFixed(0)} ms`);
    assert.deepEqual(got(p), expected(u, text));
    for (let i = 1; i < versions.length; i++) assert.ok(versions[i]! > versions[i - 1]!, `published versions only increase: ${versions.join(',')}`);
    assert.ok(versions.length < 200, `${versions.length} lints published for 1,000 changes (debounced)`);
  });

  test('cancelled requests are answered as cancelled or completed, and the server goes on', async () => {
    const u = uri('cancel.elb.yaml');
    await c.open(u, exampleText);
    await c.waitDiagnostics(u);
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const src = new CancellationTokenSource();
        const method = ['textDocument/hover', 'textDocument/completion', 'textDocument/codeAction', 'textDocument/documentSymbol'][i % 4]!;
        const params = method === 'textDocument/codeAction' ? { textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } }, context: { diagnostics: [] } } : { textDocument: { uri: u }, position: { line: 5, character: 4 } };
        const pr = c.conn.sendRequest(method, params, src.token);
        src.cancel();
        try {
          await pr;
          return 'done';
        } catch (e) {
          return (e as { code?: number }).code === -32800 ? 'cancelled' : `error ${(e as Error).message}`;
        }
      }),
    );
    assert.deepEqual(outcomes.filter((o) => o !== 'done' && o !== 'cancelled'), []);
    console.log(`# 50 cancelled requests: ${outcomes.filter((o) => o === 'cancelled').length} answered as cancelled, ${outcomes.filter((o) => o === 'done').length} completed first`);
    const h = await c.request<unknown>('textDocument/documentSymbol', { textDocument: { uri: u } });
    assert.ok(Array.isArray(h) && h.length > 0, 'serving after cancellations');
  });
});

describe('language server: a client that goes away', () => {
  test('disconnecting mid-request: the server exits on its own, without a stack trace', async () => {
    const c = new TestClient({ script: ENTRY });
    await c.initialize('en', false);
    const u = uri('gone.elb.yaml');
    await c.open(u, exampleText.repeat(1));
    void c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 50, character: 0 } }, context: { diagnostics: [] } }).catch(() => undefined);
    void c.conn.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line: 3, character: 3 } }).catch(() => undefined);
    // The editor crashes: its end of the pipes closes without shutdown/exit.
    c.conn.dispose();
    c.proc.stdin!.destroy();
    c.proc.stdout!.destroy();
    const code = await new Promise<number | null>((resolve) => {
      const t = setTimeout(() => resolve(-1), 10_000);
      c.proc.on('exit', (n) => (clearTimeout(t), resolve(n)));
    });
    if (code === -1) c.proc.kill('SIGKILL');
    assert.notEqual(code, -1, 'the server exited within 10 s');
    assert.ok(!/\n\s+at .*\(/.test(c.stderr), `no stack trace: ${c.stderr}`);
  });
});

describe('language server memory across 10,000 edits', () => {
  test('no growth of the heap (after GC) across the last 5,000 edits', async () => {
    const c = new TestClient({ script: ENTRY, execArgv: ['--expose-gc'] });
    try {
      await c.initialize('en', false);
      const u = uri('memory.elb.yaml');
      await c.open(u, exampleText);
      await c.waitDiagnostics(u);
      const heap = async (): Promise<number> => {
        const before = c.stderr.length;
        c.proc.kill('SIGUSR2');
        for (let i = 0; i < 200; i++) {
          const m = /HEAP (\d+)\n/.exec(c.stderr.slice(before));
          if (m) return Number(m[1]);
          await new Promise((r) => setTimeout(r, 25));
        }
        throw new Error('no HEAP line from the server');
      };
      const samples: { edit: number; heap: number }[] = [];
      const lines = exampleText.split('\n');
      let v = 1;
      // Edits in bursts of 50 (a lint after each burst), each edit rewriting a comment line.
      for (let burst = 0; burst < 200; burst++) {
        for (let k = 0; k < 50; k++) {
          v++;
          const text = `# edit ${v} ${'y'.repeat(v % 13)}`;
          void c.change(u, v, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: lines[0]!.length } }, text }]);
          lines[0] = text;
        }
        await c.waitDiagnostics(u, (x) => x.version === v, 30_000);
        if ((burst + 1) % 10 === 0) samples.push({ edit: v - 1, heap: await heap() });
      }
      assert.equal(v - 1, 10_000);
      const late = samples.filter((s) => s.edit >= 5_000).map((s) => s.heap);
      // Least-squares slope over the last 5,000 edits, and the spread, in bytes.
      const xs = samples.filter((s) => s.edit >= 5_000).map((s) => s.edit);
      const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
      const my = late.reduce((a, b) => a + b, 0) / late.length;
      const slope = xs.reduce((a, x, i) => a + (x - mx) * (late[i]! - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
      const growth = slope * 5_000;
      console.log(`# memory: heap after GC ${samples.map((s) => (s.heap / 1048576).toFixed(1)).join(', ')} MB; trend over the last 5,000 edits ${(growth / 1024).toFixed(0)} KiB`);
      // A leak of one document's lint per edit would be megabytes; allow noise of 1 MiB.
      assert.ok(growth < 1024 * 1024, `heap grows ${(growth / 1024).toFixed(0)} KiB over 5,000 edits`);
      assert.ok(Math.max(...late) - Math.min(...late) < 4 * 1024 * 1024, 'heap stays within 4 MiB');
    } finally {
      await c.close();
    }
  });
});
