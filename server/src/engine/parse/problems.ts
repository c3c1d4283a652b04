import type { Span } from '../types';

/** A problem found while reading a file, before any rule runs (reported as ELB001). */
export interface ParseProblem {
  span: Span;
  /** Message id in the ELB001 rule's catalogue; `data` fills its template. */
  messageId: string;
  data: Record<string, string | number>;
  severity?: 'error' | 'warning';
}

/** Syntax problems reported per file at most: broken input can produce tens of thousands. */
export const MAX_PARSE_PROBLEMS = 200;

/**
 * Keep the first {@link MAX_PARSE_PROBLEMS} problems (in text order) and say how many there were
 * in all: an editor cannot show more usefully, and every one costs time in every later step.
 */
export function capProblems(problems: ParseProblem[]): ParseProblem[] {
  if (problems.length <= MAX_PARSE_PROBLEMS) return problems;
  const kept = [...problems].sort((a, b) => a.span.start - b.span.start).slice(0, MAX_PARSE_PROBLEMS);
  const last = kept[kept.length - 1]!.span;
  kept.push({ span: { start: last.start, end: last.end }, messageId: 'tooManyErrors', data: { count: problems.length, limit: MAX_PARSE_PROBLEMS }, severity: 'error' });
  return kept;
}
