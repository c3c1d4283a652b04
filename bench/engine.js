#!/usr/bin/env node
'use strict';
/**
 * Part 1 — the engine against the floor. In one process, after warm-up:
 *   - `yaml.parseDocument(text)` alone (the floor: we cannot be faster than reading the YAML),
 *   - the full `lintText` (parse + schema + model + every rule),
 *   - each phase through the engine's own pieces (parseYaml, toPlain + validateOwnFormat,
 *     OwnFormatAdapter.build, ModelIndex, the rules),
 *   - each rule's `check` (in lint order with one shared ModelIndex, and alone with a fresh one).
 * The harness's RuleContext mirrors lint.ts runRules (see `context`); keep the two in step.
 * No forced GC between runs: on this V8 a `global.gc()` before each run made the following parse
 * 3-5x slower (the heap is shrunk and regrown, GC helper threads keep running), which measures
 * the collector, not us. Garbage collection is part of the steady-state cost that is timed.
 * Wall time (performance.now) and CPU time of this process (process.cpuUsage) are both recorded:
 * on a shared machine CPU time is the steadier of the two.
 *
 * Then the same for configurations full of anchors and aliases (with and without a nested alias
 * fan-out), to show what aliases cost.
 *
 *   node bench/engine.js [--sizes 1000,10000,100000] [--runs N] [--seed 1] [--anchors 1000,2000,4000]
 */
const path = require('node:path');
const { OUT, median, emit, arg, loadavg, uptime } = require('./lib/util');
const { generate, generateAnchors } = require('./generate');

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

/** Time one call: { wall, cpu } in ms. */
function time(fn) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000, value };
}

