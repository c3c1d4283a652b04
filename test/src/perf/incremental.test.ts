import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { lintText } from '../../../server/out/engine/lint';
import { parseYaml, reparseYaml, type ParsedYaml } from '../../../server/out/engine/parse/yaml';

// The benchmark's generator: realistic configurations (block and flow style, comments, mistakes).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generate } = require(path.resolve(__dirname, '..', '..', '..', 'bench', 'generate.js')) as { generate: (o: { lines: number; seed: number }) => { text: string } };

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['x', ' ', '\n', '- ', ': ', '#', '"', "'", '{', '}', '[', ']', ',', '8', '  ', '\n  - name: n\n', '\n    port: 80', '&a ', '*a', '---\n', '\t', '|\n', 'elb-lint-disable-line ELB101', '\n# c\n', '? '];

function randomEdit(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  const kind = r();
  if (kind < 0.45) return text.slice(0, at) + PIECES[Math.floor(r() * PIECES.length)] + text.slice(at);
  if (kind < 0.8) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(r() * 6)));
  // Replace a character in a value-ish place: the commonest keystroke.
  return text.slice(0, at) + String.fromCharCode(97 + Math.floor(r() * 26)) + text.slice(at + 1);
}

/** Whether `inc` reused nodes of `prev` (the incremental path was taken, not a full parse). */
function reusedFrom(prev: ParsedYaml, inc: ParsedYaml): boolean {
  const a = prev.documents[0]?.root;
  const b = inc.documents[0]?.root;
  if (!a || !b || a.kind !== 'map' || b.kind !== 'map') return false;
  const old = new Set<unknown>();
  for (const e of a.entries) {
    old.add(e.value);
    if (e.value?.kind === 'seq') for (const it of e.value.items) old.add(it);
  }
  for (const e of b.entries) {
    if (e.value && old.has(e.value)) return true;
    if (e.value?.kind === 'seq' && e.value.items.some((it) => old.has(it))) return true;
  }
  return false;
}

function same(a: ParsedYaml, b: ParsedYaml, what: string): void {
  assert.deepEqual(a.documents, b.documents, what + ': documents');
  assert.deepEqual(a.problems, b.problems, what + ': problems');
  assert.deepEqual(a.directiveComments, b.directiveComments, what + ': directive comments');
}

test('incremental re-parse equals a full parse, over hundreds of random edits', () => {
  let reused = 0;
  let edits = 0;
  for (const seed of [1, 2]) {
    const r = rng(seed);
    let text = generate({ lines: 300, seed }).text;
    let prev = parseYaml(text);
    for (let i = 0; i < 120; i++) {
      const next = randomEdit(text, r);
      const inc = reparseYaml(text, prev, next);
      const full = parseYaml(next);
      same(inc, full, `seed ${seed}, edit ${i}`);
      if (reusedFrom(prev, inc)) reused++;
      edits++;
      // Mostly keep the edited text (typing drifts the file), sometimes start again from a clean one.
      if (r() < 0.9) {
        text = next;
        prev = inc;
      } else {
        text = generate({ lines: 300, seed: seed + i }).text;
        prev = parseYaml(text);
      }
    }
  }
  assert.ok(edits === 240);
  // Random edits often break the YAML or hit a boundary (full parse); many still splice.
  assert.ok(reused > 20, `${reused} of ${edits} edits re-parsed incrementally`);
});

test('single-character edits in values reuse the tree and give the same lint', () => {
  const text = generate({ lines: 1000, seed: 5 }).text;
  const prev = parseYaml(text);
  const r = rng(9);
  let spliced = 0;
  for (let i = 0; i < 60; i++) {
    // Inside a quoted value or after a plain scalar, as people type.
    const at = text.indexOf('"', Math.floor(r() * text.length));
    if (at < 0) continue;
    const next = text.slice(0, at + 1) + 'x' + text.slice(at + 1);
    const inc = reparseYaml(text, prev, next);
    same(inc, parseYaml(next), `edit at ${at}`);
    if (reusedFrom(prev, inc)) spliced++;
  }
  assert.ok(spliced > 40, `spliced ${spliced} of 60`);
});

test('lintText with the previous result gives the same findings as a fresh lint', () => {
  let text = generate({ lines: 300, seed: 11 }).text;
  let prev = lintText(text, { path: 'inc.elb.yaml' });
  const r = rng(3);
  for (let i = 0; i < 30; i++) {
    text = randomEdit(text, r);
    const inc = lintText(text, { path: 'inc.elb.yaml', previous: prev });
    const full = lintText(text, { path: 'inc.elb.yaml' });
    assert.deepEqual(
      inc.findings.map((f) => [f.ruleId, f.span, f.message, f.related]),
      full.findings.map((f) => [f.ruleId, f.span, f.message, f.related]),
      `edit ${i}`,
    );
    assert.deepEqual(inc.suppressed.map((f) => [f.ruleId, f.span]), full.suppressed.map((f) => [f.ruleId, f.span]));
    prev = inc;
  }
});
