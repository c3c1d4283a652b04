import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { getRule } from '../engine/rules/index';
import { format } from '../engine/rules/rule';
import { decodeText } from '../engine/text/decode';
import { SourceText } from '../engine/text/source';
import type { Locale, SeveritySetting } from '../engine/types';
import { CONFIG_MESSAGES } from './messages';
import { CONFIG_FILE_NAMES, validateConfig, type ConfigData, type ConfigProblem } from './validate';

/** The configuration that applies to one file. */
export interface ResolvedConfig {
  /** Severity by rule ID, for `lintText`'s `rules` option (only the rules a configuration sets). */
  rules: Record<string, SeveritySetting>;
  /** Rule options by rule ID, for `lintText`'s `ruleOptions`. */
  options: Record<string, Record<string, number>>;
  locale?: Locale;
  /** An `ignorePatterns` entry matches the file. */
  ignored: boolean;
  /** A `files` glob of a configuration matches the file: lint it although it is not `*.elb.*`. */
  included: boolean;
  /** The configuration files used, nearest first. */
  configFiles: string[];
}

/** A configuration file that cannot be read or is invalid; every problem is positioned. */
export class ConfigError extends Error {
  constructor(readonly file: string, readonly problems: ConfigProblem[]) {
    super(problems.map((p) => `${file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

interface Matcher {
  (relPath: string): boolean;
}

/** One configuration file, loaded and validated, with its globs compiled. */
export interface LoadedConfig {
  file: string;
  dir: string;
  data: ConfigData;
  ignore: { negated: boolean; match: Matcher }[];
  /** `files`: more configuration files than `*.elb.*`. */
  include?: Matcher;
  overrides: { match: Matcher; exclude?: Matcher; rules: Record<string, SeveritySetting>; options: Record<string, Record<string, number>> }[];
}

export interface LoadConfigOptions {
  /** Use this configuration file and look up no other. */
  configFile?: string;
  /** Look up `.elb-lint.yaml` files from the file's directory upward (default true). */
  lookup?: boolean;
  /** Defaults to a process-wide cache; pass your own (or call `clear()`) when files change. */
  cache?: ConfigCache;
  /** Language of the problems of an invalid configuration. */
  locale?: Locale;
}

/** Parsed configuration files by path, and the chain of configurations by directory. */
export class ConfigCache {
  readonly files = new Map<string, LoadedConfig>();
  readonly dirs = new Map<string, LoadedConfig[]>();

  clear(): void {
    this.files.clear();
    this.dirs.clear();
  }
}

const defaultCache = new ConfigCache();

/** Forget every configuration read so far (the default cache). */
export function clearConfigCache(): void {
  defaultCache.clear();
}

function toPosix(p: string): string {
  return path.sep === '\\' ? p.replace(/\\/g, '/') : p;
}

/** Path of `file` relative to `dir` with `/`, or undefined when the file is outside `dir`. */
export function relativeTo(dir: string, file: string): string | undefined {
  const rel = path.relative(dir, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return toPosix(rel);
}

function cleanPattern(p: string): string {
  let s = p.trim();
  while (s.startsWith('./')) s = s.slice(2);
  return s;
}

/** `overrides[].files`: like ESLint, a pattern without `/` matches the base name at any depth. */
function compileFiles(patterns: string[]): Matcher {
  const ps = patterns.map(cleanPattern);
  const full = ps.filter((p) => p.includes('/'));
  const base = ps.filter((p) => !p.includes('/'));
  const mFull = full.length ? picomatch(full, { dot: true }) : undefined;
  const mBase = base.length ? picomatch(base, { dot: true }) : undefined;
  return (rel) => (mFull?.(rel) ?? false) || (mBase?.(rel.slice(rel.lastIndexOf('/') + 1)) ?? false);
}

/**
 * `ignorePatterns`, .gitignore style: a pattern without `/` matches at any depth, one with `/` is
 * relative to the configuration's directory, a pattern that matches a directory ignores all below
 * it, a trailing `/` matches directories only, `!` re-includes.
 */
function compileIgnore(pattern: string): { negated: boolean; match: Matcher } {
  let p = cleanPattern(pattern);
  const negated = p.startsWith('!');
  if (negated) p = p.slice(1);
  const dirOnly = p.endsWith('/');
  p = p.replace(/\/+$/, '');
  const anchored = p.includes('/');
  p = p.replace(/^\/+/, '');
  const base = anchored ? p : `**/${p}`;
  const globs = dirOnly ? [`${base}/**`] : [base, `${base}/**`];
  const m = picomatch(globs, { dot: true });
  return { negated, match: (rel) => m(rel) };
}

function readProblem(file: string, message: string): ConfigError {
  return new ConfigError(file, [{ message, span: { start: 0, end: 0 }, line: 1, column: 1 }]);
}

/** Read, decode and validate one configuration file. Throws {@link ConfigError}. */
export function loadConfigFile(file: string, cache: ConfigCache = defaultCache, locale: Locale = 'en'): LoadedConfig {
  const abs = path.resolve(file);
  const cached = cache.files.get(abs);
  if (cached) return cached;
  let buf: Buffer;
  try {
    buf = fs.readFileSync(abs);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw readProblem(abs, format(CONFIG_MESSAGES[locale].readError!, { error: e.code ?? e.message }));
  }
  const decoded = decodeText(buf);
  if ('problem' in decoded) {
    const rule = getRule('ELB001')!;
    const p = decoded.problem;
    const tpl = rule.messages[locale][p.messageId] ?? rule.messages.en[p.messageId]!;
    const src = new SourceText(abs, new TextDecoder('utf-8', { ignoreBOM: true }).decode(buf.subarray(0, 1 << 20)));
    const pos = src.positionAt(p.offset);
    throw new ConfigError(abs, [{ message: format(tpl, p.data), span: { start: p.offset, end: p.offset }, line: pos.line + 1, column: pos.character + 1 }]);
  }
  const { config, problems } = validateConfig(decoded.text, abs, locale);
  if (problems.length) throw new ConfigError(abs, problems);
  const loaded: LoadedConfig = {
    file: abs,
    dir: path.dirname(abs),
    data: config,
    ignore: (config.ignorePatterns ?? []).map(compileIgnore),
    include: config.files?.length ? compileFiles(config.files) : undefined,
    overrides: (config.overrides ?? []).map((o) => ({
      match: compileFiles(o.files),
      exclude: o.excludedFiles?.length ? compileFiles(o.excludedFiles) : undefined,
      rules: o.rules ?? {},
      options: o.options ?? {},
    })),
  };
  cache.files.set(abs, loaded);
  return loaded;
}

/** The configuration file of one directory, if any (`.elb-lint.yaml`, then `.yml`, then `.json`). */
export function findConfigFile(dir: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const p = path.join(dir, name);
    try {
      if (fs.statSync(p).isFile()) return p;
    } catch {
      // not there
    }
  }
  return undefined;
}

/** Configurations that apply in `dir`, nearest first, up to the first `root: true`. */
function chainFor(dir: string, cache: ConfigCache, locale: Locale): LoadedConfig[] {
  const known = cache.dirs.get(dir);
  if (known) return known;
  const file = findConfigFile(dir);
  const own = file ? loadConfigFile(file, cache, locale) : undefined;
  let chain: LoadedConfig[];
  if (own?.data.root) chain = [own];
  else {
    const parent = path.dirname(dir);
    const above = parent !== dir ? chainFor(parent, cache, locale) : [];
    chain = own ? [own, ...above] : above;
  }
  cache.dirs.set(dir, chain);
  return chain;
}

/** Merge a chain (nearest first) into the configuration of `file`. */
export function resolveChain(chain: readonly LoadedConfig[], file: string): ResolvedConfig {
  const rules: Record<string, SeveritySetting> = {};
  const options: Record<string, Record<string, number>> = {};
  const mergeOptions = (from: Record<string, Record<string, number>> | undefined) => {
    for (const [id, o] of Object.entries(from ?? {})) options[id] = { ...options[id], ...o };
  };
  let locale: Locale | undefined;
  let ignored = false;
  let included = false;
  for (let i = chain.length - 1; i >= 0; i--) {
    const c = chain[i]!;
    Object.assign(rules, c.data.rules);
    mergeOptions(c.data.options);
    if (c.data.locale) locale = c.data.locale;
    const rel = relativeTo(c.dir, file);
    if (rel === undefined) continue;
    if (c.include?.(rel)) included = true;
    for (const o of c.overrides) {
      if (o.match(rel) && !o.exclude?.(rel)) {
        Object.assign(rules, o.rules);
        mergeOptions(o.options);
      }
    }
    for (const ig of c.ignore) {
      if (ig.match(rel)) ignored = !ig.negated;
    }
  }
  const out: ResolvedConfig = { rules, options, ignored, included, configFiles: chain.map((c) => c.file) };
  if (locale) out.locale = locale;
  return out;
}

/**
 * The configuration of one file: the nearest `.elb-lint.yaml|yml|json` walking up from the file's
 * directory, with those further up merged underneath (closer wins) until one says `root: true`.
 * Throws {@link ConfigError} when a configuration file is unreadable or invalid.
 */
export function loadConfigFor(filePath: string, opts: LoadConfigOptions = {}): ResolvedConfig {
  const cache = opts.cache ?? defaultCache;
  const locale = opts.locale ?? 'en';
  const file = path.resolve(filePath);
  let chain: LoadedConfig[];
  if (opts.configFile) chain = [loadConfigFile(opts.configFile, cache, locale)];
  else if (opts.lookup === false) chain = [];
  else chain = chainFor(path.dirname(file), cache, locale);
  return resolveChain(chain, file);
}
