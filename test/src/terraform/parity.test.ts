import assert from 'node:assert/strict';
import * as path from 'node:path';
import test from 'node:test';
import { lintText } from '../../../server/out/engine/lint';
import { getRule } from '../../../server/out/engine/rules/index';
import { TF_FIXTURES, checkTfFix, lintModule, loadDir, ready } from './harness';

/**
 * The "done when": the ELB101 example, a protocol mismatch and a persistence conflict
 * written in Terraform give the same findings and the same fixes as the rule's own example in our
 * format. Object names differ (Terraform addresses), so messages are compared with names masked.
 */
const CASES: [string, string][] = [
  ['ELB101', 'elb101-shared'],
  ['ELB301', 'protocol-mismatch'],
  ['ELB401', 'persistence-conflict'],
];

const mask = (s: string) => s.replace(/`[^`]*`/g, '`…`');

for (const [id, dir] of CASES) {
  test(`${id} example: Terraform gives the findings and fixes of our own format`, async () => {
    await ready;
    const own = lintText(getRule(id)!.examples!.bad, { path: 'example.elb.yaml' });
    const tf = lintModule(loadDir(path.join(TF_FIXTURES, dir)));
    const summary = (ruleId: string, message: string, fixes: { title: string }[]) => `${ruleId} ${mask(message)} [${fixes.map((f) => mask(f.title)).join(' | ')}]`;
    assert.deepEqual(
      tf.findings.map((f) => summary(f.ruleId, f.message, f.fixes)).sort(),
      own.findings.map((f) => summary(f.ruleId, f.message, f.fixes)).sort(),
    );
    // And each Terraform fix removes its finding when applied.
    for (const f of tf.findings.filter((x) => x.ruleId === id)) {
      assert.ok(f.fixes.length > 0, 'the finding has a fix');
      for (const fix of f.fixes) {
        const r = checkTfFix(tf, f, fix);
        assert.deepEqual(r.problems, []);
        assert.equal(r.after.findings.filter((x) => x.ruleId === id).length, 0, `${fix.title} removes ${id}`);
      }
    }
  });
}
