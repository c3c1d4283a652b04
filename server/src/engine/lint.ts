import { readerFor } from './formats/registry';
import type { InputFile, ObjectSuppression, ReadContext, ReaderProblem, SourceComment } from './formats/types';
import { ModelIndex } from './model/indexes';
import type { Model, Origin } from './model/types';
import type { ParseProblem } from './parse/problems';
import type { SNode } from './parse/tree';
import { allRules, faqRules, getRule } from './rules/index';
import { format, type Data, type FixSpec, type ReportSpec, type Rule, type RuleContext } from './rules/rule';
import { parseDirectives, suppressedBy } from './suppress';
import { SourceText } from './text/source';
import { addTiming, timings } from './timing';
import type { Finding, Fix, Locale, RelatedLocation, Severity, SeveritySetting, SourceFormat, Span, TextEdit } from './types';

export type { InputFile } from './formats/types';

export interface LintOptions {
  /** Path of the file, used for format detection and reported in findings. */
  path: string;
  locale?: Locale;
  /** Severity overrides by rule ID (`off` turns a rule off). */
  rules?: Record<string, SeveritySetting>;
  /** Force a format instead of detecting it from the path and content. */
  format?: SourceFormat;
  /** Texts longer than this many characters are not parsed (default 8 Mi). */
  maxLength?: number;
  /** Rule options by rule ID (`{ELB207: {maxDelay: 3}}`); unset options take their defaults. */
  ruleOptions?: Record<string, Record<string, number>>;
  /** The other files of this file's group (the `.tf` files of its module), read together with it. */
  siblings?: readonly InputFile[];
  /**
   * The result of linting the previous version of the same file (or group): a reader may reuse
   * what an edit did not touch (our YAML re-parses only the edited list item). The language server
   * passes it on every keystroke.
   */
  previous?: LintResult;
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
  /** The model of the file's group, when it could be read (for hovers, outlines, ...). */
  model?: Model;
  /** The span tree of an own-format file. */
  root?: SNode | null;
  /** What the format's reader keeps for editor features (hover, completion) of this file. */
  editorData?: unknown;
  /** The texts of every file of the group by path (related locations and fixes may point into them). */
  sources?: ReadonlyMap<string, SourceText>;
}

/** The own format of a path: our YAML or JSON, by extension. */
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

/** Collects findings of a group, by the file they lie in. */
class Collector {
  readonly byPath = new Map<string, Finding[]>();

