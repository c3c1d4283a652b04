import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYaml, allComments } from '../../../server/out/engine/parse/yaml';
import { parseJson } from '../../../server/out/engine/parse/json';
import { toPlain, type SMap } from '../../../server/out/engine/parse/tree';
import { YamlEditor } from '../../../server/out/engine/fix/yaml-edit';
import { JsonEditor } from '../../../server/out/engine/fix/json-edit';
import { applyEdits } from '../../../server/out/engine/fix/apply';
import { SourceText } from '../../../server/out/engine/text/source';
import type { TextEdit } from '../../../server/out/engine/types';

type Op = (ed: YamlEditor | JsonEditor, target: SMap) => TextEdit[] | undefined;

/** Find the mapping at a path of keys/indices from the root. */
function mapAt(root: SMap, path: (string | number)[]): SMap {
  let n: unknown = root;
  for (const seg of path) {
    const node = n as { kind: string; entries?: { key: string; value: unknown }[]; items?: unknown[] };
    n = typeof seg === 'number' ? node.items![seg] : node.entries!.find((e) => e.key === seg)!.value;
  }
  return n as SMap;
}

function editYaml(text: string, path: (string | number)[], op: Op): { out: string; value: unknown } {
  const root = parseYaml(text).documents[0]!.root as SMap;
  const edits = op(new YamlEditor(new SourceText('x.yaml', text)), mapAt(root, path));
  assert.ok(edits, 'edit produced');
  const out = applyEdits(text, edits);
  const re = parseYaml(out);
  assert.deepEqual(re.problems, [], `re-parses:\n${out}`);
  const removed = edits.filter((e) => e.span.end > e.span.start);
  for (const c of allComments(text)) {
    if (removed.some((e) => c.offset >= e.span.start && c.offset < e.span.end)) continue;
    assert.ok(out.includes('#' + c.text), `comment kept: ${c.text}\n${out}`);
  }
  return { out, value: toPlain(re.documents[0]!.root) };
}

function editJson(text: string, path: (string | number)[], op: Op): { out: string; value: unknown } {
  const root = parseJson(text).root as SMap;
  const edits = op(new JsonEditor(new SourceText('x.json', text), root), mapAt(root, path));
  assert.ok(edits);
  const out = applyEdits(text, edits);
  const re = parseJson(out);
  assert.deepEqual(re.problems, [], out);
  return { out, value: toPlain(re.root) };
}

const BLOCK = `# top comment
pools:
  - name: p   # the pool
    protocol: TCP
    healthmonitor:
      type: TCP   # check type
      timeout: 10
    members:
      - {server: a, protocol_port: 80}
  - name: q
`;

test('YAML: replace a scalar in place, keeping the line comment', () => {
  const { out, value } = editYaml(BLOCK, ['pools', 0, 'healthmonitor'], (ed, m) => ed.set(m, ['timeout'], 5));
  assert.equal((value as any).pools[0].healthmonitor.timeout, 5);
  assert.ok(out.includes('type: TCP   # check type\n      timeout: 5\n'));
});

test('YAML: add a key to a block mapping at its indentation', () => {
  const { value, out } = editYaml(BLOCK, ['pools', 0, 'healthmonitor'], (ed, m) => ed.set(m, ['url_path'], '/health'));
  assert.equal((value as any).pools[0].healthmonitor.url_path, '/health');
  assert.ok(out.includes('      timeout: 10\n      url_path: /health\n'));
});

test('YAML: add a nested object where none exists', () => {
  const { value } = editYaml(BLOCK, ['pools', 1], (ed, m) => ed.set(m, ['healthmonitor'], { type: 'TCP', delay: 5, timeout: 3, max_retries: 3 }));
  assert.deepEqual((value as any).pools[1].healthmonitor, { type: 'TCP', delay: 5, timeout: 3, max_retries: 3 });
});

