import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ROOT, run } from '../cli/run';

test('--timing prints the time of each rule and reader, slowest first, on stderr only', () => {
  const examples = path.join(ROOT, 'examples');
  const plain = run(['.'], examples);
  const timed = run(['--timing', '.'], examples);
  assert.equal(timed.stdout, plain.stdout, 'the report itself is unchanged');
  assert.equal(timed.code, plain.code);
  const lines = timed.stderr.trim().split('\n');
  assert.match(lines[0]!, /^Rule\s+\| Time \(ms\) \| Relative \| Calls$/);
  const rows = lines.slice(2).map((l) => l.split('|').map((x) => x.trim()));
  assert.ok(rows.some((r) => /^ELB\d{3}$/.test(r[0]!)), 'rules are listed');
  assert.ok(rows.some((r) => r[0] === 'read:elb-yaml'), 'reading is listed');
  const ms = rows.map((r) => Number(r[1]));
  for (let i = 1; i < ms.length; i++) assert.ok(ms[i - 1]! >= ms[i]!, 'slowest first');
  assert.ok(rows.every((r) => Number(r[3]) >= 1));
});
