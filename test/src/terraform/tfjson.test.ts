import assert from 'node:assert/strict';
import * as path from 'node:path';
import test from 'node:test';
import { FIXTURES } from '../helpers';
import { describe, lintModule, loadDir, ready } from './harness';
import * as fs from 'node:fs';

const DIR = path.join(FIXTURES, 'terraform-json');

test('.tf.json: read with .tf files of the same directory as one module; templates evaluated; no edits', async () => {
  await ready;
  const files = loadDir(DIR);
  files.set(path.join(DIR, 'main.tf.json'), fs.readFileSync(path.join(DIR, 'main.tf.json'), 'utf8'));
  const l = lintModule(files);
  assert.deepEqual(l.findings.map((f) => describe(l, f)).sort(), [
    'ELB302 main.tf.json:22 5',
    'ELB401 main.tf.json:30 "persistence"',
  ]);
  // The JSON syntax is never edited with HCL text.
  assert.ok(l.findings.every((f) => f.fixes.length === 0));
  // `${local.prefix}-lb` was evaluated.
  assert.ok(l.model!.listeners[0]!.lb.name.endsWith('.web'));
});
