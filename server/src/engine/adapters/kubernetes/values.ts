import { parseJson } from '../../parse/json';
import type { SEntry, SNode, SScalar } from '../../parse/tree';
import type { SourceText } from '../../text/source';
import { closest } from '../../text/suggest';
import type { Locale, Span } from '../../types';
import type { FileEdit, ReaderProblem } from '../../formats/types';
import type { AnnotationSpec, Member, ValueShape } from './annotations';
import { jsonAt, renderScalar, type JsonPath } from './edit';
import { decodeScalar, sourceSpan, type DecodedScalar } from './scalar';

/** One annotation as written on an object, with its decoded text and, for JSON ones, its JSON tree. */
export interface Ann {
  key: string;
  entry: SEntry;
  spec?: AnnotationSpec;
  /** The decoded string (for an unquoted number or mapping: its source text). */
  text: string;
  decoded: DecodedScalar;
  /** JSON tree (spans in `text`), when the annotation holds JSON and it parses. */
  json?: SNode | null;
  /** JSON paths (joined with `.`) whose values are invalid: getters skip them. */
  bad: Set<string>;
  /** The whole value is unusable. */
  invalid?: boolean;
}

const RANGE_MESSAGES = {
  en: (key: string, at: string, min: number | undefined, max: number | undefined, value: number) =>
    `\`${key}\`${at} must be ${min !== undefined && max !== undefined ? `between ${min} and ${max}` : min !== undefined ? `at least ${min}` : `at most ${max}`} (got ${value}).`,
  'zh-cn': (key: string, at: string, min: number | undefined, max: number | undefined, value: number) =>
    `\`${key}\`${at} 的取值范围为 ${min ?? '…'}–${max ?? '…'}（当前为 ${value}）。`,
};

const TYPE_NAMES: Record<string, Record<Locale, string>> = {
  number: { en: 'a number', 'zh-cn': '数字' },
  boolean: { en: 'a boolean', 'zh-cn': '布尔值' },
  null: { en: 'null', 'zh-cn': '空值' },
  mapping: { en: 'a mapping', 'zh-cn': '映射' },
  list: { en: 'a list', 'zh-cn': '列表' },
  object: { en: 'a JSON object', 'zh-cn': 'JSON 对象' },
  array: { en: 'a JSON array', 'zh-cn': 'JSON 数组' },
  string: { en: 'a string', 'zh-cn': '字符串' },
  integer: { en: 'a whole number', 'zh-cn': '整数' },
};

/** jsonc-parser's error codes (as `parseJson` words them) in Chinese. */
const JSON_ERRORS_ZH: Record<string, string> = {
  'property name expected': '缺少属性名',
  'value expected': '缺少值',
  'comma expected': '缺少逗号',
  'colon expected': '缺少冒号',
  'close brace expected': '缺少 `}`',
  'close bracket expected': '缺少 `]`',
  'end of file expected': 'JSON 结束后还有多余内容',
  'invalid symbol': '无效的符号',
  'invalid number format': '数字格式无效',
  'invalid unicode': '无效的 Unicode 转义',
  'invalid escape character': '无效的转义字符',
  'invalid character': '无效字符',
  'unexpected end of string': '字符串没有结束',
  'unexpected end of number': '数字没有结束',
  'unexpected end of comment': '注释没有结束',
  'invalid comment token': 'JSON 中不能有注释',
};

function typeName(t: string, locale: Locale): string {
  return TYPE_NAMES[t]?.[locale] ?? t;
}

function jsonKind(n: SNode): string {
  if (n.kind === 'map') return 'object';
  if (n.kind === 'seq') return 'array';
  if (n.value === null) return 'null';
  return typeof n.value;
}

/** Decoded text of a value that is not a string scalar, mapped one to one onto its source. */
function identity(source: SourceText, span: Span): DecodedScalar {
  const text = source.text.slice(span.start, span.end);
  const offsets = Array.from({ length: text.length + 1 }, (_, i) => span.start + i);
  return { value: text, offsets, lengths: new Array<number>(text.length).fill(1), literal: new Array<boolean>(text.length).fill(true), style: 'plain', content: span, exact: true };
}

/** Reads and checks annotation values, collecting problems with exact positions. */
export class ValueChecker {
  constructor(
    private readonly source: SourceText,
    private readonly locale: Locale,
    private readonly problems: ReaderProblem[],
  ) {}

