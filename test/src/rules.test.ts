import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES, checkFix, expectations, lintFile, ruleFixtureDirs, where } from './helpers';
import { getRule } from '../../server/out/engine/rules/index';

/**
 * One runner for every rule fixture (cfn-lint / Ruff style): `test/fixtures/rules/<ID>/fire-*.elb.yaml`
 * must produce exactly the findings of <ID> marked `# expect:` in the file, `pass-*` files (near misses)
 * must produce none; every fix offered is applied, re-parsed and re-linted.
 */
for (const id of ruleFixtureDirs()) {
  describe(`${id} fixtures`, () => {
    test(`${id} is a registered rule`, () => {
      assert.ok(getRule(id), `no rule ${id}`);
    });
    const dir = path.join(FIXTURES, 'rules', id);
    const files = fs.readdirSync(dir).filter((f) => /\.elb\.(ya?ml|json)$/.test(f)).sort();
    const fires = files.filter((f) => f.startsWith('fire'));
    const passes = files.filter((f) => f.startsWith('pass'));
    test(`${id} has fixtures that fire and near misses`, () => {
      assert.ok(fires.length > 0, 'no fire-* fixture');
      assert.ok(passes.length > 0, 'no pass-* fixture');
    });
    for (const f of files) {
      const file = path.join(dir, f);
      const locale = f.includes('.zh.') ? 'zh-cn' : 'en';
      test(`${id} ${f}`, () => {
        const r = lintFile(file, { locale });
        const got = r.findings.filter((x) => x.ruleId === id);
        const exp = expectations(file, r.source.text).filter((e) => e.ruleId === id);
        if (f.startsWith('pass')) {
          assert.deepEqual(got.map((x) => `${where(r, x)}: ${x.message}`), [], 'near miss must stay silent');
          assert.equal(exp.length, 0, 'pass fixtures carry no expectations');
          return;
        }
        assert.ok(exp.length > 0, 'fire fixture without # expect:');
        const gotKeys = got.map((x) => {
          const p = r.source.positionAt(x.span.start);
          const t = r.source.slice(x.span);
          // JSON fixtures name string values without their quotes.
          return { line: p.line + 1, text: f.endsWith('.json') && /^"[^"]*"$/.test(t) ? t.slice(1, -1) : t };
        });
        const expKeys = exp.map((e) => ({ line: e.line, text: e.text }));
        const norm = (a: { line: number; text?: string }[], b: { line: number; text?: string }[]) =>
          a.map((x, i) => ({ line: x.line, text: b[i]?.text === undefined ? undefined : x.text }));
        const sortK = (a: { line: number; text?: string }[]) => [...a].sort((x, y) => x.line - y.line || String(x.text).localeCompare(String(y.text)));
        const g = sortK(gotKeys);
        const e = sortK(expKeys);
        assert.deepEqual(norm(g, e), e, `findings of ${id}:\n${got.map((x) => `  ${where(r, x)}: ${x.message}`).join('\n')}`);
        for (const x of got) {
          assert.match(x.message, /FAQ/, 'message cites the FAQ (or says the fact is not in it)');
          if (locale === 'zh-cn') assert.match(x.message, /[\u4e00-\u9fff]/, 'Chinese message');
          for (const fix of x.fixes) {
            const c = checkFix(r, x, fix, { locale });
            assert.deepEqual(c.problems, [], `fix "${fix.title}"`);
            assert.ok(!c.after.findings.some((y) => y.ruleId === 'ELB001'), 'fixed file parses');
          }
        }
      });
    }
  });
}
