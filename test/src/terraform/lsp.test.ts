import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient, applyLspEdits } from '../lsp/client';
import { TF_FIXTURES } from './harness';

/** The language server on a Terraform module, as VS Code (with or without the HashiCorp extension) drives it. */
describe('language server on Terraform documents', () => {
  let c: TestClient;
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'elb-lint-tf-lsp-'));
    for (const f of fs.readdirSync(path.join(TF_FIXTURES, 'elb101-shared'))) fs.copyFileSync(path.join(TF_FIXTURES, 'elb101-shared', f), path.join(dir, f));
    c = new TestClient();
    await c.initialize('en');
  });
  after(() => c.close());

  test('diagnostics, a quick fix that adds a rule block in another file of the module, and re-lint', async () => {
    const elb = path.join(dir, 'elb.tf');
    const net = path.join(dir, 'network.tf');
    const uri = pathToFileURL(elb).href;
    const text = fs.readFileSync(elb, 'utf8');
    await c.open(uri, text, 'terraform');
    const p = await c.waitDiagnostics(uri);
    assert.deepEqual(p.diagnostics.map((d) => d.code).sort(), ['ELB101', 'ELB102']);
    const d = p.diagnostics.find((x) => x.code === 'ELB101')!;
    assert.ok((d.relatedInformation ?? []).length > 0, 'related: the security group');
    const actions = await c.request<{ title: string; isPreferred?: boolean; edit?: { changes?: Record<string, never[]>; documentChanges?: { textDocument: { uri: string }; edits: never[] }[] } }[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    });
    const fix = actions.find((a) => a.isPreferred)!;
    assert.match(fix.title, /Allow TCP port 8080/);
    const netUri = pathToFileURL(net).href;
    const edits = fix.edit!.changes?.[netUri] ?? fix.edit!.documentChanges?.find((x) => x.textDocument.uri === netUri)?.edits;
    assert.ok(edits?.length, 'the edit goes into network.tf');
    fs.writeFileSync(net, applyLspEdits(fs.readFileSync(net, 'utf8'), edits!));
    assert.match(fs.readFileSync(net, 'utf8'), /resource "huaweicloud_networking_secgroup_rule" "web_ingress_tcp_8080"/);
    await c.change(uri, 2, [{ text }]);
    const again = await c.waitDiagnostics(uri, (x) => x.version === 2);
    assert.deepEqual(again.diagnostics, []);
  });

  test('hover and enum completion on a Terraform document', async () => {
    const file = path.join(dir, 'pool.tf');
    const uri = pathToFileURL(file).href;
    const text = 'resource "huaweicloud_elb_pool" "x" {\n  protocol  = "HTTP"\n  lb_method = \n}\n';
    fs.writeFileSync(file, text);
    await c.open(uri, text, 'terraform');
    const h = await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 4 } });
    assert.match(h!.contents.value, /protocol/);
    const items = await c.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 14 } });
    assert.ok(items.some((i) => i.label === 'LEAST_CONNECTIONS'), JSON.stringify(items.map((i) => i.label)));
  });

  test('go to definition leads into the file of the module that defines the resource; the outline lists this file only', async () => {
    const elb = path.join(dir, 'elb.tf');
    const uri = pathToFileURL(elb).href;
    const text = fs.readFileSync(elb, 'utf8');
    await c.open(uri, text, 'terraform');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('vip_subnet_id'));
    const character = lines[line]!.indexOf('huaweicloud_vpc_subnet') + 3;
    const def = await c.request<{ uri: string; range: { start: { line: number } } } | null>('textDocument/definition', { textDocument: { uri }, position: { line, character } });
    assert.ok(def, 'a definition');
    assert.equal(def!.uri, pathToFileURL(path.join(dir, 'network.tf')).href);
    const net = fs.readFileSync(path.join(dir, 'network.tf'), 'utf8').split('\n');
    assert.match(net[def!.range.start.line]!, /huaweicloud_vpc_subnet|back/);
    const symbols = await c.request<{ name: string; detail?: string; range: { start: { line: number } } }[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(symbols.length > 0);
    for (const s of symbols) {
      assert.notEqual(s.detail, 'security group', 'the security group is in network.tf');
      assert.ok(s.range.start.line < lines.length);
    }
  });
});
