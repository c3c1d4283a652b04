import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import test from 'node:test';
import { TF_FIXTURES, actual, checkTfFix, describe, expected, lintModule, loadDir, ready } from './harness';

/**
 * Every module under test/fixtures/terraform/: the findings are exactly the `# expect:` comments,
 * and every fix applies, re-parses and re-lints with the finding gone and nothing new.
 */
const dirs = fs.existsSync(TF_FIXTURES) ? fs.readdirSync(TF_FIXTURES).filter((d) => fs.statSync(path.join(TF_FIXTURES, d)).isDirectory()).sort() : [];

for (const d of dirs) {
  test(`terraform fixture ${d}: findings are the expected ones`, async () => {
    await ready;
    const files = loadDir(path.join(TF_FIXTURES, d));
    const l = lintModule(files);
    const want = expected(files);
    const withText = new Set(want.filter((w) => w.split(' ').length > 2).map((w) => w.split(' ').slice(0, 2).join(' ')));
    const got = actual(l, withText).map((s) => (withText.has(s.split(' ').slice(0, 2).join(' ')) ? s : s));
    assert.deepEqual(got, want, l.findings.map((f) => `${describe(l, f)} | ${f.message}`).join('\n'));
  });

  test(`terraform fixture ${d}: every fix applies, re-parses and re-lints clean`, async () => {
    await ready;
    const files = loadDir(path.join(TF_FIXTURES, d));
    const l = lintModule(files);
    for (const f of l.findings) {
      for (const fix of f.fixes) {
        const r = checkTfFix(l, f, fix);
        assert.deepEqual(r.problems, [], `${describe(l, f)}: ${fix.title}`);
        const syntax = r.after.findings.filter((x) => x.ruleId === 'ELB006');
        assert.equal(syntax.length, l.findings.filter((x) => x.ruleId === 'ELB006').length, `fix "${fix.title}" broke the HCL syntax`);
      }
    }
  });
}
