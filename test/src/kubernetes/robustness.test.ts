import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES } from '../helpers';
import { lintText } from '../../../server/out/engine/lint';
import { parseYaml } from '../../../server/out/engine/parse/yaml';
import { kubernetesCompletions, kubernetesHover } from '../../../server/out/engine/adapters/kubernetes/editor';

const dir = path.join(FIXTURES, 'kubernetes');
const texts = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));

/** A small deterministic generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

test('damaged manifests never crash the reader, the rules or the editor features', () => {
  const rand = rng(7);
  const pieces = ['"', "'", '{', '}', '[', ']', ',', ':', '\n', '  ', '\\', '#', '- ', '|', '>', '&a', '*a', '\t', 'é', '\u{1F600}', '"delay": "x"', '{"', '0x'];
  let runs = 0;
  for (const base of texts) {
    for (let i = 0; i < 40; i++) {
      let t = base;
      const edits = 1 + Math.floor(rand() * 3);
      for (let k = 0; k < edits; k++) {
        const at = Math.floor(rand() * t.length);
        const cut = Math.floor(rand() * 6);
        t = t.slice(0, at) + pieces[Math.floor(rand() * pieces.length)] + t.slice(at + cut);
      }
      const r = lintText(t, { path: 'fuzz.yaml' });
      runs++;
      const internal = r.findings.filter((f) => f.ruleId === 'ELB090');
      assert.deepEqual(internal.map((f) => f.message), [], t);
      // (A damaged header may hand the file to the own-format reader: spans are checked for ours.)
      for (const f of r.format === 'kubernetes' ? r.findings : []) {
        assert.ok(f.span.start >= 0 && f.span.end <= t.length && f.span.start <= f.span.end, `${f.ruleId} span ${JSON.stringify(f.span)} of ${t.length}: ${f.message}\n${t}`);
        for (const fix of f.fixes) for (const e of fix.edits) assert.ok(e.span.start >= 0 && e.span.end <= t.length);
      }
      const o = Math.floor(rand() * t.length);
      kubernetesHover(t, o, 'en');
      kubernetesCompletions(t, o, 'en');
    }
  }
  assert.ok(runs > 400);
});

test('a large Helm output: lint stays within a small factor of the bare YAML parse', () => {
  const one = texts.find((t) => t.includes('checkout'))!;
  const many = Array.from({ length: 300 }, (_, i) => one.replace(/name: checkout/, `name: checkout-${i}`).replace(/0b4b9c7e-5a4f-4a8e-9d3c-2f6e8a1b7c90/, `0b4b9c7e-5a4f-4a8e-9d3c-${String(i).padStart(12, '0')}`)).join('\n---\n');
  const time = (f: () => void) => {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      f();
      runs.push(performance.now() - t0);
    }
    return runs.sort((a, b) => a - b)[1]!;
  };
  const parse = time(() => parseYaml(many));
  const lint = time(() => lintText(many, { path: 'big.yaml' }));
  assert.equal(lintText(many, { path: 'big.yaml' }).findings.filter((f) => f.ruleId === 'ELB401').length, 300);
  assert.ok(lint < 4 * parse + 100, `lint ${lint.toFixed(0)} ms vs parse ${parse.toFixed(0)} ms`);
});
