import * as os from 'node:os';
import * as path from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { ensureTerraformParser } from '../engine/parse/hcl';
import { SourceText } from '../engine/text/source';
import type { Finding } from '../engine/types';
import { lintTargets, type FileReport, type LintFileOutcome, type LintTarget } from './lint-file';

/**
 * Lint many files on worker threads. A repository of configurations is embarrassingly parallel:
 * each file (each group: a Terraform module directory) is read, linted and fixed on its own, so
 * the targets are dealt out in small batches of whole directories to a few workers that each run
 * `lintTargets` exactly as the main thread would; the reports come back as plain data (findings
 * with their fixes rendered, the text) and the caller prints them in its own order. Below a few
 * dozen files the workers' start-up (loading the engine, one cold lint each) costs more than it
 * saves, so the caller lints on its own thread.
 */

/** Files per message: enough to amortise messaging, small enough to balance the workers. */
const BATCH = 8;
/** Below this many files one thread is faster than starting workers. */
export const POOL_MIN_FILES = 48;

interface WireReport extends Omit<FileReport, 'source'> {
  text: string;
}
interface WireOutcome {
  report?: WireReport;
  error?: LintFileOutcome['error'];
}

/** Findings as plain data: the lazily rendered fixes are rendered here, on the worker. */
function plainFindings(fs: readonly Finding[]): Finding[] {
  return fs.map((f) => ({ ...f, fixes: f.fixes.map((x) => ({ ...x })) }));
}

function toWire(o: LintFileOutcome): WireOutcome {
  if (!o.report) return { error: o.error };
  const { source, ...rest } = o.report;
  return { error: o.error, report: { ...rest, findings: plainFindings(rest.findings), suppressed: plainFindings(rest.suppressed), text: source.text } };
}

function fromWire(w: WireOutcome): LintFileOutcome {
  if (!w.report) return { error: w.error };
  const { text, ...rest } = w.report;
  return { error: w.error, report: { ...rest, source: new SourceText(rest.file, text) } };
}

/** How many workers to start for `files` files (0: lint on the calling thread). */
export function poolSize(files: number): number {
  if (process.env.ELB_LINT_WORKERS !== undefined) {
    const n = Number(process.env.ELB_LINT_WORKERS);
    return Number.isInteger(n) && n >= 0 ? Math.min(n, 16, files) : 0;
  }
  if (files < POOL_MIN_FILES) return 0;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  if (cores < 2) return 0;
  return Math.min(cores, 4, Math.ceil(files / 32));
}

/** Batches of whole directories (files of one group always share a directory), ~BATCH files each. */
function batches(targets: readonly LintTarget[]): LintTarget[][] {
  const byDir = new Map<string, LintTarget[]>();
  for (const t of targets) {
    const d = path.dirname(t.file);
    let l = byDir.get(d);
    if (!l) byDir.set(d, (l = []));
    l.push(t);
  }
  const out: LintTarget[][] = [];
  let cur: LintTarget[] = [];
  for (const l of byDir.values()) {
    cur.push(...l);
    if (cur.length >= BATCH) {
      out.push(cur);
      cur = [];
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

/** `lintTargets` on `size` worker threads: the outcome of every target, by file. */
export function lintTargetsInPool(targets: readonly LintTarget[], size: number): Promise<Map<string, LintFileOutcome>> {
  const results = new Map<string, LintFileOutcome>();
  const work = batches(targets);
  let next = 0;
  let done = 0;
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let failed = false;
    const finish = (err?: unknown) => {
      for (const w of workers) void w.terminate();
      if (err) reject(err);
      else resolve(results);
    };
    if (!work.length) return finish();
    const feed = (w: Worker) => {
      if (next >= work.length) return;
      w.postMessage(work[next++]);
    };
    for (let i = 0; i < size; i++) {
      const w = new Worker(__filename, { workerData: { elbLintPool: true } });
      workers.push(w);
      w.on('message', (m: [string, WireOutcome][]) => {
        for (const [file, o] of m) results.set(file, fromWire(o));
        if (++done >= work.length) finish();
        else feed(w);
      });
      w.on('error', (err) => {
        if (failed) return;
        failed = true;
        finish(err);
      });
      feed(w);
      feed(w);
    }
  });
}

// The worker side: lint each batch it is sent, answer with plain reports.
if (!isMainThread && (workerData as { elbLintPool?: boolean } | undefined)?.elbLintPool && parentPort) {
  const port = parentPort;
  // Messages are handled one at a time, in order (the HCL parser, WebAssembly, loads asynchronously).
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (batch: LintTarget[]) => {
    queue = queue.then(async () => {
      if (batch.some((t) => /\.(tf|tfvars|tf\.json)$/i.test(t.file))) await ensureTerraformParser();
      const out: [string, WireOutcome][] = [];
      for (const [file, o] of lintTargets(batch)) out.push([file, toWire(o)]);
      port.postMessage(out);
    });
  });
}
