import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FORMATS } from './formats';
import { runFuzz } from './run';

/**
 * The bounded fuzz run of CI: every format gets its `ciRuns` cases (≥ 2,000 in all; scale with
 * FUZZ_RUNS_SCALE, fix the seed with FUZZ_SEED to replay a run). `npm run fuzz` runs as many as
 * asked and saves failures under test/fuzz-regressions/.
 */
const scale = Number(process.env.FUZZ_RUNS_SCALE) || 1;
const fixedSeed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

describe('fuzzing the engine (bounded)', () => {
  before(async () => {
    for (const f of FORMATS) await f.init?.();
  });
  test('the CI run covers at least 2,000 cases', () => {
    assert.ok(FORMATS.reduce((n, f) => n + f.ciRuns, 0) >= 2000);
  });
  for (const format of FORMATS) {
    test(`${format.name}: ${Math.round(format.ciRuns * scale)} random and mutated documents`, { skip: format.ciRuns === 0 ? 'npm run fuzz only' : false }, () => {
      assert.ok(format.seeds().length > 0, 'a seed corpus');
      const s = runFuzz(format, { runs: Math.round(format.ciRuns * scale), seed: fixedSeed, shrinkMs: 10_000, budgetMs: format.ciBudgetMs });
      const f = s.failure;
      assert.ok(!f, f && `seed ${s.seed} (FUZZ_SEED=${s.seed} replays it; npm run fuzz -- --format ${format.name} --seed ${s.seed} saves it):\n${f.problems.join('\n')}\ncase: ${JSON.stringify(f.case).slice(0, 2000)}\ntext: ${JSON.stringify(f.input.text.slice(0, 2000))}`);
      assert.equal(s.runs, Math.round(format.ciRuns * scale));
      console.log(`# fuzz ${format.name}: ${s.runs} cases in ${(s.totalMs / 1000).toFixed(1)} s, slowest lint ${s.maxMs.toFixed(0)} ms, seed ${s.seed}`);
    });
  }
});
