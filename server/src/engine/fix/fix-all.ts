import { lintText, type LintOptions, type LintResult } from '../lint';
import { applyEdits, chooseFixes } from './apply';

export interface FixAllResult {
  output: string;
  /** Number of fixes applied over all passes. */
  applied: number;
  /** The lint result of the final text. */
  result: LintResult;
}

function syntaxErrors(r: LintResult): number {
  return r.findings.filter((f) => f.ruleId === 'ELB001' && f.severity === 'error').length;
}

/**
 * Apply fixes until none is left (at most `maxPasses` rounds, like ESLint): each round applies
 * non-conflicting fixes and re-lints. A round whose output no longer parses is rolled back.
 */
export function fixAll(text: string, options: LintOptions, maxPasses = 10): FixAllResult {
  let output = text;
  let result = lintText(output, options);
  let applied = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    const { edits, fixes } = chooseFixes(result.findings);
    if (fixes.length === 0) break;
    const next = applyEdits(output, edits);
    if (next === output) break;
    const nextResult = lintText(next, options);
    if (syntaxErrors(nextResult) > syntaxErrors(result)) break;
    output = next;
    result = nextResult;
    applied += fixes.length;
  }
  return { output, applied, result };
}
