import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { noStack, run, runJson } from '../cli/run';

const EXPORTS = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'api');

/** A temporary copy of an export directory (under `export/`), and a stray JSON that is no API body. */
function copyExport(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'elb-lint-api-'));
  fs.mkdirSync(path.join(dir, 'export'));
  for (const f of fs.readdirSync(path.join(EXPORTS, name))) fs.copyFileSync(path.join(EXPORTS, name, f), path.join(dir, 'export', f));
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name": "x", "listeners": []}\n');
  return dir;
}

describe('elb-lint CLI on an API export directory', () => {
  test('a directory walk finds the export by content and reports in each file', () => {
    const dir = copyExport('dedicated');
    const { r, results } = runJson(['--format', 'json', '.'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.ok(noStack(r));
    const files = results.map((x) => path.relative(dir, x.filePath)).sort();
    assert.ok(!files.includes('package.json'), 'a JSON that is no API body is not linted');
    const byFile = new Map(results.map((x) => [path.basename(x.filePath), x.messages.map((m) => m.ruleId)]));
    assert.deepEqual(byFile.get('healthmonitors.json'), ['ELB201', 'ELB206']);
    assert.deepEqual(byFile.get('listeners.json'), ['ELB506', 'ELB310', 'ELB302']);
    assert.deepEqual(byFile.get('pools.json'), ['ELB401']);
    assert.deepEqual(byFile.get('l7policies.json'), ['ELB305']);
    const members = [...byFile.entries()].find(([f]) => f.startsWith('members-pool-0fd6'))![1];
    assert.deepEqual([...members].sort(), ['ELB101', 'ELB101', 'ELB102', 'ELB102', 'ELB408']);
  });

  test('one file of an export named alone is linted with its directory', () => {
    const dir = copyExport('shared');
    const r = run(['export/members.json'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /members\.json[\s\S]*ELB105/);
    assert.match(r.stdout, /ELB106/);
  });

  test('--fix edits the export files in place (a rule appended to the rules listing) and a second run has only what cannot be fixed', () => {
    const dir = copyExport('shared');
    const before = fs.readFileSync(path.join(dir, 'export', 'security-group-rules.json'), 'utf8');
    const fixed = run(['--fix', 'export'], dir);
    assert.ok(noStack(fixed), fixed.stderr);
    const after = fs.readFileSync(path.join(dir, 'export', 'security-group-rules.json'), 'utf8');
    assert.notEqual(after, before);
    assert.ok(after.startsWith(before.slice(0, before.lastIndexOf('}\n    ]'))), 'existing rules untouched');
    assert.equal(after, JSON.stringify(JSON.parse(after), null, 4) + '\n', 'four-space layout kept');
    const again = runJson(['--format', 'json', 'export'], dir);
    const left = again.results.flatMap((x) => x.messages.map((m) => m.ruleId));
    assert.deepEqual(left, ['ELB501'], 'only the missing certificate, which has no automatic fix');
  });

  test('--fix-dry-run shows a diff in each file it would change', () => {
    const dir = copyExport('dedicated');
    const r = run(['--fix-dry-run', 'export'], dir);
    assert.ok(noStack(r), r.stderr);
    assert.match(r.stdout, /security-groups\.json/);
    assert.match(r.stdout, /\+\s+"port_range_min": 8080/);
    assert.match(r.stdout, /-\s+"url_path": "healthz"/);
    assert.match(r.stdout, /\+\s+"url_path": "\/healthz"/);
    assert.equal(fs.readFileSync(path.join(dir, 'export', 'healthmonitors.json'), 'utf8'), fs.readFileSync(path.join(EXPORTS, 'dedicated', 'healthmonitors.json'), 'utf8'));
  });

  test('messages in Chinese', () => {
    const dir = copyExport('shared');
    const r = run(['--locale', 'zh-cn', 'export'], dir);
    assert.match(r.stdout, /共享型/);
  });
});