  problem(ruleId: string, span: Span, messageId: string, data: Record<string, string | number>, fixes?: ReaderProblem['fixes'], severity?: ReaderProblem['severity']): void {
    this.problems.push({ ruleId, path: this.source.path, span, messageId, data, fixes, severity });
  }

  /** Read an annotation entry: its text, and its JSON when the spec says it holds JSON. */
  read(e: SEntry, spec: AnnotationSpec | undefined): Ann {
    const v = e.value;
    let decoded: DecodedScalar;
    if (!v) {
      decoded = identity(this.source, { start: e.keySpan.end, end: e.keySpan.end });
      decoded.value = '';
    } else if (v.kind === 'scalar' && typeof v.value === 'string') {
      decoded = decodeScalar(this.source.text, v);
    } else {
      decoded = identity(this.source, v.kind === 'scalar' ? v.span : { start: v.span.start, end: contentEnd(this.source.text, v) });
      const found = v.kind === 'scalar' ? (v.value === null ? 'null' : typeof v.value) : v.kind === 'map' ? 'mapping' : 'list';
      const raw = decoded.value;
      const oneLine = !/[\r\n]/.test(raw);
      const fixes = oneLine && !v.aliased && (v.kind === 'scalar' || v.flow)
        ? [{ messageId: 'quote', edits: [{ span: decoded.content, newText: renderScalar(raw, raw.includes('"') || v.kind !== 'scalar' ? 'single' : 'double') }], preferred: true }]
        : undefined;
      if (v.kind === 'scalar' && v.value === null) decoded.value = '';
      this.problem('ELB011', v.span, 'notString', { value: oneLine ? raw : e.key, type: typeName(found, this.locale) }, fixes);
    }
    const ann: Ann = { key: e.key, entry: e, spec, text: decoded.value, decoded, bad: new Set() };
    if (spec) this.check(ann, spec);
    return ann;
  }

  /** The source span of a decoded range of an annotation's text. */
  span(ann: Ann, start: number, end: number): Span {
    return sourceSpan(ann.decoded, start, end);
  }

  /** The source span of a JSON node, inside the quotes of a JSON string. */
  nodeSpan(ann: Ann, n: SNode, inner = true): Span {
    if (inner && n.kind === 'scalar' && typeof n.value === 'string' && n.span.end - n.span.start >= 2) return this.span(ann, n.span.start + 1, n.span.end - 1);
    return this.span(ann, n.span.start, n.span.end);
  }

  private check(ann: Ann, spec: AnnotationSpec): void {
    if (spec.json && spec.shape.type !== 'any') {
      const parsed = parseJson(ann.text);
      if (parsed.problems.length || !parsed.root) {
        const p = parsed.problems[0];
        const detail = p ? String(p.data.detail ?? p.data.key ?? p.messageId) : this.locale === 'zh-cn' ? '值为空' : 'the value is empty';
        const at = p ? this.span(ann, p.span.start, Math.min(p.span.end, ann.text.length)) : ann.decoded.content;
        const where = p && p.span.start >= ann.text.length ? { start: at.start, end: at.start } : at;
        const detailText = p?.messageId === 'duplicateKey' ? (this.locale === 'zh-cn' ? `键 ${detail} 重复` : `duplicate key ${detail}`) : this.locale === 'zh-cn' ? JSON_ERRORS_ZH[detail] ?? detail : detail;
        this.problem('ELB011', where.end > where.start ? where : ann.decoded.content, 'json', { key: ann.key, detail: detailText });
        ann.invalid = true;
        ann.json = null;
        return;
      }
      ann.json = parsed.root;
      this.checkJson(ann, spec.shape, parsed.root, []);
      return;
    }
    if (spec.shape.type === 'any') return;
    if (!this.checkPlain(ann, spec.shape, ann.text, ann.decoded.content, '')) ann.invalid = true;
  }

  private at(path: JsonPath): string {
    if (path.length === 0) return '';
    const parts = path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
    return ` \`${parts.replace(/^\./, '')}\``;
  }

