import { parseJson } from '../engine/parse/json';
import type { ParseProblem } from '../engine/parse/problems';
import type { SMap, SNode } from '../engine/parse/tree';
import { parseYaml } from '../engine/parse/yaml';
import { allRules, getRule } from '../engine/rules/index';
import { format, type Data } from '../engine/rules/rule';
import { SourceText } from '../engine/text/source';
import { closest } from '../engine/text/suggest';
import { LOCALES, type Locale, type SeveritySetting, type Span } from '../engine/types';
import { CONFIG_MESSAGES } from './messages';

/** The file names looked up in each directory, in this order. */
export const CONFIG_FILE_NAMES: readonly string[] = ['.elb-lint.yaml', '.elb-lint.yml', '.elb-lint.json'];

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

export interface ConfigOverride {
  files: string[];
  excludedFiles?: string[];
  rules?: Record<string, SeveritySetting>;
  /** Rule options given as `ELB207: [info, {maxDelay: 3}]`. */
  options?: Record<string, Record<string, number>>;
}

/** The content of one configuration file, validated. */
export interface ConfigData {
  root?: boolean;
  /** More files (globs relative to the configuration's folder) to lint besides `*.elb.yaml|yml|json`. */
  files?: string[];
  rules?: Record<string, SeveritySetting>;
  options?: Record<string, Record<string, number>>;
  ignorePatterns?: string[];
  overrides?: ConfigOverride[];
  locale?: Locale;
}

export interface ConfigProblem {
  message: string;
  span: Span;
  /** 1-based line. */
  line: number;
  /** 1-based UTF-16 column. */
  column: number;
}

export interface ConfigValidation {
  /** What could be read; only trustworthy when `problems` is empty. */
  config: ConfigData;
  problems: ConfigProblem[];
}

const TOP_KEYS = ['root', 'files', 'rules', 'ignorePatterns', 'overrides', 'locale'];
const OVERRIDE_KEYS = ['files', 'excludedFiles', 'rules'];

class Checker {
  readonly problems: ConfigProblem[] = [];

  constructor(private readonly source: SourceText, private readonly locale: Locale) {}

  msg(id: string, data?: Data): string {
    return format(CONFIG_MESSAGES[this.locale][id] ?? CONFIG_MESSAGES.en[id] ?? id, data);
  }

  report(span: Span, message: string): void {
    const p = this.source.positionAt(span.start);
    this.problems.push({ message, span, line: p.line + 1, column: p.character + 1 });
  }

  problem(span: Span, id: string, data?: Data): void {
    this.report(span, this.msg(id, data));
  }

  hint(word: string, candidates: Iterable<string>): string {
    const c = closest(word, candidates);
    return c && c !== word ? this.msg('didYouMean', { name: c }) : '';
  }

  text(n: SNode | null): string {
    if (!n) return 'null';
    if (n.kind === 'scalar') return JSON.stringify(n.value);
    return this.source.slice(n.span).split(/\r?\n/)[0]!.slice(0, 40);
  }

  patterns(key: string, n: SNode | null, at: Span): string[] | undefined {
    const one = (x: SNode | null, sp: Span): string | undefined => {
      if (!x || x.kind !== 'scalar' || typeof x.value !== 'string') {
        this.problem(x?.span ?? sp, 'expectedStringList', { key });
        return undefined;
      }
      if (x.value.trim() === '') {
        this.problem(x.span, 'emptyPattern');
        return undefined;
      }
      return x.value;
    };
    if (n && n.kind === 'seq') {
      const out: string[] = [];
      for (const it of n.items) {
        const p = one(it, it.span);
        if (p !== undefined) out.push(p);
      }
      return out;
    }
    const p = one(n, at);
    return p === undefined ? undefined : [p];
  }

  /** Rule options read by the last `rules()` call. */
  lastOptions: Record<string, Record<string, number>> = {};

  /** `{min: 1}` style options after the severity, checked against the rule's declared options. */
  private ruleOptions(rule: string, n: SNode | null | undefined, at: Span): Record<string, number> | undefined {
    const declared = getRule(rule)?.options ?? {};
    const example = Object.entries(declared).map(([k, o]) => `${k}: ${o.default}`).join(', ') || 'option: 1';
    if (!n || n.kind !== 'map') {
      this.problem(n?.span ?? at, 'badOptions', { rule, example });
      return undefined;
    }
    const out: Record<string, number> = {};
    for (const e of n.entries) {
      const o = declared[e.key];
      if (!o) {
        this.problem(e.keySpan, 'unknownOption', { rule, option: e.key, hint: this.hint(e.key, Object.keys(declared)) });
        continue;
      }
      const v = e.value;
      const value = v && v.kind === 'scalar' && typeof v.value === 'number' ? v.value : undefined;
      const min = o.min ?? -Infinity;
      const max = o.max ?? Infinity;
      if (value === undefined || value < min || value > max) {
        this.problem(v?.span ?? e.keySpan, 'badOption', { rule, option: e.key, min, max, value: this.text(v) });
        continue;
      }
      out[e.key] = value;
    }
    return out;
  }

