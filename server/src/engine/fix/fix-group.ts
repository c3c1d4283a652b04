import type { InputFile } from '../formats/types';
import { lintGroup, type GroupLintOptions, type LintResult } from '../lint';
import type { Fix, TextEdit } from '../types';
import { applyEdits } from './apply';

export interface GroupFixResult {
  /** The final text of every file of the group, by path. */
  outputs: Map<string, string>;
  /** Number of fixes applied over all passes. */
  applied: number;
  /** The lint results of the final texts, in input order. */
  results: LintResult[];
}

function syntaxErrors(rs: readonly LintResult[]): number {
  let n = 0;
  for (const r of rs) for (const f of r.findings) if (f.ruleId === 'ELB001' && f.severity === 'error') n++;
  return n;
}

function conflicts(a: TextEdit, b: TextEdit): boolean {
  return (a.span.start < b.span.end && b.span.start < a.span.end) || a.span.start === b.span.start;
}

/**
 * One fix per finding (preferred, else first) over a whole group, such that no two chosen fixes
 * touch the same text of any file. Returns the edits by file.
 */
export function chooseGroupFixes(results: readonly LintResult[]): { edits: Map<string, TextEdit[]>; fixes: Fix[] } {
  const edits = new Map<string, TextEdit[]>();
  const fixes: Fix[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      if (f.suppression || f.fixes.length === 0) continue;
      const fix = f.fixes.find((x) => x.isPreferred) ?? f.fixes[0]!;
      const placed = fix.edits.map((e) => ({ file: e.path ?? r.path, e: { span: e.span, newText: e.newText } }));
      // Fixes are few per pass; a linear check per file keeps this simple.
      if (placed.some(({ file, e }) => (edits.get(file) ?? []).some((x) => conflicts(e, x)))) continue;
      for (const { file, e } of placed) {
        let list = edits.get(file);
        if (!list) edits.set(file, (list = []));
        list.push(e);
      }
      fixes.push(fix);
    }
  }
  return { edits, fixes };
}

/**
 * Apply fixes over a group until none is left (at most `maxPasses` rounds): each round applies
 * non-conflicting fixes in every file and re-lints the group; a round that breaks parsing is
 * rolled back.
 */
export function fixGroup(files: readonly InputFile[], options: GroupLintOptions, maxPasses = 10): GroupFixResult {
  let texts = new Map(files.map((f) => [f.path, f.text]));
  const lint = (t: Map<string, string>) => lintGroup(files.map((f) => ({ path: f.path, text: t.get(f.path)! })), options);
  let results = lint(texts);
  let applied = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    const { edits, fixes } = chooseGroupFixes(results);
    if (fixes.length === 0) break;
    const next = new Map(texts);
    let changed = false;
    for (const [file, list] of edits) {
      const before = next.get(file);
      if (before === undefined) continue;
      const after = applyEdits(before, list);
      if (after !== before) {
        next.set(file, after);
        changed = true;
      }
    }
    if (!changed) break;
    const nextResults = lint(next);
    if (syntaxErrors(nextResults) > syntaxErrors(results)) break;
    texts = next;
    results = nextResults;
    applied += fixes.length;
  }
  return { outputs: texts, applied, results };
}
