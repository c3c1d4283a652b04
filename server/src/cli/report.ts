import * as path from 'node:path';
import type { Finding, Fix, TextEdit } from '../engine/types';
import type { SourceText } from '../engine/text/source';
import type { FileReport } from './lint-file';

export interface Counts {
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  fixableInfoCount: number;
}

export function countFindings(findings: readonly Finding[], ignored = false): Counts {
  const c: Counts = { errorCount: 0, warningCount: ignored ? 1 : 0, infoCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, fixableInfoCount: 0 };
  for (const f of findings) {
    const fixable = f.fixes.length > 0;
    if (f.severity === 'error') {
      c.errorCount++;
      if (fixable) c.fixableErrorCount++;
    } else if (f.severity === 'warning') {
      c.warningCount++;
      if (fixable) c.fixableWarningCount++;
    } else {
      c.infoCount++;
      if (fixable) c.fixableInfoCount++;
    }
  }
  return c;
}

export function countReport(r: FileReport): Counts {
  return countFindings(r.findings, r.ignored);
}

/** Path relative to `cwd` with forward slashes (as printed and as SARIF URIs). */
export function relPath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file) || path.basename(file);
  return path.sep === '\\' ? rel.replace(/\\/g, '/') : rel;
}

/** 1-based start and exclusive end line/column of a span (ESLint and SARIF convention). */
export function region(source: SourceText, span: { start: number; end: number }): { line: number; column: number; endLine: number; endColumn: number } {
  const s = source.positionAt(span.start);
  const e = source.positionAt(Math.max(span.start, span.end));
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

/** The fix that `--fix` would apply for a finding: the preferred one, else the only one. */
export function primaryFix(f: Finding): Fix | undefined {
  if (f.fixes.length === 1) return f.fixes[0];
  return f.fixes.find((x) => x.isPreferred);
}

/** Merge the edits of one fix into a single replacement `[start, end) → text` (ESLint's `fix`). */
export function mergeEdits(text: string, edits: readonly TextEdit[]): { range: [number, number]; text: string } | undefined {
  if (edits.length === 0) return undefined;
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.span.start < sorted[i - 1]!.span.end) return undefined;
  }
  const start = sorted[0]!.span.start;
  const end = Math.max(...sorted.map((e) => e.span.end));
  let out = '';
  let at = start;
  for (const e of sorted) {
    out += text.slice(at, e.span.start) + e.newText;
    at = e.span.end;
  }
  out += text.slice(at, end);
  return { range: [start, end], text: out };
}
