import type { Locale, Severity } from '../../engine/types';
import type { FileReport } from '../lint-file';
import { fixableLine, severityWord, summaryLine, t, type Totals } from '../messages';
import { relPath } from '../report';

/** ANSI styling, or none. */
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  underline(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export function makeStyle(color: boolean): Style {
  if (!color) {
    const id = (s: string) => s;
    return { bold: id, dim: id, underline: id, red: id, yellow: id, blue: id, green: id, cyan: id };
  }
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    underline: wrap(4, 24),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    blue: wrap(34, 39),
    green: wrap(32, 39),
    cyan: wrap(36, 39),
  };
}

/** Terminal columns of a string: East Asian wide and fullwidth characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0x300 && c <= 0x36f) || c === 0x200b) continue;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0x303e) ||
      (c >= 0x3041 && c <= 0x33ff) ||
      (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0xa000 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x1f300 && c <= 0x1f64f) ||
      (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

function colorSeverity(style: Style, s: Severity, word: string): string {
  return s === 'error' ? style.red(word) : s === 'warning' ? style.yellow(word) : style.blue(word);
}

interface Row {
  pos: string;
  severity: Severity;
  message: string;
  ruleId: string;
}

/**
 * One file's block in ESLint's "stylish" layout: the path, then one aligned line per finding,
 * then a blank line. Empty for a clean file.
 */
export function formatFileText(report: FileReport, cwd: string, locale: Locale, style: Style): string {
  const rows: Row[] = [];
  if (report.ignored) rows.push({ pos: '0:0', severity: 'warning', message: t(locale, 'fileIgnored'), ruleId: '' });
  for (const f of report.findings) {
    const p = report.source.positionAt(f.span.start);
    rows.push({ pos: `${p.line + 1}:${p.character + 1}`, severity: f.severity, message: f.message.replace(/\s*\r?\n\s*/g, ' '), ruleId: f.ruleId });
  }
  if (rows.length === 0) return '';
  const wPos = Math.max(...rows.map((r) => r.pos.length));
  const wSev = Math.max(...rows.map((r) => displayWidth(severityWord(locale, r.severity))));
  const wMsg = Math.max(...rows.map((r) => displayWidth(r.message)));
  let out = style.underline(relPath(cwd, report.file)) + '\n';
  for (const r of rows) {
    const sev = severityWord(locale, r.severity);
    const line = `  ${style.dim(r.pos.padEnd(wPos))}  ${colorSeverity(style, r.severity, pad(sev, wSev))}  ${r.ruleId ? pad(r.message, wMsg) + '  ' + style.dim(r.ruleId) : r.message}`;
    out += line.trimEnd() + '\n';
  }
  return out + '\n';
}

/** The closing summary, or '' when there is nothing to report. */
export function formatSummaryText(totals: Totals, locale: Locale, style: Style): string {
  const total = totals.errors + totals.warnings + totals.infos;
  if (total === 0) return '';
  const paint = totals.errors > 0 ? style.red : totals.warnings > 0 ? style.yellow : style.blue;
  let out = paint(style.bold(`\u2716 ${summaryLine(locale, totals)}`)) + '\n';
  if (totals.fixable > 0) out += paint(style.bold(`  ${fixableLine(locale, totals.fixable)}`)) + '\n';
  return out;
}

/** A unified diff coloured line by line. */
export function colorDiff(diff: string, style: Style): string {
  return diff
    .split('\n')
    .map((l) => (l.startsWith('+++') || l.startsWith('---') ? style.bold(l) : l.startsWith('+') ? style.green(l) : l.startsWith('-') ? style.red(l) : l.startsWith('@@') ? style.cyan(l) : l))
    .join('\n');
}
