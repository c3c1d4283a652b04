import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../../server/out/engine/lint';
import { parseYaml } from '../../../server/out/engine/parse/yaml';
import { parseJson } from '../../../server/out/engine/parse/json';

function lint(text: string, path = 'x.elb.yaml') {
  return lintText(text, { path });
}

function syntax(text: string, path?: string) {
  const r = lint(text, path);
  return r.findings.filter((f) => f.ruleId === 'ELB001').map((f) => ({ at: r.source.positionAt(f.span.start), msg: f.message }));
}

test('broken YAML gets a positioned ELB001, never a throw', () => {
  const s = syntax('version: 1\nloadbalancers:\n  - name: [unclosed\n');
  assert.ok(s.length > 0);
  assert.ok(s[0]!.at.line >= 2, JSON.stringify(s));
  assert.match(s[0]!.msg, /YAML syntax error/);
});

test('duplicate keys are reported on the second key', () => {
  const text = 'version: 1\nregion: a\nregion: b\n';
  const r = lint(text);
  const f = r.findings.find((x) => x.ruleId === 'ELB001');
  assert.ok(f);
  assert.equal(r.source.positionAt(f.span.start).line, 2);
  assert.match(f.message, /Duplicate key/);
});

test('unknown tags are reported and never executed', () => {
  const r = lint('version: 1\nregion: !!js/function "function(){ throw new Error(1) }"\n');
  const f = r.findings.find((x) => x.ruleId === 'ELB001');
  assert.ok(f);
  assert.match(f.message, /!!js\/function/);
});

test('alias bombs are capped quickly', () => {
  const lines = ['version: 1', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
  let prev = 'a';
  for (const n of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) {
    lines.push(`${n}: &${n} [${Array(9).fill('*' + prev).join(',')}]`);
    prev = n;
  }
  const t0 = Date.now();
  const r = lint(lines.join('\n') + '\n');
  assert.ok(Date.now() - t0 < 2000, 'finishes fast');
  assert.ok(r.findings.some((f) => f.ruleId === 'ELB001' && /alias/i.test(f.message)));
});

test('aliases of ordinary size resolve, and merge keys are honoured', () => {
  const p = parseYaml('base: &b {protocol: HTTP, lb_algorithm: ROUND_ROBIN}\npool:\n  <<: *b\n  name: p\n');
  const root = p.documents[0]!.root!;
  assert.equal(root.kind, 'map');
  const pool = root.kind === 'map' ? root.entries.find((e) => e.key === 'pool')!.value! : null;
  assert.ok(pool && pool.kind === 'map');
  assert.deepEqual(pool.kind === 'map' ? pool.entries.map((e) => e.key).sort() : [], ['lb_algorithm', 'name', 'protocol']);
});

test('empty file, comment-only file and a non-mapping top level', () => {
  assert.match(syntax('')[0]!.msg, /empty/);
  assert.match(syntax('# just a comment\n')[0]!.msg, /empty/);
  assert.match(syntax('- a\n- b\n')[0]!.msg, /mapping/);
  assert.match(syntax('"text"', 'x.elb.json')[0]!.msg, /mapping/);
});

test('more than one YAML document is reported', () => {
  assert.ok(syntax('version: 1\n---\nversion: 1\n').some((s) => /one YAML document/.test(s.msg)));
});

test('CRLF and BOM keep positions right', () => {
  const text = '\ufeffversion: 1\r\nregion: cn-north-4\r\nloadbalancers:\r\n  - name: lb\r\n    listeners:\r\n      - {name: l, protocol: HTTP, protocol_port: 80, default_pool: missing}\r\n';
  const r = lint(text);
  const f = r.findings.find((x) => x.ruleId === 'ELB003');
  assert.ok(f, JSON.stringify(r.findings));
  assert.equal(r.source.slice(f.span), 'missing');
  assert.equal(r.source.positionAt(f.span.start).line, 5);
});

test('JSON: syntax errors, duplicate keys, BOM and deep nesting', () => {
  const bad = parseJson('{"version": 1,, }');
  assert.ok(bad.problems.length > 0);
  const dup = parseJson('{"version": 1, "version": 1}');
  assert.equal(dup.problems[0]!.messageId, 'duplicateKey');
  assert.equal(parseJson('\ufeff{"version": 1}').problems.length, 0);
  const deep = parseJson('['.repeat(100000));
  assert.equal(deep.problems[0]!.messageId, 'tooDeep');
});

test('deep YAML nesting does not overflow the stack', () => {
  const r = lint('version: 1\nx: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n');
  assert.ok(r.findings.some((f) => f.ruleId === 'ELB001'));
});

test('a reference to an undefined name suggests the closest one, with a fix', () => {
  const r = lint(
    'version: 1\nloadbalancers:\n  - name: lb\n    listeners:\n      - {name: l, protocol: HTTP, protocol_port: 80, default_pool: web-pol}\n    pools:\n      - {name: web-pool, protocol: HTTP}\n',
  );
  const f = r.findings.find((x) => x.ruleId === 'ELB003')!;
  assert.match(f.message, /did you mean `web-pool`/);
  assert.equal(f.fixes[0]!.edits[0]!.newText, 'web-pool');
});

test('duplicate names point at the first definition', () => {
  const r = lint('version: 1\nsecurity_groups:\n  - name: sg\n  - name: sg\n');
  const f = r.findings.find((x) => x.ruleId === 'ELB004')!;
  assert.equal(r.source.positionAt(f.span.start).line, 3);
  assert.equal(r.source.positionAt(f.related[0]!.span.start).line, 2);
});

test('Chinese messages with locale zh-cn', () => {
  const r = lintText('version: 1\nregion: a\nregion: b\n', { path: 'x.elb.yaml', locale: 'zh-cn' });
  assert.match(r.findings[0]!.message, /重复/);
});
