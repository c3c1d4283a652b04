import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES, checkFix, ruleFixtureDirs } from '../helpers';
import { lintText, type LintResult } from '../../../server/out/engine/lint';
import { applyEdits, chooseFixes } from '../../../server/out/engine/fix/apply';
import { fixAll } from '../../../server/out/engine/fix/fix-all';
import { allComments } from '../../../server/out/engine/parse/yaml';
import type { Finding } from '../../../server/out/engine/types';

/**
 * Safety of fixes, over every fixture of every rule (test/fixtures/rules/<ID>/) and every example:
 * each fix alone (any rule's, not only the fixture's rule), then all fixes together as `--fix`
 * applies them. The result parses, the targeted findings are gone, nothing new appears, every
 * comment outside the replaced text survives, and fixing a second time changes nothing.
 * (rules.test.ts checks the fixes of each fixture's own rule; this covers the rest and fix-all.)
 */
/**
 * Fixes that switch a health check on (ELB202 adds or enables one; ELB208 moves it to the business
 * port) make the checks of health-check reachability and load apply where they could not before:
 * those findings are revealed, not introduced, and are the only new findings a fix may bring.
 * Everything else new, and any new syntax, schema or reference problem, fails the test.
 */
export const REVEALS: Record<string, readonly string[]> = {
  ELB202: ['ELB101', 'ELB103', 'ELB104', 'ELB105', 'ELB106', 'ELB207', 'ELB209'],
  ELB208: ['ELB101', 'ELB103', 'ELB104', 'ELB105', 'ELB106'],
};
const revealedBy = (ruleIds: Iterable<string>) => new Set([...ruleIds].flatMap((r) => REVEALS[r] ?? []));

const key = (f: Finding) => `${f.ruleId}|${f.message}`;
const syntaxErrors = (r: LintResult) => r.findings.filter((f) => f.ruleId === 'ELB001' && f.severity === 'error').map(key).sort();

function files(): string[] {
  const out: string[] = [];
  for (const id of ruleFixtureDirs()) {
    const dir = path.join(FIXTURES, 'rules', id);
    for (const f of fs.readdirSync(dir).filter((x) => /\.elb\.(ya?ml|json)$/.test(x)).sort()) out.push(path.join(dir, f));
  }
  const ex = path.join(FIXTURES, '..', '..', 'examples');
  for (const f of fs.readdirSync(ex).filter((x) => /\.elb\.(ya?ml|json)$/.test(x)).sort()) out.push(path.join(ex, f));
  return out;
}

/** Multiset difference: keys of `after` not accounted for in `before`. */
function added(before: Finding[], after: Finding[]): string[] {
  const left = new Map<string, number>();
  for (const f of before) left.set(key(f), (left.get(key(f)) ?? 0) + 1);
  const out: string[] = [];
  for (const f of after) {
    const n = left.get(key(f)) ?? 0;
    if (n <= 0) out.push(key(f));
    left.set(key(f), n - 1);
  }
  return out;
}

export interface FixFigures {
  files: number;
  singleFixes: number;
  fixAllRuns: number;
  fixesApplied: number;
  /** New findings a fix revealed (see REVEALS). */
  revealed: number;
}

export const figures: FixFigures = { files: 0, singleFixes: 0, fixAllRuns: 0, fixesApplied: 0, revealed: 0 };

describe('safety of fixes: every fixture of every rule', () => {
  after(() => console.log(`# fix safety: ${figures.files} files, ${figures.singleFixes} single fixes applied and re-linted, ${figures.fixAllRuns} fix-all runs (${figures.fixesApplied} fixes), ${figures.revealed} revealed findings`));
  for (const file of files()) {
    const rel = path.relative(path.join(FIXTURES, '..', '..'), file);
    const locale = file.includes('.zh.') ? 'zh-cn' : 'en';
    const opts = { path: file, locale } as const;
    test(rel, () => {
      const text = fs.readFileSync(file, 'utf8');
      const before = lintText(text, opts);
      figures.files++;
      // Each fix alone.
      for (const f of before.findings) {
        for (const fix of f.fixes) {
          figures.singleFixes++;
          const c = checkFix(before, f, fix, { locale });
          const allowed = revealedBy([f.ruleId]);
          const problems = c.problems.filter((p) => {
            const m = /^new or remaining finding after fix .*": (ELB\d{3}) /.exec(p);
            if (m && allowed.has(m[1]!)) return (figures.revealed++, false);
            return true;
          });
          assert.deepEqual(problems, [], `${f.ruleId} fix "${fix.title}"`);
          assert.deepEqual(syntaxErrors(c.after), syntaxErrors(before), `${f.ruleId} fix "${fix.title}" leaves the file parsing as before`);
          assert.ok(!c.after.findings.some((x) => key(x) === key(f) && x.span.start === f.span.start), `${f.ruleId} fix "${fix.title}": finding gone`);
        }
      }
      // All together, pass by pass as fix-all does, checking comments on every pass.
      let output = text;
      let result = before;
      for (let pass = 0; pass < 10; pass++) {
        const { edits, fixes } = chooseFixes(result.findings);
        if (fixes.length === 0) break;
        const next = applyEdits(output, edits);
        if (next === output) break;
        const nextResult = lintText(next, opts);
        if (!file.endsWith('.json')) {
          const removed = edits.filter((e) => e.span.end > e.span.start);
          const survivors = allComments(output).filter((c) => !removed.some((e) => c.offset >= e.span.start && c.offset < e.span.end));
          const now = allComments(next).map((c) => c.text);
          for (const c of survivors) assert.ok(now.includes(c.text), `fix-all pass ${pass + 1} lost the comment #${c.text}`);
        }
        output = next;
        result = nextResult;
      }
      const all = fixAll(text, opts);
      figures.fixAllRuns++;
      figures.fixesApplied += all.applied;
      assert.equal(all.output, output, 'fix-all gives the text the passes above give');
      assert.deepEqual(syntaxErrors(all.result), syntaxErrors(before), 'the fixed file parses as the original did');
      const allowed = revealedBy(before.findings.filter((f) => f.fixes.length).map((f) => f.ruleId));
      assert.deepEqual(added(before.findings, all.result.findings).filter((k) => !allowed.has(k.slice(0, 6))), [], 'fix-all adds no finding');
      const fixable = all.result.findings.filter((f) => f.fixes.length > 0 && !f.suppression);
      assert.deepEqual(fixable.map(key), [], 'every fixable finding is fixed');
      // A second time changes nothing.
      const again = fixAll(all.output, opts);
      assert.equal(again.output, all.output, 'fixing twice changes nothing');
      assert.equal(again.applied, 0);
    });
  }
});
