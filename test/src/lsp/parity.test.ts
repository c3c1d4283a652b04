import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIXTURES, ROOT } from '../helpers';
import { TestClient } from './client';

/** Every example and rule fixture, linted by the CLI and by the server, must give the same findings. */
function configFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...configFiles(p));
    else if (/\.elb\.(ya?ml|json)$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

test('the editor and the CLI agree on every example and fixture', { timeout: 120_000 }, async () => {
  const files = [...configFiles(path.join(ROOT, 'examples')), ...configFiles(path.join(FIXTURES, 'rules'))];
  assert.ok(files.length > 20);
  const cli = spawnSync(process.execPath, [path.join(ROOT, 'server/bin/elb-lint.js'), '--format', 'json', '--locale', 'en', '--no-config-lookup', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
  const fromCli = new Map<string, string[]>();
  for (const r of JSON.parse(cli.stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number; endLine: number; endColumn: number; message: string }[] }[]) {
    fromCli.set(path.resolve(r.filePath), r.messages.map((m) => `${m.ruleId} ${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.message}`).sort());
  }
  const c = new TestClient();
  try {
    c.settings = { locale: 'en' };
    await c.initialize('en');
    for (const file of files) {
      const uri = pathToFileURL(file).href;
      await c.open(uri, fs.readFileSync(file, 'utf8'), file.endsWith('.json') ? 'json' : 'yaml');
      const p = await c.waitDiagnostics(uri);
      const fromServer = p.diagnostics
        .map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.message}`)
        .sort();
      assert.deepEqual(fromServer, fromCli.get(file) ?? [], path.relative(ROOT, file));
    }
  } finally {
    await c.close();
  }
});
