import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type Diagnostic,
  type Range,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import { pathToFileURL } from 'node:url';
import { ruleDocsUrl } from '../engine/docs-url';
import type { SourceText } from '../engine/text/source';
import type { Finding, Fix, Severity, Span, TextEdit } from '../engine/types';

/** Engine data → LSP data. Nothing here decides anything; it only converts. */

export function toRange(source: SourceText, span: Span): Range {
  return { start: source.positionAt(span.start), end: source.positionAt(span.end) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** The other files of a lint group: their texts by path (for locations outside the document). */
export type GroupSources = ReadonlyMap<string, SourceText> | undefined;

/** The URI and text of a location in `path`: the document's own, or another file of its group. */
function locate(source: SourceText, uri: string, path: string | undefined, group: GroupSources): { uri: string; source: SourceText } | undefined {
  if (path === undefined || path === source.path) return { uri, source };
  const other = group?.get(path);
  if (!other) return undefined;
  let otherUri: string;
  try {
    otherUri = pathToFileURL(path).href;
  } catch {
    return undefined;
  }
  return { uri: otherUri, source: other };
}

export function toDiagnostic(source: SourceText, uri: string, f: Finding, group?: GroupSources): Diagnostic {
  const d: Diagnostic = {
    range: toRange(source, f.span),
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: ruleDocsUrl(f.ruleId) },
    source: 'elb-lint',
    message: f.message,
  };
  if (f.related.length) {
    d.relatedInformation = [];
    for (const r of f.related) {
      const at = locate(source, uri, r.path, group);
      if (at) d.relatedInformation.push({ location: { uri: at.uri, range: toRange(at.source, r.span) }, message: r.message });
    }
  }
  return d;
}

export function toTextEdits(source: SourceText, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: toRange(source, e.span), newText: e.newText }));
}

/** Edits by URI; edits with a `path` go to that file of the group. `undefined` if one cannot be placed. */
export function toChanges(source: SourceText, uri: string, edits: readonly TextEdit[], group?: GroupSources): Record<string, LspTextEdit[]> | undefined {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const e of edits) {
    const at = locate(source, uri, e.path, group);
    if (!at) return undefined;
    (changes[at.uri] ??= []).push({ range: toRange(at.source, e.span), newText: e.newText });
  }
  return changes;
}

export function fixAction(source: SourceText, uri: string, fix: Fix, diagnostic: Diagnostic | undefined, group?: GroupSources): CodeAction | undefined {
  const changes = toChanges(source, uri, fix.edits, group);
  if (!changes) return undefined;
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: diagnostic ? [diagnostic] : undefined,
    isPreferred: fix.isPreferred,
    edit: { changes },
  };
}
