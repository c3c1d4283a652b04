#!/usr/bin/env node
'use strict';
/**
 * Where the time goes, from V8's sampling profiler (node:inspector), for `lintText` on a large
 * generated configuration and on a configuration full of anchors and aliases. Self time is
 * grouped by where the code lives (the yaml library, ajv, our parse/schema/model/rules/fix code,
 * the garbage collector) and the hottest functions are listed with their self and inclusive time.
 *
 *   node bench/profile.js [--lines 100000] [--anchor-lines 2000] [--runs 2]
 */
const path = require('node:path');
const inspector = require('node:inspector');
const { OUT, emit, arg, uptime } = require('./lib/util');
const { generate, generateAnchors } = require('./generate');

const { lintText } = require(path.join(OUT, 'engine/lint.js'));

function post(session, method, params) {
  return new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
}

function where(url) {
  if (!url) return '';
  return url.replace(/^file:\/\//, '').replace(/.*node_modules\//, '').replace(/.*server\/out\//, 'server/out/');
}

function category(cf) {
  const u = cf.url || '';
  if (cf.functionName === '(garbage collector)') return 'garbage collector';
  if (/node_modules\/yaml\//.test(u)) return 'yaml library (CST parse + compose)';
  if (/node_modules\/ajv\//.test(u)) return 'ajv (schema validation)';
  if (/node_modules\//.test(u)) return 'other libraries';
  if (/server\/out\/engine\/parse\//.test(u)) return 'ours: parse (YAML → tree)';
  if (/server\/out\/engine\/schema\//.test(u)) return 'ours: schema error mapping';
  if (/server\/out\/engine\/adapters\/|server\/out\/engine\/model\//.test(u)) return 'ours: model (adapter, index)';
  if (/server\/out\/engine\/rules\/|server\/out\/engine\/network\//.test(u)) return 'ours: rules';
  if (/server\/out\/engine\/fix\/|server\/out\/engine\/text\//.test(u)) return 'ours: fixes, text, suggestions';
  if (/server\/out\//.test(u)) return 'ours: lint.ts and the rest';
  if (cf.functionName === '(program)' || cf.functionName === '(idle)') return 'runtime (program/idle)';
  return 'node runtime';
}

function aggregate(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const selfUs = new Map();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) || 0) + (profile.timeDeltas[i] || 0)));
  let total = 0;
  const cats = new Map();
  const fnSelf = new Map();
  const fnIncl = new Map();
  const key = (cf) => `${cf.functionName || '(anonymous)'} ${where(cf.url)}:${cf.lineNumber + 1}`;
  for (const [id, us] of selfUs) {
    total += us;
    const n = byId.get(id);
    const c = category(n.callFrame);
    cats.set(c, (cats.get(c) || 0) + us);
    const k = key(n.callFrame);
    fnSelf.set(k, (fnSelf.get(k) || 0) + us);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const kk = key(byId.get(cur).callFrame);
      if (seen.has(kk)) continue;
      seen.add(kk);
      fnIncl.set(kk, (fnIncl.get(kk) || 0) + us);
    }
  }
  const pct = (us) => (100 * us) / total;
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => ({ fn: k, ms: us / 1000, pct: pct(us) }));
  const inclusiveOf = (re) => top(new Map([...fnIncl].filter(([k]) => re.test(k))), 12);
  return {
    totalMs: total / 1000,
    categories: top(cats, 20),
    selfTop: top(fnSelf, 15),
    inclusive: inclusiveOf(/server\/out\/|yaml\/dist\/nodes\/Alias|yaml\/dist\/visit|ajv\/dist\/core/),
  };
}

async function profileLint(text, file, runs) {
  lintText(text, { path: file }); // warm-up
  const session = new inspector.Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
  await post(session, 'Profiler.start');
  for (let i = 0; i < runs; i++) lintText(text, { path: file });
  const { profile } = await post(session, 'Profiler.stop');
  session.disconnect();
  return aggregate(profile);
}

async function main() {
  const lines = Number(arg('lines', 100000));
  const anchorLines = Number(arg('anchor-lines', 2000));
  const runs = Number(arg('runs', 2));
  const out = { part: 'profile', uptime: uptime() };
  process.stderr.write(`  profile: lintText on ${lines} lines\n`);
  out.large = { lines, runs, ...(await profileLint(generate({ lines, seed: 1 }).text, `/bench/generated-${lines}.elb.yaml`, runs)) };
  process.stderr.write(`  profile: lintText on anchors (${anchorLines} lines)\n`);
  const a = generateAnchors({ lines: anchorLines, seed: 1 });
  out.anchors = { lines: a.lines, aliases: a.aliases, runs: 1, ...(await profileLint(a.text, `/bench/anchors-${anchorLines}.elb.yaml`, 1)) };
  emit(out);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
