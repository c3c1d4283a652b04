import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, run, workspace } from '../cli/run';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generate } = require(path.join(ROOT, 'bench', 'generate.js')) as { generate: (o: { units: number; seed: number }) => { text: string } };

/** 16 generated services (one file each, some with mistakes), plus a broken and a fixable file. */
function repo(): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < 16; i++) files[`svc-${String(i).padStart(2, '0')}/app.elb.yaml`] = generate({ units: 1, seed: i + 1 }).text;
  files['broken/x.elb.yaml'] = 'version: 1\nloadbalancers:\n  - name: [unclosed\n';
  files['alias/x.elb.yaml'] = 'version: 1\nregion: cn-north-4\nservers:\n  - name: a\n    security_groups: *nope\n';
  // A directory read as one group (an API export): its files must reach one worker together.
  const exp = path.join(ROOT, 'examples', 'api', 'voip-export');
  if (fs.existsSync(exp)) for (const f of fs.readdirSync(exp)) files[`export/${f}`] = fs.readFileSync(path.join(exp, f), 'utf8');
  return workspace([], files);
}

for (const format of ['text', 'json', 'sarif']) {
  test(`worker threads give the same ${format} report, in the same order, as one thread`, () => {
    const dir = repo();
    const one = run(['--format', format, '.'], dir, { ELB_LINT_WORKERS: '0' });
    const pool = run(['--format', format, '.'], dir, { ELB_LINT_WORKERS: '2' });
    assert.equal(pool.code, one.code);
    assert.equal(pool.stderr, one.stderr);
    assert.equal(pool.stdout, one.stdout);
    assert.ok(one.stdout.length > 500);
    fs.rmSync(dir, { recursive: true, force: true });
  });
}

test('worker threads fix files exactly as one thread does (--fix-dry-run and --fix)', () => {
  const a = repo();
  const b = repo();
  const dryOne = run(['--fix-dry-run', '.'], a, { ELB_LINT_WORKERS: '0' });
  const dryPool = run(['--fix-dry-run', '.'], a, { ELB_LINT_WORKERS: '3' });
  assert.equal(dryPool.stdout, dryOne.stdout);
  assert.match(dryOne.stdout, /^\+/m, 'some fix applies');
  const fixOne = run(['--fix', '.'], a, { ELB_LINT_WORKERS: '0' });
  const fixPool = run(['--fix', '.'], b, { ELB_LINT_WORKERS: '2' });
  assert.equal(fixPool.code, fixOne.code);
  for (const d of fs.readdirSync(a)) {
    for (const name of fs.readdirSync(path.join(a, d))) {
      const f = path.join(d, name);
      assert.equal(fs.readFileSync(path.join(b, f), 'utf8'), fs.readFileSync(path.join(a, f), 'utf8'), f);
    }
  }
  fs.rmSync(a, { recursive: true, force: true });
  fs.rmSync(b, { recursive: true, force: true });
});
