#!/usr/bin/env node
'use strict';
/**
 * What do the suspected bottlenecks cost inside one full `lintText`? Whole-lint differences at
 * 100,000 lines are drowned by GC noise (±20% run to run), so the suspects are measured directly:
 * each is wrapped *in memory* (a monkeypatch of the loaded module; no file is touched) to add up
 * the time spent inside it (inclusive, outermost call only) during the lint, median over runs:
 *
 *   parseRange            network/cidr.ts, re-parsing CIDRs and addresses (ELB605 calls it in a
 *                         loop over every server and member, for every backend subnet)
 *   building fixes        NodeOrigin.setField/removeField/appendToList/removeSelf: lint.ts builds
 *                         every finding's fix at once, even when nobody asks for it
 *   SourceText.eol        the line-break probe, which scans the whole text on every call
 *   closest               did-you-mean for undefined references (adapters/own/adapter.ts)
 *   ELB605 check          the rule itself
 *
 * Plus one counterfactual that is far above the noise: yaml's `Alias.resolve` with the document's
 * anchor list computed once per document (parse/yaml.ts calls `n.resolve(doc)` without a ctx, and
 * yaml then walks the whole document for every alias it resolves), on a file full of aliases.
 * And, in fresh processes, V8's young generation enlarged (--max-semi-space-size), since GC is a
 * large share of the profile.
 *
 *   node bench/whatif.js [--lines 100000] [--anchor-lines 2000] [--runs 3] [--semi true|false]
 */
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { OUT, median, emit, arg, uptime } = require('./lib/util');
const { generate, generateAnchors } = require('./generate');

const YAML = require('yaml');
const { lintText } = require(path.join(OUT, 'engine/lint.js'));
const { SourceText } = require(path.join(OUT, 'engine/text/source.js'));
const suggest = require(path.join(OUT, 'engine/text/suggest.js'));
const cidr = require(path.join(OUT, 'engine/network/cidr.js'));
const { NodeOrigin } = require(path.join(OUT, 'engine/adapters/own/origin.js'));
const { getRule } = require(path.join(OUT, 'engine/rules/index.js'));