test('YAML: quoting is chosen by the stringifier ("200" stays a string)', () => {
  const { value } = editYaml(BLOCK, ['pools', 0, 'healthmonitor'], (ed, m) => ed.set(m, ['expected_codes'], '200'));
  assert.equal((value as any).pools[0].healthmonitor.expected_codes, '200');
});

test('YAML: flow mappings get flow edits', () => {
  const text = 'members:\n  - {server: a, protocol_port: 80}  # m\n';
  const add = editYaml(text, ['members', 0], (ed, m) => ed.set(m, ['weight'], 0));
  assert.deepEqual((add.value as any).members[0], { server: 'a', protocol_port: 80, weight: 0 });
  assert.ok(add.out.includes('{server: a, protocol_port: 80, weight: 0}'));
  const rm = editYaml(text, ['members', 0], (ed, m) => ed.remove(m, ['protocol_port']));
  assert.deepEqual((rm.value as any).members[0], { server: 'a' });
  const rmFirst = editYaml(text, ['members', 0], (ed, m) => ed.remove(m, ['server']));
  assert.deepEqual((rmFirst.value as any).members[0], { protocol_port: 80 });
});

test('YAML: remove a key on its own lines, and the first key after "- "', () => {
  const a = editYaml(BLOCK, ['pools', 0], (ed, m) => ed.remove(m, ['healthmonitor']));
  assert.equal((a.value as any).pools[0].healthmonitor, undefined);
  assert.equal((a.value as any).pools[0].protocol, 'TCP');
  const b = editYaml(BLOCK.replace('# the pool', ''), ['pools', 0], (ed, m) => ed.remove(m, ['name']));
  assert.equal((b.value as any).pools[0].name, undefined);
  assert.equal((b.value as any).pools[0].protocol, 'TCP');
  const c = editYaml(BLOCK, ['pools', 1], (ed, m) => ed.remove(m, ['name']));
  assert.deepEqual((c.value as any).pools[1], {});
});

test('YAML: append to a block sequence, a flow sequence, and a missing list', () => {
  const a = editYaml(BLOCK, ['pools', 0], (ed, m) => ed.append(m, ['members'], { server: 'b', protocol_port: 81 }));
  assert.deepEqual((a.value as any).pools[0].members[1], { server: 'b', protocol_port: 81 });
  const flow = 'sg:\n  rules: [{direction: ingress}]\n';
  const b = editYaml(flow, ['sg'], (ed, m) => ed.append(m, ['rules'], { direction: 'egress' }));
  assert.deepEqual((b.value as any).sg.rules, [{ direction: 'ingress' }, { direction: 'egress' }]);
  const empty = 'sg:\n  rules: []\n';
  const c = editYaml(empty, ['sg'], (ed, m) => ed.append(m, ['rules'], { direction: 'egress' }));
  assert.deepEqual((c.value as any).sg.rules, [{ direction: 'egress' }]);
  const d = editYaml('sg:\n  name: x\n', ['sg'], (ed, m) => ed.append(m, ['rules'], { direction: 'egress', priority: 1 }));
  assert.deepEqual((d.value as any).sg.rules, [{ direction: 'egress', priority: 1 }]);
  const zeroIndent = 'rules:\n- direction: ingress\n  protocol: tcp\nname: x\n';
  const e = editYaml(zeroIndent, [], (ed, m) => ed.append(m, ['rules'], { direction: 'egress' }));
  assert.deepEqual((e.value as any).rules, [{ direction: 'ingress', protocol: 'tcp' }, { direction: 'egress' }]);
});

test('YAML: CRLF files get CRLF edits', () => {
  const text = BLOCK.replace(/\n/g, '\r\n');
  const { out } = editYaml(text, ['pools', 0, 'healthmonitor'], (ed, m) => ed.set(m, ['url_path'], '/x'));
  assert.ok(!/[^\r]\n/.test(out), 'no bare LF');
});

