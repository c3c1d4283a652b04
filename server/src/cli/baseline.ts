import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding, Locale } from '../engine/types';
import { fingerprintReport } from './fingerprint';
import type { FileReport } from './lint-file';
import { t } from './messages';
import { region, relPath } from './report';

/**
 * Baselines: `--baseline-write FILE` records today's findings, `--baseline FILE` reports only
 * the findings that are not in it. An entry is a rule, a file (relative to the baseline's
 * folder, so the baseline works from any working directory) and the finding's fingerprint
 * (the SARIF one: it survives lines moving and does not depend on the messages' language).
 * `line` and `message` are there for the people reviewing the file; matching ignores them.
 */

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  rule: string;
  file: string;
  fingerprint: string;
  line?: number;
  message?: string;
}

export interface BaselineData {
  tool: 'elb-lint';
  version: number;
  findings: BaselineEntry[];
}

/** A baseline file that cannot be read or is not a baseline: exit code 2. */
export class BaselineError extends Error {
  constructor(readonly messageId: 'baselineUnreadable' | 'baselineInvalid', readonly data: Record<string, string>) {
    super(messageId);
    this.name = 'BaselineError';
  }
}

function key(rule: string, file: string, fp: string): string {
  return `${rule}\u0000${file}\u0000${fp}`;
}

function isEntry(x: unknown): x is BaselineEntry {
  const e = x as BaselineEntry;
  return typeof e === 'object' && e !== null && typeof e.rule === 'string' && typeof e.file === 'string' && typeof e.fingerprint === 'string';
}

/** Read and check a baseline file; `shown` is the path as the user wrote it (for messages). */
export function readBaseline(file: string, shown: string): BaselineEntry[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new BaselineError('baselineUnreadable', { path: shown, error: e.code ?? e.message });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new BaselineError('baselineInvalid', { path: shown, error: (err as Error).message });
  }
  const d = data as Partial<BaselineData>;
  if (typeof d !== 'object' || d === null || d.tool !== 'elb-lint' || !Array.isArray(d.findings)) {
    throw new BaselineError('baselineInvalid', { path: shown, error: 'expected {"tool": "elb-lint", "version": 1, "findings": [...]}' });
  }
  if (d.version !== BASELINE_VERSION) throw new BaselineError('baselineInvalid', { path: shown, error: `unsupported version ${String(d.version)}` });
  const bad = d.findings.findIndex((e) => !isEntry(e));
  if (bad >= 0) throw new BaselineError('baselineInvalid', { path: shown, error: `findings[${bad}] needs rule, file and fingerprint strings` });
  return d.findings;
}

export interface BaselineOptions {
  /** --baseline: the file whose findings are hidden. */
  read?: string;
  /** --baseline-write: the file to record the findings in. */
  write?: string;
  /** How the user wrote the paths (for messages). */
  readShown?: string;
  writeShown?: string;
  locale: Locale;
}

/**
 * One run's baseline handling: {@link apply} to each file's report (findings in the baseline
 * become suppressed, kind `external`), then {@link finish} writes the new baseline and returns
 * the notes for stderr.
 */
export class BaselineRun {
  /** Baseline entries not matched yet, by key → how many. */
  private readonly pending = new Map<string, number>();
  /** Absolute paths of the files this run linted. */
  private readonly linted = new Set<string>();
  private readonly recorded: BaselineEntry[] = [];
  private readonly old: BaselineEntry[] = [];
  private hidden = 0;
  private readonly readDir: string;
  private readonly writeDir: string;

  constructor(private readonly opts: BaselineOptions, cwd: string) {
    this.readDir = opts.read ? path.dirname(opts.read) : cwd;
    this.writeDir = opts.write ? path.dirname(opts.write) : cwd;
    if (opts.read) {
      for (const e of readBaseline(opts.read, opts.readShown ?? opts.read)) {
        const k = key(e.rule, e.file, e.fingerprint);
        this.pending.set(k, (this.pending.get(k) ?? 0) + 1);
        this.old.push(e);
      }
    }
  }

  /** Hide the findings the baseline lists (and, with --baseline-write, the ones it records). */
  apply(report: FileReport): FileReport {
    if (report.ignored) return report;
    this.linted.add(report.file);
    const writing = this.opts.write !== undefined;
    const readRel = relPath(this.readDir, report.file);
    const readFps = this.opts.read ? fingerprintReport(report, readRel) : undefined;
    const writeRel = relPath(this.writeDir, report.file);
    const writeFps = writing ? (readFps && writeRel === readRel ? readFps : fingerprintReport(report, writeRel)) : undefined;
    const kept: Finding[] = [];
    const hidden: Finding[] = [];
    for (const f of report.findings) {
      let inBaseline = false;
      if (readFps) {
        const k = key(f.ruleId, readRel, readFps.get(f)!);
        const n = this.pending.get(k) ?? 0;
        if (n > 0) {
          this.pending.set(k, n - 1);
          inBaseline = true;
        }
      }
      if (writeFps) {
        this.recorded.push({ rule: f.ruleId, file: writeRel, fingerprint: writeFps.get(f)!, line: region(report.source, f.span).line, message: f.message });
      }
      if (inBaseline || writing) hidden.push(f);
      else kept.push(f);
    }
    if (hidden.length === 0) return report;
    this.hidden += hidden.length;
    const justification = t(this.opts.locale, 'baselineJustification', { path: this.opts.writeShown ?? this.opts.readShown ?? '' });
    const suppressed = [...report.suppressed, ...hidden.map((f) => ({ ...f, suppression: { kind: 'external' as const, justification } }))];
    return { ...report, findings: kept, suppressed };
  }

  /** Write the baseline (if asked); the notes to print on stderr. */
  finish(): string[] {
    const notes: string[] = [];
    const { locale } = this.opts;
    if (this.opts.write) {
      // Entries of files this run did not lint stay (a run over part of the tree forgets nothing).
      let previous: BaselineEntry[] = [];
      let previousDir = this.writeDir;
      if (this.opts.read && path.resolve(this.opts.read) === path.resolve(this.opts.write)) {
        previous = this.old;
        previousDir = this.readDir;
      } else if (fs.existsSync(this.opts.write)) {
        try {
          previous = readBaseline(this.opts.write, this.opts.writeShown ?? this.opts.write);
        } catch {
          // Not a baseline: overwritten.
        }
      }
      const kept = previous.filter((e) => !this.linted.has(path.resolve(previousDir, e.file)));
      const findings = [...kept, ...this.recorded].sort(
        (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule) || a.fingerprint.localeCompare(b.fingerprint),
      );
      const data: BaselineData = { tool: 'elb-lint', version: BASELINE_VERSION, findings };
      fs.mkdirSync(path.dirname(this.opts.write), { recursive: true });
      fs.writeFileSync(this.opts.write, JSON.stringify(data, null, 2) + '\n');
      notes.push(t(locale, 'baselineWritten', { count: this.recorded.length, path: this.opts.writeShown ?? this.opts.write }));
      return notes;
    }
    if (this.hidden > 0) notes.push(t(locale, 'baselineHidden', { count: this.hidden, path: this.opts.readShown ?? '' }));
    let stale = 0;
    for (const [k, n] of this.pending) if (n > 0 && this.linted.has(path.resolve(this.readDir, k.split('\u0000')[1]!))) stale += n;
    if (stale > 0) notes.push(t(locale, 'baselineStale', { count: stale, path: this.opts.readShown ?? '' }));
    return notes;
  }
}
