import type { ParsedYaml } from '../../parse/yaml';
import { parseYaml } from '../../parse/yaml';
import type { SNode } from '../../parse/tree';
import type { Span } from '../../types';

/**
 * Kubernetes tools read YAML with go-yaml (libyaml), which accepts a quoted value whose
 * continuation lines are indented no deeper than its key — the CCE manual writes multi-line JSON
 * annotations that way:
 *
 *     kubernetes.io/elb.health-check-option: '{
 *       "delay": "5"
 *     }'
 *
 * The YAML specification (and our parser) rejects the last line. Rather than drown such a manifest
 * in syntax errors, the reader parses a copy whose under-indented continuation lines are indented
 * (spaces inserted), then maps every position back to the original text. Only used when the plain
 * parse reports an unclosed quote and the repaired parse has fewer problems.
 */
export function parseKubernetesYaml(text: string): ParsedYaml {
  const plain = parseYaml(text);
  if (!plain.problems.some((p) => p.messageId === 'yaml' && /^Missing closing/.test(String(p.data.detail)))) return plain;
  const inserts = repairInserts(text);
  if (!inserts.length) return plain;
  let repaired = '';
  let at = 0;
  for (const ins of inserts) {
    repaired += text.slice(at, ins.offset) + ' '.repeat(ins.count);
    at = ins.offset;
  }
  repaired += text.slice(at);
  const fixed = parseYaml(repaired);
  if (fixed.problems.length >= plain.problems.length) return plain;
  const map = offsetMapper(inserts);
  const span = (s: Span): Span => ({ start: map(s.start), end: map(s.end) });
  const visit = (n: SNode | null): void => {
    if (!n || n.aliased) return;
    n.span = span(n.span);
    if (n.kind === 'seq') n.items.forEach(visit);
    else if (n.kind === 'map')
      for (const e of n.entries) {
        e.keySpan = span(e.keySpan);
        visit(e.value);
      }
  };
  for (const d of fixed.documents) {
    d.span = span(d.span);
    visit(d.root);
  }
  for (const p of fixed.problems) p.span = span(p.span);
  for (const c of fixed.directiveComments) c.offset = map(c.offset);
  return fixed;
}

interface Insert {
  /** Offset in the original text (a line start). */
  offset: number;
  count: number;
}

/** Maps an offset of the repaired text back to the original (inserted spaces map to their line start). */
function offsetMapper(inserts: Insert[]): (o: number) => number {
  // Starts of each insertion in repaired coordinates, for a binary search.
  const starts: number[] = [];
  const before: number[] = [0];
  let shift = 0;
  for (const ins of inserts) {
    starts.push(ins.offset + shift);
    shift += ins.count;
    before.push(shift);
  }
  return (o: number) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= o) lo = mid + 1;
      else hi = mid;
    }
    // `lo` insertions start at or before `o`.
    const last = lo > 0 ? inserts[lo - 1]! : undefined;
    if (last && o < starts[lo - 1]! + last.count) return last.offset;
    return o - before[lo]!;
  };
}

/** Line starts where spaces must be inserted so quoted values continue deeper than their key. */
function repairInserts(text: string): Insert[] {
  const out: Insert[] = [];
  const lines: { start: number; end: number }[] = [];
  for (let s = 0; s <= text.length; ) {
    let e = text.indexOf('\n', s);
    if (e < 0) e = text.length;
    lines.push({ start: s, end: e });
    s = e + 1;
    if (e === text.length) break;
  }
  let i = 0;
  while (i < lines.length) {
    const line = text.slice(lines[i]!.start, lines[i]!.end);
    const m = /^(\s*)(?:-\s+)?(?:[^\s#'"][^#'"]*?|"[^"]*"|'[^']*'):\s+(['"])/.exec(line);
    if (!m) {
      i++;
      continue;
    }
    const indent = m[1]!.length;
    const quote = m[2]!;
    const open = m[0].length;
    if (closes(line, open, quote) >= 0) {
      i++;
      continue;
    }
    // An unclosed quoted value: indent its continuation lines deeper than the key.
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = text.slice(lines[j]!.start, lines[j]!.end);
      const lead = /^ */.exec(l)![0].length;
      if (l.trim() !== '' && lead <= indent) out.push({ offset: lines[j]!.start, count: indent + 2 - lead });
      if (closes(l, 0, quote) >= 0) break;
    }
    i = j + 1;
  }
  return out;
}

/** Index after the closing quote on this line (from `from`), or -1. */
function closes(line: string, from: number, quote: string): number {
  for (let k = from; k < line.length; k++) {
    const c = line[k];
    if (quote === '"' && c === '\\') {
      k++;
      continue;
    }
    if (c === quote) {
      if (quote === "'" && line[k + 1] === "'") {
        k++;
        continue;
      }
      return k + 1;
    }
  }
  return -1;
}
