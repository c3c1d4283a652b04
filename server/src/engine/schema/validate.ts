import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { entry, nodeAtPath, type SEntry, type SNode } from '../parse/tree';
import { closest, editDistance } from '../text/suggest';
import type { Locale, Span } from '../types';

/** A schema violation placed on the exact key or value that is wrong (reported as ELB002). */
export interface SchemaProblem {
  span: Span;
  message: string;
  /** Optional replacement for a misspelt key or enum value ("did you mean"), or a retyped value. */
  suggestion?: { span: Span; text: string };
  /** The JSON Schema keyword that failed (`additionalProperties`, `enum`, `type`, ...). */
  keyword?: string;
  /** Keys and indices from the document root to the offending value. */
  path?: (string | number)[];
}

/** A JSON Schema (draft-07) object as stored in `schemas/`, with our `x-*` annotations. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  title?: string;
  description?: string;
  'x-title-zh-cn'?: string;
  'x-description-zh-cn'?: string;
  'x-applies-to'?: 'shared' | 'dedicated' | 'both';
  'x-checked-by'?: string;
  'x-enum-descriptions'?: Record<string, string>;
  'x-enum-descriptions-zh-cn'?: Record<string, string>;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  examples?: unknown[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  items?: JsonSchema | JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  definitions?: Record<string, JsonSchema>;
  [keyword: string]: unknown;
}

/** The schemas shipped in `schemas/`. */
export type SchemaId = 'elb-config' | 'elb-lint-config';

const SCHEMA_FILES: Record<SchemaId, string> = {
  'elb-config': 'elb-config.schema.json',
  'elb-lint-config': 'elb-lint-config.schema.json',
};

/** Our annotation keywords: ajv must accept them in strict mode (they never validate anything). */
export const ANNOTATION_KEYWORDS = [
  'x-title-zh-cn',
  'x-description-zh-cn',
  'x-enum-descriptions',
  'x-enum-descriptions-zh-cn',
  'x-applies-to',
  'x-checked-by',
] as const;

// ---------------------------------------------------------------------------------------------
// Loading and compiling (once, lazily)

interface Loaded {
  schema: JsonSchema;
  validate: ValidateFunction;
}

let schemaDir: string | undefined;
let ajv: Ajv | undefined;
const loaded = new Map<SchemaId, Loaded | null>();
const resolvedCache = new WeakMap<JsonSchema, JsonSchema>();

/**
 * Where the `*.schema.json` files are, for bundled builds that copy them next to the bundle.
 * Without a call, the repository's `schemas/` folder is used, then `schemas/` beside this module.
 */
export function setSchemaLocation(dir: string | undefined): void {
  schemaDir = dir;
  loaded.clear();
  ajv = undefined;
}

function candidatePaths(file: string): string[] {
  const out: string[] = [];
  if (schemaDir) out.push(path.join(schemaDir, file));
  out.push(
    // server/out/engine/schema/validate.js → <repo>/schemas/
    path.join(__dirname, '../../../../schemas', file),
    // a bundle with the schemas copied beside it
    path.join(__dirname, 'schemas', file),
    path.join(__dirname, '../schemas', file),
  );
  return out;
}

function readSchema(id: SchemaId): JsonSchema | undefined {
  for (const p of candidatePaths(SCHEMA_FILES[id])) {
    let text: string;
    try {
      text = fs.readFileSync(p, 'utf8');
    } catch {
      continue;
    }
    return JSON.parse(text) as JsonSchema;
  }
  return undefined;
}

function getAjv(): Ajv {
  if (!ajv) {
    ajv = new Ajv({
      allErrors: true,
      verbose: true,
      // Strict about the schema itself, but `required` may name properties defined elsewhere
      // (the member's `oneOf: [{required: [server]}, {required: [address]}]`).
      strictSchema: true,
      strictNumbers: true,
      strictTypes: true,
      strictTuples: true,
      strictRequired: false,
      allowUnionTypes: true,
      logger: false,
    });
    ajv.addVocabulary([...ANNOTATION_KEYWORDS]);
  }
  return ajv;
}

function load(id: SchemaId): Loaded | null {
  const cached = loaded.get(id);
  if (cached !== undefined) return cached;
  let result: Loaded | null = null;
  try {
    const schema = readSchema(id);
    if (schema) result = { schema, validate: getAjv().compile(schema) };
  } catch {
    result = null;
  }
  loaded.set(id, result);
  return result;
}

