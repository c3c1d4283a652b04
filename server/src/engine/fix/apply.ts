import type { Finding, Fix, TextEdit } from '../types';

/** Apply non-overlapping edits to a text, in one pass (linear in the text and the edits). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  // Front to back; insertions at one offset keep their given order.
  const sorted = edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.span.start - b.e.span.start || a.e.span.end - b.e.span.end || a.i - b.i)
    .map((x) => x.e);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.span.start < at) continue; // overlapping: the caller gave conflicting edits; keep the first
    parts.push(text.slice(at, e.span.start), e.newText);
    at = e.span.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

function conflicts(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at one place conflict too: their order would be arbitrary.
  return (a.span.start < b.span.end && b.span.start < a.span.end) || a.span.start === b.span.start;
}

/** Edits accepted so far, sorted by start, so a new edit is checked against its neighbours only. */
class EditSet {
  private readonly list: TextEdit[] = [];

  private indexOf(start: number): number {
    let lo = 0;
    let hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.list[mid]!.span.start < start) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  clashes(e: TextEdit): boolean {
    const i = this.indexOf(e.span.start);
    // Accepted edits never overlap each other, so only the neighbours around `i` can clash.
    for (let j = Math.max(0, i - 1); j < Math.min(this.list.length, i + 2); j++) if (conflicts(e, this.list[j]!)) return true;
    for (let j = i; j < this.list.length && this.list[j]!.span.start < e.span.end; j++) if (conflicts(e, this.list[j]!)) return true;
    return false;
  }

  add(e: TextEdit): void {
    this.list.splice(this.indexOf(e.span.start), 0, e);
  }

  get edits(): TextEdit[] {
    return this.list;
  }
}

/**
 * Choose one fix per finding (the preferred one, else the first) such that no two chosen fixes
 * touch the same text. Returns the edits to apply in this pass and the fixes chosen.
 */
export function chooseFixes(findings: readonly Finding[]): { edits: TextEdit[]; fixes: Fix[] } {
  const set = new EditSet();
  const fixes: Fix[] = [];
  for (const f of findings) {
    if (f.suppression || f.fixes.length === 0) continue;
    const fix = f.fixes.find((x) => x.isPreferred) ?? f.fixes[0]!;
    // Edits of other files (a group's fix) are applied by fixGroup, never into this text.
    if (fix.edits.some((e) => e.path !== undefined || set.clashes(e))) continue;
    for (const e of fix.edits) set.add(e);
    fixes.push(fix);
  }
  return { edits: set.edits, fixes };
}
