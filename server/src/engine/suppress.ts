import type { SourceComment } from './formats/types';
import type { SourceText } from './text/source';
import type { Span } from './types';

export interface Directive {
  kind: 'disable-next-line' | 'disable-line' | 'disable-file';
  /** Rule IDs, empty for every rule. */
  rules: { id: string; span: Span }[];
  reason?: string;
  span: Span;
  /** 0-based line the directive applies to (none for file directives). */
  line?: number;
  used: Set<string>;
}

const DIRECTIVE = /^\s*elb-lint-(disable-next-line|disable-line|disable-file)(?=\s|$)(.*)$/;

/** Read `# elb-lint-disable…` comments. */
export function parseDirectives(comments: readonly SourceComment[], source: SourceText): Directive[] {
  const out: Directive[] = [];
  for (const c of comments) {
    const m = DIRECTIVE.exec(c.text);
    if (!m) continue;
    const kind = m[1] as Directive['kind'];
    let rest = m[2]!;
    const marker = c.markerLength ?? 1;
    const restStart = c.offset + marker + c.text.length - rest.length;
    let reason: string | undefined;
    const sep = rest.indexOf('--');
    if (sep >= 0) {
      reason = rest.slice(sep + 2).trim() || undefined;
      rest = rest.slice(0, sep);
    }
    const rules: { id: string; span: Span }[] = [];
    const re = /[^\s,]+/g;
    let r: RegExpExecArray | null;
    while ((r = re.exec(rest))) rules.push({ id: r[0].toUpperCase(), span: { start: restStart + r.index, end: restStart + r.index + r[0].length } });
    const line = source.positionAt(c.offset).line;
    out.push({
      kind,
      rules,
      reason,
      span: { start: c.offset, end: c.offset + marker + c.text.length },
      line: kind === 'disable-line' ? line : kind === 'disable-next-line' ? line + 1 : undefined,
      used: new Set(),
    });
  }
  return out;
}

/** The directive that suppresses a finding of `ruleId` starting on `line`, if any (marks it used). */
export function suppressedBy(directives: readonly Directive[], ruleId: string, line: number): Directive | undefined {
  for (const d of directives) {
    if (d.line !== undefined && d.line !== line) continue;
    if (d.rules.length === 0) {
      d.used.add('*');
      return d;
    }
    if (d.rules.some((r) => r.id === ruleId)) {
      d.used.add(ruleId);
      return d;
    }
  }
  return undefined;
}