/**
 * A RuleContext whose `report` does what lint.ts runRules does: the message, the related spans;
 * fixes are kept as specs (lint.ts renders them lazily, on first use, since f4c2506).
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
    // As lint.ts runRules: a rule's numeric option, here always its default.
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

function phases(text, file) {
  const source = new SourceText(file, text);
  // parseYaml = yaml's CST parser + yaml's composer (same options as parse/yaml.ts) + our conversion
  // to SNode trees: the first two are timed alone so "convert" can be told apart.
  const cst = time(() => Array.from(new YAML.Parser().parse(text)));
  const compose = time(() => Array.from(new YAML.Composer({ prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2' }).compose(cst.value, true, text.length)));
  cst.value = undefined; // keep no more alive than lintText would
  compose.value = undefined;
  const parse = time(() => parseYaml(text));
  const root = parse.value.documents[0].root;
  const plain = time(() => toPlain(root));
  const schema = time(() => validateOwnFormat(root, plain.value, 'en'));
  const model = time(() => new OwnFormatAdapter(source, new YamlEditor(source)).build(root));
  const index = time(() => new ModelIndex(model.value));
  // Rules in lint order, sharing one index (as lintText runs them).
  const shared = context(model.value, index.value);
  const perRule = {};
  const r0 = process.cpuUsage();
  const w0 = performance.now();
  const crashed = {};
  const check = (rule, ctx) => {
    try {
      rule.check(ctx);
    } catch (err) {
      // A rule API this harness does not mirror yet: keep measuring the others, say so in the report.
      crashed[rule.id] = String(err && err.message ? err.message : err);
    }
  };
  for (const rule of faqRules) {
    shared.use(rule);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    check(rule, shared.ctx);
    const c = process.cpuUsage(c0);
    perRule[rule.id] = { shared: { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 } };
  }
  const rc = process.cpuUsage(r0);
  const rules = { wall: performance.now() - w0, cpu: (rc.user + rc.system) / 1000 };
  // Each rule alone, with a fresh index (no verdicts memoised by an earlier rule).
  for (const rule of faqRules) {
    const own = context(model.value, new ModelIndex(model.value));
    own.use(rule);
    const t = time(() => check(rule, own.ctx));
    perRule[rule.id].alone = { wall: t.wall, cpu: t.cpu };
    perRule[rule.id].findings = own.found.length;
  }
  return {
    cst: pick(cst), compose: pick(compose), parse: pick(parse), plain: pick(plain), schema: pick(schema), model: pick(model), index: pick(index), rules,
    perRule, crashed, schemaProblems: schema.value.length, ruleFindings: shared.found.length,
  };
}

function pick(t) {
  return { wall: t.wall, cpu: t.cpu };
}

function medOf(runs, get) {
  return { wall: median(runs.map((r) => get(r).wall)), cpu: median(runs.map((r) => get(r).cpu)) };
}

function main() {
  const sizes = String(arg('sizes', '1000,10000,100000')).split(',').map(Number);
  const runsArg = arg('runs', undefined);
  const seed = Number(arg('seed', 1));
  const results = [];
  for (const lines of sizes) {
    const { text, units, spare } = generate({ lines, seed });
    const file = `/bench/generated-${lines}.elb.yaml`;
    const runs = runsArg ? Number(runsArg) : lines <= 1000 ? 31 : lines <= 10000 ? 11 : 5;
    const warm = arg('warm', undefined) !== undefined ? Number(arg('warm')) : lines <= 1000 ? 20 : lines <= 10000 ? 4 : 1;
    const load0 = loadavg();
    for (let i = 0; i < warm; i++) {
      YAML.parseDocument(text);
      lintText(text, { path: file });
      phases(text, file);
    }
    const bare = [];
    const lint = [];
    const ph = [];
    let findings = 0;
    for (let i = 0; i < runs; i++) {
      // Interleaved, so drifting load hits both sides alike.
      bare.push(pick(time(() => YAML.parseDocument(text))));
      const l = time(() => lintText(text, { path: file }));
      findings = l.value.findings.length;
      lint.push(pick(l));
      ph.push(phases(text, file));
      process.stderr.write(`  engine ${lines} lines: run ${i + 1}/${runs}\r`);
    }
    process.stderr.write('\n');
    const perRule = {};
    for (const id of Object.keys(ph[0].perRule)) {
      perRule[id] = {
        shared: medOf(ph, (r) => r.perRule[id].shared),
        alone: medOf(ph, (r) => r.perRule[id].alone),
        findings: ph[0].perRule[id].findings,
      };
    }
    results.push({
      lines,
      bytes: Buffer.byteLength(text),
      units,
      spare,
      runs,
      warm,
      findings,
      schemaProblems: ph[0].schemaProblems,
      crashedRules: ph[0].crashed,
      bare: medOf(bare, (r) => r),
      lint: medOf(lint, (r) => r),
      bareAll: bare,
      lintAll: lint,
      phases: {
        cst: medOf(ph, (r) => r.cst),
        compose: medOf(ph, (r) => r.compose),
        parse: medOf(ph, (r) => r.parse),
        plain: medOf(ph, (r) => r.plain),
        schema: medOf(ph, (r) => r.schema),
        model: medOf(ph, (r) => r.model),
        index: medOf(ph, (r) => r.index),
        rules: medOf(ph, (r) => r.rules),
      },
      perRule,
      load: { before: load0, after: loadavg() },
    });
  }
  // Anchors and aliases: the same configurations DRYed up with anchors, with and without the
  // nested alias fan-out (see generate.js). Fewer runs: these are slow on purpose.
  const anchors = [];
  const anchorSizes = String(arg('anchors', '1000,2000,4000')).split(',').filter(Boolean).map(Number);
  const anchorRuns = Number(arg('anchor-runs', 3));
  for (const lines of anchorSizes) {
    const a = generateAnchors({ lines, seed });
    const noFan = a.text.replace(/  # alias fan-out[\s\S]*?\*l8, \*l8\]\n/, '');
    const file = `/bench/anchors-${lines}.elb.yaml`;
    const row = { lines: a.lines, aliases: a.aliases, anchors: a.anchors };
    for (const [key, text] of [['withFanOut', a.text], ['withoutFanOut', noFan]]) {
      lintText(text, { path: file });
      const bare = [];
      const lint = [];
      let findings = 0;
      for (let i = 0; i < anchorRuns; i++) {
        bare.push(pick(time(() => YAML.parseDocument(text))));
        const l = time(() => lintText(text, { path: file }));
        findings = l.value.findings.length;
        lint.push(pick(l));
      }
      row[key] = { lines: text.split('\n').length - 1, aliases: (text.match(/\*[a-z][\w-]*/g) || []).length, bare: medOf(bare, (r) => r), lint: medOf(lint, (r) => r), findings };
      process.stderr.write(`  engine anchors ${lines} lines (${key}) done\n`);
    }
    anchors.push(row);
  }
  emit({ part: 'engine', seed, uptime: uptime(), results, anchors });
}

main();
