import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers';
import { TestClient, applyLspEdits } from '../lsp/client';

const EXPORT = path.join(ROOT, 'examples', 'api', 'voip-export');
const uriOf = (f: string) => pathToFileURL(path.join(EXPORT, f)).href;
const textOf = (f: string) => fs.readFileSync(path.join(EXPORT, f), 'utf8');

type Action = { title: string; isPreferred?: boolean; edit?: { changes: Record<string, { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]> } };

describe('language server on an API export (VS Code and any LSP client)', () => {
  let c: TestClient;
  before(async () => {
    c = new TestClient();
    await c.initialize('en');
  });
  after(() => c.close());

  test('an opened body gets the same rule IDs as the own format, on the JSON member, with a fix that keeps the layout', async () => {
    const uri = uriOf('pools.json');
    const text = textOf('pools.json');
    await c.open(uri, text, 'json');
    const p = await c.waitDiagnostics(uri);
    const d = p.diagnostics.find((x) => x.code === 'ELB401');
    assert.ok(d, JSON.stringify(p.diagnostics));
    assert.equal(text.split('\n')[d.range.start.line]!.trim(), '"session_persistence": {');
    const actions = await c.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const fix = actions.find((a) => a.isPreferred)!;
    assert.ok(fix, JSON.stringify(actions));
    const fixed = applyLspEdits(text, fix.edit!.changes[uri]!);
    assert.equal(fixed, JSON.stringify(JSON.parse(fixed), null, 2) + '\n');
    assert.ok(!('session_persistence' in JSON.parse(fixed).pools[1]));
    await c.change(uri, 2, [{ text: fixed }]);
    const after = await c.waitDiagnostics(uri, (x) => x.version === 2);
    assert.ok(!after.diagnostics.some((x) => x.code === 'ELB401'));
  });

  test('hover and outline answer on an API body without failing', async () => {
    const uri = uriOf('listeners.json');
    const text = textOf('listeners.json');
    await c.open(uri, text, 'json');
    await c.waitDiagnostics(uri);
    const line = text.split('\n').findIndex((l) => l.includes('"keepalive_timeout": 60'));
    await c.request('textDocument/hover', { textDocument: { uri }, position: { line, character: 8 } });
    const symbols = await c.request<{ name: string }[] | null>('textDocument/documentSymbol', { textDocument: { uri } });
    // The outline lists the objects written in this file: the listeners, not their load balancer (loadbalancers.json).
    const names = (symbols ?? []).map((x) => x.name);
    assert.ok(names.includes('sip-udp-5060') && names.includes('portal-http-80'), JSON.stringify(names));
    assert.ok(!names.includes('voip-lb'), JSON.stringify(names));
  });

  test('a member finding is fixed in another file of the export (the security group)', async () => {
    const uri = uriOf('members.json');
    await c.open(uri, textOf('members.json'), 'json');
    const p = await c.waitDiagnostics(uri);
    const d = p.diagnostics.find((x) => x.code === 'ELB105');
    assert.ok(d, JSON.stringify(p.diagnostics));
    const actions = await c.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const fix = actions.find((a) => a.isPreferred)!;
    const sgUri = uriOf('security-group.json');
    assert.ok(fix.edit!.changes[sgUri], JSON.stringify(fix.edit));
    const fixed = applyLspEdits(textOf('security-group.json'), fix.edit!.changes[sgUri]!);
    const rules = JSON.parse(fixed).security_group.security_group_rules as { protocol: string; remote_ip_prefix: string }[];
    assert.ok(rules.some((r) => r.protocol === 'icmp' && r.remote_ip_prefix === '10.20.0.0/16'));
  });
});