  constructor(
    readonly sources: ReadonlyMap<string, SourceText>,
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

  /** Add a finding in `path`; returns it, or `undefined` when the rule is off. */
  add(rule: Rule, path: string, f: Omit<Finding, 'ruleId' | 'severity' | 'path'> & { severity?: Severity }): Finding | undefined {
    const setting = this.setting(rule);
    if (setting === 'off') return undefined;
    const severity = this.overrides?.[rule.id] ? (setting as Severity) : (f.severity ?? rule.severity);
    const finding: Finding = { ...f, ruleId: rule.id, severity, path };
    // Every range lies inside its file (a parser may point one past the end of a truncated text).
    const len = this.sources.get(path)?.text.length;
    if (len !== undefined && (f.span.end > len || f.span.start > len || f.span.start < 0)) {
      const start = Math.max(0, Math.min(f.span.start, len));
      finding.span = { start, end: Math.max(start, Math.min(f.span.end, len)) };
    }
    let list = this.byPath.get(path);
    if (!list) this.byPath.set(path, (list = []));
    list.push(finding);
    return finding;
  }
}

function spanOf(at: Origin, field: string | undefined): Span {
  if (field) return at.valueSpan(field) ?? at.keySpan(field) ?? at.nameSpan;
  return at.nameSpan;
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  if ((a.path ?? '') !== (b.path ?? '')) return false;
  if (a.span.start === a.span.end && b.span.start === b.span.end) return false;
  return a.span.start < b.span.end && b.span.start < a.span.end;
}

/** An edit in `path` as seen from a finding in `home`: the path is kept only for other files. */
function homeEdit(e: TextEdit, home: string): TextEdit {
  return e.path === undefined || e.path === home ? { span: e.span, newText: e.newText } : e;
}

/** Turn a rule's fix intent into text edits; `undefined` when the format cannot express it. */
function buildFix(rule: Rule, spec: FixSpec, col: Collector, home: string): Fix | undefined {
  const edits: TextEdit[] = [];
  for (const c of spec.changes) {
    const e =
      c.op === 'set' ? c.at.setField(c.path, c.value)
      : c.op === 'remove' ? c.at.removeField(c.path)
      : c.op === 'delete' ? c.at.removeSelf()
      : c.at.appendToList(c.path, c.value);
    if (!e) return undefined;
    const at = c.at.source.path;
    for (const raw of e) {
      const x = homeEdit(raw.path === undefined ? { ...raw, path: at } : raw, home);
      const clash = edits.findIndex((y) => overlaps(x, y));
      if (clash < 0) {
        edits.push(x);
        continue;
      }
      // Two removals that touch (neighbouring entries of one mapping) become one removal.
      const y = edits[clash]!;
      if (x.newText !== '' || y.newText !== '') return undefined;
      edits[clash] = { ...y, span: { start: Math.min(x.span.start, y.span.start), end: Math.max(x.span.end, y.span.end) }, newText: '' };
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

function problemFinding(col: Collector, path: string, p: ParseProblem): void {
  const rule = getRule('ELB001')!;
  col.add(rule, path, { message: col.message(rule, p.messageId, p.data), span: p.span, related: [], fixes: [], severity: p.severity === 'warning' ? 'warning' : 'error' });
}

/** A reader's problem as a finding of its structural rule. */
function readerFinding(col: Collector, p: ReaderProblem): void {
  const rule = getRule(p.ruleId) ?? getRule('ELB090')!;
  const fixes: Fix[] = (p.fixes ?? []).map((fx) => ({
    title: col.message(rule, fx.messageId, fx.data),
    edits: fx.edits.map((e) => homeEdit(e, p.path)),
    isPreferred: fx.preferred,
  }));
  col.add(rule, p.path, {
    message: p.message ?? col.message(rule, p.messageId, p.data),
    span: p.span,
    related: (p.related ?? []).map((r) => ({ path: r.path, span: r.span, message: r.message ?? col.message(rule, r.messageId, r.data) })),
    fixes,
    severity: p.severity,
  });
}

function runRules(col: Collector, model: Model, ruleOptions: LintOptions['ruleOptions']): void {
  const index = new ModelIndex(model);
  const fallbackPath = col.sources.keys().next().value as string;
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
        const home = spec.at.source.path ?? fallbackPath;
        const finding = col.add(rule, home, {
          message: col.message(rule, spec.messageId ?? 'default', spec.data),
          span: spec.span ?? spanOf(spec.at, spec.field),
          related,
          fixes: [],
          severity: spec.severity,
        });
        // Text edits are rendered when someone asks for them (a code action, --fix, an output
        // format that lists fixes), not for every finding of every lint.
        const specs = spec.fixes;
        if (specs?.length && finding) lazyFixes(finding, () => {
          const fixes: Fix[] = [];
          for (const fs of specs) {
            const fix = buildFix(rule, fs, col, home);
            if (fix) fixes.push(fix);
          }
          return fixes;
        });
      },
    };
    try {
      if (timings.on) {
        const t0 = performance.now();
        try {
          rule.check(ctx);
        } finally {
          addTiming(rule.id, performance.now() - t0);
        }
      } else rule.check(ctx);
    } catch (err) {
      const internal = getRule('ELB090')!;
      const msg = err instanceof Error ? err.message : String(err);
      col.add(internal, fallbackPath, { message: col.message(internal, 'crashed', { rule: rule.id, error: msg }), span: { start: 0, end: 0 }, related: [], fixes: [] });
    }
  }
}

/** Options of a group lint: those of `lintText` without the one path. */
export type GroupLintOptions = Omit<LintOptions, 'path' | 'siblings'>;

/**
 * Lint a group of files read together (a Terraform module, an API export directory; one file for
 * our own format and Kubernetes manifests). Returns one result per input file, in input order.
 * Never throws: every problem becomes a finding of the file it concerns.
 */
export function lintGroup(files: readonly InputFile[], options: GroupLintOptions): LintResult[] {
  const locale = options.locale ?? 'en';
  const sources = new Map<string, SourceText>();
  for (const f of files) if (!sources.has(f.path)) sources.set(f.path, new SourceText(f.path, f.text));
  const first = files[0];
  if (!first) return [];
  const reader = readerFor(first.path, first.text, options.format);
  const col = new Collector(sources, locale, options.rules);
  const results = new Map<string, LintResult>();
  for (const [path, source] of sources) results.set(path, { path, source, format: reader.format, findings: [], suppressed: [], sources });
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const readable: InputFile[] = [];
  for (const f of files) {
    if (f.text.length > maxLength) {
      const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
      problemFinding(col, f.path, { span: { start: 0, end: 0 }, messageId: 'tooLarge', data: { size: mb(f.text.length), limit: mb(maxLength) }, severity: 'error' });
    } else readable.push(f);
  }
  let comments = new Map<string, SourceComment[]>();
  let objectSuppressions: ObjectSuppression[] = [];
  if (readable.length) {
    try {
      const previous = options.previous;
      const ctx: ReadContext = {
        locale,
        previous: previous && previous.format === reader.format ? (path) => (path === previous.path ? previous.editorData : undefined) : undefined,
        sourceOf: (path) => sources.get(path) ?? new SourceText(path, ''),
        enabled: (id) => {
          const rule = getRule(id);
          return !!rule && col.setting(rule) !== 'off';
        },
      };
      const t0 = timings.on ? performance.now() : 0;
      const read = reader.read(readable, ctx);
      if (timings.on) addTiming(`read:${reader.format}`, performance.now() - t0);
      comments = read.comments;
      objectSuppressions = read.objectSuppressions ?? [];
      for (const p of read.problems) readerFinding(col, p);
      for (const [path, data] of read.editorData ?? []) {
        const r = results.get(path);
        if (!r) continue;
        r.editorData = data;
        const root = (data as { root?: SNode | null } | undefined)?.root;
        if (root !== undefined) r.root = root;
      }
      if (read.model) {
        for (const r of results.values()) r.model = read.model;
        runRules(col, read.model, options.ruleOptions);
      }
    } catch (err) {
      // A parser, reader or adapter failure must never take the caller down.
      const internal = getRule('ELB090')!;
      const msg = err instanceof Error ? err.message : String(err);
      col.add(internal, first.path, { message: col.message(internal, 'crashed', { rule: 'parser', error: msg }), span: { start: 0, end: 0 }, related: [], fixes: [] });
    }
  }
  for (const r of results.values()) {
    const mine = col.byPath.get(r.path) ?? [];
    applyDirectives(col, r.source, comments.get(r.path) ?? [], objectSuppressions.filter((o) => o.path === r.path), mine, r);
  }
  return files.map((f) => results.get(f.path)!);
}

/**
 * Lint one file's text. Never throws: every problem becomes a finding. Files read in groups
 * (Terraform modules) take the other files of their group as `siblings`.
 */
export function lintText(text: string, options: LintOptions): LintResult {
  const { path, siblings, ...rest } = options;
  const files: InputFile[] = [{ path, text }];
  if (siblings) for (const s of siblings) if (s.path !== path) files.push(s);
  return lintGroup(files, rest)[0]!;
}

function applyDirectives(
  col: Collector,
  source: SourceText,
  comments: readonly SourceComment[],
  objects: readonly ObjectSuppression[],
  findings: readonly Finding[],
  result: LintResult,
): void {
  const directives = parseDirectives(comments, source);
  const shown: Finding[] = [];
  const objectUsed = new Set<ObjectSuppression>();
  const byObject = (f: Finding): ObjectSuppression | undefined => {
    for (const o of objects) {
      if (f.span.start < o.span.start || f.span.end > o.span.end) continue;
      if (o.rules.length === 0 || o.rules.includes(f.ruleId)) return o;
    }
    return undefined;
  };
  for (const f of findings) {
    const d = directives.length ? suppressedBy(directives, f.ruleId, source.positionAt(f.span.start).line) : undefined;
    const o = d || !objects.length ? undefined : byObject(f);
    if (d) result.suppressed.push({ ...f, suppression: { kind: 'inSource', justification: d.reason } });
    else if (o) {
      objectUsed.add(o);
      result.suppressed.push({ ...f, suppression: { kind: 'inSource', justification: o.reason } });
    } else shown.push(f);
  }
  const dirRule = getRule('ELB005')!;
  const known = new Set(allRules.map((r) => r.id));
  const add = (f: Omit<Finding, 'ruleId' | 'severity' | 'path'>) => {
    const x = col.add(dirRule, source.path, f);
    if (x) shown.push(x);
  };
  for (const o of objects) {
    const unknown = o.rules.filter((id) => !known.has(id));
    for (const id of unknown) add({ message: col.message(dirRule, 'unknownRule', { rule: id }), span: o.at, related: [], fixes: [] });
    if (!unknown.length && !objectUsed.has(o)) {
      const names = o.rules.length ? ` (${o.rules.join(', ')})` : '';
      add({ message: col.message(dirRule, 'unused', { rules: names }), span: o.at, related: [], fixes: [] });
    }
  }
  for (const d of directives) {
    let unknown = false;
    for (const r of d.rules) {
      if (!known.has(r.id)) {
        unknown = true;
        add({ message: col.message(dirRule, 'unknownRule', { rule: r.id }), span: r.span, related: [], fixes: [] });
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
      add({
        message: col.message(dirRule, 'unused', { rules: names }),
        span: d.span,
        related: [],
        fixes: [{ title: col.message(dirRule, 'remove', undefined), edits: [removal], isPreferred: true }],
      });
    }
  }
  const byPos = (a: Finding, b: Finding) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId) || a.span.end - b.span.end;
  result.findings = shown.sort(byPos);
  result.suppressed.sort(byPos);
}
