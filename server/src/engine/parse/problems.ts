import type { Span } from '../types';

/** A problem found while reading a file, before any rule runs (reported as ELB001). */
export interface ParseProblem {
  span: Span;
  /** Message id in the ELB001 rule's catalogue; `data` fills its template. */
  messageId: string;
  data: Record<string, string | number>;
  severity?: 'error' | 'warning';
}