/** The root of a shipped schema (`elb-config` unless said otherwise), or `undefined` when it cannot be read. */
export function getSchema(id: SchemaId = 'elb-config'): JsonSchema | undefined {
  return load(id)?.schema;
}

// ---------------------------------------------------------------------------------------------
// Navigating the schema (hover and completion use these)

function isSchema(x: unknown): x is JsonSchema {
  return !!x && typeof x === 'object' && !Array.isArray(x);
}

function pointer(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let cur: unknown = root;
  for (const raw of ref.slice(1).split('/').filter((s) => s !== '')) {
    const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isSchema(cur) && !Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return isSchema(cur) ? cur : undefined;
}

/**
 * A subschema with its local `$ref` followed: the target's keywords, overridden by the keywords
 * written next to the `$ref` (so a field's own description wins over its definition's).
 */
export function resolveSchema(s: JsonSchema, root: JsonSchema | undefined = getSchema()): JsonSchema {
  if (typeof s.$ref !== 'string' || !root) return s;
  const hit = resolvedCache.get(s);
  if (hit) return hit;
  const seen = new Set<string>();
  let cur: JsonSchema = s;
  const layers: JsonSchema[] = [];
  while (typeof cur.$ref === 'string' && !seen.has(cur.$ref)) {
    seen.add(cur.$ref);
    layers.push(cur);
    const target = pointer(root, cur.$ref);
    if (!target) break;
    cur = target;
  }
  let out: JsonSchema = { ...cur };
  for (let i = layers.length - 1; i >= 0; i--) {
    const { $ref: _ref, ...own } = layers[i]!;
    out = { ...out, ...own };
  }
  delete out.$ref;
  resolvedCache.set(s, out);
  return out;
}

function typesOf(s: JsonSchema): string[] {
  return Array.isArray(s.type) ? s.type : typeof s.type === 'string' ? [s.type] : [];
}

/** The subschema for one key or index below `s` (already resolved), or `undefined`. */
function childSchema(s: JsonSchema, seg: string | number, root: JsonSchema): JsonSchema | undefined {
  const types = typesOf(s);
  const indexLike = typeof seg === 'number' || (/^\d+$/.test(seg) && types.includes('array') && !types.includes('object'));
  if (indexLike && s.items !== undefined) {
    const i = Number(seg);
    if (Array.isArray(s.items)) return s.items[i] ? resolveSchema(s.items[i]!, root) : undefined;
    return resolveSchema(s.items, root);
  }
  if (typeof seg === 'string') {
    const p = s.properties?.[seg];
    if (p) return resolveSchema(p, root);
    for (const [re, ps] of Object.entries(s.patternProperties ?? {})) {
      try {
        if (new RegExp(re, 'u').test(seg)) return resolveSchema(ps, root);
      } catch {
        /* a bad pattern is skipped */
      }
    }
    if (isSchema(s.additionalProperties)) return resolveSchema(s.additionalProperties, root);
  }
  for (const branch of [...(s.allOf ?? []), ...(s.oneOf ?? []), ...(s.anyOf ?? [])]) {
    const c = childSchema(resolveSchema(branch, root), seg, root);
    if (c) return c;
  }
  return undefined;
}

/**
 * The subschema that describes the value at `path` (keys and indices from the document root),
 * `$ref`s followed; `undefined` when the path leaves the schema (an unknown key).
 */
export function schemaAt(path: readonly (string | number)[], id: SchemaId = 'elb-config'): JsonSchema | undefined {
  const root = getSchema(id);
  if (!root) return undefined;
  let s: JsonSchema | undefined = resolveSchema(root, root);
  for (const seg of path) {
    if (!s) return undefined;
    s = childSchema(s, seg, root);
  }
  return s;
}

/** The description of a subschema in the given locale (falls back to English). */
export function schemaDescription(s: JsonSchema, locale: Locale): string | undefined {
  if (locale === 'zh-cn' && typeof s['x-description-zh-cn'] === 'string') return s['x-description-zh-cn'];
  return typeof s.description === 'string' ? s.description : undefined;
}

/** The title of an object subschema in the given locale (falls back to English). */
export function schemaTitle(s: JsonSchema, locale: Locale): string | undefined {
  if (locale === 'zh-cn' && typeof s['x-title-zh-cn'] === 'string') return s['x-title-zh-cn'];
  return typeof s.title === 'string' ? s.title : undefined;
}

/** The description of one enum value of a subschema in the given locale (falls back to English). */
export function enumValueDescription(s: JsonSchema, value: unknown, locale: Locale): string | undefined {
  const key = String(value);
  if (locale === 'zh-cn') {
    const zh = s['x-enum-descriptions-zh-cn']?.[key];
    if (typeof zh === 'string') return zh;
  }
  const en = s['x-enum-descriptions']?.[key];
  return typeof en === 'string' ? en : undefined;
}

// ---------------------------------------------------------------------------------------------
// Messages

type MessageId =
  | 'unknownKeySuggest'
  | 'unknownKeyIn'
  | 'unknownKey'
  | 'unknownTopKey'
  | 'unknownKeyPattern'
  | 'required'
  | 'oneOfRequired'
  | 'oneOfBoth'
  | 'oneOfMany'
  | 'enumSuggest'
  | 'enum'
  | 'type'
  | 'maximum'
  | 'minimum'
  | 'exclusiveMaximum'
  | 'exclusiveMinimum'
  | 'const'
  | 'patternExamples'
  | 'pattern'
  | 'notEmpty'
  | 'minLength'
  | 'maxLength'
  | 'notEmptyList'
  | 'minItems'
  | 'maxItems'
  | 'uniqueItems'
  | 'other';

const MESSAGES: Record<Locale, Record<MessageId, string>> = {
  en: {
    unknownKeySuggest: 'unknown key `{key}` — did you mean `{suggestion}`?',
    unknownKeyIn: 'unknown key `{key}`: {title} has no such field',
    unknownKey: 'unknown key `{key}`',
    unknownTopKey: 'unknown top-level key `{key}`',
    unknownKeyPattern: 'unknown key `{key}`: keys here must match `{pattern}`',
    required: '`{name}` is required here',
    oneOfRequired: 'one of {names} is required here',
    oneOfBoth: 'use either {names}, not both',
    oneOfMany: '`{field}` matches more than one of its allowed forms',
    enumSuggest: '`{value}` is not a valid `{field}` — did you mean `{suggestion}`?',
    enum: '`{value}` is not a valid `{field}`; use one of: {allowed}',
    type: '`{field}` must be {expected} (got {actual})',
    maximum: '`{field}` must be at most {limit} (got {value})',
    minimum: '`{field}` must be at least {limit} (got {value})',
    exclusiveMaximum: '`{field}` must be less than {limit} (got {value})',
    exclusiveMinimum: '`{field}` must be greater than {limit} (got {value})',
    const: '`{field}` must be {expected} (got {value})',
    patternExamples: '`{field}` has an invalid format: `{value}` (examples: {examples})',
    pattern: '`{field}` has an invalid format: `{value}` (expected to match `{pattern}`)',
    notEmpty: '`{field}` must not be empty',
    minLength: '`{field}` must be at least {limit} characters long (got {count})',
    maxLength: '`{field}` must be at most {limit} characters long (got {count})',
    notEmptyList: '`{field}` must not be an empty list',
    minItems: '`{field}` needs at least {limit} items (got {count})',
    maxItems: '`{field}` may have at most {limit} items (got {count})',
    uniqueItems: '`{field}` lists `{value}` more than once',
    other: '`{field}` {detail}',
  },
  'zh-cn': {
    unknownKeySuggest: '未知字段 `{key}`，是否应为 `{suggestion}`？',
    unknownKeyIn: '未知字段 `{key}`：{title}没有这个字段',
    unknownKey: '未知字段 `{key}`',
    unknownTopKey: '未知的顶层字段 `{key}`',
    unknownKeyPattern: '未知字段 `{key}`：此处的字段名须符合 `{pattern}`',
    required: '此处缺少必填字段 `{name}`',
    oneOfRequired: '此处需要填写 {names} 之一',
    oneOfBoth: '{names} 只能填写一个',
    oneOfMany: '`{field}` 同时符合多种写法，无法确定含义',
    enumSuggest: '`{field}` 不支持取值 `{value}`，是否应为 `{suggestion}`？',
    enum: '`{field}` 不支持取值 `{value}`，可选值：{allowed}',
    type: '`{field}` 应为{expected}（当前为{actual}）',
    maximum: '`{field}` 不能大于 {limit}（当前为 {value}）',
    minimum: '`{field}` 不能小于 {limit}（当前为 {value}）',
    exclusiveMaximum: '`{field}` 必须小于 {limit}（当前为 {value}）',
    exclusiveMinimum: '`{field}` 必须大于 {limit}（当前为 {value}）',
    const: '`{field}` 必须为 {expected}（当前为 {value}）',
    patternExamples: '`{field}` 格式不正确：`{value}`（示例：{examples}）',
    pattern: '`{field}` 格式不正确：`{value}`（须符合正则 `{pattern}`）',
    notEmpty: '`{field}` 不能为空',
    minLength: '`{field}` 至少需要 {limit} 个字符（当前为 {count} 个）',
    maxLength: '`{field}` 最多 {limit} 个字符（当前为 {count} 个）',
    notEmptyList: '`{field}` 不能为空列表',
    minItems: '`{field}` 至少需要 {limit} 项（当前为 {count} 项）',
    maxItems: '`{field}` 最多 {limit} 项（当前为 {count} 项）',
    uniqueItems: '`{field}` 中的 `{value}` 重复出现',
    other: '`{field}` {detail}',
  },
};

const TYPE_NAMES: Record<Locale, Record<string, string>> = {
  en: {
    string: 'a string',
    integer: 'an integer',
    number: 'a number',
    boolean: 'true or false',
    object: 'a mapping (key: value)',
    array: 'a list',
    null: 'empty (null)',
  },
  'zh-cn': {
    string: '字符串',
    integer: '整数',
    number: '数字',
    boolean: '布尔值（true 或 false）',
    object: '键值映射（对象）',
    array: '列表',
    null: '空值（null）',
  },
};

function fill(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}

function msg(locale: Locale, id: MessageId, data: Record<string, string | number>): string {
  return fill((MESSAGES[locale] ?? MESSAGES.en)[id], data);
}

/** `a, b or c` / `a、b 或 c`, each item in backticks. */
function orList(items: string[], locale: Locale): string {
  const q = items.map((i) => '`' + i + '`');
  if (q.length <= 1) return q.join('');
  if (locale === 'zh-cn') return q.slice(0, -1).join('、') + ' 或 ' + q[q.length - 1];
  return q.slice(0, -1).join(', ') + ' or ' + q[q.length - 1];
}

function typeList(types: string[], locale: Locale): string {
  const names = types.map((t) => TYPE_NAMES[locale][t] ?? t);
  if (names.length <= 1) return names.join('');
  if (locale === 'zh-cn') return names.slice(0, -1).join('、') + '或' + names[names.length - 1];
  return names.slice(0, -1).join(', ') + ' or ' + names[names.length - 1];
}

/** `a listener`, `an EIP`. */
function withArticle(noun: string): string {
  return (/^(?:[aeiou]|EIP\b|IP\b|L\d|HTTP\b|SNI\b)/i.test(noun) && !/^(?:VPC|user|uni)/i.test(noun) ? 'an ' : 'a ') + noun;
}

function shorten(s: string, max = 40): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/** What the user wrote, for "(got ...)". */
function describeActual(v: unknown, locale: Locale): string {
  const zh = locale === 'zh-cn';
  if (v === null || v === undefined) return zh ? '空值' : 'nothing';
  if (typeof v === 'string') return (zh ? '字符串 ' : 'string ') + JSON.stringify(shorten(v));
  if (typeof v === 'number') return (zh ? '数字 ' : 'number ') + String(v);
  if (typeof v === 'boolean') return (zh ? '布尔值 ' : 'boolean ') + String(v);
  if (Array.isArray(v)) return zh ? '列表' : 'a list';
  return zh ? '键值映射' : 'a mapping';
}

/** A value as shown inside backticks. */
function show(v: unknown): string {
  if (typeof v === 'string') return shorten(v);
  try {
    return shorten(JSON.stringify(v) ?? String(v));
  } catch {
    return String(v);
  }
}

// ---------------------------------------------------------------------------------------------
// Mapping ajv errors to spans

type Seg = string | number;

/** Keys and indices of an ajv instancePath; indices are numbers where the data holds an array. */
function segmentsOf(instancePath: string, plain: unknown): Seg[] {
  if (!instancePath) return [];
  const out: Seg[] = [];
  let cur: unknown = plain;
  for (const raw of instancePath.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) {
      const i = Number(seg);
      out.push(i);
      cur = cur[i];
    } else {
      out.push(seg);
      cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

function fieldLabel(segs: readonly Seg[], locale: Locale): string {
  if (segs.length === 0) return locale === 'zh-cn' ? '文件顶层' : 'the document';
  const last = segs[segs.length - 1]!;
  if (typeof last === 'string') return last;
  let i = segs.length - 1;
  let suffix = '';
  while (i >= 0 && typeof segs[i] === 'number') {
    suffix = `[${segs[i]}]` + suffix;
    i--;
  }
  return (i >= 0 ? String(segs[i]) : '') + suffix;
}

function isEmptySpan(s: Span): boolean {
  return s.end <= s.start;
}

class SpanFinder {
  constructor(private readonly root: SNode) {}

  /** The value's span (its key's when the value is empty); the deepest existing node otherwise. */
  value(segs: readonly Seg[]): Span {
    const r = nodeAtPath(this.root, segs);
    if (r.depth === segs.length) {
      if (r.node && !isEmptySpan(r.node.span)) return r.node.span;
      if (r.entry) return r.entry.keySpan;
      if (r.node) return r.node.span;
    }
    return r.node?.span ?? this.root.span;
  }

  node(segs: readonly Seg[]): SNode | null {
    const r = nodeAtPath(this.root, segs);
    return r.depth === segs.length ? r.node : null;
  }

  /** The entry of `key` in the map at `segs`. */
  entryAt(segs: readonly Seg[], key: string): SEntry | undefined {
    const n = this.node(segs);
    return n && n.kind === 'map' ? entry(n, key) : undefined;
  }

  /** Where to report something missing from the object at `segs`: the key holding it, else its first key. */
  holder(segs: readonly Seg[]): Span {
    const r = nodeAtPath(this.root, segs);
    if (r.depth === segs.length) {
      if (r.entry && typeof segs[segs.length - 1] === 'string') return r.entry.keySpan;
      const n = r.node;
      if (n && n.kind === 'map' && n.entries.length > 0) return n.entries[0]!.keySpan;
      if (n) return n.span;
    }
    return r.node?.span ?? this.root.span;
  }
}

const RESERVED_PLAIN = /^(?:true|false|null|yes|no|on|off|y|n|~)$/i;

/** Text that writes `value` in place of `node` in the same syntax (YAML plain/quoted, or JSON). */
function valueText(node: SNode | null, value: unknown): string {
  if (typeof value !== 'string') return String(value);
  const quoted = !node || node.flow === true || (node.kind === 'scalar' && node.quoted === true);
  if (quoted || !/^[A-Za-z_/][A-Za-z0-9_./-]*$/.test(value) || RESERVED_PLAIN.test(value)) return JSON.stringify(value);
  return value;
}

/** Text that writes key `name` in place of an existing key (quoted when the original was). */
function keyText(e: SEntry, name: string): string {
  const written = e.keySpan.end - e.keySpan.start;
  if (written !== e.key.length || !/^[A-Za-z_$][A-Za-z0-9_.$-]*$/.test(name)) return JSON.stringify(name);
  return name;
}

/** An enum value the user probably meant: same letters in another case, a unique prefix, or a near miss. */
function suggestEnum(value: unknown, allowed: unknown[]): unknown {
  if (typeof value === 'number') {
    const hit = allowed.find((a) => typeof a === 'string' && a === String(value));
    return hit;
  }
  if (typeof value !== 'string' || value === '') return undefined;
  const lower = value.toLowerCase();
  const same = allowed.find((a) => String(a).toLowerCase() === lower);
  if (same !== undefined) return same;
  const strs = allowed.filter((a): a is string => typeof a === 'string');
  const prefixed = strs.filter((a) => a.toLowerCase().startsWith(lower));
  if (prefixed.length === 1 && lower.length >= 2) return prefixed[0];
  // `-`/`_` and spaces swapped: `round-robin` → ROUND_ROBIN, `least connections` → LEAST_CONNECTIONS
  const norm = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  const normHit = strs.find((a) => norm(a) === norm(value));
  if (normHit !== undefined) return normHit;
  // A near miss, only when exactly one value is that near (`tls-1-3` is as close to tls-1-0,
  // tls-1-1 and tls-1-2: guessing one of them would be worse than listing them).
  const guess = closest(value, strs);
  if (guess === undefined) return undefined;
  const d = editDistance(lower, guess.toLowerCase());
  const tied = strs.filter((a) => editDistance(lower, a.toLowerCase(), d) <= d);
  return tied.length === 1 ? guess : undefined;
}

function schemaAtPointer(root: JsonSchema, schemaPath: string): JsonSchema[] {
  const out: JsonSchema[] = [];
  if (!schemaPath.startsWith('#')) return out;
  let cur: unknown = root;
  for (const raw of schemaPath.slice(1).split('/').filter((s) => s !== '')) {
    const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!cur || typeof cur !== 'object') break;
    cur = (cur as Record<string, unknown>)[seg];
    if (isSchema(cur)) out.push(cur);
  }
  return out;
}

/** The error lies under a subschema whose checks a rule owns (`x-checked-by`). */
function ownedByRule(e: ErrorObject, root: JsonSchema): boolean {
  const parent = e.parentSchema as JsonSchema | undefined;
  if (parent && typeof parent['x-checked-by'] === 'string') return true;
  return schemaAtPointer(root, e.schemaPath).some((s) => typeof s['x-checked-by'] === 'string');
}

/** A `oneOf`/`anyOf` whose branches only say which keys must be present: `[{required: [a]}, {required: [b]}]`. */
function requiredOnlyBranches(branches: unknown): string[][] | undefined {
  if (!Array.isArray(branches) || branches.length === 0) return undefined;
  const out: string[][] = [];
  for (const b of branches) {
    if (!isSchema(b)) return undefined;
    const keys = Object.keys(b).filter((k) => k !== 'description' && k !== 'x-description-zh-cn' && k !== '$comment');
    if (keys.length !== 1 || keys[0] !== 'required' || !Array.isArray(b.required)) return undefined;
    out.push(b.required as string[]);
  }
  return out;
}

interface Mapped extends SchemaProblem {
  /** For collapsing: the instancePath and, for additionalProperties, the suggested key. */
  at: string;
  suggestedKey?: string;
  missing?: string;
}

function withinPath(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent + '/');
}

function mapErrors(errors: ErrorObject[], root: SNode, plain: unknown, schemaRoot: JsonSchema, locale: Locale): SchemaProblem[] {
  const spans = new SpanFinder(root);
  const out: Mapped[] = [];
  const drop = new Set<ErrorObject>();

  // Rules own these checks; only type errors stay.
  const owned = new Set(errors.filter((e) => e.keyword !== 'type' && ownedByRule(e, schemaRoot)));
  for (const e of owned) drop.add(e);

  // oneOf / anyOf: report one useful thing instead of every branch's complaint.
  const composites = errors.filter((e) => (e.keyword === 'oneOf' || e.keyword === 'anyOf') && !drop.has(e));
  composites.sort((a, b) => b.schemaPath.length - a.schemaPath.length);
  for (const c of composites) {
    drop.add(c);
    const prefix = c.schemaPath + '/';
    const inBranches = errors.filter((e) => e !== c && !drop.has(e) && e.schemaPath.startsWith(prefix) && withinPath(e.instancePath, c.instancePath));
    for (const e of inBranches) drop.add(e);
    const segs = segmentsOf(c.instancePath, plain);
    const branches = (c.parentSchema as JsonSchema | undefined)?.[c.keyword];
    const reqOnly = requiredOnlyBranches(branches);
    const passing = (c.params as { passingSchemas?: number[] | null }).passingSchemas;
    if (Array.isArray(passing) && passing.length > 1) {
      if (reqOnly) {
        const names = passing.map((i) => reqOnly[i]?.[0]).filter((n): n is string => typeof n === 'string');
        const lastEntry = spans.entryAt(segs, names[names.length - 1] ?? '');
        out.push({
          span: lastEntry?.keySpan ?? spans.holder(segs),
          message: msg(locale, 'oneOfBoth', { names: locale === 'zh-cn' ? names.map((n) => '`' + n + '`').join(' 和 ') : orList(names, locale) }),
          keyword: c.keyword,
          path: segs,
          at: c.instancePath,
        });
      } else {
        out.push({ span: spans.value(segs), message: msg(locale, 'oneOfMany', { field: fieldLabel(segs, locale) }), keyword: c.keyword, path: segs, at: c.instancePath });
      }
      continue;
    }
    if (reqOnly) {
      const names = reqOnly.map((r) => r[0]).filter((n): n is string => typeof n === 'string');
      out.push({ span: spans.holder(segs), message: msg(locale, 'oneOfRequired', { names: orList(names, locale) }), keyword: c.keyword, path: segs, at: c.instancePath });
      continue;
    }
    // Keep the errors of the branch that came closest (fewest complaints, deepest first).
    const byBranch = new Map<string, ErrorObject[]>();
    for (const e of inBranches) {
      const idx = e.schemaPath.slice(prefix.length).split('/')[0] ?? '';
      const list = byBranch.get(idx) ?? [];
      list.push(e);
      byBranch.set(idx, list);
    }
    let best: ErrorObject[] | undefined;
    // A branch whose type does not even fit the value (`[severity, options]` for "warn") is the least useful.
    const misfit = (l: ErrorObject[]) => (l.some((e) => e.keyword === 'type' && e.instancePath === c.instancePath) ? 1 : 0);
    for (const list of byBranch.values()) {
      const depth = (l: ErrorObject[]) => Math.max(...l.map((e) => e.instancePath.length));
      if (
        !best ||
        misfit(list) < misfit(best) ||
        (misfit(list) === misfit(best) && (list.length < best.length || (list.length === best.length && depth(list) > depth(best))))
      ) best = list;
    }
    for (const e of best ?? []) if (!owned.has(e)) drop.delete(e);
  }

  // A value of the wrong type: its other complaints (enum, const) are noise.
  const typeErrorAt = new Set(errors.filter((e) => e.keyword === 'type' && !drop.has(e)).map((e) => e.instancePath));

  for (const e of errors) {
    if (drop.has(e)) continue;
    if (e.keyword !== 'type' && typeErrorAt.has(e.instancePath) && e.keyword !== 'required' && e.keyword !== 'additionalProperties') continue;
    const m = mapOne(e, spans, plain, locale);
    if (m) out.push(m);
  }

  // `protcol` reported as unknown with the suggestion `protocol`: "`protocol` is required" says the same.
  const suggestedAt = new Set(out.filter((m) => m.suggestedKey).map((m) => m.at + '\u0000' + m.suggestedKey));
  const seen = new Set<string>();
  const result: SchemaProblem[] = [];
  for (const m of out) {
    if (m.missing !== undefined && suggestedAt.has(m.at + '\u0000' + m.missing)) continue;
    const key = `${m.span.start}:${m.span.end}:${m.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const p: SchemaProblem = { span: m.span, message: m.message };
    if (m.suggestion) p.suggestion = m.suggestion;
    if (m.keyword) p.keyword = m.keyword;
    if (m.path) p.path = m.path;
    result.push(p);
  }
  result.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
  return result;
}

function mapOne(e: ErrorObject, spans: SpanFinder, plain: unknown, locale: Locale): Mapped | undefined {
  const segs = segmentsOf(e.instancePath, plain);
  const field = fieldLabel(segs, locale);
  const parent = (e.parentSchema ?? {}) as JsonSchema;
  const base = { keyword: e.keyword, path: segs, at: e.instancePath };
  const params = e.params as Record<string, unknown>;
  const data: unknown = e.data;

  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const ent = spans.entryAt(segs, key);
      const span = ent?.keySpan ?? spans.value(segs);
      const present = new Set(data && typeof data === 'object' ? Object.keys(data as object) : []);
      const allowed = Object.keys(parent.properties ?? {}).filter((k) => !present.has(k));
      const suggestion = closest(key, allowed);
      const path = [...segs, key];
      if (suggestion) {
        const m: Mapped = {
          ...base, path, span,
          message: msg(locale, 'unknownKeySuggest', { key, suggestion }),
          suggestedKey: suggestion,
        };
        if (ent) m.suggestion = { span: ent.keySpan, text: keyText(ent, suggestion) };
        return m;
      }
      const patterns = Object.keys(parent.patternProperties ?? {});
      if (!parent.properties && patterns.length > 0) return { ...base, path, span, message: msg(locale, 'unknownKeyPattern', { key, pattern: patterns.join(' | ') }) };
      if (segs.length === 0) return { ...base, path, span, message: msg(locale, 'unknownTopKey', { key }) };
      const title = schemaTitle(parent, locale);
      if (!title) return { ...base, path, span, message: msg(locale, 'unknownKey', { key }) };
      return { ...base, path, span, message: msg(locale, 'unknownKeyIn', { key, title: locale === 'zh-cn' ? title : withArticle(title) }) };
    }
    case 'required': {
      const name = String(params.missingProperty);
      return { ...base, span: spans.holder(segs), message: msg(locale, 'required', { name }), missing: name };
    }
    case 'enum': {
      const allowed = (Array.isArray(params.allowedValues) ? params.allowedValues : parent.enum ?? []) as unknown[];
      const span = spans.value(segs);
      const guess = suggestEnum(data, allowed);
      if (guess !== undefined) {
        return {
          ...base, span,
          message: msg(locale, 'enumSuggest', { field, value: show(data), suggestion: show(guess) }),
          suggestion: { span, text: valueText(spans.node(segs), guess) },
        };
      }
      const shown = allowed.slice(0, 12).map(show);
      const list = shown.join(locale === 'zh-cn' ? '、' : ', ') + (allowed.length > 12 ? '…' : '');
      return { ...base, span, message: msg(locale, 'enum', { field, value: show(data), allowed: list }) };
    }
    case 'type': {
      const expected = String(params.type ?? '').split(',').filter(Boolean);
      const span = spans.value(segs);
      const m: Mapped = { ...base, span, message: msg(locale, 'type', { field, expected: typeList(expected, locale), actual: describeActual(data, locale) }) };
      const node = spans.node(segs);
      if (typeof data === 'string') {
        const t = data.trim();
        if ((expected.includes('integer') && /^-?\d+$/.test(t)) || (expected.includes('number') && /^-?\d+(\.\d+)?$/.test(t))) {
          m.suggestion = { span, text: String(Number(t)) };
        } else if (expected.includes('boolean') && /^(true|false)$/i.test(t)) {
          m.suggestion = { span, text: t.toLowerCase() };
        }
      } else if ((typeof data === 'number' || typeof data === 'boolean') && expected.includes('string') && node) {
        m.suggestion = { span, text: JSON.stringify(String(data)) };
      }
      return m;
    }
    case 'maximum':
    case 'minimum':
    case 'exclusiveMaximum':
    case 'exclusiveMinimum':
      return { ...base, span: spans.value(segs), message: msg(locale, e.keyword, { field, limit: String(params.limit), value: show(data) }) };
    case 'const': {
      const span = spans.value(segs);
      const expected = params.allowedValue ?? parent.const;
      return {
        ...base, span,
        message: msg(locale, 'const', { field, expected: show(expected), value: show(data) }),
        suggestion: { span, text: valueText(spans.node(segs), expected) },
      };
    }
    case 'pattern': {
      const examples = Array.isArray(parent.examples) ? parent.examples.slice(0, 3).map((x) => '`' + show(x) + '`') : [];
      const span = spans.value(segs);
      if (examples.length) return { ...base, span, message: msg(locale, 'patternExamples', { field, value: show(data), examples: examples.join(locale === 'zh-cn' ? '、' : ', ') }) };
      return { ...base, span, message: msg(locale, 'pattern', { field, value: show(data), pattern: String(params.pattern) }) };
    }
    case 'minLength':
    case 'maxLength': {
      const limit = Number(params.limit);
      const count = typeof data === 'string' ? [...data].length : 0;
      const id: MessageId = e.keyword === 'minLength' && limit === 1 ? 'notEmpty' : e.keyword;
      return { ...base, span: spans.value(segs), message: msg(locale, id, { field, limit, count }) };
    }
    case 'minItems':
    case 'maxItems': {
      const limit = Number(params.limit);
      const count = Array.isArray(data) ? data.length : 0;
      const id: MessageId = e.keyword === 'minItems' && limit === 1 ? 'notEmptyList' : e.keyword;
      // Too many: point at the first item over the limit.
      const span = e.keyword === 'maxItems' && count > limit ? spans.value([...segs, limit]) : spans.value(segs);
      return { ...base, span, message: msg(locale, id, { field, limit, count }) };
    }
    case 'uniqueItems': {
      const i = Number(params.i);
      const j = Number(params.j);
      const dup = Math.max(i, j);
      const item = Array.isArray(data) ? data[dup] : undefined;
      return { ...base, path: [...segs, dup], span: spans.value([...segs, dup]), message: msg(locale, 'uniqueItems', { field, value: show(item) }) };
    }
    default:
      return { ...base, span: spans.value(segs), message: msg(locale, 'other', { field, detail: e.message ?? e.keyword }) };
  }
}

function validateWith(id: SchemaId, root: SNode, plain: unknown, locale: Locale): SchemaProblem[] {
  try {
    const l = load(id);
    if (!l) return [];
    if (l.validate(plain)) return [];
    const errors = [...(l.validate.errors ?? [])];
    return mapErrors(errors, root, plain, l.schema, locale === 'zh-cn' ? 'zh-cn' : 'en');
  } catch {
    return [];
  }
}

/**
 * Validate a document of our own format against schemas/elb-config.schema.json. `plain` is
 * `toPlain(root)`. Checks that a rule owns (`x-checked-by`) are left to the rule, except types.
 * Never throws; an internal failure yields no problems.
 */
export function validateOwnFormat(root: SNode, plain: unknown, locale: Locale): SchemaProblem[] {
  return validateWith('elb-config', root, plain, locale);
}

/** Validate a parsed `.elb-lint.yaml` against schemas/elb-lint-config.schema.json. Never throws. */
export function validateLintConfig(root: SNode, plain: unknown, locale: Locale): SchemaProblem[] {
  return validateWith('elb-lint-config', root, plain, locale);
}