  /** Check a plain string value; returns whether it is valid. */
  checkPlain(ann: Ann, shape: ValueShape, text: string, span: Span, at: string, path: JsonPath = [], jsonString = false): boolean {
    const key = ann.key;
    const change = (suggestion: string) => [{ messageId: 'change', data: { suggestion }, edits: [{ span, newText: jsonString ? suggestion : suggestion }] as FileEdit[], preferred: true }];
    switch (shape.type) {
      case 'enum': {
        if (shape.values.includes(text) || (shape.anyCase && shape.values.some((v) => v.toLowerCase() === text.toLowerCase()))) return true;
        const suggestion = shape.values.find((v) => v.toLowerCase() === text.toLowerCase()) ?? closest(text, shape.values);
        const values = shape.values.map((v) => '`' + v + '`').join(', ');
        if (suggestion) this.problem('ELB011', span, 'enumSuggest', { key, value: text, at, suggestion, values }, canWrite(ann, suggestion, jsonString) ? change(suggestion) : undefined);
        else this.problem('ELB011', span, 'enum', { key, value: text, at, values });
        return false;
      }
      case 'int': {
        const t = text.trim();
        if (!/^-?\d+$/.test(t)) {
          this.problem('ELB011', span, 'int', { key, at, value: text });
          return false;
        }
        this.checkRange(ann, shape, Number(t), span, at);
        return true;
      }
      case 'bool':
        if (/^(true|false|1|0|t|f)$/i.test(text.trim())) return true;
        this.problem('ELB011', span, 'bool', { key, value: text }, closestFix(text, ['true', 'false'], (s) => (canWrite(ann, s, jsonString) ? change(s) : undefined)));
        return false;
      case 'onoff':
        if (/^(on|off|)$/.test(text.trim())) return true;
        this.problem('ELB011', span, 'onoff', { key, value: text }, /^(true|false)$/i.test(text) ? change(/^true$/i.test(text) ? 'on' : 'off') : undefined);
        return false;
      case 'string':
        if (text.length === 0 && (shape.minLength ?? 0) > 0) {
          this.problem('ELB011', span.end > span.start ? span : ann.entry.value?.span ?? ann.entry.keySpan, 'empty', { key, at });
          return false;
        }
        if (shape.minLength !== undefined && text.length < shape.minLength) {
          this.problem('ELB011', span.end > span.start ? span : ann.entry.keySpan, 'format', { key, at, value: text, expected: this.locale === 'zh-cn' ? `至少 ${shape.minLength} 个字符` : `at least ${shape.minLength} character(s)` });
          return false;
        }
        if (shape.maxLength !== undefined && text.length > shape.maxLength) {
          this.problem('ELB011', span, 'format', { key, at, value: text.length > 40 ? text.slice(0, 37) + '…' : text, expected: this.locale === 'zh-cn' ? `最多 ${shape.maxLength} 个字符` : `at most ${shape.maxLength} characters` });
          return false;
        }
        if (shape.pattern && !shape.pattern.test(text)) {
          this.problem('ELB011', span, 'format', { key, at, value: text, expected: this.patternHint(path) });
          return false;
        }
        return true;
      case 'protocol-ports':
        return this.checkProtocolPorts(ann, text, span);
      default:
        return true;
    }
  }

  private patternHint(path: JsonPath): string {
    const last = path[path.length - 1];
    const zh = this.locale === 'zh-cn';
    if (last === 'target_service_port') return zh ? '应为 `TCP:80` 或 `UDP:53` 的形式' : 'expected `TCP:80` or `UDP:53`';
    if (last === 'expected_codes') return zh ? '应为 `200`、`200,202` 或 `200-204` 的形式' : 'expected `200`, `200,202` or `200-204`';
    return zh ? '格式不正确' : 'wrong format';
  }

  checkRange(ann: Ann, shape: Extract<ValueShape, { type: 'int' }>, n: number, span: Span, at: string): void {
    if ((shape.min === undefined || n >= shape.min) && (shape.max === undefined || n <= shape.max)) return;
    // A range a FAQ rule owns is reported by that rule on the model (with its reason and fix).
    if (shape.rangeRule) return;
    const message = RANGE_MESSAGES[this.locale](ann.key, at, shape.min, shape.max, n);
    this.problem('ELB002', span, 'default', { message });
  }

