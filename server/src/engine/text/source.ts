import type { Span } from '../types';

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 column. */
  character: number;
}

/** A text with a line index, shared by diagnostics (line/column) and fixes (offsets). */
export class SourceText {
  private lineStarts: number[] | undefined;

  constructor(readonly path: string, readonly text: string) {}

  private starts(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      const t = this.text;
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (t.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }

  get lineCount(): number {
    return this.starts().length;
  }

  positionAt(offset: number): Position {
    const starts = this.starts();
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - starts[lo]! };
  }

  offsetAt(pos: Position): number {
    const starts = this.starts();
    if (pos.line >= starts.length) return this.text.length;
    if (pos.line < 0) return 0;
    const lineEnd = pos.line + 1 < starts.length ? starts[pos.line + 1]! : this.text.length;
    return Math.min(starts[pos.line]! + Math.max(0, pos.character), lineEnd);
  }

  lineStart(line: number): number {
    const starts = this.starts();
    return starts[Math.max(0, Math.min(line, starts.length - 1))]!;
  }

  /** Offset of the end of the line holding `offset`, before its line break. */
  lineEndAt(offset: number): number {
    let i = offset;
    const t = this.text;
    while (i < t.length && t[i] !== '\n' && t[i] !== '\r') i++;
    return i;
  }

  private eolCache: string | undefined;

  /** The line break the file uses most ("\r\n" or "\n"), found once. */
  get eol(): string {
    if (this.eolCache === undefined) {
      let crlf = 0;
      let lf = 0;
      const t = this.text;
      for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) {
        if (t.charCodeAt(i - 1) === 13) crlf++;
        else lf++;
      }
      this.eolCache = crlf > lf ? '\r\n' : '\n';
    }
    return this.eolCache;
  }

  slice(span: Span): string {
    return this.text.slice(span.start, span.end);
  }
}
