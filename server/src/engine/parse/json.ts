import { parseTree, printParseErrorCode, type Node as JNode, type ParseError } from 'jsonc-parser';
import { capProblems, type ParseProblem } from './problems';
import type { SEntry, SNode } from './tree';

export const JSON_LIMITS = { depth: 200 };

export interface ParsedJson {
  root: SNode | null;
  problems: ParseProblem[];
}

/** Parse strict JSON into the format-neutral tree (duplicate keys and syntax errors are problems). */
export function parseJson(text: string): ParsedJson {
  const problems: ParseProblem[] = [];
  const errors: ParseError[] = [];
  // A UTF-8 byte-order mark is not JSON; blank it out keeping every offset.
  const src = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  if (exceedsDepth(src, JSON_LIMITS.depth)) {
    problems.push({ span: { start: 0, end: 0 }, messageId: 'tooDeep', data: { limit: JSON_LIMITS.depth }, severity: 'error' });
    return { root: null, problems };
  }
  const tree = parseTree(src, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  for (const e of errors) {
    // An error at the end of input covers no character: never reach past the text.
    const start = Math.min(e.offset, text.length);
    problems.push({
      span: { start, end: Math.min(start + Math.max(e.length, 1), text.length) },
      messageId: 'json',
      data: { detail: describeJsonError(printParseErrorCode(e.error)) },
      severity: 'error',
    });
  }
  const root = tree ? convert(tree, problems) : null;
  return { root, problems: capProblems(problems) };
}

function describeJsonError(code: string): string {
  // "PropertyNameExpected" → "property name expected"
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Cheap pre-check so a pathological nesting never reaches the recursive parser. */
function exceedsDepth(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

function convert(n: JNode, problems: ParseProblem[]): SNode | null {
  const span = { start: n.offset, end: n.offset + n.length };
  switch (n.type) {
    case 'object': {
      const entries: SEntry[] = [];
      const seen = new Set<string>();
      for (const prop of n.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k || typeof k.value !== 'string') continue;
        const keySpan = { start: k.offset, end: k.offset + k.length };
        if (seen.has(k.value)) {
          problems.push({ span: keySpan, messageId: 'duplicateKey', data: { key: k.value }, severity: 'error' });
          continue;
        }
        seen.add(k.value);
        entries.push({ key: k.value, keySpan, value: v ? convert(v, problems) : null });
      }
      return { kind: 'map', span, entries, flow: true };
    }
    case 'array': {
      const items: SNode[] = [];
      for (const c of n.children ?? []) {
        const x = convert(c, problems);
        if (x) items.push(x);
      }
      return { kind: 'seq', span, items, flow: true };
    }
    case 'string':
      return { kind: 'scalar', span, value: n.value as string, quoted: true, flow: true };
    case 'number':
    case 'boolean':
    case 'null':
      return { kind: 'scalar', span, value: n.value as number | boolean | null, flow: true };
    default:
      return null;
  }
}
