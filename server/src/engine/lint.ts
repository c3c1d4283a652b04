import { OwnFormatAdapter } from './adapters/own/adapter';
import type { TreeEditor } from './adapters/own/origin';
import { JsonEditor } from './fix/json-edit';
import { YamlEditor } from './fix/yaml-edit';
import { kindName } from './i18n/kinds';
import { ModelIndex } from './model/indexes';
import type { Model, Origin } from './model/types';
import { parseJson } from './parse/json';
import type { ParseProblem } from './parse/problems';
import { toPlain, type SNode } from './parse/tree';
import { parseYaml, type Comment } from './parse/yaml';
import { allRules, faqRules, getRule } from './rules/index';
import { format, type Data, type FixSpec, type ReportSpec, type Rule, type RuleContext } from './rules/rule';
import { validateOwnFormat } from './schema/validate';
import { parseDirectives, suppressedBy } from './suppress';
import { SourceText } from './text/source';
import type { Finding, Fix, Locale, RelatedLocation, Severity, SeveritySetting, SourceFormat, Span, TextEdit } from './types';

export interface LintOptions {
  /** Path of the file, used for format detection and reported in findings. */
  path: string;
  locale?: Locale;
  /** Severity overrides by rule ID (`off` turns a rule off). */
  rules?: Record<string, SeveritySetting>;
  /** Force a format instead of detecting it from the path. */
  format?: SourceFormat;
  /** Texts longer than this many characters are not parsed (default 8 Mi). */
  maxLength?: number;
  /** Rule options by rule ID (`{ELB207: {maxDelay: 3}}`); unset options take their defaults. */
  ruleOptions?: Record<string, Record<string, number>>;
}

export const DEFAULT_MAX_LENGTH = 8 * 1024 * 1024;

export interface LintResult {
  path: string;
  source: SourceText;
  format: SourceFormat;
  /** Findings to show, sorted by position. */
  findings: Finding[];
  /** Findings suppressed by a directive (kept for SARIF `suppressions`). */
  suppressed: Finding[];
  /** The model, when the file could be read (for hovers, outlines, ...). */
  model?: Model;
  root?: SNode | null;
}

/** The format of a path: our YAML or JSON, by extension. */
export function detectFormat(path: string): SourceFormat | undefined {
  const p = path.toLowerCase();
  if (p.endsWith('.json')) return 'elb-json';
  if (p.endsWith('.yaml') || p.endsWith('.yml')) return 'elb-yaml';
  return undefined;
}

/** Whether a path names one of our configuration files (`*.elb.yaml|yml|json`). */
export function isConfigFile(path: string): boolean {
  return /\.elb\.(ya?ml|json)$/i.test(path);
}

class Collector {
  readonly findings: Finding[] = [];

  constructor(
    readonly source: SourceText,
    readonly locale: Locale,
    private readonly overrides: Record<string, SeveritySetting> | undefined,
  ) {}

  setting(rule: Rule): SeveritySetting {
    return this.overrides?.[rule.id] ?? rule.severity;
  }

  message(rule: Rule, messageId: string, data: Data | undefined): string {
    const tpl = rule.messages[this.locale][messageId] ?? rule.messages.en[messageId] ?? messageId;
    return format(tpl, data);
  }

  add(rule: Rule, f: Omit<Finding, 'ruleId' | 'severity' | 'path'> & { severity?: Severity }): void {
    const setting = this.setting(rule);
    if (setting === 'off') return;
    const severity = this.overrides?.[rule.id] ? (setting as Severity) : (f.severity ?? rule.severity);
    this.findings.push({ ...f, ruleId: rule.id, severity, path: this.source.path });
  }
}

function spanOf(at: Origin, field: string | undefined): Span {
  if (field) return at.valueSpan(field) ?? at.keySpan(field) ?? at.nameSpan;
  return at.nameSpan;
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.span.start === a.span.end && b.span.start === b.span.end) return false;
  return a.span.start < b.span.end && b.span.start < a.span.end;
}

/** Turn a rule's fix intent into text edits; `undefined` when the format cannot express it. */
function buildFix(rule: Rule, spec: FixSpec, col: Collector): Fix | undefined {
  const edits: TextEdit[] = [];
  for (const c of spec.changes) {
    const e =
      c.op === 'set' ? c.at.setField(c.path, c.value)
      : c.op === 'remove' ? c.at.removeField(c.path)
      : c.op === 'delete' ? c.at.removeSelf()
      : c.at.appendToList(c.path, c.value);
    if (!e) return undefined;
    for (const x of e) {
      const clash = edits.findIndex((y) => overlaps(x, y));
      if (clash < 0) {
        edits.push(x);
        continue;
      }
      // Two removals that touch (neighbouring entries of one mapping) become one removal.
      const y = edits[clash]!;
      if (x.newText !== '' || y.newText !== '') return undefined;
      edits[clash] = { span: { start: Math.min(x.span.start, y.span.start), end: Math.max(x.span.end, y.span.end) }, newText: '' };
    }
  }
  return { title: col.message(rule, spec.messageId, spec.data), edits, isPreferred: spec.preferred };
}

