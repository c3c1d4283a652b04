import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../../server/out/engine/lint';

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
});
