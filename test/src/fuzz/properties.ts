/**
 * The properties every input must keep, whatever it is:
 *  1. the engine never throws (and no internal-error finding, ELB090, appears: a rule that crashes
 *     on some input is a bug even though the pipeline contains it);
 *  2. it returns within a bounded time;
 *  3. every range (finding, related location, fix edit) lies inside the document;
 *  4. the same input gives the same output;
 *  5. nothing in the input is executed (`!!js/function` and friends) and no prototype is polluted.
 * Bytes (the CLI's path) go through the decoder first: a decoding problem must be positioned too.
 */
import { decodeLenient, decodeText } from '../../../server/out/engine/text/decode';
import type { Finding, Span } from '../../../server/out/engine/types';
import type { FuzzFormat, LintedFile } from './formats';

export interface CheckOptions {
  /** Time one lint of a small input may take, in ms. */
  budgetMs: number;
  /** Time allowed per character on top (the parsers are linear; hostile input costs them more per character). */
  perCharUs?: number;
}

export const DEFAULT_BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS) || 2000;
/** Worst seen in 10^5 cases: deeply nested flow collections full of errors, about 10 µs a character. */
export const DEFAULT_PER_CHAR_US = 20;

export interface CheckOutcome {
  problems: string[];
  /** Slowest lint of the case, in ms. */
  ms: number;
}

function spanProblem(what: string, s: Span | undefined, len: number): string | undefined {
  if (!s || !Number.isInteger(s.start) || !Number.isInteger(s.end)) return `${what}: span is not a pair of integers (${JSON.stringify(s)})`;
  if (s.start < 0 || s.end < s.start || s.end > len) return `${what}: span ${s.start}..${s.end} outside the document (length ${len})`;
  return undefined;
}

function findingProblems(file: LintedFile, byPath: Map<string, number>, f: Finding): string[] {
  const out: string[] = [];
  const len = file.text.length;
  const id = `${f.ruleId} "${f.message.slice(0, 80)}"`;
  const p = spanProblem(id, f.span, len);
  if (p) out.push(p);
  if (typeof f.message !== 'string' || f.message === '' || /\{\w+\}/.test(f.message)) out.push(`${id}: message empty or with an unfilled placeholder`);
  if (f.ruleId === 'ELB090') out.push(`internal error finding: ${f.message}`);
  for (const r of f.related) {
    const rl = byPath.get(r.path) ?? len;
    const q = spanProblem(`${id} related`, r.span, rl);
    if (q) out.push(q);
  }
  for (const fix of f.fixes) {
    for (const e of fix.edits) {
      const el = e.path ? (byPath.get(e.path) ?? -1) : len;
      if (el < 0) out.push(`${id} fix "${fix.title}": edit of an unknown file ${e.path}`);
      else {
        const q = spanProblem(`${id} fix "${fix.title}"`, e.span, el);
        if (q) out.push(q);
      }
      if (typeof e.newText !== 'string') out.push(`${id} fix "${fix.title}": newText is not a string`);
    }
  }
  return out;
}

/** A comparable rendering of a lint (fixes built, so lazily built edits are compared too). */
export function render(files: LintedFile[]): string {
  const f = (x: Finding) => ({ r: x.ruleId, s: x.severity, m: x.message, p: x.path, sp: [x.span.start, x.span.end], rel: x.related.map((r) => [r.path, r.span.start, r.span.end, r.message]), fx: x.fixes.map((k) => [k.title, k.isPreferred ?? false, k.edits.map((e) => [e.path ?? '', e.span.start, e.span.end, e.newText])]), sup: x.suppression ?? null });
  return JSON.stringify(files.map((x) => ({ path: x.path, len: x.text.length, findings: x.findings.map(f), suppressed: x.suppressed.map(f) })));
}

/**
 * Lint and measure the CPU time it took (user + system of this process), not the wall clock:
 * a loaded CI machine must not turn into a failure of the property.
 */
function lintTimed(format: FuzzFormat, text: string): { files?: LintedFile[]; error?: unknown; ms: number } {
  const c0 = process.cpuUsage();
  const ms = () => {
    const d = process.cpuUsage(c0);
    return (d.user + d.system) / 1000;
  };
  try {
    const files = format.lint(text);
    return { files, ms: ms() };
  } catch (error) {
    return { error, ms: ms() };
  }
}

function checkText(format: FuzzFormat, text: string, opts: CheckOptions, where: string): CheckOutcome {
  const problems: string[] = [];
  const a = lintTimed(format, text);
  if (a.error !== undefined) {
    const e = a.error as Error;
    return { problems: [`${where}: lint threw ${e?.stack ?? String(a.error)}`], ms: a.ms };
  }
  const budget = opts.budgetMs + (text.length * (opts.perCharUs ?? DEFAULT_PER_CHAR_US)) / 1000;
  if (a.ms > budget) problems.push(`${where}: lint took ${a.ms.toFixed(0)} ms of CPU (budget ${budget.toFixed(0)} ms) on ${text.length} characters`);
  const files = a.files!;
  const byPath = new Map(files.map((f) => [f.path, f.text.length]));
  for (const file of files) {
    for (const f of [...file.findings, ...file.suppressed]) for (const p of findingProblems(file, byPath, f)) problems.push(`${where}: ${p}`);
  }
  let first: string;
  try {
    first = render(files);
  } catch (e) {
    problems.push(`${where}: building fixes threw ${(e as Error)?.stack ?? String(e)}`);
    return { problems, ms: a.ms };
  }
  const b = lintTimed(format, text);
  if (b.error !== undefined) problems.push(`${where}: second lint threw ${String(b.error)}`);
  else if (render(b.files!) !== first) problems.push(`${where}: the same input gave a different output on a second lint`);
  return { problems, ms: Math.max(a.ms, b.ms) };
}

/** Check one input: its text (the editor's path) and, when given, its bytes (the CLI's path). */
export function checkInput(format: FuzzFormat, input: { text: string; bytes?: Buffer }, opts: CheckOptions = { budgetMs: DEFAULT_BUDGET_MS }): CheckOutcome {
  const g = globalThis as { __elbFuzzPwned?: unknown };
  delete g.__elbFuzzPwned;
  const out = checkText(format, input.text, opts, 'text');
  if (input.bytes) {
    const d = decodeText(input.bytes);
    if ('text' in d) {
      const r = checkText(format, d.text, opts, 'bytes');
      out.problems.push(...r.problems);
      out.ms = Math.max(out.ms, r.ms);
    } else {
      const len = decodeLenient(input.bytes).length;
      if (!(d.problem.offset >= 0 && d.problem.offset <= len)) out.problems.push(`bytes: decode problem offset ${d.problem.offset} outside the text (length ${len})`);
    }
  }
  if (g.__elbFuzzPwned !== undefined) out.problems.push('input code was executed (globalThis.__elbFuzzPwned set)');
  const proto = Object.prototype as Record<string, unknown>;
  if ('polluted' in proto || 'polluted' in ({} as Record<string, unknown>)) {
    delete proto.polluted;
    out.problems.push('Object.prototype was polluted by the input');
  }
  return out;
}