/** Replace a finding's `fixes` with a getter that builds them once, on first use. */
function lazyFixes(finding: Finding, build: () => Fix[]): void {
  let built: Fix[] | undefined;
  Object.defineProperty(finding, 'fixes', {
    enumerable: true,
    configurable: true,
    get: () => (built ??= build()),
    set: (v: Fix[]) => {
      built = v;
    },
  });
}

function problemFinding(col: Collector, p: ParseProblem): void {
  const rule = getRule('ELB001')!;
  col.add(rule, { message: col.message(rule, p.messageId, p.data), span: p.span, related: [], fixes: [], severity: p.severity === 'warning' ? 'warning' : 'error' });
}

function runRules(col: Collector, model: Model, ruleOptions: LintOptions['ruleOptions']): void {
  const index = new ModelIndex(model);
  for (const rule of faqRules) {
    if (col.setting(rule) === 'off') continue;
    const ctx: RuleContext = {
      model,
      index,
      locale: col.locale,
      option(name: string, ruleId: string = rule.id): number {
        const set = ruleOptions?.[ruleId]?.[name];
        if (typeof set === 'number' && Number.isFinite(set)) return set;
        const def = getRule(ruleId)?.options?.[name]?.default;
        if (def === undefined) throw new Error(`rule ${ruleId} has no option ${name}`);
        return def;
      },
      report(spec: ReportSpec) {
        const related: RelatedLocation[] = (spec.related ?? []).map((r) => ({
          path: r.at.source.path,
          span: spanOf(r.at, r.field),
          message: col.message(rule, r.messageId, r.data),
        }));
        col.add(rule, {
          message: col.message(rule, spec.messageId ?? 'default', spec.data),
          span: spec.span ?? spanOf(spec.at, spec.field),
          related,
          fixes: [],
          severity: spec.severity,
        });
        // Text edits are rendered when someone asks for them (a code action, --fix, an output
        // format that lists fixes), not for every finding of every lint.
        const specs = spec.fixes;
        const finding = col.findings[col.findings.length - 1];
        if (specs?.length && finding && finding.ruleId === rule.id) lazyFixes(finding, () => {
          const fixes: Fix[] = [];
          for (const fs of specs) {
            const fix = buildFix(rule, fs, col);
            if (fix) fixes.push(fix);
          }
          return fixes;
        });
      },
    };
    try {
      rule.check(ctx);
    } catch (err) {
      const internal = getRule('ELB090')!;
      const msg = err instanceof Error ? err.message : String(err);
      col.add(internal, { message: col.message(internal, 'crashed', { rule: rule.id, error: msg }), span: { start: 0, end: 0 }, related: [], fixes: [] });
    }
  }
}