  /** `https:443,http:80`: each item checked, placed on the item. */
  private checkProtocolPorts(ann: Ann, text: string, span: Span): boolean {
    let ok = true;
    let pos = 0;
    for (const part of text.split(',')) {
      const start = pos + (part.length - part.trimStart().length);
      const item = part.trim();
      pos += part.length + 1;
      if (!item) continue;
      const itemSpan = this.span(ann, start, start + item.length);
      const m = /^([A-Za-z]+):(\d+)$/.exec(item);
      if (!m) {
        this.problem('ELB011', itemSpan, 'format', { key: ann.key, at: '', value: item, expected: this.locale === 'zh-cn' ? '应为 `协议:端口`，如 `https:443`' : 'expected `protocol:port`, such as `https:443`' });
        ok = false;
        continue;
      }
      const proto = m[1]!;
      if (!['http', 'https', 'tls'].includes(proto.toLowerCase())) {
        const suggestion = closest(proto.toLowerCase(), ['http', 'https', 'tls']);
        const pSpan = this.span(ann, start, start + proto.length);
        this.problem('ELB011', pSpan, suggestion ? 'enumSuggest' : 'enum', { key: ann.key, value: proto, at: '', suggestion: suggestion ?? '', values: '`http`, `https`, `tls`' },
          suggestion ? [{ messageId: 'change', data: { suggestion }, edits: [{ span: pSpan, newText: suggestion }], preferred: true }] : undefined);
        ok = false;
      }
      const port = Number(m[2]);
      if (port < 1 || port > 65535) {
        const pSpan = this.span(ann, start + proto.length + 1, start + item.length);
        this.problem('ELB002', pSpan, 'default', { message: RANGE_MESSAGES[this.locale](ann.key, '', 1, 65535, port) });
        ok = false;
      }
    }
    void span;
    return ok;
  }

  /** Check a JSON value against a shape, recording bad paths. */
  private checkJson(ann: Ann, shape: ValueShape, n: SNode, path: JsonPath): void {
    const at = this.at(path);
    const mark = () => ann.bad.add(path.join('.'));
    const wrongType = (expected: string) => {
      this.problem('ELB011', this.nodeSpan(ann, n, false), 'jsonType', { key: ann.key, at, expected: typeName(expected, this.locale), found: typeName(jsonKind(n), this.locale) });
      mark();
    };
    switch (shape.type) {
      case 'object': {
        if (n.kind !== 'map') return wrongType('object');
        const names = Object.keys(shape.members);
        for (const e of n.entries) {
          const m: Member | undefined = shape.members[e.key];
          if (!m) {
            const suggestion = closest(e.key, names.filter((x) => !n.entries.some((y) => y.key === x)));
            const keyInner = this.span(ann, e.keySpan.start + 1, e.keySpan.end - 1);
            this.problem('ELB010', keyInner, suggestion ? 'unknownMemberSuggest' : 'unknownMember', { key: ann.key, member: e.key, suggestion: suggestion ?? '' },
              suggestion && canWrite(ann, suggestion, true) ? [{ messageId: 'rename', data: { suggestion }, edits: [{ span: keyInner, newText: suggestion }], preferred: true }] : undefined);
            continue;
          }
          if (e.value) this.checkJson(ann, m.shape, e.value, [...path, e.key]);
        }
        for (const r of shape.required ?? []) {
          if (!n.entries.some((e) => e.key === r)) {
            this.problem('ELB011', this.nodeSpan(ann, n, false), 'missingMember', { key: ann.key, at, member: r });
            mark();
          }
        }
        return;
      }
      case 'array':
        if (n.kind !== 'seq') return wrongType('array');
        n.items.forEach((it, i) => this.checkJson(ann, shape.items, it, [...path, i]));
        return;
      case 'listen-ports': {
        if (n.kind !== 'seq') return wrongType('array');
        n.items.forEach((it, i) => {
          const p = [...path, i];
          if (it.kind !== 'map' || it.entries.length !== 1) {
            this.problem('ELB011', this.nodeSpan(ann, it, false), 'format', { key: ann.key, at: this.at(p), value: ann.text.slice(it.span.start, it.span.end), expected: this.locale === 'zh-cn' ? '每项应为 `{"HTTP":80}` 的形式' : 'each item is `{"HTTP":80}` or `{"HTTPS":443}`' });
            ann.bad.add(p.join('.'));
            return;
          }
          const e = it.entries[0]!;
          const proto = e.key;
          if (proto !== 'HTTP' && proto !== 'HTTPS') {
            const suggestion = closest(proto.toUpperCase(), ['HTTP', 'HTTPS']) ?? (['HTTP', 'HTTPS'].includes(proto.toUpperCase()) ? proto.toUpperCase() : undefined);
            const ks = this.span(ann, e.keySpan.start + 1, e.keySpan.end - 1);
            this.problem('ELB011', ks, suggestion ? 'enumSuggest' : 'enum', { key: ann.key, at: this.at(p), value: proto, suggestion: suggestion ?? '', values: '`HTTP`, `HTTPS`' },
              suggestion ? [{ messageId: 'change', data: { suggestion }, edits: [{ span: ks, newText: suggestion }], preferred: true }] : undefined);
            ann.bad.add(p.join('.'));
          }
          if (e.value) this.checkJson(ann, { type: 'int', min: 1, max: 65535, json: 'either' }, e.value, [...p, proto]);
        });
        return;
      }
      case 'int': {
        if (n.kind !== 'scalar') return wrongType('integer');
        if (typeof n.value === 'number') {
          if (!Number.isInteger(n.value)) return wrongType('integer');
          this.checkRange(ann, shape, n.value, this.nodeSpan(ann, n), at);
          return;
        }
        if (typeof n.value === 'string') {
          if (!this.checkPlain(ann, shape, n.value, this.nodeSpan(ann, n), at, path, true)) mark();
          return;
        }
        return wrongType('integer');
      }
      case 'any':
        return;
      default: {
        if (n.kind !== 'scalar') return wrongType('string');
        if (typeof n.value === 'string') {
          if (!this.checkPlain(ann, shape, n.value, this.nodeSpan(ann, n), at, path, true)) mark();
          return;
        }
        if (shape.type === 'bool' && typeof n.value === 'boolean') return;
        return wrongType('string');
      }
    }
  }
}

