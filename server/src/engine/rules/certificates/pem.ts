import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';

/**
 * What the PEM texts of a certificate tell: whitespace around the content, BEGIN/END structure,
 * whether each block decodes, the chain order, the private key. Shared by ELB503, ELB504 and
 * ELB505; every analysis is memoised by text, so three rules parse a PEM once.
 */

export interface WhitespaceIssues {
  /** Spaces, tabs or blank lines before the first BEGIN line. */
  leading: boolean;
  /** Anything after the last END line beyond one line break. */
  trailing: boolean;
  /** Lines of the content that start or end with spaces or tabs. */
  lines: number;
}

export type StructureProblem =
  /** No BEGIN line at all (or no content). */
  | { kind: 'noBegin'; expected: string }
  /** An END line without its BEGIN line. */
  | { kind: 'endWithoutBegin'; label: string; line: number }
  /** A BEGIN line whose END line is missing (or names another label). */
  | { kind: 'noEnd'; label: string; line: number }
  /** Text outside the BEGIN/END lines. */
  | { kind: 'outside'; line: number }
  /** A block of another kind where a certificate (or a key) is expected. */
  | { kind: 'label'; label: string; expected: string };

export type ChainProblem =
  /** The certificates link up, but not in the uploaded order. */
  | { kind: 'order'; expected: number[] }
  /** Certificate `index` is followed by one that did not issue it, and no order links them all. */
  | { kind: 'broken'; index: number };

export interface CertificateAnalysis {
  whitespace?: WhitespaceIssues;
  structure?: StructureProblem;
  /** 0-based index of the first block that does not decode, with the number of blocks. */
  undecodable?: { index: number; count: number };
  /** Every certificate, in the uploaded order, when the whole text decodes. */
  certs?: X509Certificate[];
}

export interface KeyAnalysis {
  whitespace?: WhitespaceIssues;
  structure?: StructureProblem;
  /** The key is encrypted: it cannot be read without its passphrase (not judged). */
  encrypted?: boolean;
  undecodable?: boolean;
  key?: KeyObject;
}

const BEGIN = /^-----BEGIN ([A-Z0-9 ]+)-----$/;
const END = /^-----END ([A-Z0-9 ]+)-----$/;

/** Whitespace before, after and around the lines of the content (FAQ 8.4). */
export function whitespaceIssues(text: string): WhitespaceIssues | undefined {
  const first = text.search(/\S/);
  if (first < 0) return undefined;
  const leading = first > 0;
  const lastMatch = /\S\s*$/.exec(text);
  const tail = lastMatch ? text.slice(lastMatch.index + 1) : '';
  const trailing = tail !== '' && tail !== '\n' && tail !== '\r\n';
  const body = text.slice(first, lastMatch ? lastMatch.index + 1 : text.length);
  let lines = 0;
  for (const l of body.split('\n')) {
    const line = l.replace(/\r$/, '');
    if (line !== line.replace(/^[ \t]+|[ \t]+$/g, '')) lines++;
  }
  return leading || trailing || lines > 0 ? { leading, trailing, lines } : undefined;
}

/** The text with every line trimmed and no blank lines before or after the content. */
export function trimPem(text: string): string {
  const lines = text.split('\n').map((l) => l.trim());
  while (lines.length && lines[0] === '') lines.shift();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** Blank lines before the content, so line numbers of the trimmed text map back to the value. */
function leadingBlankLines(text: string): number {
  let n = 0;
  for (const l of text.split('\n')) {
    if (l.trim() !== '') break;
    n++;
  }
  return n;
}

/** Shift a problem's line number from the trimmed text back to the value's lines. */
function shifted(p: StructureProblem | undefined, by: number): StructureProblem | undefined {
  return p && 'line' in p ? { ...p, line: p.line + by } : p;
}

interface Block {
  label: string;
  text: string;
}

/** Split trimmed PEM text into blocks, or name the first structural problem. */
function blocksOf(text: string, expected: string): { blocks: Block[]; problem?: StructureProblem } {
  const blocks: Block[] = [];
  let open: { label: string; line: number; lines: string[] } | undefined;
  const lines = text.split('\n');
  if (!lines.some((l) => BEGIN.test(l) || END.test(l))) return { blocks, problem: { kind: 'noBegin', expected } };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const b = BEGIN.exec(line);
    const e = END.exec(line);
    if (b) {
      if (open) return { blocks, problem: { kind: 'noEnd', label: open.label, line: open.line } };
      open = { label: b[1]!, line: i + 1, lines: [line] };
    } else if (e) {
      if (!open) return { blocks, problem: { kind: 'endWithoutBegin', label: e[1]!, line: i + 1 } };
      if (e[1] !== open.label) return { blocks, problem: { kind: 'noEnd', label: open.label, line: open.line } };
      open.lines.push(line);
      blocks.push({ label: open.label, text: open.lines.join('\n') + '\n' });
      open = undefined;
    } else if (open) {
      open.lines.push(line);
    } else if (line !== '') {
      // Content before an END line whose BEGIN line is missing, or stray text.
      for (let j = i + 1; j < lines.length; j++) {
        if (BEGIN.test(lines[j]!)) break;
        const e2 = END.exec(lines[j]!);
        if (e2) return { blocks, problem: { kind: 'endWithoutBegin', label: e2[1]!, line: j + 1 } };
      }
      return { blocks, problem: { kind: 'outside', line: i + 1 } };
    }
  }
  if (open) return { blocks, problem: { kind: 'noEnd', label: open.label, line: open.line } };
  if (blocks.length === 0) return { blocks, problem: { kind: 'noBegin', expected } };
  return { blocks };
}

