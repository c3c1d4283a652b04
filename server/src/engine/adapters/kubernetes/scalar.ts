import type { SScalar } from '../../parse/tree';
import type { Span } from '../../types';

/**
 * A YAML scalar's text as the program sees it, with a map back to the source: `offsets[i]` is the
 * source offset of the i-th character of `value` (`offsets[value.length]` = where the content
 * ends). Annotations hold JSON inside strings; this map places a diagnostic on the exact character
 * of the JSON that is wrong, through quoting, escapes, line folding and block indentation.
 */
export interface DecodedScalar {
  value: string;
  offsets: number[];
  /** Source length of each character (2 for `\n` or `''`, 1 otherwise). */
  lengths: number[];
  /** Whether each character is written as itself in the source (not an escape or a fold). */
  literal: boolean[];
  style: ScalarStyle;
  /** The value's span without quotes or block header (the whole scalar for plain ones). */
  content: Span;
  /**
   * Whether every character maps to its own source character in order (the map is exact). False
   * when our decoding disagreed with the YAML parser: every character then maps to the content start.
   */
  exact: boolean;
}

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

export function styleOf(text: string, node: SScalar): ScalarStyle {
  const c = text[node.span.start];
  if (c === "'") return 'single';
  if (c === '"') return 'double';
  if (c === '|') return 'literal';
  if (c === '>') return 'folded';
  return 'plain';
}

/** The value of a scalar as text (numbers and booleans as written). */
export function scalarText(text: string, node: SScalar): string {
  if (typeof node.value === 'string') return node.value;
  if (node.value === null) return '';
  return text.slice(node.span.start, node.span.end).trim();
}

interface Decoded {
  value: string;
  offsets: number[];
  lengths: number[];
  literal: boolean[];
  content: Span;
}

class Out {
  readonly chars: string[] = [];
  readonly offs: number[] = [];
  readonly lens: number[] = [];
  readonly lit: boolean[] = [];
  push(s: string, at: number, len: number, literal: boolean): void {
    this.chars.push(s);
    this.offs.push(at);
    this.lens.push(len);
    this.lit.push(literal);
  }
  truncate(n: number): void {
    this.chars.length = n;
    this.offs.length = n;
    this.lens.length = n;
    this.lit.length = n;
  }
  get length(): number {
    return this.chars.length;
  }
  done(end: number, content: Span): Decoded {
    return { value: this.chars.join(''), offsets: [...this.offs, end], lengths: this.lens, literal: this.lit, content };
  }
}

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';
const isBreak = (c: string | undefined) => c === '\n' || c === '\r';

/** Decode a scalar's source into its value with an offset map (see `DecodedScalar`). */
export function decodeScalar(text: string, node: SScalar): DecodedScalar {
  const style = styleOf(text, node);
  const expected = scalarText(text, node);
  let out: Decoded | undefined;
  try {
    out = style === 'literal' || style === 'folded' ? decodeBlock(text, node.span, style) : decodeFlow(text, node.span, style);
  } catch {
    out = undefined;
  }
  if (out && out.value === expected) return { ...out, style, exact: true };
  const content = style === 'single' || style === 'double' ? { start: node.span.start + 1, end: Math.max(node.span.start + 1, node.span.end - 1) } : node.span;
  const offsets = new Array<number>(expected.length + 1).fill(content.start);
  offsets[expected.length] = content.end;
  const lengths = new Array<number>(expected.length).fill(0);
  if (expected.length) lengths[expected.length - 1] = content.end - content.start;
  return { value: expected, offsets, lengths, literal: new Array<boolean>(expected.length).fill(false), style, content, exact: false };
}

function decodeFlow(text: string, span: Span, style: 'plain' | 'single' | 'double'): Decoded {
  const quoted = style !== 'plain';
  const start = quoted ? span.start + 1 : span.start;
  const end = quoted ? span.end - 1 : span.end;
  const out = new Out();
  // Length of the output up to the last character that line folding must keep (not a trailing blank).
  let keep = 0;
  let i = start;
  const push = (s: string, at: number, len: number, literal: boolean) => {
    out.push(s, at, len, literal);
    keep = out.length;
  };
  while (i < end) {
    const c = text[i]!;
    if (isBreak(c)) {
      // Fold: drop trailing blanks, count line breaks, drop the next line's leading blanks.
      out.truncate(keep);
      const breakAt = i;
      let breaks = 0;
      while (i < end && (isBreak(text[i]) || isBlank(text[i]))) {
        if (text[i] === '\n') breaks++;
        else if (text[i] === '\r' && text[i + 1] !== '\n') breaks++;
        i++;
      }
      if (breaks <= 1) push(' ', breakAt, 1, false);
      else for (let k = 1; k < breaks; k++) push('\n', breakAt, 1, false);
      continue;
    }
    if (style === 'single' && c === "'" && text[i + 1] === "'") {
      push("'", i, 2, false);
      i += 2;
      continue;
    }
    if (style === 'double' && c === '\\') {
      const n = text[i + 1];
      if (isBreak(n)) {
        // An escaped line break joins the lines without a space.
        i += 1;
        while (i < end && (isBreak(text[i]) || isBlank(text[i]))) i++;
        continue;
      }
      if (n !== undefined && n in SIMPLE_ESCAPES) {
        push(SIMPLE_ESCAPES[n]!, i, 2, false);
        i += 2;
        continue;
      }
      const len = n === 'x' ? 2 : n === 'u' ? 4 : n === 'U' ? 8 : 0;
      if (len) {
        const hex = text.slice(i + 2, i + 2 + len);
        if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) throw new Error('bad escape');
        for (const ch of String.fromCodePoint(parseInt(hex, 16)).split('')) push(ch, i, 2 + len, false);
        i += 2 + len;
        continue;
      }
      throw new Error('bad escape');
    }
    if (isBlank(c)) {
      out.push(c, i, 1, true);
      i++;
      continue;
    }
    push(c, i, 1, true);
    i++;
  }
  if (!quoted) out.truncate(keep);
  const last = out.length - 1;
  const contentEnd = quoted ? end : last >= 0 ? out.offs[last]! + out.lens[last]! : start;
  return out.done(contentEnd, { start, end: contentEnd });
}

