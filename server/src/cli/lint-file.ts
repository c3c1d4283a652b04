import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixAll } from '../engine/fix/fix-all';
import { fixGroup } from '../engine/fix/fix-group';
import { readerFor } from '../engine/formats/registry';
import type { FormatReader, InputFile } from '../engine/formats/types';
import { lintGroup, lintText, type LintResult } from '../engine/lint';
import { getRule } from '../engine/rules/index';
import { format } from '../engine/rules/rule';
import { decodeLenient, decodeText, tooLargeProblem, type DecodeProblem } from '../engine/text/decode';
import { SourceText } from '../engine/text/source';
import type { Finding, Locale, Severity, SeveritySetting } from '../engine/types';

/** What the formatters print for one file. */
export interface FileReport {
  /** Absolute path. */
  file: string;
  /** The text the positions refer to (the fixed text after --fix / --fix-dry-run). */
  source: SourceText;
  findings: Finding[];
  suppressed: Finding[];
  /** The fixed text, when fixing changed it. */
  output?: string;
  /** The text as read, when `output` is set. */
  input?: string;
  /** Named on the command line but matched by an ignore pattern: not linted, one warning. */
  ignored?: boolean;
  /** `source` is not the file's text (unreadable encoding): never echo it. */
  opaque?: boolean;
}

export type FixMode = 'none' | 'write' | 'dry-run';

export interface LintFileOptions {
  locale: Locale;
  rules: Record<string, SeveritySetting>;
  /** Rule options from the configuration (`ELB207: [info, {maxDelay: 3}]`). */
  ruleOptions?: Record<string, Record<string, number>>;
  maxBytes: number;
  fix: FixMode;
}

export interface LintFileOutcome {
  report?: FileReport;
  /** An I/O error (unreadable file, failed write): printed on stderr, exit code 2. */
  error?: { messageId: 'cannotRead' | 'cannotWrite' | 'notFixed'; error: string };
}

function errorText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e && e.code) {
    const detail = e.code === 'EISDIR' ? 'is a directory' : e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied' : e.code === 'ENOENT' ? 'no such file' : e.code;
    return `${detail} (${e.code})`;
  }
  return e instanceof Error ? e.message : String(err);
}

/** The ELB001 finding of bytes that are not a lintable text. */
function decodeReport(file: string, buf: Buffer | undefined, problem: DecodeProblem, opts: LintFileOptions): FileReport {
  const rule = getRule('ELB001')!;
  const positioned = buf && (problem.messageId === 'binary' || problem.messageId === 'notUtf8');
  const source = new SourceText(file, positioned ? decodeLenient(buf) : '');
  const setting = opts.rules[rule.id] ?? rule.severity;
  const findings: Finding[] = [];
  if (setting !== 'off') {
    const tpl = rule.messages[opts.locale][problem.messageId] ?? rule.messages.en[problem.messageId] ?? problem.messageId;
    const start = Math.min(problem.offset, source.text.length);
    findings.push({
      ruleId: rule.id,
      severity: setting as Severity,
      message: format(tpl, problem.data),
      path: file,
      span: { start, end: positioned ? Math.min(start + 1, source.text.length) : start },
      related: [],
      fixes: [],
    });
  }
  return { file, source, findings, suppressed: [], opaque: true };
}

/**
 * Whether the fixed text has a syntax error the original did not have (compared by message, not
 * by count: a fix that removed one error and made another must not be written either).
 */
function newSyntaxErrors(before: LintResult, after: LintResult): boolean {
  const left = new Map<string, number>();
  for (const f of before.findings) if (f.ruleId === 'ELB001' && f.severity === 'error') left.set(f.message, (left.get(f.message) ?? 0) + 1);
  for (const f of after.findings) {
    if (f.ruleId !== 'ELB001' || f.severity !== 'error') continue;
    const n = left.get(f.message) ?? 0;
    if (n <= 0) return true;
    left.set(f.message, n - 1);
  }
  return false;
}

