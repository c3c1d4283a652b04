import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigCache, ConfigError, loadConfigFor, type LoadConfigOptions, type ResolvedConfig } from '../config/load';
import { allRules } from '../engine/rules/index';
import { SourceText } from '../engine/text/source';
import type { Locale, SeveritySetting } from '../engine/types';
import { earlyLocale, envLocale, parseCli, UsageError, type CliOptions } from './args';
import { expandTargets, PathError } from './files';
import { jsonResult } from './formatters/json';
import { formatSarif, type SarifNotification } from './formatters/sarif';
import { formatJunit } from './formatters/junit';
import { formatGitlab } from './formatters/gitlab';
import { BaselineError, BaselineRun } from './baseline';
import { initCommand } from './init';
import { colorDiff, formatFileText, formatSummaryText, makeStyle } from './formatters/text';
import { runGraph } from './graph';
import { lintTargets, type FileReport, type LintFileOptions, type LintFileOutcome, type LintTarget } from './lint-file';
import { lintTargetsInPool, poolSize } from './pool';
import { formatTimings, timings } from '../engine/timing';
import { t, type Totals } from './messages';
import { countReport, relPath } from './report';
import { packageVersion } from './version';
import { ensureTerraformParser } from '../engine/parse/hcl';

let stdoutClosed = false;
let stdoutGuarded = false;

/** The reader of stdout may go away (`elb-lint | head`): stop writing, quietly, never crash. */
function guardStdout(): void {
  if (stdoutGuarded) return;
  stdoutGuarded = true;
  process.stdout.on('error', () => {
    stdoutClosed = true;
  });
}

function writeStdout(s: string): void {
  if (s && !stdoutClosed) process.stdout.write(s);
}

/** Where the report goes: stdout (written as it comes) or a file (written once). */
class Output {
  private chunks: string[] = [];

  constructor(private readonly file: string | undefined) {}

  write(s: string): void {
    if (!s) return;
    if (this.file) this.chunks.push(s);
    else writeStdout(s);
  }

  /** Write the collected report to the output file. */
  flush(): void {
    if (!this.file) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(this.file, this.chunks.join(''));
  }
}

function stderr(s: string): void {
  try {
    process.stderr.write(s.endsWith('\n') ? s : s + '\n');
  } catch {
    // nowhere left to complain
  }
}

function useColor(opts: CliOptions): boolean {
  if (opts.color !== undefined) return opts.color;
  if (opts.outputFile) return false;
  return process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
}

function printConfig(file: string, opts: CliOptions, cfg: ResolvedConfig): string {
  const rules: Record<string, SeveritySetting> = {};
  for (const r of allRules) rules[r.id] = opts.rules[r.id] ?? cfg.rules[r.id] ?? r.severity;
  const out = {
    filePath: file,
    configFiles: cfg.configFiles,
    ignored: cfg.ignored,
    locale: opts.locale ?? cfg.locale ?? envLocale(),
    rules,
    ruleOptions: Object.fromEntries(
      allRules.filter((r) => r.options).map((r) => [r.id, Object.fromEntries(Object.entries(r.options!).map(([k, o]) => [k, cfg.options[r.id]?.[k] ?? o.default]))]),
    ),
  };
  return JSON.stringify(out, null, 2) + '\n';
}

function configErrorText(err: ConfigError, cwd: string): string {
  const file = relPath(cwd, err.file);
  return err.problems.map((p) => `${file}:${p.line}:${p.column}: ${p.message}`).join('\n') + '\n';
}

/** The outcomes of many targets linted on worker threads; undefined when few (or if a worker fails). */
async function lintTargetsInWorkers(targets: LintTarget[]): Promise<Map<string, LintFileOutcome> | undefined> {
  const size = timings.on ? 0 : poolSize(targets.length);
  if (!size) return undefined;
  try {
    return await lintTargetsInPool(targets, size);
  } catch {
    return undefined; // this thread lints them all itself
  }
}