const SIMPLE_ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029' };

function decodeBlock(text: string, span: Span, style: 'literal' | 'folded'): Decoded {
  let i = span.start + 1;
  let chomp: 'clip' | 'strip' | 'keep' = 'clip';
  while (i < span.end && !isBreak(text[i]) && !isBlank(text[i]) && text[i] !== '#') {
    const c = text[i]!;
    if (c === '-') chomp = 'strip';
    else if (c === '+') chomp = 'keep';
    else if (/[1-9]/.test(c)) throw new Error('explicit indentation');
    i++;
  }
  while (i < span.end && !isBreak(text[i])) i++;
  if (text[i] === '\r') i++;
  if (text[i] === '\n') i++;
  const bodyStart = i;
  const lines: { start: number; end: number }[] = [];
  while (i < span.end) {
    let e = i;
    while (e < span.end && !isBreak(text[e])) e++;
    lines.push({ start: i, end: e });
    i = e;
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
  }
  let indent = -1;
  for (const l of lines) {
    const s = text.slice(l.start, l.end);
    if (s.trim() === '') continue;
    indent = /^ */.exec(s)![0].length;
    break;
  }
  const out = new Out();
  if (indent < 0) return out.done(bodyStart, { start: bodyStart, end: bodyStart });
  const content = lines.map((l) => ({ from: Math.min(l.start + indent, l.end), to: l.end, empty: text.slice(l.start, l.end).trim() === '' }));
  let last = content.length - 1;
  while (last >= 0 && content[last]!.empty) last--;
  let prevMoreIndented = false;
  let pendingBreak: number | undefined;
  let emptyRun = 0;
  for (let k = 0; k <= last; k++) {
    const l = content[k]!;
    if (l.empty) {
      emptyRun++;
      continue;
    }
    const moreIndented = isBlank(text[l.from]);
    if (pendingBreak !== undefined) {
      if (style === 'literal' || prevMoreIndented || moreIndented) {
        out.push('\n', pendingBreak, 1, style === 'literal');
        for (let r = 0; r < emptyRun; r++) out.push('\n', pendingBreak, 1, false);
      } else if (emptyRun === 0) out.push(' ', pendingBreak, 1, false);
      else for (let r = 0; r < emptyRun; r++) out.push('\n', pendingBreak, 1, false);
    } else for (let r = 0; r < emptyRun; r++) out.push("\n", l.from, 1, false);
    emptyRun = 0;
    for (let p = l.from; p < l.to; p++) out.push(text[p]!, p, 1, true);
    pendingBreak = l.to;
    prevMoreIndented = moreIndented;
  }
  if (pendingBreak !== undefined && chomp !== 'strip') {
    out.push('\n', pendingBreak, 1, false);
    if (chomp === 'keep') for (let k = last + 1; k < content.length; k++) out.push('\n', content[k]!.to, 1, false);
  }
  const endOff = pendingBreak ?? bodyStart;
  return out.done(endOff, { start: bodyStart, end: endOff });
}

/** The source span of the decoded characters `[start, end)` of a scalar. */
export function sourceSpan(d: DecodedScalar, start: number, end: number): Span {
  const n = d.value.length;
  const s = Math.max(0, Math.min(start, n));
  const e = Math.max(s, Math.min(end, n));
  if (!d.exact) return { ...d.content };
  const from = d.offsets[s]!;
  if (e === s) return { start: from, end: from };
  return { start: from, end: d.offsets[e - 1]! + d.lengths[e - 1]! };
}

/**
 * Whether the decoded range `[start, end)` is written in the source character for character (no
 * escape, no folded line break): a replacement of that range can then be written as it is.
 */
export function verbatim(d: DecodedScalar, start: number, end: number): boolean {
  if (!d.exact) return false;
  for (let i = start; i < end; i++) {
    if (!d.literal[i]) return false;
    if (i > start && d.offsets[i] !== d.offsets[i - 1]! + 1) return false;
  }
  return true;
}
