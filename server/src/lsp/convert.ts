import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type Diagnostic,
  type Range,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
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

export function toDiagnostic(source: SourceText, uri: string, f: Finding): Diagnostic {
  const d: Diagnostic = {
    range: toRange(source, f.span),
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: ruleDocsUrl(f.ruleId) },
    source: 'elb-lint',
    message: f.message,
  };
  if (f.related.length) {
    d.relatedInformation = f.related.map((r) => ({ location: { uri, range: toRange(source, r.span) }, message: r.message }));
  }
  return d;
}

export function toTextEdits(source: SourceText, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: toRange(source, e.span), newText: e.newText }));
}

export function fixAction(source: SourceText, uri: string, fix: Fix, diagnostic: Diagnostic | undefined): CodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: diagnostic ? [diagnostic] : undefined,
    isPreferred: fix.isPreferred,
    edit: { changes: { [uri]: toTextEdits(source, fix.edits) } },
  };
}
