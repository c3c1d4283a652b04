/**
 * Mutations of a document, as plain data (so a failing case prints and saves readably).
 *
 * A fuzz case is a seed text plus a list of operations. Text operations work on the JS string
 * (what an editor hands the language server); byte operations then work on its UTF-8 bytes (what
 * the CLI reads from disk), so invalid UTF-8 reaches the decoder exactly as a broken file would.
 */
import fc from 'fast-check';

export type TextOp =
  | { op: 'truncate'; at: number }
  | { op: 'deleteLine'; line: number }
  | { op: 'duplicateLine'; line: number }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'deleteRange'; at: number; len: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'replaceToken'; at: number; text: string }
  | { op: 'nest'; at: number; depth: number; style: 'seq' | 'map' | 'block' | 'jsonObject' | 'open' }
  | { op: 'crlf' }
  | { op: 'cr' }
  | { op: 'bom' }
  | { op: 'tabs'; line: number; all: boolean }
  | { op: 'anchor'; line: number; target: number; merge: boolean }
  | { op: 'repeat'; times: number };

/** How a format reads its document into plain data and prints it back (for structural changes). */
export interface DocCodec {
  /** `undefined` when the seed does not parse. */
  parse(text: string): unknown;
  print(doc: unknown): string;
}

export type ByteOp = { op: 'bytes'; at: number; bytes: number[] };

export interface FuzzCase {
  /** Index into the format's seed corpus (taken modulo its length). */
  seed: number;
  /** Structural changes of the parsed seed (formats that can parse and print their documents). */
  struct?: StructOp[];
  ops: TextOp[];
  bytes: ByteOp[];
}

/** Values that change a scalar's type or push a range: types swapped, huge numbers, YAML specials. */
export const VALUES: readonly string[] = [
  'null', '~', 'true', 'false', 'yes', '[]', '{}', '""', "''", '-1', '0', '-0', '65536', '65535', '4294967296',
  '9007199254740993', '99999999999999999999999999999999999999', '1e309', '-1e309', '1.7976931348623157e308',
  '5e-324', '.inf', '-.inf', '.nan', 'NaN', 'Infinity', '0x1F', '0o17', '0b101', '1_000', '+12', '012', '1.', '.5',
  '"str"', "'quoted'", '"\\u0000"', '"\\ud800"', '"\\uDFFF\\uD800"', '"\u202e\u2066rtl"', '"\u00a0"', 'é', '名字',
  '0.0.0.0/0', '::/0', '999.1.1.1/33', '10.0.0.0/8', '192.168.1.1', '2001:db8::1/129', '::ffff:10.0.0.1', '1.2.3',
  '10.0.0.0/-1', '*', '/', '..', 'ELB', 'HTTPS', 'UDP', 'QUIC', 'L7_flavor.elb.s1.small', 'dedicated', 'shared',
  '[1, [2, [3, [4]]]]', '{a: {b: {c: 1}}}', '[null, ~, {}]', '{name: x, name: y}', '[*a, *a]',
  '*undefined_alias', '&a value', '&a [1, 2]', '!!binary aGVsbG8=', '!!str 1', '!!int "12"', '!!float x', '!!map []',
  '!!seq {}', '!!set {a, b}', '!!omap [a: 1]', '!!timestamp 2001-12-14', '!!null x',
  "!!js/function 'function(){ globalThis.__elbFuzzPwned = 1 }'",
  '!!js/undefined ""', '!!js/regexp /x/', '!<tag:yaml.org,2002:js/function> "function(){ globalThis.__elbFuzzPwned = 1 }"',
  '!!python/object/apply:os.system ["touch /tmp/elb-fuzz-pwned"]', '!custom x', '!<!> x', '!e! x',
  '|\n  block\n  text', '>-\n  folded', '|+', '>', '? complex', 'x: y: z', '- item', '"unterminated', "'unterminated",
  '{unclosed', '[unclosed', '}', ']', ',', ':', '#', '@', '`', '%', '\t', '\u0000', '\u0007', '\u2028', '\u2029',
  '\ufeff', '\ud800', '\udc00', '\uffff', '\u{1f600}', '"\u{10ffff}"', '-----BEGIN CERTIFICATE-----\n  AAAA',
  '__proto__', 'constructor', '{__proto__: {polluted: 1}}', '{"__proto__": {"polluted": 1}}', '{constructor: {prototype: {polluted: 1}}}',
];

