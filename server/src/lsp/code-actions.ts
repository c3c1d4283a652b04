import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import { chooseFixes } from '../engine/fix/apply';
import type { LintResult } from '../engine/lint';
import type { Finding, Locale } from '../engine/types';
import { fixAction, toChanges, toDiagnostic } from './convert';

export const FIX_ALL_KIND = 'source.fixAll.elb-lint';

const T = {
  en: { line: 'Disable {id} for this line', file: 'Disable {id} for this file', all: 'Fix all auto-fixable elb-lint problems' },
  'zh-cn': { line: '在此行禁用 {id}', file: '在此文件中禁用 {id}', all: '修复所有可自动修复的 elb-lint 问题' },
} as const;

function sameSpot(result: LintResult, f: Finding, d: Diagnostic): boolean {
  if (f.ruleId !== d.code) return false;
  const s = result.source.positionAt(f.span.start);
  const e = result.source.positionAt(f.span.end);
  return s.line === d.range.start.line && s.character === d.range.start.character && e.line === d.range.end.line && e.character === d.range.end.character;
}

function fixAll(result: LintResult, uri: string, kind: string, locale: Locale): CodeAction | undefined {
  const { edits, fixes } = chooseFixes(result.findings.map((f) => (f.fixes.some((x) => x.edits.some((e) => e.path !== undefined)) ? { ...f, fixes: [] } : f)));
  if (!fixes.length) return undefined;
  const changes = toChanges(result.source, uri, edits, result.sources);
  return changes ? { title: T[locale].all, kind, edit: { changes } } : undefined;
}

/** Disable comments: above the finding's line, or at the top of the file (YAML only). */
function disableActions(result: LintResult, uri: string, f: Finding, d: Diagnostic, locale: Locale): CodeAction[] {
  if (result.format !== 'elb-yaml' && result.format !== 'kubernetes' && result.format !== 'terraform') return [];
  const src = result.source;
  const line = src.positionAt(f.span.start).line;
  const lineStart = src.lineStart(line);
  const indent = /^[ \t]*/.exec(src.text.slice(lineStart))![0];
  const eol = src.eol;
  const bomOffset = src.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return [
    {
      title: T[locale].line.replace('{id}', f.ruleId),
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: { changes: { [uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}# elb-lint-disable-next-line ${f.ruleId} -- ${eol}` }] } },
    },
    {
      title: T[locale].file.replace('{id}', f.ruleId),
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: { changes: { [uri]: [{ range: { start: { line: 0, character: bomOffset }, end: { line: 0, character: bomOffset } }, newText: `# elb-lint-disable-file ${f.ruleId}${eol}` }] } },
    },
  ];
}

export function codeActions(result: LintResult, params: CodeActionParams, locale: Locale): CodeAction[] {
  const uri = params.textDocument.uri;
  const only = params.context.only;
  const wantsFixAll = only?.some((k) => k === 'source' || k === 'source.fixAll' || k === FIX_ALL_KIND);
  if (only && !only.some((k) => k.startsWith('quickfix') || k === 'source' || k.startsWith('source.fixAll'))) return [];
  if (wantsFixAll && !only?.some((k) => k.startsWith('quickfix'))) {
    const a = fixAll(result, uri, FIX_ALL_KIND, locale);
    return a ? [a] : [];
  }
  const out: CodeAction[] = [];
  const fixableShown = new Set<Finding>();
  for (const d of params.context.diagnostics) {
    if (d.source !== 'elb-lint') continue;
    const f = result.findings.find((x) => sameSpot(result, x, d));
    if (!f) continue;
    for (const fix of f.fixes) {
      const a = fixAction(result.source, uri, fix, d, result.sources);
      if (a) out.push(a);
    }
    if (f.fixes.length) fixableShown.add(f);
    out.push(...disableActions(result, uri, f, d, locale));
  }
  // Findings under the cursor that the client did not send as diagnostics (other clients).
  if (!params.context.diagnostics.length) {
    const start = result.source.offsetAt(params.range.start);
    const end = result.source.offsetAt(params.range.end);
    for (const f of result.findings) {
      if (f.span.end < start || f.span.start > end) continue;
      const d = toDiagnostic(result.source, uri, f, result.sources);
      for (const fix of f.fixes) {
        const a = fixAction(result.source, uri, fix, d, result.sources);
        if (a) out.push(a);
      }
    }
  }
  if (result.findings.filter((f) => f.fixes.length).length > 1 && fixableShown.size) {
    const a = fixAll(result, uri, CodeActionKind.QuickFix, locale);
    if (a) out.push(a);
  }
  return out;
}