/**
 * Replace a file's content atomically: write a temporary file next to it, flush it, give it the
 * original's mode, then rename it over the original (symbolic links are followed, not replaced).
 */
export function writeAtomic(file: string, content: string): void {
  const real = fs.realpathSync(file);
  const st = fs.statSync(real);
  const mode = st.mode & 0o7777;
  const tmp = path.join(path.dirname(real), `.${path.basename(real)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', mode);
    fs.writeFileSync(fd, content, 'utf8');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.chmodSync(tmp, mode);
    try {
      fs.chownSync(tmp, st.uid, st.gid);
    } catch {
      // Not permitted: the file keeps the owner of whoever ran the fix.
    }
    fs.renameSync(tmp, real);
  } catch (err) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing
      }
    }
    try {
      fs.unlinkSync(tmp);
    } catch {
      // nothing to clean
    }
    throw err;
  }
}

type Read = { text: string } | { outcome: LintFileOutcome };

/** Read and decode one file: its text, or the outcome to report instead (I/O error, bad bytes). */
function readForLint(file: string, opts: LintFileOptions): Read {
  let buf: Buffer;
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) return { outcome: { error: { messageId: 'cannotRead', error: errorText({ code: 'EISDIR' }) } } };
    if (st.size > opts.maxBytes) return { outcome: { report: decodeReport(file, undefined, tooLargeProblem(st.size, opts.maxBytes), opts) } };
    buf = fs.readFileSync(file);
  } catch (err) {
    return { outcome: { error: { messageId: 'cannotRead', error: errorText(err) } } };
  }
  const decoded = decodeText(buf, { maxBytes: opts.maxBytes });
  if ('problem' in decoded) return { outcome: { report: decodeReport(file, buf, decoded.problem, opts) } };
  return { text: decoded.text };
}

function lintOptions(file: string, opts: LintFileOptions) {
  // The engine's own cap counts UTF-16 units, never more than the bytes already checked here.
  return { path: file, locale: opts.locale, rules: opts.rules, ruleOptions: opts.ruleOptions, maxLength: opts.maxBytes };
}

function lintDecoded(file: string, text: string, opts: LintFileOptions): LintFileOutcome {
  const lintOpts = lintOptions(file, opts);
  if (opts.fix === 'none') {
    const r = lintText(text, lintOpts);
    return { report: { file, source: r.source, findings: r.findings, suppressed: r.suppressed } };
  }
  const fixed = fixAll(text, lintOpts);
  if (fixed.output === text) {
    const r = fixed.result;
    return { report: { file, source: r.source, findings: r.findings, suppressed: r.suppressed } };
  }
  const before = lintText(text, lintOpts);
  // Never write what does not read back as well as the original (re-linted, not assumed).
  const reread = lintText(fixed.output, lintOpts);
  if (newSyntaxErrors(before, reread) || reread.findings.some((f) => f.ruleId === 'ELB090')) {
    return { report: { file, source: before.source, findings: before.findings, suppressed: before.suppressed }, error: { messageId: 'notFixed', error: '' } };
  }
  const r = fixed.result;
  const report: FileReport = { file, source: r.source, findings: r.findings, suppressed: r.suppressed, output: fixed.output, input: text };
  if (opts.fix === 'write') {
    try {
      writeAtomic(file, fixed.output);
    } catch (err) {
      return { report: { file, source: before.source, findings: before.findings, suppressed: before.suppressed }, error: { messageId: 'cannotWrite', error: errorText(err) } };
    }
  }
  return { report };
}

/** Read, decode, lint (and fix) one file. Never throws for problems of the file itself. */
export function lintFile(file: string, opts: LintFileOptions): LintFileOutcome {
  const read = readForLint(file, opts);
  if ('outcome' in read) return read.outcome;
  return lintDecoded(file, read.text, opts);
}

export interface LintTarget {
  file: string;
  opts: LintFileOptions;
}

interface Group {
  reader: FormatReader;
  dir: string;
  targets: { file: string; text: string; opts: LintFileOptions }[];
}

/** The other files of a group's directory that its reader reads too (`.tf` files, `*.tfvars`). */
function siblingsOf(group: Group): InputFile[] {
  const out: InputFile[] = [];
  const named = new Set(group.targets.map((t) => t.file));
  const opts = group.targets[0]!.opts;
  let names: string[];
  try {
    names = fs.readdirSync(group.dir).sort();
  } catch {
    return out;
  }
  const key = group.reader.groupKey!(group.targets[0]!.file);
  for (const name of names) {
    const file = path.join(group.dir, name);
    if (named.has(file)) continue;
    if (group.reader.groupKey!(file) !== key) continue;
    const read = readForLint(file, opts);
    if ('outcome' in read) continue;
    if (group.reader.accepts(file, read.text) || group.reader.companion?.(file)) out.push({ path: file, text: read.text });
  }
  return out;
}

function lintGroupTargets(group: Group, out: Map<string, LintFileOutcome>): void {
  const opts = group.targets[0]!.opts;
  const files: InputFile[] = [...group.targets.map((t) => ({ path: t.file, text: t.text })), ...siblingsOf(group)];
  const groupOpts = { locale: opts.locale, rules: opts.rules, ruleOptions: opts.ruleOptions, maxLength: opts.maxBytes, format: group.reader.format };
  const reportOf = (r: LintResult, extra: Partial<FileReport> = {}): FileReport => ({ file: r.path, source: r.source, findings: r.findings, suppressed: r.suppressed, ...extra });
  if (opts.fix === 'none') {
    lintGroup(files, groupOpts).forEach((r, i) => {
      if (i < group.targets.length) out.set(r.path, { report: reportOf(r) });
    });
    return;
  }
  const before = lintGroup(files, groupOpts);
  const fixed = fixGroup(files, groupOpts);
  // Re-read the fixed files as they would be written: no file may gain a syntax error.
  const reread = lintGroup(files.map((f) => ({ path: f.path, text: fixed.outputs.get(f.path) ?? f.text })), groupOpts);
  const broke = reread.some((r, i) => newSyntaxErrors(before[i]!, r) || r.findings.some((f) => f.ruleId === 'ELB090'));
  if (broke) {
    before.forEach((r, i) => {
      if (i < group.targets.length) out.set(r.path, { report: reportOf(r), error: { messageId: 'notFixed', error: '' } });
    });
    return;
  }
  let writeError: string | undefined;
  if (opts.fix === 'write') {
    for (const f of files) {
      const text = fixed.outputs.get(f.path)!;
      if (text === f.text) continue;
      try {
        writeAtomic(f.path, text);
      } catch (err) {
        writeError = errorText(err);
        break;
      }
    }
  }
  fixed.results.forEach((r, i) => {
    if (i >= group.targets.length) return;
    const input = files[i]!.text;
    const output = fixed.outputs.get(r.path)!;
    if (writeError !== undefined) out.set(r.path, { report: reportOf(before[i]!), error: { messageId: 'cannotWrite', error: writeError } });
    else out.set(r.path, { report: reportOf(r, output !== input ? { output, input } : {}) });
  });
}

/**
 * Lint (and fix) the targets, files of one group (a Terraform module directory) together: the
 * outcome of every target, by file. Never throws for problems of the files themselves.
 */
export function lintTargets(targets: readonly LintTarget[]): Map<string, LintFileOutcome> {
  const out = new Map<string, LintFileOutcome>();
  const groups = new Map<string, Group>();
  for (const t of targets) {
    const read = readForLint(t.file, t.opts);
    if ('outcome' in read) {
      out.set(t.file, read.outcome);
      continue;
    }
    const reader = readerFor(t.file, read.text);
    if (!reader.groupKey) {
      out.set(t.file, lintDecoded(t.file, read.text, t.opts));
      continue;
    }
    const key = `${reader.format}\0${reader.groupKey(t.file)}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { reader, dir: path.dirname(t.file), targets: [] }));
    g.targets.push({ file: t.file, text: read.text, opts: t.opts });
  }
  for (const g of groups.values()) lintGroupTargets(g, out);
  return out;
}
