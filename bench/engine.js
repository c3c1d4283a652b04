#!/usr/bin/env node
'use strict';
/**
 * Part 1 — the engine against the floor.
 *   - `yaml.parseDocument(text)` alone (the floor: we cannot be faster than reading the YAML),
 *   - the full `lintText` (parse + schema + model + every rule),
 *   - each phase through the engine's own pieces (yaml's Parser and Composer as parseYaml calls
 *     them, parseYaml, toPlain, validateOwnFormat, OwnFormatAdapter.build, ModelIndex, the rules),
 *   - each rule's `check` (in lint order with one shared ModelIndex, and alone with a fresh one).
 *
 * Every measurement runs in a process of its own that does only that one thing (inputs prepared
 * first, then warm-up, then the timed runs back to back), so no measurement pays for another's
 * garbage — in one shared process the garbage of one step is collected during the next and
 * skews the comparison either way by ±30%. Bare parse and full lint run in alternating processes
 * (parse, lint, lint, parse, ...) so a change in machine load hits both alike. Wall time
 * (performance.now) and CPU time of the process (process.cpuUsage: user + system, including V8's
 * GC helper threads) are both recorded; on a shared machine CPU time is the steadier of the two.
 * No forced GC: garbage collection is part of the steady-state cost.
 *
 * Then the same for configurations full of anchors and aliases (with and without a nested alias
 * fan-out), to show what aliases cost.
 *
 *   node bench/engine.js [--sizes 1000,10000,100000] [--runs N] [--rounds 2] [--seed 1] [--anchors 1000,2000,4000]
 *                        [--phases false]   (bare parse and full lint only)
 *   node bench/engine.js --worker lint --lines 10000 --runs 5 --warm 2     (one measurement)
 */
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { OUT, median, emit, arg, loadavg, uptime } = require('./lib/util');
const { generate, generateAnchors } = require('./generate');

const PHASES = ['cst', 'compose', 'parseYaml', 'toPlain', 'schema', 'model', 'index', 'rules'];

// ---------------------------------------------------------------------------------------------
// Worker: one kind of measurement in this process.

