#!/usr/bin/env node
'use strict';
/**
 * npm run fuzz [-- --runs N] [--format NAME[,NAME]] [--seed S] [--budget MS] [--hang MS] [--rounds K]
 *
 * Fuzz the engine with as many cases as asked (default 20,000 per format), in a worker thread
 * watched by this process. Every failure (a property broken, or a lint that hangs past --hang ms)
 * is shrunk by fast-check and saved under test/fuzz-regressions/<format>/ as a permanent test,
 * replayed by `npm test`. --rounds K repeats the run with K fresh seeds. Exit code 1 when anything
 * failed. Needs a build (`npm run build`; `npm run fuzz` builds first).
 */
const path = require('node:path');
const fs = require('node:fs');
const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');

const OUT = path.join(__dirname, '..', 'test', 'out', 'fuzz');

if (!isMainThread) {
  const { FORMATS } = require(path.join(OUT, 'formats.js'));
  const format = FORMATS.find((f) => f.name === workerData.format);
  void (format.init ? format.init() : Promise.resolve()).then(() => work(format));
}

function work(format) {
  const { runFuzz } = require(path.join(OUT, 'run.js'));
  let n = 0;
  const stats = runFuzz(format, {
    runs: workerData.runs,
    seed: workerData.seed,
    budgetMs: workerData.budget,
    onCase: (c, input) => {
      n++;
      // The watchdog keeps the case being linted; the bytes travel as base64.
      parentPort.postMessage({ t: 'case', n, c, text: input.text, bytes: input.bytes ? input.bytes.toString('base64') : undefined });
    },
  });
  const f = stats.failure;
  parentPort.postMessage({
    t: 'done',
    stats: { format: stats.format, runs: stats.runs, seed: stats.seed, maxMs: stats.maxMs, totalMs: stats.totalMs },
    failure: f && { c: f.case, text: f.input.text, bytes: f.input.bytes ? f.input.bytes.toString('base64') : undefined, problems: f.problems, shrinks: f.shrinks },
  });
}

if (isMainThread) {

function args() {
  const a = process.argv.slice(2);
  const o = { runs: 20000, formats: undefined, seed: undefined, budget: undefined, hang: 30000, rounds: 1 };
  for (let i = 0; i < a.length; i++) {
    const v = a[i + 1];
    if (a[i] === '--runs') (o.runs = Number(v)), i++;
    else if (a[i] === '--format') (o.formats = v.split(',')), i++;
    else if (a[i] === '--seed') (o.seed = Number(v)), i++;
    else if (a[i] === '--budget') (o.budget = Number(v)), i++;
    else if (a[i] === '--hang') (o.hang = Number(v)), i++;
    else if (a[i] === '--rounds') (o.rounds = Number(v)), i++;
    else if (a[i] === '--help' || a[i] === '-h') {
      process.stdout.write(fs.readFileSync(__filename, 'utf8').split('\n').slice(3, 10).join('\n').replace(/^ \* ?/gm, '') + '\n');
      process.exit(0);
    } else {
      process.stderr.write(`fuzz: unknown argument ${a[i]}\n`);
      process.exit(2);
    }
  }
  return o;
}

function runOne(format, runs, seed, budget, hangMs) {
  const { saveRegression } = require(path.join(OUT, 'run.js'));
  return new Promise((resolve) => {
    const w = new Worker(__filename, { workerData: { format, runs, seed, budget } });
    let last;
    let timer;
    let settled = false;
    const finish = (r) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        // A lint that never returns: save the case being linted, then stop the worker.
        const input = { text: last ? last.text : '', bytes: last && last.bytes ? Buffer.from(last.bytes, 'base64') : undefined };
        const file = saveRegression(format, input, [`lint did not return within ${hangMs} ms`], last && last.c, 'hang');
        void w.terminate();
        finish({ format, runs: last ? last.n : 0, seed, failed: true, saved: file, problems: ['hang'] });
      }, hangMs);
    };
    arm();
    w.on('message', (m) => {
      if (m.t === 'case') {
        last = m;
        arm();
        return;
      }
      const s = m.stats;
      if (!m.failure) return finish({ format, runs: s.runs, seed: s.seed, totalMs: s.totalMs, maxMs: s.maxMs });
      const f = m.failure;
      const input = { text: f.text, bytes: f.bytes ? Buffer.from(f.bytes, 'base64') : undefined };
      const file = saveRegression(format, input, f.problems, f.c, `seed ${s.seed}`);
      finish({ format, runs: s.runs, seed: s.seed, totalMs: s.totalMs, maxMs: s.maxMs, failed: true, saved: file, problems: f.problems });
    });
    w.on('error', (err) => finish({ format, runs: last ? last.n : 0, seed, failed: true, problems: [String(err && err.stack || err)] }));
    w.on('exit', () => finish({ format, runs: last ? last.n : 0, seed, failed: true, problems: ['worker exited'] }));
  });
}

async function main() {
  if (!fs.existsSync(path.join(OUT, 'run.js'))) {
    process.stderr.write('fuzz: build first (npm run build)\n');
    process.exit(2);
  }
  const o = args();
  const { FORMATS } = require(path.join(OUT, 'formats.js'));
  const names = o.formats ?? FORMATS.map((f) => f.name);
  for (const n of names) {
    if (!FORMATS.some((f) => f.name === n)) {
      process.stderr.write(`fuzz: unknown format ${n} (known: ${FORMATS.map((f) => f.name).join(', ')})\n`);
      process.exit(2);
    }
  }
  let failed = 0;
  let cases = 0;
  for (let round = 0; round < o.rounds; round++) {
    for (const n of names) {
      const seed = o.seed !== undefined ? o.seed + round : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
      const r = await runOne(n, o.runs, seed, o.budget, o.hang);
      cases += r.runs;
      if (r.failed) {
        failed++;
        process.stdout.write(`FAIL ${n} seed ${r.seed} after ${r.runs} cases: ${r.problems[0].split('\n')[0]}\n${r.saved ? `  saved ${path.relative(process.cwd(), r.saved)}\n` : ''}`);
      } else {
        process.stdout.write(`ok   ${n} seed ${r.seed}: ${r.runs} cases in ${(r.totalMs / 1000).toFixed(1)} s, slowest lint ${r.maxMs.toFixed(0)} ms\n`);
      }
    }
  }
  process.stdout.write(`${cases} cases, ${failed} failing run(s)\n`);
  process.exitCode = failed ? 1 : 0;
}

void main();
}
