import { parseArgs } from 'node:util';
import { allRules, getRule } from '../engine/rules/index';
import { closest } from '../engine/text/suggest';
import { DEFAULT_MAX_FILE_SIZE } from '../engine/text/decode';
import type { Locale, SeveritySetting } from '../engine/types';
import { SEVERITY_SETTINGS } from '../config/validate';
import { t } from './messages';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'junit' | 'gitlab';

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'junit', 'gitlab'];

export interface CliOptions {
  patterns: string[];
  format: OutputFormat;
  outputFile?: string;
  /** Given with --locale (else the file's configuration, else the environment). */
  locale?: Locale;
  fix: boolean;
  fixDryRun: boolean;
  /** --rule settings, applied after the configuration files. */
  rules: Record<string, SeveritySetting>;
  maxWarnings?: number;
  quiet: boolean;
  /** --timing: print the time each rule took, slowest first (on stderr). */
  timing: boolean;
  config?: string;
  configLookup: boolean;
  ignore: boolean;
  printConfig?: string;
  version: boolean;
  help: boolean;
  /** --color / --no-color, the last one wins. */
  color?: boolean;
  /** In bytes. */
  maxFileSize: number;
  /** --baseline FILE: report only findings that are not in FILE. */
  baseline?: string;
  /** --baseline-write FILE: record the findings in FILE. */
  baselineWrite?: string;
  /** --init: write a commented .elb-lint.yaml (--force: over an existing one). */
  init: boolean;
  force: boolean;
}

/** A usage error: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {}

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  'output-file': { type: 'string', short: 'o' },
  locale: { type: 'string' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  rule: { type: 'string', multiple: true },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean' },
  timing: { type: 'boolean' },
  config: { type: 'string', short: 'c' },
  'no-config-lookup': { type: 'boolean' },
  'no-ignore': { type: 'boolean' },
  'print-config': { type: 'string' },
  'max-file-size': { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  baseline: { type: 'string' },
  'baseline-write': { type: 'string' },
  init: { type: 'boolean' },
  force: { type: 'boolean' },
  version: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `zh_CN.UTF-8`, `zh-cn`, `zh` → zh-cn; `en…`, `C`, `POSIX` → en; anything else undefined. */
export function normalizeLocale(value: string): Locale | undefined {
  const v = value.trim().toLowerCase();
  if (v.startsWith('zh')) return 'zh-cn';
  if (v.startsWith('en') || v === 'c' || v === 'posix' || v.startsWith('c.')) return 'en';
  return undefined;
}

/** The locale of the environment: the first of LC_ALL, LC_MESSAGES, LANG that is set. */
export function envLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  const v = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return v.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

/** The locale for the CLI's own messages before the arguments are known to be valid. */
export function earlyLocale(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Locale {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    const v = a.startsWith('--locale=') ? a.slice(9) : a === '--locale' ? argv[i + 1] : undefined;
    const l = v !== undefined ? normalizeLocale(v) : undefined;
    if (l) return l;
  }
  return envLocale(env);
}

function parseNumber(option: string, value: string | undefined, min: number, integer: boolean, locale: Locale): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
    throw new UsageError(t(locale, 'badNumber', { option, value, min }));
  }
  return n;
}

function parseRules(values: readonly string[], locale: Locale): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {};
  for (const value of values) {
    for (const item of value.split(',')) {
      const m = /^\s*([A-Za-z]+\d+)\s*[:=]\s*([A-Za-z]+)\s*$/.exec(item);
      if (!m) throw new UsageError(t(locale, 'badRule', { value: item }));
      const id = m[1]!.toUpperCase();
      const sev = m[2]!.toLowerCase() === 'warn' ? 'warning' : m[2]!.toLowerCase();
      if (!getRule(id)) {
        const c = closest(id, allRules.map((r) => r.id));
        throw new UsageError(t(locale, 'unknownRule', { rule: m[1]!, hint: c ? t(locale, 'didYouMean', { name: c }) : '' }));
      }
      if (!(SEVERITY_SETTINGS as readonly string[]).includes(sev)) throw new UsageError(t(locale, 'badRule', { value: item }));
      out[id] = sev as SeveritySetting;
    }
  }
  return out;
}

function friendlyParseError(err: unknown, locale: Locale): UsageError {
  const e = err as { code?: string; message?: string };
  const msg = e.message ?? String(err);
  const quoted = /'([^']+)'/.exec(msg)?.[1] ?? '';
  const option = quoted.replace(/ <value>$/, '').split(', ').pop() ?? quoted;
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(t(locale, 'unknownOption', { option }));
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return new UsageError(t(locale, /does not take/.test(msg) ? 'takesNoValue' : 'missingValue', { option }));
  }
  return new UsageError(t(locale, 'badArgs', { detail: msg.split('. ')[0] ?? msg }));
}

/** Parse the command line. Throws {@link UsageError} with a localised message. */
export function parseCli(argv: readonly string[], locale: Locale): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
  } catch (err) {
    throw friendlyParseError(err, locale);
  }
  const v = parsed.values;
  let loc: Locale | undefined;
  if (v.locale !== undefined) {
    loc = normalizeLocale(v.locale);
    if (!loc) throw new UsageError(t(locale, 'badLocale', { value: v.locale }));
  }
  const format = (v.format ?? 'text').toLowerCase();
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) throw new UsageError(t(locale, 'badFormat', { value: v.format ?? '' }));
  if (v.force && !v.init) throw new UsageError(t(locale, 'forceWithoutInit'));
  if (v.fix && v['fix-dry-run']) throw new UsageError(t(locale, 'fixConflict'));
  let color: boolean | undefined;
  for (const tok of parsed.tokens ?? []) {
    if (tok.kind === 'option' && tok.name === 'color') color = true;
    if (tok.kind === 'option' && tok.name === 'no-color') color = false;
  }
  const maxMb = parseNumber('--max-file-size', v['max-file-size'], 0, false, locale);
  const opts: CliOptions = {
    patterns: parsed.positionals,
    format: format as OutputFormat,
    fix: v.fix === true,
    fixDryRun: v['fix-dry-run'] === true,
    rules: parseRules(v.rule ?? [], locale),
    quiet: v.quiet === true,
    timing: v.timing === true,
    configLookup: v['no-config-lookup'] !== true,
    ignore: v['no-ignore'] !== true,
    version: v.version === true,
    help: v.help === true,
    maxFileSize: maxMb === undefined ? DEFAULT_MAX_FILE_SIZE : Math.floor(maxMb * 1024 * 1024),
    init: v.init === true,
    force: v.force === true,
  };
  if (v.baseline !== undefined) opts.baseline = v.baseline;
  if (v['baseline-write'] !== undefined) opts.baselineWrite = v['baseline-write'];
  if (v['output-file'] !== undefined) opts.outputFile = v['output-file'];
  if (loc) opts.locale = loc;
  const maxWarnings = parseNumber('--max-warnings', v['max-warnings'], -1, true, locale);
  if (maxWarnings !== undefined && maxWarnings >= 0) opts.maxWarnings = maxWarnings;
  if (v.config !== undefined) opts.config = v.config;
  if (v['print-config'] !== undefined) opts.printConfig = v['print-config'];
  if (color !== undefined) opts.color = color;
  return opts;
}