const certCache = new Map<string, CertificateAnalysis>();
const keyCache = new Map<string, KeyAnalysis>();

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size > 200) cache.clear();
  cache.set(key, value);
  return value;
}

/** Analyse the `certificate` text: structure is judged on the trimmed text, so whitespace is reported once. */
export function analyseCertificate(text: string): CertificateAnalysis {
  const hit = certCache.get(text);
  if (hit) return hit;
  const out: CertificateAnalysis = {};
  const ws = whitespaceIssues(text);
  if (ws) out.whitespace = ws;
  const { blocks, problem } = blocksOf(trimPem(text), 'CERTIFICATE');
  if (problem) out.structure = shifted(problem, leadingBlankLines(text));
  else {
    const other = blocks.find((b) => b.label !== 'CERTIFICATE');
    if (other) out.structure = { kind: 'label', label: other.label, expected: 'CERTIFICATE' };
    else {
      const certs: X509Certificate[] = [];
      for (let i = 0; i < blocks.length; i++) {
        try {
          certs.push(new X509Certificate(blocks[i]!.text));
        } catch {
          out.undecodable = { index: i, count: blocks.length };
          break;
        }
      }
      if (!out.undecodable) out.certs = certs;
    }
  }
  return remember(certCache, text, out);
}

/** Analyse the `private_key` text. */
export function analyseKey(text: string): KeyAnalysis {
  const hit = keyCache.get(text);
  if (hit) return hit;
  const out: KeyAnalysis = {};
  const ws = whitespaceIssues(text);
  if (ws) out.whitespace = ws;
  const trimmed = trimPem(text);
  const { blocks, problem } = blocksOf(trimmed, 'PRIVATE KEY');
  if (problem) out.structure = shifted(problem, leadingBlankLines(text));
  else if (blocks.length !== 1 || !/PRIVATE KEY$/.test(blocks[0]!.label)) {
    const other = blocks.find((b) => !/PRIVATE KEY$/.test(b.label)) ?? blocks[1]!;
    out.structure = { kind: 'label', label: other.label, expected: 'PRIVATE KEY' };
  } else if (/ENCRYPTED/.test(blocks[0]!.label) || /^Proc-Type:\s*4,ENCRYPTED/m.test(blocks[0]!.text)) {
    out.encrypted = true;
  } else {
    try {
      out.key = createPrivateKey(blocks[0]!.text);
    } catch {
      out.undecodable = true;
    }
  }
  return remember(keyCache, text, out);
}

/** Whether `issuer` issued `cert`, by name (each certificate's issuer is the next one's subject). */
function issuedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  return cert.issuer === issuer.subject;
}

/**
 * The chain must run from the server certificate to each issuer in turn (FAQ 8.2, 2.13). When the
 * uploaded order breaks a link, say whether another order links them all (then give it) or not.
 */
export function chainProblem(certs: X509Certificate[]): ChainProblem | undefined {
  const n = certs.length;
  if (n < 2) return undefined;
  let firstBreak = -1;
  for (let i = 0; i + 1 < n; i++) {
    if (!issuedBy(certs[i]!, certs[i + 1]!)) {
      firstBreak = i;
      break;
    }
  }
  if (firstBreak < 0) return undefined;
  // Try every start: follow issuer links through unused certificates.
  for (let start = 0; start < n; start++) {
    const order = [start];
    const used = new Set(order);
    let cur = start;
    for (;;) {
      const next = certs.findIndex((c, j) => !used.has(j) && issuedBy(certs[cur]!, c));
      if (next < 0) break;
      order.push(next);
      used.add(next);
      cur = next;
    }
    if (order.length === n) return { kind: 'order', expected: order };
  }
  return { kind: 'broken', index: firstBreak };
}

/** A short name for a certificate: its CN, else its whole subject on one line. */
export function certLabel(c: X509Certificate): string {
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(c.subject);
  return cn ? cn[1]! : c.subject.replace(/\n/g, ', ');
}

/** Host names a certificate covers for clients: DNS SANs, else the subject CN. */
export function certHostNames(c: X509Certificate): string[] {
  const san = c.subjectAltName;
  const dns: string[] = [];
  if (san) {
    for (const part of san.split(/,\s*/)) {
      const m = /^DNS:(.+)$/.exec(part.trim());
      if (m) dns.push(m[1]!.replace(/^"|"$/g, '').toLowerCase());
    }
  }
  if (dns.length) return dns;
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(c.subject);
  return cn ? [cn[1]!.toLowerCase()] : [];
}

/** The expiry date of a certificate. */
export function expiryOf(c: X509Certificate): Date {
  return new Date(c.validTo);
}