function cpuNow() {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

/** Wrap a function so the time inside it (outermost calls) is added to `acc`. */
function meter(acc, fn) {
  return function metered(...args) {
    if (acc.depth++ > 0) {
      try {
        return fn.apply(this, args);
      } finally {
        acc.depth--;
      }
    }
    acc.calls++;
    const t0 = performance.now();
    try {
      return fn.apply(this, args);
    } finally {
      acc.ms += performance.now() - t0;
      acc.depth--;
    }
  };
}

function install() {
  const accs = {};
  const undo = [];
  const acc = (name) => (accs[name] = { ms: 0, calls: 0, depth: 0 });
  // parseRange: the module's export (rules call it through the module object).
  const pr = acc('parseRange');
  const origPR = cidr.parseRange;
  cidr.parseRange = meter(pr, origPR);
  undo.push(() => (cidr.parseRange = origPR));
  // Fix building.
  const fx = acc('building fixes');
  for (const n of ['setField', 'removeField', 'appendToList', 'removeSelf']) {
    const orig = NodeOrigin.prototype[n];
    if (typeof orig !== 'function') continue;
    NodeOrigin.prototype[n] = meter(fx, orig);
    undo.push(() => (NodeOrigin.prototype[n] = orig));
  }
  // SourceText.eol (a getter).
  const eol = acc('SourceText.eol');
  const d = Object.getOwnPropertyDescriptor(SourceText.prototype, 'eol');
  Object.defineProperty(SourceText.prototype, 'eol', { configurable: true, get: meter(eol, d.get) });
  undo.push(() => Object.defineProperty(SourceText.prototype, 'eol', d));
  // closest.
  const cl = acc('closest (did-you-mean)');
  const origCl = suggest.closest;
  suggest.closest = meter(cl, origCl);
  undo.push(() => (suggest.closest = origCl));
  // ELB605's check.
  const r605 = getRule('ELB605');
  if (r605) {
    const a = acc('ELB605 check');
    const orig = r605.check;
    r605.check = meter(a, orig);
    undo.push(() => (r605.check = orig));
  }
  return { accs, undo: () => undo.forEach((u) => u()) };
}

function attribution(text, file, runs) {
  lintText(text, { path: file });
  const per = [];
  for (let i = 0; i < runs; i++) {
    const { accs, undo } = install();
    const c0 = cpuNow();
    const t0 = performance.now();
    const r = lintText(text, { path: file });
    const wall = performance.now() - t0;
    const cpu = cpuNow() - c0;
    undo();
    per.push({ wall, cpu, findings: r.findings.length, accs: Object.fromEntries(Object.entries(accs).map(([k, v]) => [k, { ms: v.ms, calls: v.calls }])) });
  }
  const names = Object.keys(per[0].accs);
  return {
    lintWallMs: median(per.map((p) => p.wall)),
    lintCpuMs: median(per.map((p) => p.cpu)),
    findings: per[0].findings,
    inside: Object.fromEntries(names.map((n) => [n, { ms: median(per.map((p) => p.accs[n].ms)), calls: per[0].accs[n].calls }])),
  };
}

/** Alias.resolve without a walk of the whole document per call (what yaml does with a ctx). */
function patchAlias() {
  const proto = YAML.Alias.prototype;
  const orig = proto.resolve;
  const lists = new WeakMap();
  proto.resolve = function resolve(doc, ctx) {
    if (ctx) return orig.call(this, doc, ctx);
    let nodes = lists.get(doc);
    if (!nodes) {
      nodes = [];
      YAML.visit(doc, { Node: (_k, n) => void ((YAML.isAlias(n) || n.anchor) && nodes.push(n)) });
      lists.set(doc, nodes);
    }
    let found;
    for (const n of nodes) {
      if (n === this) break;
      if (n.anchor === this.source) found = n;
    }
    return found;
  };
  return () => (proto.resolve = orig);
}

function aliasCounterfactual(text, file, runs) {
  const base = [];
  const changed = [];
  let fb = 0;
  let fc = 0;
  lintText(text, { path: file });
  for (let i = 0; i < runs; i++) {
    let c0 = cpuNow();
    fb = lintText(text, { path: file }).findings.length;
    base.push(cpuNow() - c0);
    const undo = patchAlias();
    try {
      c0 = cpuNow();
      fc = lintText(text, { path: file }).findings.length;
      changed.push(cpuNow() - c0);
    } finally {
      undo();
    }
  }
  const b = median(base);
  const c = median(changed);
  return { baseMs: b, changedMs: c, savedMs: b - c, savedPct: (100 * (b - c)) / b, findingsBase: fb, findingsChanged: fc };
}

/** Lint CPU in a fresh process started with extra V8 flags: median of `runs` after a warm-up. */
function childLint(flags, lines, runs) {
  const script = `
    const { lintText } = require(${JSON.stringify(path.join(OUT, 'engine/lint.js'))});
    const { generate } = require(${JSON.stringify(path.join(__dirname, 'generate.js'))});
    const text = generate({ lines: ${lines}, seed: 1 }).text;
    const out = [];
    lintText(text, { path: '/bench/x.elb.yaml' });
    for (let i = 0; i < ${runs}; i++) { const c0 = process.cpuUsage(); lintText(text, { path: '/bench/x.elb.yaml' }); const c = process.cpuUsage(c0); out.push((c.user + c.system) / 1000); }
    out.sort((a, b) => a - b);
    console.log(out[out.length >> 1]);`;
  const r = spawnSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8' });
  return Number(r.stdout.trim());
}

function main() {
  const lines = Number(arg('lines', 100000));
  const anchorLines = Number(arg('anchor-lines', 2000));
  const runs = Number(arg('runs', 3));
  const out = { part: 'whatif', lines, runs, uptime: uptime(), attribution: {} };
  for (const n of [...new Set([Math.min(lines, 10000), lines])]) {
    process.stderr.write(`  whatif: attribution at ${n} lines\n`);
    out.attribution[n] = attribution(generate({ lines: n, seed: 1 }).text, `/bench/generated-${n}.elb.yaml`, runs);
  }
  process.stderr.write('  whatif: alias-cached\n');
  const a = generateAnchors({ lines: anchorLines, seed: 1 });
  out.aliasCached = { lines: a.lines, aliases: a.aliases, ...aliasCounterfactual(a.text, `/bench/anchors-${anchorLines}.elb.yaml`, runs) };
  out.semiSpace = [];
  if (String(arg('semi', 'true')) !== 'false') {
    const semiLines = Math.min(lines, 10000);
    for (const mb of [0, 32, 64]) {
      process.stderr.write(`  whatif: semi-space ${mb || 'default'}\n`);
      const flags = mb ? [`--max-semi-space-size=${mb}`] : [];
      out.semiSpace.push({ semiSpaceMiB: mb || 'default', lines: semiLines, lintMs: childLint(flags, semiLines, 7), lintMsLarge: childLint(flags, lines, 3) });
    }
  }
  emit(out);
}

main();
