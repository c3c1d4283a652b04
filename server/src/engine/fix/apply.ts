import type { Finding, Fix, TextEdit } from '../types';

/** Apply non-overlapping edits to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  // Back to front; insertions at one offset keep their given order (the later one is applied first).
  const sorted = edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => b.e.span.start - a.e.span.start || b.e.span.end - a.e.span.end || b.i - a.i)
    .map((x) => x.e);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

function conflicts(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at one place conflict too: their order would be arbitrary.
  return a.span.start < b.span.end && b.span.start < a.span.end || a.span.start === b.span.start;
}

/**
 * Choose one fix per finding (the preferred one, else the first) such that no two chosen fixes
 * touch the same text. Returns the edits to apply in this pass and the fixes chosen.
 */
export function chooseFixes(findings: readonly Finding[]): { edits: TextEdit[]; fixes: Fix[] } {
  const edits: TextEdit[] = [];
  const fixes: Fix[] = [];
  for (const f of findings) {
    if (f.suppression || f.fixes.length === 0) continue;
    const fix = f.fixes.find((x) => x.isPreferred) ?? f.fixes[0]!;
    if (fix.edits.some((e) => edits.some((x) => conflicts(e, x)))) continue;
    edits.push(...fix.edits);
    fixes.push(fix);
  }
  return { edits, fixes };
}
