'use strict';
// Runs INSIDE the VS Code extension host started by run.js (no mocha): `run()` resolves when every
// check passed and rejects with the first failure. Everything goes through the public VS Code API.
const assert = require('node:assert/strict');
const path = require('node:path');
// eslint-disable-next-line import/no-unresolved -- provided by the extension host
const vscode = require('vscode');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, fn, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const checks = [];
const check = (name, fn) => checks.push({ name, fn });

let doc;
let diags;

check('the extension activates', async () => {
  const ext = vscode.extensions.getExtension('elb-lint.elb-lint');
  assert.ok(ext, 'elb-lint.elb-lint is not loaded');
  const workspace = process.env.ELB_LINT_E2E_WORKSPACE;
  const uri = vscode.Uri.file(path.join(workspace, 'security-groups.elb.yaml'));
  doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  await until('activation', () => ext.isActive, 60_000);
});

check('security-groups.elb.yaml gets FAQ-cited diagnostics ELB101, ELB102, ELB105', async () => {
  diags = await until('elb-lint diagnostics', () => {
    const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'elb-lint');
    return d.length ? d : undefined;
  }, 60_000);
  const code = (d) => (typeof d.code === 'object' && d.code ? String(d.code.value) : String(d.code));
  const ids = new Set(diags.map(code));
  for (const id of ['ELB101', 'ELB102', 'ELB105']) assert.ok(ids.has(id), `no ${id} in ${[...ids]}`);
  const errors = diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
  assert.ok(errors.length >= 5, `expected at least 5 errors, got ${errors.length}`);
  for (const d of errors) assert.match(d.message, /FAQ \d/);
  const first = errors.find((d) => code(d) === 'ELB101');
  assert.equal(doc.getText(first.range), 'web-1');
});

check('the quick fix "Allow TCP port 8080 from 100.125.0.0/16 …" is offered and applies', async () => {
  const elb102 = diags.find((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'ELB102');
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, elb102.range, vscode.CodeActionKind.QuickFix.value);
  const titles = actions.map((a) => a.title);
  const fix = actions.find((a) => a.title.startsWith('Allow TCP port 8080 from 100.125.0.0/16'));
  assert.ok(fix, `quick fixes: ${titles.join(' | ')}`);
  assert.ok(titles.includes('Disable ELB102 for this line'), `quick fixes: ${titles.join(' | ')}`);
  const before = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  assert.match(doc.getText(), /remote_ip_prefix: 100\.125\.0\.0\/16, action: allow, priority: 1/);
  await until('fewer errors', () => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length < before);
});

check('hover on a finding shows the rule and the FAQ', async () => {
  const d = vscode.languages.getDiagnostics(doc.uri).find((x) => x.source === 'elb-lint');
  const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, d.range.start);
  const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
  assert.match(text, /ELB\d{3}/);
  assert.match(text, /FAQ/);
});

check('completion in a new listener offers protocol and protocol_port', async () => {
  const line = doc.getText().split('\n').findIndex((l) => l.includes('default_pool: syslog-pool'));
  const editor = vscode.window.activeTextEditor;
  const eol = doc.lineAt(line).range.end;
  await editor.edit((e) => e.insert(eol, '\n      - prot'));
  const pos = doc.lineAt(line + 1).range.end;
  const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, pos);
  const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
  for (const want of ['protocol', 'protocol_port']) assert.ok(labels.includes(want), `completion: ${labels.join(', ')}`);
});

check('elbLint.locale = zh-cn gives Chinese messages', async () => {
  await vscode.workspace.getConfiguration('elbLint').update('locale', 'zh-cn', vscode.ConfigurationTarget.Global);
  try {
    await until('a Chinese message', () => vscode.languages.getDiagnostics(doc.uri).some((d) => /健康检查|安全组/.test(d.message)), 30_000);
  } finally {
    await vscode.workspace.getConfiguration('elbLint').update('locale', undefined, vscode.ConfigurationTarget.Global);
  }
});

async function run() {
  let failed = 0;
  for (const { name, fn } of checks) {
    const t0 = Date.now();
    try {
      await fn();
      console.log(`ok - ${name} (${Date.now() - t0} ms)`);
    } catch (err) {
      failed++;
      console.error(`not ok - ${name}\n  ${String(err && err.stack ? err.stack : err).replace(/\n/g, '\n  ')}`);
      break; // later checks build on earlier ones
    }
  }
  await vscode.commands.executeCommand('workbench.action.files.revert').then(undefined, () => undefined);
  if (failed) throw new Error(`${failed} check(s) failed`);
  console.log(`${checks.length} passed, 0 failed`);
}

module.exports = { run };
