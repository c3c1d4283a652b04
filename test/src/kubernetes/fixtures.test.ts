import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES, checkFix, expectations, lintFile, where } from '../helpers';

/**
 * Kubernetes manifests (`test/fixtures/kubernetes/`): every finding of a file must be one its
 * `# expect:` comments announce (all rules, structural and FAQ alike), `pass-*` files produce none,
 * and every fix offered is applied, re-read and re-linted (finding gone, nothing new, comments kept).
 */
const dir = path.join(FIXTURES, 'kubernetes');
const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();

describe('Kubernetes fixtures', () => {
  for (const f of files) {
    const file = path.join(dir, f);
    const locale = f.includes('.zh.') ? 'zh-cn' : 'en';
    test(f, () => {
      const r = lintFile(file, { locale });
      assert.equal(r.format, 'kubernetes', 'read as Kubernetes');
      const got = r.findings.map((x) => ({ ruleId: x.ruleId, line: r.source.positionAt(x.span.start).line + 1, text: r.source.slice(x.span) }));
      const exp = expectations(file, r.source.text);
      const sortK = <T extends { ruleId: string; line: number; text?: string }>(a: T[]) => [...a].sort((x, y) => x.line - y.line || x.ruleId.localeCompare(y.ruleId) || String(x.text).localeCompare(String(y.text)));
      const norm = sortK(got).map((g, i) => ({ ruleId: g.ruleId, line: g.line, text: sortK(exp)[i]?.text === undefined ? undefined : g.text }));
      assert.deepEqual(norm, sortK(exp).map((e) => ({ ruleId: e.ruleId, line: e.line, text: e.text })), `findings:\n${r.findings.map((x) => `  ${x.ruleId} ${where(r, x)}: ${x.message}`).join('\n')}`);
      if (f.startsWith('pass')) assert.equal(exp.length, 0);
      for (const x of r.findings) {
        if (locale === 'zh-cn') assert.match(x.message, /[\u4e00-\u9fff]/, 'Chinese message');
        assert.doesNotMatch(x.message, /\{\w+\}/, 'every placeholder filled');
        for (const fix of x.fixes) {
          const c = checkFix(r, x, fix, { locale });
          assert.deepEqual(c.problems, [], `fix "${fix.title}" of ${x.ruleId}:\n${c.output}`);
          assert.ok(!c.after.findings.some((y) => y.ruleId === 'ELB001'), 'fixed file parses');
        }
      }
    });
  }
});
