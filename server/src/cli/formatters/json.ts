import type { Finding, Locale } from '../../engine/types';
import type { FileReport } from '../lint-file';
import { t } from '../messages';
import { countReport, mergeEdits, primaryFix, region } from '../report';

export interface JsonFix {
  range: [number, number];
  text: string;
}

export interface JsonMessage {
  ruleId: string | null;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fix?: JsonFix;
  suggestions?: { desc: string; fix: JsonFix }[];
  suppressions?: { kind: string; justification?: string }[];
}

export interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  suppressedMessages: JsonMessage[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  source?: string;
  output?: string;
}

function message(report: FileReport, f: Finding): JsonMessage {
  const text = report.source.text;
  const r = region(report.source, f.span);
  const m: JsonMessage = { ruleId: f.ruleId, severity: f.severity, message: f.message, line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn };
  const main = primaryFix(f);
  const merged = main ? mergeEdits(text, main.edits) : undefined;
  if (merged) m.fix = merged;
  const suggestions: { desc: string; fix: JsonFix }[] = [];
  for (const x of f.fixes) {
    if (merged && x === main) continue;
    const fx = mergeEdits(text, x.edits);
    if (fx) suggestions.push({ desc: x.title, fix: fx });
  }
  if (suggestions.length) m.suggestions = suggestions;
  if (f.suppression) {
    const s: { kind: string; justification?: string } = { kind: f.suppression.kind };
    if (f.suppression.justification) s.justification = f.suppression.justification;
    m.suppressions = [s];
  }
  return m;
}

/** One file's result, the shape of ESLint's JSON formatter (severity as a word, plus infos). */
export function jsonResult(report: FileReport, locale: Locale): JsonResult {
  const c = countReport(report);
  const messages: JsonMessage[] = [];
  if (report.ignored) messages.push({ ruleId: null, severity: 'warning', message: t(locale, 'fileIgnored'), line: 0, column: 0 });
  for (const f of report.findings) messages.push(message(report, f));
  const out: JsonResult = {
    filePath: report.file,
    messages,
    suppressedMessages: report.suppressed.map((f) => message(report, f)),
    errorCount: c.errorCount,
    warningCount: c.warningCount,
    infoCount: c.infoCount,
    fixableErrorCount: c.fixableErrorCount,
    fixableWarningCount: c.fixableWarningCount,
  };
  if (report.output !== undefined) out.output = report.output;
  else if (report.findings.length > 0 && !report.opaque) out.source = report.source.text;
  return out;
}