/** Lint one file's text. Never throws: every problem becomes a finding. */
export function lintText(text: string, options: LintOptions): LintResult {
  const source = new SourceText(options.path, text);
  const locale = options.locale ?? 'en';
  const format: SourceFormat = options.format ?? detectFormat(options.path) ?? 'elb-yaml';
  const col = new Collector(source, locale, options.rules);
  const result: LintResult = { path: options.path, source, format, findings: [], suppressed: [] };
  let comments: Comment[] = [];
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) {
    const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
    problemFinding(col, { span: { start: 0, end: 0 }, messageId: 'tooLarge', data: { size: mb(text.length), limit: mb(maxLength) }, severity: 'error' });
    result.findings = col.findings;
    return result;
  }
  try {
    let root: SNode | null = null;
    let editor: TreeEditor;
    if (format === 'elb-json') {
      const parsed = parseJson(text);
      for (const p of parsed.problems) problemFinding(col, p);
      root = parsed.root;
      editor = new JsonEditor(source, root);
    } else {
      const parsed = parseYaml(text);
      for (const p of parsed.problems) problemFinding(col, p);
      comments = parsed.directiveComments;
      root = parsed.documents[0]?.root ?? null;
      for (const d of parsed.documents.slice(1)) {
        if (d.root) problemFinding(col, { span: d.root.span, messageId: 'multiDocument', data: {}, severity: 'error' });
      }
      editor = new YamlEditor(source, root);
    }
    result.root = root;
    if (!root) {
      if (text.trim() === '' || /^(\s*#.*\n?)*\s*$/.test(text)) problemFinding(col, { span: { start: 0, end: 0 }, messageId: 'empty', data: {}, severity: 'error' });
    } else if (root.kind !== 'map') {
      problemFinding(col, { span: root.span, messageId: 'notMapping', data: {}, severity: 'error' });
    } else {
      const schemaRule = getRule('ELB002')!;
      if (col.setting(schemaRule) !== 'off') {
        for (const sp of validateOwnFormat(root, toPlain(root), locale)) {
          const fixes: Fix[] = sp.suggestion
            ? [{ title: col.message(schemaRule, 'rename', { text: sp.suggestion.text }), edits: [{ span: sp.suggestion.span, newText: sp.suggestion.text }], isPreferred: true }]
            : [];
          col.add(schemaRule, { message: sp.message, span: sp.span, related: [], fixes });
        }
      }
      const adapter = new OwnFormatAdapter(source, editor);
      const model = adapter.build(root);
      result.model = model;
      for (const sp of adapter.problems) {
        const rule = getRule(sp.ruleId)!;
        const data = { ...sp.data, kind: kindName(String(sp.data.kind), locale) };
        const fixes: Fix[] =
          sp.ruleId === 'ELB003' && sp.data.suggestion
            ? [{ title: col.message(rule, 'rename', data), edits: [{ span: sp.span, newText: String(sp.data.suggestion) }], isPreferred: true }]
            : [];
        col.add(rule, {
          message: col.message(rule, sp.messageId, data),
          span: sp.span,
          related: (sp.related ?? []).map((r) => ({ path: source.path, span: r.span, message: col.message(rule, r.messageId, { ...r.data, kind: data.kind }) })),
          fixes,
        });
      }
      runRules(col, model, options.ruleOptions);
    }
  } catch (err) {
    // A parser or adapter failure must never take the caller down.
    const internal = getRule('ELB090')!;
    const msg = err instanceof Error ? err.message : String(err);
    col.add(internal, { message: col.message(internal, 'crashed', { rule: 'parser', error: msg }), span: { start: 0, end: 0 }, related: [], fixes: [] });
  }
  applyDirectives(col, comments, result);
  return result;
}

function applyDirectives(col: Collector, comments: Comment[], result: LintResult): void {
  const source = col.source;
  const directives = parseDirectives(comments, source);
  const shown: Finding[] = [];
  for (const f of col.findings) {
    const d = directives.length ? suppressedBy(directives, f.ruleId, source.positionAt(f.span.start).line) : undefined;
    if (d) result.suppressed.push({ ...f, suppression: { kind: 'inSource', justification: d.reason } });
    else shown.push(f);
  }
  const dirRule = getRule('ELB005')!;
  const known = new Set(allRules.map((r) => r.id));
  for (const d of directives) {
    let unknown = false;
    for (const r of d.rules) {
      if (!known.has(r.id)) {
        unknown = true;
        const f: Omit<Finding, 'ruleId' | 'severity' | 'path'> = { message: col.message(dirRule, 'unknownRule', { rule: r.id }), span: r.span, related: [], fixes: [] };
        col.add(dirRule, f);
        const last = col.findings[col.findings.length - 1];
        if (last && last.span === r.span) shown.push(last);
      }
    }
    if (!unknown && d.used.size === 0) {
      const lineStart = source.lineStart(source.positionAt(d.span.start).line);
      const before = source.text.slice(lineStart, d.span.start);
      const whole = /^\s*$/.test(before);
      const end = source.lineEndAt(d.span.end);
      const removal: TextEdit = whole
        ? { span: { start: lineStart, end: Math.min(source.text.length, end + (source.text[end] === '\r' ? 2 : 1)) }, newText: '' }
        : { span: { start: lineStart + before.trimEnd().length, end }, newText: '' };
      const names = d.rules.length ? ` (${d.rules.map((r) => r.id).join(', ')})` : '';
      col.add(dirRule, {
        message: col.message(dirRule, 'unused', { rules: names }),
        span: d.span,
        related: [],
        fixes: [{ title: col.message(dirRule, 'remove', undefined), edits: [removal], isPreferred: true }],
      });
      const last = col.findings[col.findings.length - 1];
      if (last && last.span === d.span) shown.push(last);
    }
  }
  const byPos = (a: Finding, b: Finding) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId) || a.span.end - b.span.end;
  result.findings = shown.sort(byPos);
  result.suppressed.sort(byPos);
}
