/**
 * Lints Terraform modules for the tests: the Terraform reader, every FAQ rule on its model, fixes
 * rendered from the rules' intents, and a check that applies a fix, re-reads and re-lints.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintGroup } from '../../../server/out/engine/lint';
import type { Model } from '../../../server/out/engine/model/types';
import { ensureTerraformParser } from '../../../server/out/engine/parse/hcl';
import { applyEdits } from '../../../server/out/engine/fix/apply';
import type { Locale, Span, TextEdit } from '../../../server/out/engine/types';
import type { InputFile } from '../../../server/out/engine/formats/types';
import { FIXTURES } from '../helpers';

export const TF_FIXTURES = path.join(FIXTURES, 'terraform');

export const ready = ensureTerraformParser();

export interface TfFix {
  title: string;
  edits: TextEdit[];
  preferred?: boolean;
}

export interface TfFinding {
  ruleId: string;
  path: string;
  span: Span;
  message: string;
  related: { path: string; span: Span; message: string }[];
  fixes: TfFix[];
}

export interface TfLint {
  files: Map<string, string>;
  findings: TfFinding[];
  model?: Model;
}

/** Lint a module given as `{path: text}` through the engine's `lintGroup` (all findings, all files). */
export function lintModule(files: Record<string, string> | Map<string, string>, locale: Locale = 'en'): TfLint {
  const map = files instanceof Map ? files : new Map(Object.entries(files));
  // The group's first file picks the reader: a `.tf` file.
  const inputs: InputFile[] = [...map].map(([p, text]) => ({ path: p, text })).sort((a, b) => Number(/\.tfvars$/.test(a.path)) - Number(/\.tfvars$/.test(b.path)));
  const results = lintGroup(inputs, { locale });
  const findings: TfFinding[] = [];
  let model: Model | undefined;
  for (const r of results) {
    model ??= r.model;
    for (const f of r.findings) {
      findings.push({
        ruleId: f.ruleId,
        path: f.path,
        span: f.span,
        message: f.message,
        related: f.related.map((x) => ({ path: x.path, span: x.span, message: x.message })),
        fixes: f.fixes.map((x) => ({ title: x.title, edits: x.edits.map((e) => ({ path: e.path ?? f.path, span: e.span, newText: e.newText })), preferred: x.isPreferred })),
      });
    }
  }
  findings.sort((a, b) => a.path.localeCompare(b.path) || a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
  return { files: map, findings, model };
}

/** Apply a fix to the module's files. */
export function applyFix(files: Map<string, string>, fix: TfFix, defaultPath: string): Map<string, string> {
  const out = new Map(files);
  const byPath = new Map<string, TextEdit[]>();
  for (const e of fix.edits) {
    const p = e.path ?? defaultPath;
    byPath.set(p, [...(byPath.get(p) ?? []), e]);
  }
  for (const [p, edits] of byPath) out.set(p, applyEdits(out.get(p) ?? '', edits));
  return out;
}

/** Read every file of a fixture directory (`.tf`, `.tfvars`), keyed by absolute path. */
export function loadDir(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of fs.readdirSync(dir).sort()) {
    if (/\.(tf|tfvars)$/.test(f)) out.set(path.join(dir, f), fs.readFileSync(path.join(dir, f), 'utf8'));
  }
  return out;
}

/** `ID path:line "text"` of each finding, for readable assertions. */
export function describe(l: TfLint, f: TfFinding): string {
  const text = l.files.get(f.path) ?? '';
  const line = text.slice(0, f.span.start).split('\n').length;
  return `${f.ruleId} ${path.basename(f.path)}:${line} ${text.slice(f.span.start, f.span.end)}`;
}

/** `# expect: ELB101 "text"` comments of a fixture directory, as `ID file:line "text"` strings. */
export function expected(files: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [p, text] of files) {
    text.split(/\r?\n/).forEach((l, i) => {
      const at = l.indexOf('# expect:');
      if (at < 0) return;
      // `ELB101 "text"`, or `ELB101 '"text"'` when the span's text holds double quotes.
      const re = /(ELB\d{3})(?:\s+"([^"]*)"|\s+'([^']*)')?/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(l.slice(at + 9)))) {
        const t = m[2] ?? m[3];
        out.push(`${m[1]} ${path.basename(p)}:${i + 1}${t !== undefined ? ' ' + t : ''}`);
      }
    });
  }
  return out.sort();
}

/** Findings as `ID file:line "text"` (text only where the expectation gives one). */
export function actual(l: TfLint, withText: Set<string>): string[] {
  return l.findings
    .map((f) => {
      const d = describe(l, f);
      const [id, loc] = d.split(' ');
      const key = `${id} ${loc}`;
      return withText.has(key) ? d : key;
    })
    .sort();
}

/**
 * Apply a fix, re-lint and check the contract: the fixed finding is gone, nothing new appears,
 * comments survive. Returns the problems found (empty = good) and the fixed files.
 */
export function checkTfFix(before: TfLint, finding: TfFinding, fix: TfFix): { problems: string[]; files: Map<string, string>; after: TfLint } {
  const files = applyFix(before.files, fix, finding.path);
  const after = lintModule(files);
  const problems: string[] = [];
  const key = (f: TfFinding) => `${f.ruleId}|${f.message}`;
  const remaining = new Map<string, number>();
  for (const f of before.findings) remaining.set(key(f), (remaining.get(key(f)) ?? 0) + 1);
  remaining.set(key(finding), (remaining.get(key(finding)) ?? 0) - 1);
  for (const f of after.findings) {
    const k = key(f);
    const n = remaining.get(k) ?? 0;
    if (n <= 0) problems.push(`new or remaining finding after fix "${fix.title}": ${describe(after, f)} ${f.message}`);
    remaining.set(k, n - 1);
  }
  for (const [p, text] of before.files) {
    const out = files.get(p) ?? '';
    const removed = fix.edits.filter((e) => (e.path ?? finding.path) === p && e.span.end > e.span.start);
    for (const m of text.matchAll(/#[^\n]*/g)) {
      if (removed.some((e) => m.index! >= e.span.start && m.index! < e.span.end)) continue;
      if (!out.includes(m[0])) problems.push(`comment lost in ${path.basename(p)}: ${m[0]}`);
    }
  }
  return { problems, files, after };
}