function worker() {
  const YAML = require('yaml');
  const { lintText } = require(path.join(OUT, 'engine/lint.js'));
  const { parseYaml } = require(path.join(OUT, 'engine/parse/yaml.js'));
  const { toPlain } = require(path.join(OUT, 'engine/parse/tree.js'));
  const { validateOwnFormat } = require(path.join(OUT, 'engine/schema/validate.js'));
  const { OwnFormatAdapter } = require(path.join(OUT, 'engine/adapters/own/adapter.js'));
  const { YamlEditor } = require(path.join(OUT, 'engine/fix/yaml-edit.js'));
  const { SourceText } = require(path.join(OUT, 'engine/text/source.js'));
  const { ModelIndex } = require(path.join(OUT, 'engine/model/indexes.js'));
  const { faqRules, getRule } = require(path.join(OUT, 'engine/rules/index.js'));
  const { format } = require(path.join(OUT, 'engine/rules/rule.js'));

  const kind = String(arg('worker'));
  const lines = Number(arg('lines', 1000));
  const seed = Number(arg('seed', 1));
  const runs = Number(arg('runs', 5));
  const warm = Number(arg('warm', 2));
  const variant = arg('variant', undefined);
  let text;
  if (variant) {
    const a = generateAnchors({ lines, seed });
    text = variant === 'with' ? a.text : a.text.replace(/ {2}# alias fan-out[\s\S]*?\*l8, \*l8\]\n/, '');
  } else text = generate({ lines, seed }).text;
  const file = `/bench/generated-${lines}.elb.yaml`;
  const source = new SourceText(file, text);

  /**
   * A RuleContext whose `report` does what lint.ts runRules does: the message and the related
   * spans; fixes are kept as specs (lint.ts renders them lazily, on first use). Keep in step with
   * lint.ts runRules.
   */
  function context(model, index) {
    const found = [];
    let rule;
    const spanOf = (at, field) => (field ? at.valueSpan(field) ?? at.keySpan(field) ?? at.nameSpan : at.nameSpan);
    const msg = (id, data) => format(rule.messages.en[id] ?? id, data);
    const ctx = {
      model,
      index,
      locale: 'en',
      option(name, ruleId = rule.id) {
        const def = getRule(ruleId)?.options?.[name]?.default;
        if (def === undefined) throw new Error(`rule ${ruleId} has no option ${name}`);
        return def;
      },
      report(spec) {
        const related = (spec.related ?? []).map((r) => ({ span: spanOf(r.at, r.field), message: msg(r.messageId, r.data) }));
        found.push({ message: msg(spec.messageId ?? 'default', spec.data), span: spec.span ?? spanOf(spec.at, spec.field), related, fixSpecs: spec.fixes });
      },
    };
    return { ctx, found, use: (r) => (rule = r) };
  }
  const crashed = {};
  const check = (rule, ctx) => {
    try {
      rule.check(ctx);
    } catch (err) {
      // A rule API this harness does not mirror yet: keep measuring the others, say so.
      crashed[rule.id] = String(err && err.message ? err.message : err);
    }
  };

  const root = () => parseYaml(text).documents[0].root;
  const buildModel = (r) => new OwnFormatAdapter(source, new YamlEditor(source)).build(r);
  let fn;
  let extra = {};
  switch (kind) {
    case 'bare':
      fn = () => YAML.parseDocument(text);
      break;
    case 'lint':
      fn = () => lintText(text, { path: file });
      extra.findings = lintText(text, { path: file }).findings.length;
      break;
    case 'cst':
      fn = () => Array.from(new YAML.Parser().parse(text));
      break;
    case 'compose': {
      const tokens = Array.from(new YAML.Parser().parse(text));
      fn = () => Array.from(new YAML.Composer({ prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2' }).compose(tokens, true, text.length));
      break;
    }
    case 'parseYaml':
      fn = () => parseYaml(text);
      break;
    case 'toPlain': {
      const r = root();
      fn = () => toPlain(r);
      break;
    }
    case 'schema': {
      const r = root();
      const plain = toPlain(r);
      fn = () => validateOwnFormat(r, plain, 'en');
      extra.schemaProblems = fn().length;
      break;
    }
    case 'model': {
      const r = root();
      fn = () => buildModel(r);
      break;
    }
    case 'index': {
      const m = buildModel(root());
      fn = () => new ModelIndex(m);
      break;
    }
    case 'rules': {
      // All rules in lint order with one (fresh) index, as runRules does; the index is included.
      const m = buildModel(root());
      fn = () => {
        const c = context(m, new ModelIndex(m));
        for (const rule of faqRules) {
          c.use(rule);
          check(rule, c.ctx);
        }
        return c.found;
      };
      break;
    }
    case 'perrule': {
      const m = buildModel(root());
      const per = Object.fromEntries(faqRules.map((r) => [r.id, { shared: [], alone: [], findings: 0 }]));
      for (let i = 0; i < warm + runs; i++) {
        const shared = context(m, new ModelIndex(m));
        for (const rule of faqRules) {
          shared.use(rule);
          const c0 = process.cpuUsage();
          check(rule, shared.ctx);
          const c = process.cpuUsage(c0);
          if (i >= warm) per[rule.id].shared.push((c.user + c.system) / 1000);
        }
        for (const rule of faqRules) {
          const own = context(m, new ModelIndex(m));
          own.use(rule);
          const c0 = process.cpuUsage();
          check(rule, own.ctx);
          const c = process.cpuUsage(c0);
          if (i >= warm) per[rule.id].alone.push((c.user + c.system) / 1000);
          per[rule.id].findings = own.found.length;
        }
      }
      const out = {};
      for (const [id, v] of Object.entries(per)) out[id] = { shared: { cpu: median(v.shared) }, alone: { cpu: median(v.alone) }, findings: v.findings };
      emit({ kind, perRule: out, crashed });
      return;
    }
    default:
      throw new Error(`unknown worker kind ${kind}`);
  }
  for (let i = 0; i < warm; i++) fn();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    samples.push({ wall, cpu: (c.user + c.system) / 1000 });
  }
  emit({ kind, lines: text.split('\n').length - 1, bytes: Buffer.byteLength(text), aliases: (text.match(/\*[a-z][\w-]*/g) || []).length, samples, crashed, ...extra });
}

// ---------------------------------------------------------------------------------------------
// Orchestrator

function spawnWorker(kind, opts) {
  const args = [__filename, '--worker', kind];
  for (const [k, v] of Object.entries(opts)) if (v !== undefined) args.push(`--${k}`, String(v));
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const i = r.stdout.lastIndexOf('@@RESULT@@');
  if (i < 0) throw new Error(`engine worker ${kind} ${JSON.stringify(opts)} failed: ${r.stderr.slice(-1500)}`);
  return JSON.parse(r.stdout.slice(i + 10).split('\n')[0]);
}

function med(samples) {
  return { wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)) };
}

function main() {
  const sizes = String(arg('sizes', '1000,10000,100000')).split(',').map(Number);
  const runsArg = arg('runs', undefined);
  const rounds = Number(arg('rounds', 2));
  const seed = Number(arg('seed', 1));
  const results = [];
  for (const lines of sizes) {
    const runs = runsArg ? Number(runsArg) : lines <= 1000 ? 15 : lines <= 10000 ? 6 : 3;
    const warm = arg('warm', undefined) !== undefined ? Number(arg('warm')) : lines <= 1000 ? 10 : lines <= 10000 ? 3 : 1;
    const load0 = loadavg();
    const bare = [];
    const lint = [];
    let findings = 0;
    let bytes = 0;
    const crashed = {};
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? ['bare', 'lint'] : ['lint', 'bare'];
      for (const kind of order) {
        const w = spawnWorker(kind, { lines, seed, runs, warm });
        (kind === 'bare' ? bare : lint).push(...w.samples);
        if (kind === 'lint') findings = w.findings;
        bytes = w.bytes;
      }
      process.stderr.write(`  engine ${lines} lines: bare/lint round ${r + 1}/${rounds}\n`);
    }
    const phases = {};
    let schemaProblems = 0;
    const withPhases = String(arg('phases', 'true')) !== 'false';
    for (const p of withPhases ? PHASES : []) {
      const w = spawnWorker(p, { lines, seed, runs, warm });
      phases[p] = med(w.samples);
      if (w.schemaProblems !== undefined) schemaProblems = w.schemaProblems;
      Object.assign(crashed, w.crashed);
    }
    process.stderr.write(`  engine ${lines} lines: phases done\n`);
    const pr = withPhases ? spawnWorker('perrule', { lines, seed, runs, warm: Math.min(warm, 2) }) : { perRule: {}, crashed: {} };
    Object.assign(crashed, pr.crashed);
    process.stderr.write(`  engine ${lines} lines: rules done\n`);
    results.push({
      lines,
      bytes,
      runs: runs * rounds,
      processes: rounds,
      warm,
      findings,
      schemaProblems,
      crashedRules: crashed,
      bare: med(bare),
      lint: med(lint),
      bareAll: bare,
      lintAll: lint,
      phases,
      perRule: pr.perRule,
      load: { before: load0, after: loadavg() },
    });
  }
  // Anchors and aliases: the same configurations DRYed up with anchors, with and without the
  // nested alias fan-out (see generate.js). Fewer runs: these are slow on purpose.
  const anchors = [];
  const anchorSizes = String(arg('anchors', '1000,2000,4000')).split(',').filter(Boolean).map(Number);
  const anchorRuns = Number(arg('anchor-runs', 3));
  for (const lines of anchorSizes) {
    const row = { lines };
    for (const variant of ['with', 'without']) {
      const b = spawnWorker('bare', { lines, seed, runs: anchorRuns, warm: 1, variant });
      const l = spawnWorker('lint', { lines, seed, runs: anchorRuns, warm: 1, variant });
      row[variant === 'with' ? 'withFanOut' : 'withoutFanOut'] = { lines: l.lines, aliases: l.aliases, bare: med(b.samples), lint: med(l.samples), findings: l.findings };
      if (variant === 'with') {
        row.lines = l.lines;
        row.aliases = l.aliases;
      }
      process.stderr.write(`  engine anchors ${lines} lines (${variant} fan-out) done\n`);
    }
    anchors.push(row);
  }
  emit({ part: 'engine', seed, uptime: uptime(), results, anchors });
}

if (arg('worker', undefined)) worker();
else main();