async function run(argv: readonly string[]): Promise<number> {
  let locale: Locale = earlyLocale(argv);
  let opts: CliOptions;
  try {
    opts = parseCli(argv, locale);
  } catch (err) {
    if (err instanceof UsageError) {
      stderr(`elb-lint: ${err.message}\n${t(locale, 'seeHelp')}`);
      return 2;
    }
    throw err;
  }
  locale = opts.locale ?? envLocale();
  if (opts.help) {
    writeStdout(t(locale, 'help'));
    return 0;
  }
  if (opts.version) {
    writeStdout(packageVersion() + '\n');
    return 0;
  }
  const cwd = process.cwd();
  if (opts.init) return initCommand(cwd, locale, opts.force, stderr, (id, data) => t(locale, id, data));
  const configOpts: LoadConfigOptions = { lookup: opts.configLookup, cache: new ConfigCache(), locale };
  if (opts.config) configOpts.configFile = path.resolve(cwd, opts.config);
  const configs = new Map<string, ResolvedConfig>();
  const configFor = (file: string): ResolvedConfig => {
    let c = configs.get(file);
    if (!c) {
      c = loadConfigFor(file, configOpts);
      configs.set(file, c);
    }
    return c;
  };

  let targets;
  try {
    if (opts.printConfig !== undefined) {
      const file = path.resolve(cwd, opts.printConfig);
      writeStdout(printConfig(file, opts, configFor(file)));
      return 0;
    }
    targets = expandTargets(opts.patterns, cwd, (f) => opts.ignore && configFor(f).ignored, (f) => configFor(f).included);
    for (const x of targets) configFor(x.file);
  } catch (err) {
    if (err instanceof ConfigError) {
      stderr(configErrorText(err, cwd));
      return 2;
    }
    if (err instanceof PathError) {
      stderr(`elb-lint: ${t(locale, err.messageId, err.data)}`);
      return 2;
    }
    throw err;
  }

  let baseline: BaselineRun | undefined;
  if (opts.baseline !== undefined || opts.baselineWrite !== undefined) {
    try {
      baseline = new BaselineRun(
        { read: opts.baseline && path.resolve(cwd, opts.baseline), readShown: opts.baseline, write: opts.baselineWrite && path.resolve(cwd, opts.baselineWrite), writeShown: opts.baselineWrite, locale },
        cwd,
      );
    } catch (err) {
      if (!(err instanceof BaselineError)) throw err;
      stderr(`elb-lint: ${t(locale, err.messageId, err.data)}`);
      return 2;
    }
  }

  const out = new Output(opts.outputFile ? path.resolve(cwd, opts.outputFile) : undefined);
  const style = makeStyle(useColor(opts));
  const fixMode = opts.fix ? 'write' : opts.fixDryRun ? 'dry-run' : 'none';
  const totals: Totals = { errors: 0, warnings: 0, infos: 0, fixable: 0 };
  let allWarnings = 0;
  let ioError = false;
  const textBlocks: string[] = [];
  const jsonBlocks: string[] = [];
  const sarifReports: FileReport[] = [];
  const notifications: SarifNotification[] = [];

  const fileOptions = (file: string): LintFileOptions => {
    const cfg = configFor(file);
    return { locale: opts.locale ?? cfg.locale ?? locale, rules: { ...cfg.rules, ...opts.rules }, ruleOptions: cfg.options, maxBytes: opts.maxFileSize, fix: fixMode };
  };
  // The HCL parser is WebAssembly, loaded once (asynchronously) before any Terraform file is read.
  if (targets.some((t) => /\.(tf|tfvars|tf\.json)$/i.test(t.file))) await ensureTerraformParser();
  // Files of one group (a Terraform module) are read together; each keeps its own outcome.
  timings.on = opts.timing;
  const toLint = targets.filter((t) => !(opts.ignore && configFor(t.file).ignored && t.explicit)).map((t) => ({ file: t.file, opts: fileOptions(t.file) }));
  // Many files: on worker threads (same lintTargets, by directory); few: on this thread.
  const outcomes = (await lintTargetsInWorkers(toLint)) ?? lintTargets(toLint);

  for (const target of targets) {
    const cfg = configFor(target.file);
    let report: FileReport;
    if (opts.ignore && cfg.ignored && target.explicit) {
      report = { file: target.file, source: new SourceText(target.file, ''), findings: [], suppressed: [], ignored: true };
    } else {
      const outcome = outcomes.get(target.file);
      if (!outcome) continue;
      if (outcome.error) {
        const shown = relPath(cwd, target.file);
        const msg = t(locale, outcome.error.messageId, { path: shown, error: outcome.error.error });
        stderr(`elb-lint: ${msg}`);
        if (outcome.error.messageId !== 'notFixed') {
          ioError = true;
          notifications.push({ file: target.file, message: msg, level: 'error' });
        }
      }
      if (!outcome.report) continue;
      report = outcome.report;
    }
    if (baseline) report = baseline.apply(report);
    const c = countReport(report);
    allWarnings += c.warningCount;
    if (opts.quiet) report = { ...report, findings: report.findings.filter((f) => f.severity === 'error'), ignored: false };
    const shown = countReport(report);
    totals.errors += shown.errorCount;
    totals.warnings += shown.warningCount;
    totals.infos += shown.infoCount;
    totals.fixable += report.findings.filter((f) => f.fixes.length > 0).length;
    if (opts.format === 'text') {
      if (opts.fixDryRun && report.output !== undefined && report.input !== undefined) {
        const rel = relPath(cwd, report.file);
        out.write(colorDiff((require('diff') as typeof import('diff')).createTwoFilesPatch(`a/${rel}`, `b/${rel}`, report.input, report.output), style));
      }
      const block = formatFileText(report, cwd, locale, style);
      if (block) textBlocks.push(block);
    } else if (opts.format === 'json') {
      jsonBlocks.push(JSON.stringify(jsonResult(report, locale)));
    } else {
      sarifReports.push(report);
    }
  }

  if (opts.format === 'text') {
    if (opts.fixDryRun && textBlocks.length) out.write('\n');
    for (const b of textBlocks) out.write(b);
    out.write(formatSummaryText(totals, locale, style));
  } else if (opts.format === 'json') {
    out.write('[');
    jsonBlocks.forEach((b, i) => out.write(i ? ',' + b : b));
    out.write(']\n');
  } else if (opts.format === 'junit') {
    out.write(formatJunit(sarifReports, cwd, locale, notifications.flatMap((n) => (n.file ? [{ file: n.file, message: n.message }] : []))));
  } else if (opts.format === 'gitlab') {
    out.write(formatGitlab(sarifReports, cwd));
  } else {
    out.write(formatSarif(sarifReports, cwd, locale, notifications));
  }
  if (baseline) {
    try {
      for (const note of baseline.finish()) stderr(note);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      stderr(`elb-lint: ${t(locale, 'cannotWrite', { path: opts.baselineWrite ?? '', error: e.code ?? e.message })}`);
      ioError = true;
    }
  }
  try {
    out.flush();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    stderr(`elb-lint: ${t(locale, 'cannotWrite', { path: opts.outputFile ?? '', error: e.code ?? e.message })}`);
    return 2;
  }

  if (opts.timing) stderr(formatTimings());
  const tooManyWarnings = opts.maxWarnings !== undefined && allWarnings > opts.maxWarnings;
  if (tooManyWarnings) stderr(t(locale, 'tooManyWarnings', { max: opts.maxWarnings! }));
  if (ioError) return 2;
  return totals.errors > 0 || tooManyWarnings ? 1 : 0;
}

/** Entry point of the `elb-lint` command: resolves to the exit code, never rejects. */
export async function main(argv: readonly string[]): Promise<number> {
  guardStdout();
  try {
    if (argv[0] === 'graph') return await runGraph(argv.slice(1));
    return await run(argv);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    stderr(`elb-lint: ${t(earlyLocale(argv), 'internalError', { error: msg.split('\n')[0] })}`);
    return 2;
  }
}