/** Text inserted at a random place: structure breakers, directives, documents, control characters. */
export const SNIPPETS: readonly string[] = [
  ...VALUES,
  '\n', '\r', '\r\n', '\n\n\n', ' ', '  ', '\t\t', '- ', ': ', '? ', '---\n', '...\n', '--- !!map\n', '%YAML 1.2\n---\n',
  '%YAML 1.1\n', '%TAG !e! tag:example.com,2000:\n---\n',
  '# elb-lint-disable-next-line ELB101\n', '# elb-lint-disable ELB999 -- why\n', '# elb-lint-enable\n',
  '# elb-lint-disable-line\n', '// elb-lint-disable-next-line\n', '/* comment */', '// comment\n',
  '<<: *a\n', '<<: [*a, *b]\n', '&a ', '*a', '&b {x: 1} ', 'a: &a [1, 2]\nb: *a\n',
  'bomb: &l0 [x, x, x, x, x, x, x, x, x]\nl1: &l1 [*l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0]\nl2: &l2 [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]\nl3: [*l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2]\n',
  'name: dup\nname: dup\n', '"name": 1, "name": 2, ', 'loadbalancers: []\n', 'loadbalancers:\n  - name:\n', 'version: 2\n',
  '"metadata": {"annotations": {"kubernetes.io/elb.class": "{\\"broken\\": [}"}}',
  'annotations:\n  kubernetes.io/elb.autocreate: \'{"type": "public", "bandwidth_size": 1e309, "x": {\'\n',
  'resource "huaweicloud_elb_loadbalancer" "lb" {\n', '}\n}\n}\n', '${var.x}', '${', '"${jsonencode({a = [1,}"',
];

/** Raw byte sequences that are not valid UTF-8 (Unicode table 3-7) or are hostile to decoders. */
export const BAD_BYTES: readonly number[][] = [
  [0xff], [0xfe], [0xc0, 0xaf], [0xc3, 0x28], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf],
  [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xbf], [0xe2, 0x82], [0xf0, 0x9f, 0x98],
  [0x00], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff, 0x00, 0x41],
];

const at = fc.nat({ max: 1 << 20 });

export const snippetArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SNIPPETS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
);

export const valueArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
);

export const textOpArb: fc.Arbitrary<TextOp> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('truncate' as const), at }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('deleteLine' as const), line: at }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('duplicateLine' as const), line: at }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('swapLines' as const), a: at, b: at }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteRange' as const), at, len: fc.nat({ max: 400 }) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('insert' as const), at, text: snippetArb }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant('replaceToken' as const), at, text: valueArb }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('nest' as const),
      at,
      depth: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 150, max: 3000 })),
      style: fc.constantFrom('seq' as const, 'map' as const, 'block' as const, 'jsonObject' as const, 'open' as const),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'crlf' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'cr' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'bom' as const }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('tabs' as const), line: at, all: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('anchor' as const), line: at, target: at, merge: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('repeat' as const), times: fc.integer({ min: 2, max: 40 }) }) },
);

export const byteOpArb: fc.Arbitrary<ByteOp> = fc.record({
  op: fc.constant('bytes' as const),
  at,
  bytes: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...BAD_BYTES) }, { weight: 1, arbitrary: fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 8 }) }),
});

export function caseArb(seeds: number, structured: boolean): fc.Arbitrary<FuzzCase> {
  return fc.record({
    seed: fc.nat({ max: Math.max(0, seeds - 1) }),
    struct: structured ? fc.oneof({ weight: 1, arbitrary: fc.constant([] as StructOp[]) }, { weight: 1, arbitrary: fc.array(structOpArb, { minLength: 1, maxLength: 4 }) }) : fc.constant([] as StructOp[]),
    ops: fc.array(textOpArb, { minLength: 0, maxLength: 5 }),
    bytes: fc.oneof({ weight: 5, arbitrary: fc.constant([] as ByteOp[]) }, { weight: 1, arbitrary: fc.array(byteOpArb, { minLength: 1, maxLength: 3 }) }),
  });
}

function lines(text: string): string[] {
  return text.split('\n');
}

