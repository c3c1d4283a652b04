import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../../server/out/engine/lint';
import { MAX_PARSE_PROBLEMS } from '../../../server/out/engine/parse/problems';
import { YAML_LIMITS } from '../../../server/out/engine/parse/yaml';

/** Regressions for failures the fuzzer found in the parsers (each also saved under test/fuzz-regressions/). */
describe('parser limits found by fuzzing', () => {
  const inside = (text: string, path: string) => {
    const r = lintText(text, { path });
    for (const f of r.findings) assert.ok(f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= text.length, `${f.ruleId} ${f.span.start}..${f.span.end} in ${text.length}: ${f.message}`);
    return r;
  };

  test('a syntax error at the end of the input stays inside the text (YAML and JSON)', () => {
    inside('version: 1\nvpcs:\n  - name: vpc-prod\n    cidr: [192.168.0.0/16\n', 'x.elb.yaml');
    inside('{', 'x.elb.json');
    inside('{"version": 1, "vpcs": [', 'x.elb.json');
    inside('version: 1\nregion: "unterminated', 'x.elb.yaml');
  });

  test('tens of thousands of syntax errors: the first ones are reported, quickly', () => {
    const nest = (d: number) => '{"a": '.repeat(d) + '1' + '}'.repeat(d);
    const text = 'v' + nest(195) + 'ersion: 1\n' + ('\nv' + nest(195) + 'ersion: 1\n').repeat(40);
    const t0 = performance.now();
    const r = inside(text, 'x.elb.yaml');
    const ms = performance.now() - t0;
    const syntax = r.findings.filter((f) => f.ruleId === 'ELB001');
    assert.ok(syntax.length <= MAX_PARSE_PROBLEMS + 2, `${syntax.length} syntax findings`);
    assert.equal(syntax.filter((f) => /syntax problems in all; only the first 200 are shown/.test(f.message)).length, 1);
    assert.ok(ms < 5000, `${ms} ms`);
    const json = inside('[' + '1 2 '.repeat(5000) + ']', 'x.elb.json');
    assert.ok(json.findings.filter((f) => f.ruleId === 'ELB001').length <= MAX_PARSE_PROBLEMS + 2);
    assert.ok(json.findings.some((f) => /only the first 200/.test(f.message)));
  });

  test('nesting far beyond the limit gives one deterministic tooDeep, never a stack overflow', () => {
    const d = 5000;
    const texts = [
      'version: 1\nx: ' + '{"a": '.repeat(d) + '1' + '}'.repeat(d) + '\n',
      'version: 1\nx: ' + '['.repeat(d) + ']'.repeat(d) + '\n',
      'version: 1\nx: ' + '['.repeat(d) + '\n',
      'version: 1\n' + '- '.repeat(d) + 'x\n',
      'version: 1\nx:\n' + Array.from({ length: 1200 }, (_, i) => ' '.repeat(i + 1) + 'a:').join('\n') + '\n',
    ];
    for (const text of texts) {
      const a = inside(text, 'x.elb.yaml');
      const b = inside(text, 'x.elb.yaml');
      assert.deepEqual(b.findings.map((f) => [f.ruleId, f.span, f.message]), a.findings.map((f) => [f.ruleId, f.span, f.message]));
      assert.ok(a.findings.some((f) => f.ruleId === 'ELB001' && /Nesting deeper than/.test(f.message)), a.findings.map((f) => f.message).join('\n'));
      assert.ok(!a.findings.some((f) => f.ruleId === 'ELB090' || /tag/i.test(f.message)));
    }
    assert.ok(YAML_LIMITS.syntaxDepth > YAML_LIMITS.depth);
  });

  test('alias bombs repeated many times cost linear time (aliases resolved in one walk)', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill('*' + 'abcdefghi'[i]).join(',')}]`)].join('\n');
    const cpu = (text: string) => {
      const c = process.cpuUsage();
      const r = lintText(text, { path: 'x.elb.yaml' });
      const d = process.cpuUsage(c);
      return { r, ms: (d.user + d.system) / 1000 };
    };
    cpu('version: 1\n' + bomb + '\n');
    const one = cpu('version: 1\n' + bomb + '\n');
    const many = cpu(('version: 1\n' + bomb + '\n\n').repeat(22));
    assert.ok(one.r.findings.some((f) => /alias/i.test(f.message)));
    assert.ok(many.r.findings.some((f) => /alias/i.test(f.message)));
    // Was 800 ms of CPU for 22 copies (every alias walked the whole document).
    assert.ok(many.ms < 400 + 40 * one.ms, `${many.ms} ms for 22 copies, ${one.ms} ms for one`);
  });
});