  rules(n: SNode | null, at: Span): Record<string, SeveritySetting> | undefined {
    this.lastOptions = {};
    if (!n || n.kind !== 'map') {
      this.problem(n?.span ?? at, 'expectedMapping', { key: 'rules' });
      return undefined;
    }
    const out: Record<string, SeveritySetting> = {};
    const ids = allRules.map((r) => r.id);
    for (const e of n.entries) {
      if (!getRule(e.key)) {
        this.problem(e.keySpan, 'unknownRule', { rule: e.key, hint: this.hint(e.key, ids) });
        continue;
      }
      let v = e.value;
      if (v && v.kind === 'seq') {
        // ESLint style: [severity, {options}]
        const opts = this.ruleOptions(e.key, v.items[1], v.span);
        if (opts) this.lastOptions[e.key] = opts;
        v = v.items[0] ?? null;
      }
      const value = v && v.kind === 'scalar' && typeof v.value === 'string' ? v.value : undefined;
      if (value === undefined || !(SEVERITY_SETTINGS as readonly string[]).includes(value)) {
        const hint = value === 'warn' ? this.msg('didYouMean', { name: 'warning' }) : value ? this.hint(value, SEVERITY_SETTINGS) : '';
        this.problem(v?.span ?? e.keySpan, 'badSeverity', { rule: e.key, value: this.text(v), hint });
        continue;
      }
      out[e.key] = value as SeveritySetting;
    }
    return out;
  }

  override(n: SNode, config: ConfigData): void {
    if (n.kind !== 'map') {
      this.problem(n.span, 'expectedOverride');
      return;
    }
    const ov: ConfigOverride = { files: [] };
    let files = false;
    for (const e of n.entries) {
      switch (e.key) {
        case 'files': {
          files = true;
          const p = this.patterns('files', e.value, e.keySpan);
          if (p) ov.files = p;
          break;
        }
        case 'excludedFiles': {
          const p = this.patterns('excludedFiles', e.value, e.keySpan);
          if (p) ov.excludedFiles = p;
          break;
        }
        case 'rules': {
          const r = this.rules(e.value, e.keySpan);
          if (r) ov.rules = r;
          if (Object.keys(this.lastOptions).length) ov.options = this.lastOptions;
          break;
        }
        default:
          this.problem(e.keySpan, 'unknownOverrideKey', { key: e.key, expected: OVERRIDE_KEYS.join(', '), hint: this.hint(e.key, OVERRIDE_KEYS) });
      }
    }
    if (!files) this.problem({ start: n.span.start, end: n.span.start }, 'missingFiles');
    (config.overrides ??= []).push(ov);
  }

  top(root: SMap): ConfigData {
    const config: ConfigData = {};
    for (const e of root.entries) {
      const v = e.value;
      switch (e.key) {
        case 'root':
          if (v && v.kind === 'scalar' && typeof v.value === 'boolean') config.root = v.value;
          else this.problem(v?.span ?? e.keySpan, 'expectedBoolean', { key: 'root' });
          break;
        case 'rules': {
          const r = this.rules(v, e.keySpan);
          if (r) config.rules = r;
          if (Object.keys(this.lastOptions).length) config.options = this.lastOptions;
          break;
        }
        case 'ignorePatterns': {
          const p = this.patterns('ignorePatterns', v, e.keySpan);
          if (p) config.ignorePatterns = p;
          break;
        }
        case 'files': {
          const p = this.patterns('files', v, e.keySpan);
          if (p) config.files = p;
          break;
        }
        case 'overrides':
          if (!v || v.kind !== 'seq') this.problem(v?.span ?? e.keySpan, 'expectedList', { key: 'overrides' });
          else for (const it of v.items) this.override(it, config);
          break;
        case 'locale': {
          const s = v && v.kind === 'scalar' && typeof v.value === 'string' ? v.value.toLowerCase() : undefined;
          if (s && (LOCALES as readonly string[]).includes(s)) config.locale = s as Locale;
          else this.problem(v?.span ?? e.keySpan, 'badLocale', { value: this.text(v) });
          break;
        }
        case '$schema':
          if (!v || v.kind !== 'scalar' || typeof v.value !== 'string') this.problem(v?.span ?? e.keySpan, 'expectedString', { key: '$schema' });
          break;
        default:
          this.problem(e.keySpan, 'unknownKey', { key: e.key, expected: TOP_KEYS.join(', '), hint: this.hint(e.key, TOP_KEYS) });
      }
    }
    return config;
  }
}

/**
 * Parse and validate the text of a configuration file (`.elb-lint.yaml|yml|json`, chosen by the
 * extension of `filePath`). Every problem is positioned; an empty file is an empty configuration.
 */
export function validateConfig(text: string, filePath: string, locale: Locale = 'en'): ConfigValidation {
  const source = new SourceText(filePath, text);
  const checker = new Checker(source, locale);
  const syntax = getRule('ELB001')!;
  const parseProblem = (p: ParseProblem): void => {
    if (p.severity === 'warning') return;
    const tpl = syntax.messages[locale][p.messageId] ?? syntax.messages.en[p.messageId] ?? p.messageId;
    checker.report(p.span, format(tpl, p.data));
  };
  let root: SNode | null;
  if (filePath.toLowerCase().endsWith('.json')) {
    const parsed = parseJson(text);
    parsed.problems.forEach(parseProblem);
    root = parsed.root;
  } else {
    const parsed = parseYaml(text);
    parsed.problems.forEach(parseProblem);
    root = parsed.documents[0]?.root ?? null;
  }
  if (checker.problems.length > 0) return { config: {}, problems: checker.problems };
  if (!root || (root.kind === 'scalar' && root.value === null)) return { config: {}, problems: [] };
  if (root.kind !== 'map') {
    checker.problem(root.span, 'notMapping');
    return { config: {}, problems: checker.problems };
  }
  const config = checker.top(root);
  checker.problems.sort((a, b) => a.span.start - b.span.start);
  return { config, problems: checker.problems };
}
