import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintText, type LintOptions, type LintResult } from '../../server/out/engine/lint';
import { applyEdits } from '../../server/out/engine/fix/apply';
import { allComments } from '../../server/out/engine/parse/yaml';
import type { Finding, Fix } from '../../server/out/engine/types';

/** The repository root (tests run from test/out). */
export const ROOT = path.resolve(__dirname, '..', '..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');

export function lintFile(file: string, opts: Partial<LintOptions> = {}): LintResult {
  return lintText(fs.readFileSync(file, 'utf8'), { path: file, ...opts });
}

export function lintYaml(text: string, opts: Partial<LintOptions> = {}): LintResult {
  return lintText(text, { path: 'inline.elb.yaml', ...opts });
}

/** `line:col text` of a finding, 1-based, for readable assertions. */
export function where(r: LintResult, f: Finding): string {
  const p = r.source.positionAt(f.span.start);
  return `${p.line + 1}:${p.character + 1} ${r.source.slice(f.span)}`;
}

export interface Expectation {
  ruleId: string;
  /** 1-based line the finding must start on. */
  line: number;
  /** Exact text the finding's span must cover, when given. */
  text?: string;
}

/**
 * Expectations written in a fixture: `# expect: ELB101` at the end of a line (the finding starts on
 * that line) or `# expect: ELB101 "web-1"` (and its span covers exactly `web-1`). Several may be
 * separated by `;`. JSON fixtures carry them in a sibling `<file>.expect` file, one `line ID "text"` a line.
 */
export function expectations(file: string, text: string): Expectation[] {
  const out: Expectation[] = [];
  const re = /(ELB\d{3})(?:\s+"([^"]*)")?/g;
  if (file.endsWith('.json')) {
    const side = file + '.expect';
    if (!fs.existsSync(side)) return out;
    for (const line of fs.readFileSync(side, 'utf8').split('\n')) {
      const m = /^(\d+)\s+(ELB\d{3})(?:\s+"([^"]*)")?/.exec(line.trim());
      if (m) out.push({ line: Number(m[1]), ruleId: m[2]!, text: m[3] });
    }
    return out;
  }
  text.split(/\r?\n/).forEach((l, i) => {
    const at = l.indexOf('# expect:');
    if (at < 0) return;
    let m: RegExpExecArray | null;
    const tail = l.slice(at + 9);
    while ((m = re.exec(tail))) out.push({ ruleId: m[1]!, line: i + 1, text: m[2] });
  });
  return out;
}

export interface FixCheck {
  output: string;
  before: LintResult;
  after: LintResult;
}

/** Apply one fix, re-lint, and assert the contract every fix must keep. Returns what happened. */
export function checkFix(result: LintResult, finding: Finding, fix: Fix, opts: Partial<LintOptions> = {}): FixCheck & { problems: string[] } {
  const problems: string[] = [];
  const text = result.source.text;
  const output = applyEdits(text, fix.edits);
  const after = lintText(output, { path: result.path, ...opts });
  const key = (f: Finding) => `${f.ruleId}|${f.message}`;
  const remaining = new Map<string, number>();
  for (const f of result.findings) remaining.set(key(f), (remaining.get(key(f)) ?? 0) + 1);
  remaining.set(key(finding), (remaining.get(key(finding)) ?? 0) - 1);
  for (const f of after.findings) {
    const k = key(f);
    const n = remaining.get(k) ?? 0;
    if (n <= 0) problems.push(`new or remaining finding after fix "${fix.title}": ${f.ruleId} ${f.message}`);
    remaining.set(k, n - 1);
  }
  if (!result.path.endsWith('.json')) {
    const removed = fix.edits.filter((e) => e.span.end > e.span.start);
    const survivors = allComments(text).filter((c) => !removed.some((e) => c.offset >= e.span.start && c.offset < e.span.end));
    const afterComments = allComments(output).map((c) => c.text);
    for (const c of survivors) if (!afterComments.includes(c.text)) problems.push(`comment lost by fix "${fix.title}": #${c.text}`);
  }
  return { output, before: result, after, problems };
}

/** Every fixture folder of a rule: `test/fixtures/rules/<ID>/`. */
export function ruleFixtureDirs(): string[] {
  const base = path.join(FIXTURES, 'rules');
  if (!fs.existsSync(base)) return [];
  return fs.readdirSync(base).filter((d) => /^ELB\d{3}$/.test(d)).sort();
}