/** The token (scalar-ish run) around `at`, for a type swap. */
function tokenAt(text: string, at: number): [number, number] {
  const stop = /[\s:,{}[\]"']/;
  let s = Math.min(at, text.length);
  let e = s;
  while (s > 0 && !stop.test(text[s - 1]!)) s--;
  while (e < text.length && !stop.test(text[e]!)) e++;
  return [s, e];
}

function nested(depth: number, style: Extract<TextOp, { op: 'nest' }>['style']): string {
  switch (style) {
    case 'seq':
      return '['.repeat(depth) + ']'.repeat(depth);
    case 'map':
      return '{a: '.repeat(depth) + '1' + '}'.repeat(depth);
    case 'jsonObject':
      return '{"a": '.repeat(depth) + '1' + '}'.repeat(depth);
    case 'open':
      return '[{'.repeat(depth);
    case 'block': {
      const d = Math.min(depth, 400);
      let s = '\n';
      for (let i = 0; i < d; i++) s += ' '.repeat(i + 1) + 'a:\n';
      return s;
    }
  }
}

export function applyTextOp(text: string, o: TextOp): string {
  const n = text.length;
  switch (o.op) {
    case 'truncate':
      return text.slice(0, o.at % (n + 1));
    case 'deleteLine': {
      const ls = lines(text);
      ls.splice(o.line % ls.length, 1);
      return ls.join('\n');
    }
    case 'duplicateLine': {
      const ls = lines(text);
      const i = o.line % ls.length;
      ls.splice(i, 0, ls[i]!);
      return ls.join('\n');
    }
    case 'swapLines': {
      const ls = lines(text);
      const a = o.a % ls.length;
      const b = o.b % ls.length;
      [ls[a], ls[b]] = [ls[b]!, ls[a]!];
      return ls.join('\n');
    }
    case 'deleteRange': {
      const s = o.at % (n + 1);
      return text.slice(0, s) + text.slice(Math.min(n, s + o.len));
    }
    case 'insert': {
      const s = o.at % (n + 1);
      return text.slice(0, s) + o.text + text.slice(s);
    }
    case 'replaceToken': {
      const [s, e] = tokenAt(text, o.at % (n + 1));
      return text.slice(0, s) + o.text + text.slice(e);
    }
    case 'nest': {
      const s = o.at % (n + 1);
      return text.slice(0, s) + nested(o.depth, o.style) + text.slice(s);
    }
    case 'crlf':
      return text.replace(/\r?\n/g, '\r\n');
    case 'cr':
      return text.replace(/\r?\n/g, '\r');
    case 'bom':
      return '\ufeff' + text;
    case 'tabs': {
      const ls = lines(text);
      const tab = (l: string) => l.replace(/^( +)/, (m) => '\t'.repeat(Math.ceil(m.length / 2)));
      if (o.all) return ls.map(tab).join('\n');
      const i = o.line % ls.length;
      ls[i] = tab(ls[i]!);
      return ls.join('\n');
    }
    case 'anchor': {
      // Put an anchor on some `key: value` and refer to it elsewhere (as a value or a merge key).
      const ls = lines(text);
      const keyed = ls.map((l, i) => ({ l, i })).filter((x) => /^\s*(- )?"?[\w-]+"?\s*:\s*\S/.test(x.l));
      if (keyed.length === 0) return text;
      const src = keyed[o.line % keyed.length]!;
      ls[src.i] = src.l.replace(/:\s*/, ': &fz ');
      const t = keyed[o.target % keyed.length]!;
      if (o.merge) {
        const indent = /^\s*(- )?/.exec(ls[t.i]!)![0].replace('- ', '  ');
        ls.splice(t.i + (t.i >= src.i ? 1 : 0), 0, `${indent}<<: *fz`);
      } else if (t.i !== src.i) ls[t.i] = ls[t.i]!.replace(/:\s*.*$/, ': *fz');
      return ls.join('\n');
    }
    case 'repeat': {
      // A body repeated: duplicate keys at the top level, or many similar objects.
      const body = text.replace(/^\ufeff/, '');
      return text + ('\n' + body).repeat(o.times - 1);
    }
  }
}

export function applyByteOps(buf: Buffer, ops: readonly ByteOp[]): Buffer {
  let b = buf;
  for (const o of ops) {
    const s = o.at % (b.length + 1);
    b = Buffer.concat([b.subarray(0, s), Buffer.from(o.bytes), b.subarray(s)]);
  }
  return b;
}

/** The text and bytes of a case. `bytes` is absent when it is just the UTF-8 of `text`. */
export function materialise(seeds: readonly string[], c: FuzzCase, codec?: DocCodec): { text: string; bytes?: Buffer } {
  let text = seeds.length ? seeds[c.seed % seeds.length]! : '';
  if (c.struct?.length && codec) {
    const doc = codec.parse(text);
    if (doc !== undefined) text = codec.print(applyStructOps(doc, c.struct));
  }
  for (const o of c.ops) {
    text = applyTextOp(text, o);
    // Keep a case small enough to run thousands in CI (huge inputs have their own tests).
    if (text.length > 200_000) text = text.slice(0, 200_000);
  }
  if (c.bytes.length === 0) return { text };
  return { text, bytes: applyByteOps(Buffer.from(text, 'utf8'), c.bytes) };
}

/**
 * A structural change of the parsed document (valid syntax, wrong content): the `node`-th value
 * of a depth-first walk is replaced, deleted, duplicated or wrapped. Reaches the rules with
 * swapped types and absurd values, where text mutations mostly stop at the parser.
 */
export type StructOp =
  | { op: 'replace'; node: number; value: unknown }
  | { op: 'delete'; node: number }
  | { op: 'duplicate'; node: number }
  | { op: 'wrap'; node: number }
  | { op: 'addKey'; node: number; key: string; value: unknown };

const jsonValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, 1, 65535, 65536, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308, 5e-324, 0.5, '', 'x', 'a'.repeat(300), '0.0.0.0/0', '::/0', '10.0.0.0/8', '300.1.1.1', '192.168.1.10', 'fe80::1', 'HTTP', 'TCP', 'UDP', 'QUIC', 'HTTPS', 'TERMINATED_HTTPS', 'ingress', 'egress', 'icmp', 'dedicated', 'shared', 'ROUND_ROBIN', 'SOURCE_IP', 'HTTP_COOKIE', 'APP_COOKIE', [], {}, [null], { name: 'x' }, ['x', 'x']) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

