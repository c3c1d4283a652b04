import { createHash } from 'node:crypto';
import type { Finding } from '../engine/types';
import type { FileReport } from './lint-file';

/** The SARIF `partialFingerprints` key; GitLab Code Quality and baselines use the same value. */
export const FINGERPRINT_KEY = 'elbLintFingerprint/v1';

/** Runs of whitespace count as one space: re-indenting a block keeps its fingerprints. */
function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Fingerprint of one finding that survives lines moving and the language of the messages:
 * rule, file (as the caller names it), the text the finding covers and the texts of its related
 * locations (whitespace-normalised), and which occurrence of that same combination it is, in
 * order of position. Neither line numbers nor the (localised, rewordable) message take part.
 */
export function fingerprint(ruleId: string, relPath: string, spanText: string, relatedTexts: readonly string[], occurrence: number): string {
  const h = createHash('sha256');
  h.update([ruleId, relPath, normalize(spanText), ...relatedTexts.map(normalize), String(occurrence)].join('\u0000'));
  return h.digest('hex');
}

/** Findings and suppressed findings of a report in the order fingerprints count occurrences. */
export function fingerprintOrder(report: FileReport): Finding[] {
  return [...report.findings, ...report.suppressed].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.ruleId.localeCompare(b.ruleId));
}

/**
 * The fingerprint of every finding of a report (active and suppressed), `relPath` being the
 * file's path as the consumer records it (relative to the working directory for SARIF and
 * GitLab, to the baseline file's folder for baselines).
 */
export function fingerprintReport(report: FileReport, relPath: string): Map<Finding, string> {
  const out = new Map<Finding, string>();
  const seen = new Map<string, number>();
  const text = (span: { start: number; end: number }): string => (report.opaque ? '' : report.source.slice(span));
  for (const f of fingerprintOrder(report)) {
    const spanText = text(f.span);
    const related = f.related.filter((r) => r.path === f.path || r.path === report.file).map((r) => text(r.span));
    const key = [f.ruleId, normalize(spanText), ...related.map(normalize)].join('\u0000');
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    out.set(f, fingerprint(f.ruleId, relPath, spanText, related, n));
  }
  return out;
}