/** A suggestion can be written into the annotation's text as it is (no quoting trouble). */
function canWrite(ann: Ann, s: string, jsonString: boolean): boolean {
  if (!ann.decoded.exact) return false;
  if (jsonString && /["\\]/.test(s)) return false;
  if (ann.decoded.style === 'single' && s.includes("'")) return false;
  if (ann.decoded.style === 'double' && /["\\]/.test(s)) return false;
  return true;
}

function closestFix<T>(text: string, values: string[], make: (s: string) => T | undefined): T | undefined {
  const s = values.find((v) => v.toLowerCase() === text.toLowerCase()) ?? closest(text, values);
  return s ? make(s) : undefined;
}

function contentEnd(text: string, n: SNode): number {
  if (n.flow || n.kind === 'scalar') return n.span.end;
  let e = n.span.end;
  while (e > n.span.start && /\s/.test(text[e - 1]!)) e--;
  return e;
}

// ---------------------------------------------------------------------------------------------
// Typed getters over checked annotations

export function annString(a: Ann | undefined): string | undefined {
  if (!a || a.invalid) return undefined;
  return a.text.trim();
}

export function annInt(a: Ann | undefined): number | undefined {
  const s = annString(a);
  return s !== undefined && /^-?\d+$/.test(s) ? Number(s) : undefined;
}

export function annBool(a: Ann | undefined): boolean | undefined {
  const s = annString(a);
  if (s === undefined) return undefined;
  if (/^(true|1|t)$/i.test(s)) return true;
  if (/^(false|0|f)$/i.test(s)) return false;
  return undefined;
}

export function jsonValue(a: Ann | undefined, path: JsonPath): SNode | undefined {
  if (!a || !a.json || a.bad.has(path.join('.'))) return undefined;
  for (let i = 1; i < path.length; i++) if (a.bad.has(path.slice(0, i).join('.'))) return undefined;
  return jsonAt(a.json, path);
}

export function jsonInt(a: Ann | undefined, path: JsonPath): number | undefined {
  const n = jsonValue(a, path);
  if (!n || n.kind !== 'scalar') return undefined;
  if (typeof n.value === 'number' && Number.isInteger(n.value)) return n.value;
  if (typeof n.value === 'string' && /^-?\d+$/.test(n.value.trim())) return Number(n.value.trim());
  return undefined;
}

export function jsonStr(a: Ann | undefined, path: JsonPath): string | undefined {
  const n = jsonValue(a, path);
  if (!n || n.kind !== 'scalar' || n.value === null) return undefined;
  return String(n.value);
}

export function jsonStrings(a: Ann | undefined, path: JsonPath): string[] | undefined {
  const n = jsonValue(a, path);
  if (!n || n.kind !== 'seq') return undefined;
  return n.items.filter((x): x is SScalar => x.kind === 'scalar' && typeof x.value === 'string').map((x) => x.value as string);
}