const KEYS = ['name', 'protocol', 'protocol_port', 'port_range_min', 'port_range_max', 'remote_ip_prefix', 'remote_group', 'cidr', 'address', 'subnet', 'vpc', 'pool', 'default_pool', 'members', 'listeners', 'pools', 'healthmonitor', 'type', 'delay', 'timeout', 'max_retries', 'weight', 'security_groups', 'rules', 'direction', 'ethertype', 'action', 'priority', '__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'x-unknown', ''];

export const structOpArb: fc.Arbitrary<StructOp> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('replace' as const), node: at, value: jsonValueArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), node: at }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicate' as const), node: at }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('wrap' as const), node: at }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('addKey' as const), node: at, key: fc.constantFrom(...KEYS), value: jsonValueArb }) },
);

interface Slot {
  parent: unknown[] | Record<string, unknown>;
  key: number | string;
}

function slots(v: unknown): Slot[] {
  const out: Slot[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach((c, i) => (out.push({ parent: x, key: i }), walk(c)));
    else if (x && typeof x === 'object') for (const k of Object.keys(x)) out.push({ parent: x as Record<string, unknown>, key: k }), walk((x as Record<string, unknown>)[k]);
  };
  walk(v);
  return out;
}

/** Apply structural changes to a parsed document (mutates `doc`). */
export function applyStructOps(doc: unknown, ops: readonly StructOp[]): unknown {
  for (const o of ops) {
    const all = slots(doc);
    if (all.length === 0) break;
    const s = all[o.node % all.length]!;
    const p = s.parent as Record<string | number, unknown>;
    switch (o.op) {
      case 'replace':
        p[s.key] = structuredClone(o.value);
        break;
      case 'delete':
        if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 1);
        else delete p[s.key];
        break;
      case 'duplicate':
        if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 0, structuredClone(s.parent[s.key as number]));
        else p[`${s.key}_copy`] = structuredClone(p[s.key]);
        break;
      case 'wrap':
        p[s.key] = [p[s.key]];
        break;
      case 'addKey': {
        const target = p[s.key];
        if (target && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, o.key, { value: structuredClone(o.value), enumerable: true, writable: true, configurable: true });
        else p[s.key] = Object.defineProperty({}, o.key, { value: structuredClone(o.value), enumerable: true, writable: true, configurable: true });
        break;
      }
    }
  }
  return doc;
}
