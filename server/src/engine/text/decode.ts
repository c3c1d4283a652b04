/**
 * Turn the bytes of a file into text, or into a positioned problem (reported as ELB001) when the
 * bytes are not a UTF-8 text we can lint: too large, UTF-16, binary (a NUL byte) or invalid UTF-8.
 * A UTF-8 byte-order mark is kept in the text (the parsers handle it and keep offsets stable).
 */

/** Files above this size are not linted (8 MiB). */
export const DEFAULT_MAX_FILE_SIZE = 8 * 1024 * 1024;

export type DecodeMessageId = 'binary' | 'utf16' | 'notUtf8' | 'tooLarge';

export interface DecodeProblem {
  /** Message id in the ELB001 rule's catalogue. */
  messageId: DecodeMessageId;
  data: Record<string, string | number>;
  /** UTF-16 offset, in the text decoded leniently, where the problem is. */
  offset: number;
}

export type DecodeResult = { text: string } | { problem: DecodeProblem };

export interface DecodeOptions {
  /** Size limit in bytes (default {@link DEFAULT_MAX_FILE_SIZE}). */
  maxBytes?: number;
}

/** Megabytes with at most one decimal: 9437184 → 9, 8912896 → 8.5. */
export function megabytes(bytes: number): number {
  return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}

/** The problem of a file of `size` bytes above `maxBytes` (also used before reading a file). */
export function tooLargeProblem(size: number, maxBytes: number): DecodeProblem {
  let s = megabytes(size);
  // Never print "8 MB, above the 8 MB limit".
  if (s <= megabytes(maxBytes)) s = Math.ceil((size / (1024 * 1024)) * 100) / 100;
  return { messageId: 'tooLarge', data: { size: s, limit: megabytes(maxBytes) }, offset: 0 };
}

/**
 * Index of the first byte of the first ill-formed UTF-8 sequence (Unicode table 3-7), or -1.
 * Overlong forms, surrogates and code points above U+10FFFF are ill-formed.
 */
export function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c === 0xe0) {
      need = 2;
      lo = 0xa0;
    } else if ((c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef) need = 2;
    else if (c === 0xed) {
      need = 2;
      hi = 0x9f;
    } else if (c === 0xf0) {
      need = 3;
      lo = 0x90;
    } else if (c >= 0xf1 && c <= 0xf3) need = 3;
    else if (c === 0xf4) {
      need = 3;
      hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return i;
      const d = b[i + k]!;
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (d < min || d > max) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Lenient decoding (invalid sequences become U+FFFD), BOM kept: for positions of problems. */
export function decodeLenient(buf: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(buf);
}

/** Decode a file's bytes as UTF-8 text, or say why it cannot be linted. */
export function decodeText(buf: Buffer, options: DecodeOptions = {}): DecodeResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_SIZE;
  if (buf.length > maxBytes) return { problem: tooLargeProblem(buf.length, maxBytes) };
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    return { problem: { messageId: 'utf16', data: {}, offset: 0 } };
  }
  const nul = buf.indexOf(0);
  if (nul >= 0) {
    return { problem: { messageId: 'binary', data: {}, offset: decodeLenient(buf.subarray(0, nul)).length } };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf) };
  } catch {
    const at = firstInvalidUtf8(buf);
    const index = at >= 0 ? at : 0;
    const byte = (buf[index] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return { problem: { messageId: 'notUtf8', data: { byte }, offset: decodeLenient(buf.subarray(0, index)).length } };
  }
}
