/**
 * Run the properties over generated cases (fast-check: random seed, shrinking of failures), and
 * save failing inputs as permanent regression tests under test/fuzz-regressions/<format>/.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { ROOT, type FuzzFormat } from './formats';
import { caseArb, materialise, type FuzzCase } from './mutate';
import { DEFAULT_BUDGET_MS, checkInput } from './properties';

export const REGRESSIONS = path.join(ROOT, 'test', 'fuzz-regressions');

export interface FuzzStats {
  format: string;
  runs: number;
  seed: number;
  /** Slowest single lint, ms. */
  maxMs: number;
  totalMs: number;
  failure?: { case: FuzzCase; input: { text: string; bytes?: Buffer }; problems: string[]; shrinks: number };
}

export interface FuzzOptions {
  runs: number;
  seed?: number;
  budgetMs?: number;
  /** Called before each case is linted (the fuzz script's watchdog uses it to save a hanging input). */
  onCase?: (c: FuzzCase, input: { text: string; bytes?: Buffer }) => void;
  /** Time spent shrinking a failure, ms (0: report the first failing case as generated). */
  shrinkMs?: number;
}

export function runFuzz(format: FuzzFormat, opts: FuzzOptions): FuzzStats {
  const seeds = format.seeds();
  const seed = opts.seed ?? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
  const budgetMs = opts.budgetMs ?? DEFAULT_BUDGET_MS;
  let maxMs = 0;
  const t0 = performance.now();
  let last: string[] = [];
  const shrinkMs = opts.shrinkMs ?? 60_000;
  let failedAt: number | undefined;
  const prop = fc.property(caseArb(seeds.length, !!format.codec), (c) => {
    // Shrinking past its time: treat further candidates as passing, so the smallest failure so far stands.
    if (failedAt !== undefined && performance.now() - failedAt > shrinkMs) return true;
    const input = materialise(seeds, c, format.codec);
    opts.onCase?.(c, input);
    const r = checkInput(format, input, { budgetMs });
    maxMs = Math.max(maxMs, r.ms);
    if (r.problems.length === 0) return true;
    last = r.problems;
    failedAt ??= performance.now();
    return false;
  });
  const details = fc.check(prop, { numRuns: opts.runs, seed, endOnFailure: shrinkMs === 0 });
  const stats: FuzzStats = { format: format.name, runs: details.numRuns, seed, maxMs, totalMs: performance.now() - t0 };
  if (details.failed && details.counterexample) {
    const c = details.counterexample[0];
    const input = materialise(seeds, c, format.codec);
    const again = checkInput(format, input, { budgetMs });
    stats.failure = { case: c, input, problems: again.problems.length ? again.problems : last, shrinks: details.numShrinks };
  }
  return stats;
}

export interface Regression {
  format: string;
  /** When and how it was found. */
  found: string;
  problems: string[];
  /** The text (JSON keeps lone surrogates and control characters exact). */
  text: string;
  /** The bytes, base64, when they are not the UTF-8 of `text` (invalid UTF-8 cases). */
  bytes?: string;
  case?: FuzzCase;
}

/** Save a failing input as a regression test; returns its path. */
export function saveRegression(format: string, input: { text: string; bytes?: Buffer }, problems: string[], c?: FuzzCase, note = ''): string {
  const dir = path.join(REGRESSIONS, format);
  fs.mkdirSync(dir, { recursive: true });
  const hash = crypto.createHash('sha256').update(input.bytes ?? Buffer.from(input.text, 'utf8')).update(input.text).digest('hex').slice(0, 12);
  const file = path.join(dir, `${hash}.json`);
  const reg: Regression = { format, found: `${new Date().toISOString().slice(0, 10)} npm run fuzz${note ? ` (${note})` : ''}`, problems: problems.map((p) => p.split('\n')[0]!.slice(0, 300)), text: input.text };
  if (input.bytes) reg.bytes = input.bytes.toString('base64');
  if (c) reg.case = c;
  fs.writeFileSync(file, JSON.stringify(reg, null, 2) + '\n');
  return file;
}

export function loadRegressions(): { file: string; reg: Regression }[] {
  const out: { file: string; reg: Regression }[] = [];
  if (!fs.existsSync(REGRESSIONS)) return out;
  for (const d of fs.readdirSync(REGRESSIONS).sort()) {
    const dir = path.join(REGRESSIONS, d);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
      const file = path.join(dir, f);
      out.push({ file, reg: JSON.parse(fs.readFileSync(file, 'utf8')) as Regression });
    }
  }
  return out;
}