test('YAML: nodes reached through aliases are never edited', () => {
  const text = 'base: &b {type: TCP}\npool:\n  healthmonitor: *b\n';
  const root = parseYaml(text).documents[0]!.root as SMap;
  const hm = mapAt(root, ['pool', 'healthmonitor']);
  assert.equal(hm.aliased, true);
});

const JSON_TEXT = `{
    "pools": [
        {
            "name": "p",
            "healthmonitor": { "type": "TCP", "timeout": 10 },
            "members": [ { "server": "a" } ]
        }
    ]
}
`;

test('JSON: set, remove and append keep the file\'s indentation', () => {
  const a = editJson(JSON_TEXT, ['pools', 0, 'healthmonitor'], (ed, m) => ed.set(m, ['timeout'], 5));
  assert.equal((a.value as any).pools[0].healthmonitor.timeout, 5);
  const b = editJson(JSON_TEXT, ['pools', 0], (ed, m) => ed.set(m, ['session_persistence'], { type: 'SOURCE_IP' }));
  assert.ok(b.out.includes('\n            "session_persistence"'), b.out);
  const c = editJson(JSON_TEXT, ['pools', 0], (ed, m) => ed.remove(m, ['healthmonitor']));
  assert.equal((c.value as any).pools[0].healthmonitor, undefined);
  const d = editJson(JSON_TEXT, ['pools', 0], (ed, m) => ed.append(m, ['members'], { server: 'b' }));
  assert.deepEqual((d.value as any).pools[0].members, [{ server: 'a' }, { server: 'b' }]);
  const e = editJson(JSON_TEXT, ['pools', 0], (ed, m) => ed.append(m, ['tags'], { k: 'v' }));
  assert.deepEqual((e.value as any).pools[0].tags, [{ k: 'v' }]);
});

test('YAML: remove an item from a block or flow sequence', () => {
  const text = 'policies:\n  # first\n  - name: a\n    action: x\n  # second\n  - name: b\n    action: y\n  - name: c\nflow: [{n: 1}, {n: 2}, {n: 3}]\n';
  const root = parseYaml(text).documents[0]!.root as SMap;
  const ed = new YamlEditor(new SourceText('x.yaml', text), root);
  const mid = applyEdits(text, ed.removeItem(mapAt(root, ['policies', 1]))!);
  assert.deepEqual((toPlain(parseYaml(mid).documents[0]!.root) as any).policies.map((p: any) => p.name), ['a', 'c']);
  assert.ok(!mid.includes('# second'), 'the comment that describes the removed item goes with it');
  assert.ok(mid.includes('# first'), 'other comments stay');
  const last = applyEdits(text, ed.removeItem(mapAt(root, ['policies', 2]))!);
  assert.deepEqual((toPlain(parseYaml(last).documents[0]!.root) as any).policies.map((p: any) => p.name), ['a', 'b']);
  for (const i of [0, 1, 2]) {
    const out = applyEdits(text, ed.removeItem(mapAt(root, ['flow', i]))!);
    const flow = (toPlain(parseYaml(out).documents[0]!.root) as any).flow.map((x: any) => x.n);
    assert.deepEqual(flow, [1, 2, 3].filter((_, j) => j !== i), out);
  }
  const single = 'l:\n  - name: only\n';
  const sroot = parseYaml(single).documents[0]!.root as SMap;
  const out = applyEdits(single, new YamlEditor(new SourceText('x.yaml', single), sroot).removeItem(mapAt(sroot, ['l', 0]))!);
  assert.deepEqual(toPlain(parseYaml(out).documents[0]!.root), { l: [] });
});

test('JSON: remove an item from an array', () => {
  const text = '{\n  "l": [\n    {"n": 1},\n    {"n": 2}\n  ]\n}\n';
  const root = parseJson(text).root as SMap;
  const out = applyEdits(text, new JsonEditor(new SourceText('x.json', text), root).removeItem(mapAt(root, ['l', 0]))!);
  assert.deepEqual(toPlain(parseJson(out).root), { l: [{ n: 2 }] });
});
