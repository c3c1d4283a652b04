#!/usr/bin/env node
'use strict';
/**
 * Runs every benchmark (each part in its own process) and writes bench/REPORT.md.
 *
 *   npm run bench          full sizes, ~20 minutes on 2 busy cores; writes bench/REPORT.md
 *   npm run bench:smoke    tiny sizes, < 60 s, prints one line; exits 1 only if a part fails to run (CI);
 *                          writes bench/results/REPORT.smoke.md (not committed)
 *   node bench/run.js --only engine,editor   some parts only (full sizes)
 *   node bench/run.js --build                `tsc -b` first (otherwise server/out is used as is)
 *   node bench/run.js --render bench/results/<file>.json   rewrite REPORT.md from saved results
 *
 * Raw results go to bench/results/<timestamp>.json (git-ignored).
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { ROOT, machine, uptime, loadavg, fmt, arg, now } = require('./lib/util');

const BENCH = __dirname;
const SMOKE = process.argv.includes('--smoke');
const ANALYSIS_BEGIN = '<!-- analysis:begin -->';
const ANALYSIS_END = '<!-- analysis:end -->';

const PARTS = ['engine', 'profile', 'whatif', 'retained', 'cli', 'editor', 'stress'];
const BUDGET = { lintOverParse: 2, editorP95: 100, editorSpeedup: 2, cliMs: 3000, hoverMs: 200, rssMiB: 150, rssGrowthPct: 5, tfMs: 2000 };

const PLAN = SMOKE
  ? {
      engine: ['--sizes', '500', '--runs', '3', '--warm', '3', '--rounds', '1', '--phases', 'false', '--anchors', ''],
      profile: ['--lines', '500', '--anchor-lines', '100', '--runs', '1'],
      whatif: ['--lines', '500', '--anchor-lines', '100', '--runs', '1', '--semi', 'false'],
      retained: ['--docs', '6', '--relints', '20'],
      cli: ['--files', '10', '--runs', '1', '--tf-resources', '50'],
      // 1,500 lines (> 64 KiB): the server lints it on its worker thread, so CI runs that path too.
      editor: ['--lines', '1500', '--edits', '4', '--warmup', '1'],
      stress: ['--hover-lines', '1500', '--anchor-lines', '100', '--hover-edits', '1', '--docs', '6', '--edits', '30', '--batch', '6', '--sample', '10'],
    }
  : {
      engine: [],
      profile: [],
      whatif: [],
      retained: [],
      cli: [],
      editor: [],
      stress: [],
    };

function runPart(name, args) {
  const script = path.join(BENCH, `${name}.js`);
  const nodeArgs = name === 'retained' ? ['--expose-gc', script, ...args] : [script, ...args];
  return new Promise((resolve) => {
    const t0 = now();
    const load = loadavg();
    const up = uptime();
    const child = spawn(process.execPath, nodeArgs, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => {
      err += d;
      if (!SMOKE) process.stderr.write(d);
    });
    child.on('close', (code) => {
      const i = out.lastIndexOf('@@RESULT@@');
      let result;
      if (i >= 0) {
        try {
          result = JSON.parse(out.slice(i + '@@RESULT@@'.length).split('\n')[0]);
        } catch (e) {
          result = undefined;
        }
      }
      const meta = { seconds: (now() - t0) / 1000, loadBefore: load, uptimeBefore: up, uptimeAfter: uptime(), exitCode: code };
      if (!result) resolve({ part: name, error: `exit ${code}: ${err.slice(-2000)}`, meta });
      else resolve({ ...result, meta });
    });
  });
}

/** server/src files newer than their compiled server/out counterpart. */
function staleness() {
  const stale = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) {
        const rel = path.relative(path.join(ROOT, 'server/src'), p).replace(/\.ts$/, '.js');
        const js = path.join(ROOT, 'server/out', rel);
        if (!fs.existsSync(js) || fs.statSync(js).mtimeMs + 1 < fs.statSync(p).mtimeMs) stale.push(rel);
      }
    }
  };
  try {
    walk(path.join(ROOT, 'server/src'));
  } catch {
    /* no sources */
  }
  return stale;
}

// ---------------------------------------------------------------------------------------------
// Report

const yes = (b) => (b === undefined ? 'n/a' : b ? '**met**' : '**not met**');
const ms = (x) => (x === undefined || Number.isNaN(x) ? 'n/a' : `${fmt(x)} ms`);
const ratio = (x) => (x === undefined || Number.isNaN(x) ? 'n/a' : `${x.toFixed(2)}×`);
const int = (x) => (x === undefined ? 'n/a' : Math.round(x).toLocaleString('en-US'));
const pct = (x) => `${x.toFixed(1)}%`;

function budgets(R) {
  const rows = [];
  const E = R.engine;
  if (E && E.results) {
    const wall = E.results.map((r) => r.lint.wall / r.bare.wall);
    const cpu = E.results.map((r) => r.lint.cpu / r.bare.cpu);
    const met = E.results.every((r, i) => wall[i] <= BUDGET.lintOverParse && cpu[i] <= BUDGET.lintOverParse);
    rows.push(['1', `Full lint ≤ ${BUDGET.lintOverParse}× bare \`yaml.parseDocument\`, every size`, E.results.map((r, i) => `${int(r.lines)}: ${ratio(wall[i])} wall, ${ratio(cpu[i])} CPU`).join('; '), yes(met)]);
    const per = E.results.map((r) => r.lint.cpu / (r.lines / 1000));
    const growth = per[per.length - 1] / per[0];
    const perParse = E.results.map((r) => r.bare.cpu / (r.lines / 1000));
    rows.push(['1', 'Linear cost (lint CPU per 1,000 lines, largest ÷ smallest size; ≤ 1.5× read as linear)', `${E.results.map((r, i) => `${int(r.lines)}: ${ms(per[i])}`).join('; ')} → ${ratio(growth)} (the bare parse itself: ${ratio(perParse[perParse.length - 1] / perParse[0])})`, yes(growth <= 1.5)]);
  }
  const D = R.editor;
  if (D && D.servers) {
    const ours = D.servers.find((s) => s.name === 'elb-lint-ls');
    const peer = D.servers.find((s) => s.name === 'yaml-language-server');
    rows.push(['2', `Editor: didChange → publishDiagnostics p95 ≤ ${BUDGET.editorP95} ms (${int(D.lines)} lines, ${D.edits} edits)`, `p50 ${ms(ours.latency.p50)}, p95 ${ms(ours.latency.p95)}`, yes(ours.latency.p95 <= BUDGET.editorP95)]);
    if (peer) {
      const r50 = peer.latency.p50 / ours.latency.p50;
      const r95 = peer.latency.p95 / ours.latency.p95;
      rows.push(['2', `Editor: ≥ ${BUDGET.editorSpeedup}× faster than yaml-language-server (p50 and p95)`, `yaml-language-server p50 ${ms(peer.latency.p50)}, p95 ${ms(peer.latency.p95)} → ${ratio(r50)} at p50, ${ratio(r95)} at p95`, yes(r50 >= BUDGET.editorSpeedup && r95 >= BUDGET.editorSpeedup)]);
    }
  }
  const C = R.cli;
  if (C && C.repo) rows.push(['3', `CLI: ${int(C.files)} files (${int(C.lines)} lines), process start to exit < ${BUDGET.cliMs / 1000} s`, `${ms(C.repo.wall)} wall (${ms(C.repo.cpu)} CPU)`, yes(C.repo.wall < BUDGET.cliMs)]);
  if (C && C.terraform) {
    const TF = C.terraform;
    rows.push(['3', `CLI: Terraform module of ${int(TF.resources)} resources < ${BUDGET.tfMs / 1000} s`, TF.measured ? `${ms(TF.wall)} wall (${ms(TF.cpu)} CPU)` : `not measured: ${TF.reason}`, TF.measured ? yes(TF.wall < BUDGET.tfMs) : 'n/a']);
  }
  if (C && C.timing) {
    const T = C.timing;
    rows.push(['4', '`elb-lint --timing` prints the time each rule took, slowest first', T.rows ? `${T.rows} rows (rules and readers), slowest first: ${T.sorted ? 'yes' : 'no'}; slowest \`${T.slowest}\` ${ms(T.slowestMs)} over ${int(C.files)} files` : 'no table printed', yes(T.rows > 0 && T.sorted)]);
  }
  const S = R.stress;
  if (S) {
    for (const k of ['large', 'anchors']) {
      const h = S[k];
      if (!h) continue;
      rows.push(['4', `Hover while linting answers ≤ ${BUDGET.hoverMs} ms: ${k === 'large' ? `${int(h.lines)}-line configuration` : `anchors and aliases (${int(h.lines)} lines)`}`, `${h.hoversWhileLinting} hovers sent while linting: p50 ${ms(h.latencyWhileLinting?.p50)}, max ${ms(h.latencyWhileLinting?.max)}; ${h.over200}/${h.hovers} over 200 ms${h.withContentAfter !== undefined ? `; with content: ${h.withContentWhileLinting}/${h.hoversWhileLinting} while linting, ${h.withContentAfter}/${h.hoversAfter} after` : ''}`, yes(h.latency.max <= BUDGET.hoverMs)]);
    }
    const m = S.memory;
    if (m) {
      rows.push(['4', `Server RSS < ${BUDGET.rssMiB} MiB after ${m.docs} documents and ${int(m.edits)} edits`, `${fmt(m.finalMiB)} MiB (after opening: ${fmt(m.afterOpenMiB)} MiB, peak ${fmt(m.peakMiB)} MiB)`, yes(m.finalMiB < BUDGET.rssMiB)]);
      const g = m.secondHalf;
      rows.push(['4', `No RSS growth over the last ${int(m.edits / 2)} edits (median RSS of its second quarter ≤ ${BUDGET.rssGrowthPct}% above its first quarter's)`, `${fmt(g.fromMiB)} → ${fmt(g.toMiB)} MiB (${g.growthMiB >= 0 ? '+' : ''}${fmt(g.growthMiB)} MiB, ${g.growthPct >= 0 ? '+' : ''}${fmt(g.growthPct)}%; least-squares slope ${fmt(g.slopeMiBPer1000, 2)} MiB per 1,000 edits)`, yes(g.growthPct <= BUDGET.rssGrowthPct)]);
    }
  }
  return rows;
}

function table(head, rows) {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function engineSection(E, P) {
  const L = [];
  L.push('## 1. The engine against the floor');
  L.push('');
  L.push(
    `Method: \`bench/engine.js\`. Configurations from \`bench/generate.js\` (seed ${E.seed}): application stacks — VPC and subnets, a network ACL in 40% of them, 2–3 security groups with 4–25 rules, servers, certificates (15% with a real PEM), IP groups, a dedicated (70%) or shared load balancer with HTTP/HTTPS/TCP/UDP listeners, forwarding policies, pools with health checks and members — block style for objects, flow style for short rules, subnets, servers and members, comments; about one stack in eight carries a mistake (misspelt key, dangling reference, bad health check, …); padded to the exact line count with one-line inventory servers. Every measurement runs in a Node process of its own that does only that (inputs prepared first, then warm-up, then the timed runs back to back; in one shared process each step pays for the previous step's garbage, ±30%). \`yaml.parseDocument(text)\` (yaml ${E.yamlVersion || ''}, default options) and the full \`lintText\` run in alternating processes (parse, lint, lint, parse, …); "runs" below counts all of them. Medians; wall time (\`performance.now\`) and the process's CPU time (\`process.cpuUsage\`, user + system, includes V8's GC helper threads) — on a shared machine CPU time is the steadier figure. No forced GC: GC is part of the cost. The per-rule harness mirrors lint.ts \`runRules\` (messages and related spans; fixes, which lint.ts renders lazily, are not rendered).`,
  );
  L.push('');
  L.push(
    table(
      ['Lines', 'Bytes', 'Runs', 'Findings', 'Bare parse (wall / CPU)', 'Full lint (wall / CPU)', 'Lint ÷ parse (wall / CPU)', 'Parse per 1k lines (CPU)', 'Lint per 1k lines (CPU)'],
      E.results.map((r) => [int(r.lines), int(r.bytes), r.runs, r.findings, `${ms(r.bare.wall)} / ${ms(r.bare.cpu)}`, `${ms(r.lint.wall)} / ${ms(r.lint.cpu)}`, `${ratio(r.lint.wall / r.bare.wall)} / ${ratio(r.lint.cpu / r.bare.cpu)}`, ms(r.bare.cpu / (r.lines / 1000)), ms(r.lint.cpu / (r.lines / 1000))]),
    ),
  );
  L.push('');
  const first = E.results[0];
  L.push(`**The curve** (CPU time per 1,000 lines, relative to ${int(first.lines)} lines): ` + E.results.map((r) => `${int(r.lines)} lines: parse ${ratio(r.bare.cpu / r.lines / (first.bare.cpu / first.lines))}, lint ${ratio(r.lint.cpu / r.lines / (first.lint.cpu / first.lines))}`).join(' · ') + '. A linear cost keeps these near 1×.');
  L.push('');
  if (!E.results.every((r) => r.phases && r.phases.parseYaml && r.perRule && Object.keys(r.perRule).length)) {
    L.push('(Phases and rules not measured in this run: `--phases false`.)');
    return L.join('\n') + '\n' + anchorsAndProfile(E, P);
  }
  L.push('### Where the time goes: phases');
  L.push('');
  L.push('CPU-time medians; each phase timed in a process of its own, on inputs prepared before the clock starts (so each pays for its own garbage only). `parseYaml` = yaml\'s CST parser + yaml\'s composer (also timed alone, with the options parse/yaml.ts uses) + our conversion to `SNode` trees. Shares are of the sum of the phases.');
  L.push('');
  const sum = (r) => r.phases.parseYaml.cpu + r.phases.toPlain.cpu + r.phases.schema.cpu + r.phases.model.cpu + r.phases.rules.cpu;
  const row = (name, f) => [name, ...E.results.map((r) => `${ms(f(r))} (${pct((100 * f(r)) / sum(r))})`)];
  L.push(
    table(
      ['Phase', ...E.results.map((r) => `${int(r.lines)} lines`)],
      [
        row('`parseYaml` (YAML text → SNode tree)', (r) => r.phases.parseYaml.cpu),
        row('  · of which yaml\'s CST parser (`Parser`), timed alone', (r) => r.phases.cst.cpu),
        row('  · of which yaml\'s composer (`Composer` → `Document`), timed alone', (r) => r.phases.compose.cpu),
        row('`toPlain` (plain copy for ajv)', (r) => r.phases.toPlain.cpu),
        row('schema: `validateOwnFormat` (ajv + error mapping)', (r) => r.phases.schema.cpu),
        row('model: `OwnFormatAdapter.build`', (r) => r.phases.model.cpu),
        row('`ModelIndex` alone', (r) => r.phases.index.cpu),
        row('rules: every `check` in lint order, with their `ModelIndex`', (r) => r.phases.rules.cpu),
        ['**Σ phases** (parseYaml + toPlain + schema + model + rules)', ...E.results.map((r) => `**${ms(sum(r))}**`)],
        ['full `lintText` (other processes; the difference is findings, directives, sorting — and noise)', ...E.results.map((r) => `${ms(r.lint.cpu)} (Σ phases = ${pct((100 * sum(r)) / r.lint.cpu)} of it)`)],
      ],
    ),
  );
  L.push('');
  L.push('Our own conversion (the rest of `parseYaml`) is too small to be told apart by subtracting separately measured phases; the profile below measures it directly ("ours: parse").');
  L.push('');
  L.push('### The slowest rules');
  L.push('');
  const big = E.results[E.results.length - 1];
  const mid = E.results.length > 1 ? E.results[E.results.length - 2] : undefined;
  const top = Object.entries(big.perRule).sort((a, b) => b[1].alone.cpu - a[1].alone.cpu).slice(0, 5);
  L.push(`Each rule's \`check\` run alone with a fresh \`ModelIndex\` (so no rule profits from verdicts another memoised), and in lint order sharing one index (as \`lintText\` runs them). CPU-time medians at ${int(big.lines)} lines, with the same rule at the smaller sizes; "growth" is the cost ratio for ${mid ? `${int(mid.lines)} → ${int(big.lines)} lines (×${big.lines / mid.lines} input; a linear rule shows ~×${big.lines / mid.lines})` : 'the sizes'}.`);
  L.push('');
  L.push(
    table(
      ['Rule', ...E.results.map((r) => `alone, ${int(r.lines)}`), `in lint order, ${int(big.lines)}`, 'Growth', 'Findings'],
      top.map(([id, v]) => [id, ...E.results.map((r) => ms(r.perRule[id].alone.cpu)), ms(v.shared.cpu), mid ? ratio(v.alone.cpu / Math.max(0.001, mid.perRule[id].alone.cpu)) : 'n/a', v.findings]),
    ),
  );
  if (mid) {
    const factor = big.lines / mid.lines;
    const floor = big.lint.cpu / 100;
    const superlinear = Object.entries(big.perRule).filter(([id, v]) => v.alone.cpu > floor && v.alone.cpu / Math.max(0.001, mid.perRule[id].alone.cpu) > 2 * factor);
    const all = Object.values(big.perRule).reduce((a, v) => a + v.alone.cpu, 0);
    L.push('');
    L.push(`All ${Object.keys(big.perRule).length} rules alone add up to ${ms(all)} at ${int(big.lines)} lines (${pct((100 * all) / big.lint.cpu)} of the full lint). ` + (superlinear.length ? `Rules costing over 1% of the lint whose cost grows more than twice as fast as the input (${int(mid.lines)} → ${int(big.lines)} lines): ${superlinear.map(([id, v]) => `${id} (${ratio(v.alone.cpu / mid.perRule[id].alone.cpu)}; findings ${mid.perRule[id].findings} → ${v.findings})`).join(', ')} — a rule whose findings grow faster than the input is not necessarily quadratic; one that finds nothing and still grows ×100 is.` : `No rule costing over 1% of the lint grows more than twice as fast as the input (${int(mid.lines)} → ${int(big.lines)} lines); below that, growth figures of a few milliseconds are noise.`));
  }
  const crashed = Object.assign({}, ...E.results.map((r) => r.crashedRules || {}));
  if (Object.keys(crashed).length) {
    L.push('');
    L.push(`**Rules the per-rule harness could not run** (their \`check\` threw with the harness's RuleContext — bench/engine.js \`context()\` must follow lint.ts \`runRules\`): ${Object.entries(crashed).map(([id, e]) => `${id} (${e})`).join('; ')}. The full-lint numbers are unaffected.`);
  }
  L.push(anchorsAndProfile(E, P));
  return L.join('\n');
}

function anchorsAndProfile(E, P) {
  const L = [];
  if (E.anchors && E.anchors.length) {
    L.push('');
    L.push('### Anchors and aliases');
    L.push('');
    L.push('The same generated configurations rewritten the way people DRY up YAML — one anchored health monitor aliased by every web pool, each stack\'s security-group list anchored once and aliased by its other servers, a merge key (`<<: *timeouts`) on every HTTPS listener — plus (first columns) a nested alias fan-out of 9 levels × 3 that expands past the engine\'s alias budget (10,000 nodes). Medians of ' + (E.anchors[0].withFanOut ? 'a few' : '') + ' runs, CPU time.');
    L.push('');
    L.push(
      table(
        ['Lines', 'Aliases', 'With fan-out: bare parse', 'With fan-out: lint', 'Lint ÷ parse', 'Without fan-out: aliases', 'Bare parse', 'Lint', 'Lint ÷ parse'],
        E.anchors.map((a) => [int(a.lines), a.withFanOut.aliases, ms(a.withFanOut.bare.cpu), ms(a.withFanOut.lint.cpu), ratio(a.withFanOut.lint.cpu / a.withFanOut.bare.cpu), a.withoutFanOut.aliases, ms(a.withoutFanOut.bare.cpu), ms(a.withoutFanOut.lint.cpu), ratio(a.withoutFanOut.lint.cpu / a.withoutFanOut.bare.cpu)]),
      ),
    );
  }
  if (P && P.large) {
    L.push('');
    L.push('### Profile');
    L.push('');
    for (const [k, title] of [['large', `\`lintText\` on ${int(P.large.lines)} generated lines (${P.large.runs} runs after a warm-up)`], ['anchors', `\`lintText\` on the anchors file with fan-out (${int(P.anchors?.lines)} lines, ${P.anchors?.aliases} aliases)`]]) {
      const p = P[k];
      if (!p) continue;
      L.push(`**${title}** — V8 sampling profiler (node:inspector, 200 µs), ${ms(p.totalMs)} sampled. Self time by where the code lives:`);
      L.push('');
      L.push(table(['Where', 'Self time', 'Share'], p.categories.filter((c) => c.pct >= 0.1).map((c) => [c.fn, ms(c.ms), pct(c.pct)])));
      L.push('');
      L.push('Hottest functions (self time), and our functions by inclusive time:');
      L.push('');
      L.push(table(['Function (self)', 'Share'], p.selfTop.slice(0, 10).map((f) => [`\`${f.fn}\``, pct(f.pct)])));
      L.push('');
      L.push(table(['Function (inclusive)', 'Share'], p.inclusive.slice(0, 12).map((f) => [`\`${f.fn}\``, pct(f.pct)])));
      L.push('');
    }
  }
  return L.join('\n');
}

function whatifSection(W) {
  const L = ['### What the suspects cost inside one lint', ''];
  L.push(`\`bench/whatif.js\`: whole-lint differences at 100,000 lines drown in GC noise, so each suspect is measured directly — wrapped in memory (a monkeypatch of the loaded module; no file is changed) to add up the time spent inside it (inclusive, outermost calls) during a full \`lintText\`; medians of ${W.runs} runs. The wrappers add a little overhead of their own (most for \`parseRange\`, called per address).`);
  L.push('');
  const sizes = Object.keys(W.attribution).map(Number).sort((x, y) => x - y);
  const names = Object.keys(W.attribution[sizes[0]].inside);
  L.push(
    table(
      ['Inside', ...sizes.map((n) => `${int(n)} lines`)],
      [
        ...names.map((k) => [k, ...sizes.map((n) => {
          const a = W.attribution[n];
          const x = a.inside[k];
          return `${ms(x.ms)} (${pct((100 * x.ms) / a.lintWallMs)} of lint; ${int(x.calls)} calls)`;
        })]),
        ['full `lintText` (wall / CPU)', ...sizes.map((n) => `${ms(W.attribution[n].lintWallMs)} / ${ms(W.attribution[n].lintCpuMs)}`)],
        ['findings', ...sizes.map((n) => String(W.attribution[n].findings))],
      ],
    ),
  );
  if (W.aliasCached) {
    const a = W.aliasCached;
    L.push('');
    L.push(`**Counterfactual — yaml \`Alias.resolve\` with the anchor list computed once per document** (instead of a walk of the whole document per resolution), anchors file with fan-out, ${int(a.lines)} lines, ${a.aliases} aliases, CPU medians of ${W.runs} runs: lint ${ms(a.baseMs)} today → ${ms(a.changedMs)} (${pct(a.savedPct)} saved); findings ${a.findingsBase} → ${a.findingsChanged} (identical).`);
  }
  if (W.semiSpace && W.semiSpace.length) {
    L.push('');
    L.push('V8 young generation (`--max-semi-space-size`, MiB) — full `lintText` CPU in a fresh process, median of 7 runs (10,000 lines) and 3 runs (' + int(W.lines) + ' lines) after a warm-up. Differences under ~15% are within this machine\'s run-to-run noise.');
    L.push('');
    L.push(table(['Semi-space', `Lint, ${int(W.semiSpace[0].lines)} lines`, `Lint, ${int(W.lines)} lines`], W.semiSpace.map((x) => [String(x.semiSpaceMiB), ms(x.lintMs), ms(x.lintMsLarge)])));
  }
  return L.join('\n');
}

function editorSection(D, E) {
  const L = ['## 2. In the editor, against a peer', ''];
  L.push(
    `Method: \`bench/editor.js\`. A tiny LSP client (\`bench/lib/lsp.js\`, vscode-jsonrpc over stdio, Content-Length framing) starts both servers side by side: ours (\`server/bin/elb-lint-ls.js --stdio\`, default settings as the extension contributes them: \`run: onType\`, debounce 15 ms) and yaml-language-server ${D.peerVersion || ''} (\`yaml.schemas\` = {file URI of schemas/elb-config.schema.json: ["*.elb.yaml"]}, \`yaml.validate: true\`, schema store off — no network; its default validation delay is 200 ms), answering \`workspace/configuration\`. Both open the same ${int(D.lines)}-line file (${int(D.bytes)} bytes). Then ${D.warmup} warm-up and ${D.edits} measured one-character edits on line ${D.editLine} (\`${D.editText}\`), alternately inserting and deleting an \`x\` before the closing quote, as incremental \`didChange\`s. Each edit is timed from sending \`didChange\` to receiving the \`publishDiagnostics\` it causes (ours: same document version; yaml-language-server does not send versions: the first publish after the change); the next edit follows ${D.gapMs} ms later. The edits alternate between the two servers (ours, theirs, ours, …) so machine load hits both alike. Server CPU per edit is read from /proc/<pid>/stat (10 ms ticks). yaml-language-server sanity probe (a file with a misspelt key): ${D.yamlLsProbe && D.yamlLsProbe.length ? `"${D.yamlLsProbe[0]}"` : 'no diagnostic — the schema was not applied'}.`,
  );
  L.push('');
  L.push(
    table(
      ['Server', 'p50', 'p95', 'mean', 'max', 'Server CPU per edit (median)', 'Open → first diagnostics', 'Diagnostics on the file', 'RSS at end'],
      D.servers.map((s) => [s.name, ms(s.latency.p50), ms(s.latency.p95), ms(s.latency.mean), ms(s.latency.max), ms(s.serverCpuPerEdit.median), ms(s.openMs), s.diagnostics, `${fmt(s.rssMiB)} MiB`]),
    ),
  );
  const ours = D.servers.find((s) => s.name === 'elb-lint-ls');
  const peer = D.servers.find((s) => s.name === 'yaml-language-server');
  if (peer) {
    L.push('');
    const ref = E && E.results ? E.results.find((r) => r.lines >= D.lines) || E.results[E.results.length - 1] : undefined;
    if (ref) L.push(`For scale: part 1 measured the full \`lintText\` at ${ms(ref.lint.cpu / (ref.lines / 1000))} CPU per 1,000 lines (${int(ref.lines)}-line file), i.e. ≈ ${ms((ref.lint.cpu / ref.lines) * D.lines)} for ${int(D.lines)} lines — the server's CPU per edit (${ms(ours.serverCpuPerEdit.median)}) is one full lint of the whole file per keystroke: nothing is incremental.`);
    L.push('');
    L.push(`yaml-language-server ÷ ours: ${ratio(peer.latency.p50 / ours.latency.p50)} at p50, ${ratio(peer.latency.p95 / ours.latency.p95)} at p95. Without the debounce delays (15 ms ours, 200 ms theirs) the processing part is ours p50 ${ms(ours.latency.p50 - 15)}, theirs p50 ${ms(peer.latency.p50 - 200)}. The two do different work: ours parses, validates the schema and runs ${'every'} rule (${ours.diagnostics} diagnostics), yaml-language-server parses and validates the schema (${peer.diagnostics} diagnostics).`);
  }
  return L.join('\n');
}

function cliSection(C) {
  const L = ['## 3. The CLI at repository scale', ''];
  L.push(`Method: \`bench/cli.js\`. ${int(C.files)} configuration files generated into a temporary directory (one service per file: one application stack, every tenth file two; ${int(C.lines)} lines, ${int(C.bytes)} bytes in all), in ${C.folders} service folders that also hold a \`values.yaml\` the linter must skip. \`elb-lint .\` from process start to exit, default text output to /dev/null, timed by bash's \`time\` (wall, and user + system CPU of the process tree); median of ${C.runs} runs after one warm-up run. Baselines: \`node -e 0\`, \`elb-lint --version\` (loads our modules), \`elb-lint <one file>\` (+ schema compile + one lint). ${C.linted} files linted, ${int(C.findings)} findings, exit code ${C.exitCode}.`);
  L.push('');
  const per = (C.repo.wall - C.oneFile.wall) / Math.max(1, C.files - 1);
  L.push(
    table(
      ['Run', 'Wall', 'CPU (user + sys)'],
      [
        ['`node -e 0` (runtime start)', ms(C.nodeStart.wall), ms(C.nodeStart.cpu)],
        ['`elb-lint --version` (module loading)', ms(C.version.wall), ms(C.version.cpu)],
        ['`elb-lint` one file (+ schema compile)', ms(C.oneFile.wall), ms(C.oneFile.cpu)],
        [`\`elb-lint .\` — ${int(C.files)} files`, `**${ms(C.repo.wall)}**`, ms(C.repo.cpu)],
      ],
    ),
  );
  L.push('');
  L.push(`Fixed cost (one file) ${ms(C.oneFile.wall)}; each further file ${ms(per)} wall (${int((C.lines / Math.max(1, C.repo.wall - C.oneFile.wall)) * 1000)} lines/s). CPU above wall means V8's helper threads (GC) ran on the second core; the linting itself is one thread.`);
  L.push('');
  const TF = C.terraform;
  if (!TF) L.push('**Terraform**: not run.');
  else if (!TF.measured) L.push(`**Terraform** (a generated module of ${int(TF.resources)} resources in ${TF.files} files, ${int(TF.lines)} lines, \`bench/generate.js\` \`generateTerraform\`): **not measured: ${TF.reason}.** The benchmark runs by itself once a Terraform reader is registered.`);
  else {
    L.push(`**Terraform**: \`elb-lint .\` in a generated module of ${int(TF.resources)} resources (${TF.files} files, ${int(TF.lines)} lines; \`bench/generate.js\` \`generateTerraform\`), median of ${TF.all.length} runs: **${ms(TF.wall)}** wall (${ms(TF.cpu)} CPU), ${int(TF.findings)} findings.`);
  }
  return L.join('\n');
}

function stressSection(S, T) {
  const L = ['## 4. Stress', ''];
  L.push(`Method: \`bench/stress.js\`, ours over LSP stdio with default settings. **Hover while linting**: the file is opened (the server lints at once on didOpen) and then edited ${S.large?.editToDiagnosticsMs?.n ?? ''} times (one character; debounce, then a lint); from each didOpen/didChange until its publishDiagnostics arrives (and 3 more), a hover on a \`protocol_port\` key near the middle of the file is sent every ${S.every} ms without waiting for the previous one — an editor whose mouse rests on a key. Each hover's time to answer is recorded; "while linting" = sent before the diagnostics came back.`);
  L.push('');
  const rows = [];
  for (const [k, label] of [['large', 'generated configuration'], ['anchors', 'anchors and aliases, with fan-out']]) {
    const h = S[k];
    if (!h) continue;
    rows.push([`${label}, ${int(h.lines)} lines${h.aliases ? `, ${h.aliases} aliases` : ''}`, ms(h.openToDiagnosticsMs), h.editToDiagnosticsMs ? ms(h.editToDiagnosticsMs.median) : 'n/a', `${h.hoversWhileLinting} / ${h.hovers}`, ms(h.latencyWhileLinting?.p50), ms(h.latencyWhileLinting?.p95), ms(h.latency.max), ms(h.latency.min), `${h.over200}`, `${fmt(h.rssMiB)} MiB`]);
  }
  L.push(table(['File', 'didOpen → diagnostics', 'didChange → diagnostics (median)', 'Hovers while linting / all', 'Hover p50 while linting', 'p95', 'max', 'min (idle)', 'Over 200 ms', 'RSS'], rows));
  const m = S.memory;
  if (m) {
    L.push('');
    L.push(`**Memory**: ${m.docs} documents opened (generated, ${int(m.totalLines)} lines in all: sizes 150/300/300/600/600/1,200 lines in turn), each waited for; then ${int(m.edits)} one-character edits spread round-robin over all documents, ${m.batch} documents edited at once and all ${m.batch} publishDiagnostics waited for before the next batch (${fmt(m.seconds)} s, ${fmt(m.edits / m.seconds)} edits/s). VmRSS of the server process from /proc/<pid>/status after opening and every few hundred edits.`);
    L.push('');
    L.push(table(['After opening', 'Peak', 'Final', `Last ${int(m.edits / 2)} edits (medians of their two quarters)`, 'Slope (second half)'], [[`${fmt(m.afterOpenMiB)} MiB`, `${fmt(m.peakMiB)} MiB`, `**${fmt(m.finalMiB)} MiB**`, `${fmt(m.secondHalf.fromMiB)} → ${fmt(m.secondHalf.toMiB)} MiB`, `${fmt(m.secondHalf.slopeMiBPer1000, 2)} MiB / 1,000 edits`]]));
    L.push('');
    const step = Math.max(1, Math.round(m.samples.length / 12));
    const pick = m.samples.filter((_, i) => i % step === 0 || i === m.samples.length - 1);
    L.push(table(['Edits', ...pick.map((s) => int(s.edits))], [['RSS (MiB)', ...pick.map((s) => fmt(s.rss))]]));
  }
  if (T && T.retainedMiB !== undefined) {
    L.push('');
    L.push(`**What a cached document costs** (\`bench/retained.js\`, in-process, --expose-gc): the server keeps the last \`LintResult\` of every open document; for the same ${T.docs} documents (${int(T.lines)} lines, ${fmt(T.bytes / 2 ** 20)} MiB of text) the results retain **${fmt(T.retainedMiB)} MiB** of heap on top of the texts (${fmt(T.retainedPer1000LinesMiB, 2)} MiB per 1,000 lines, ${fmt(T.heapPerTextByte)} bytes per byte of text); without \`model\` and \`root\` ${fmt(T.withoutModelMiB)} MiB — the tree stays alive through the findings whose rule offered a fix: lint.ts \`lazyFixes\` keeps a closure over the rule's Origins to render the fix on first use; with those detached (diagnostics only) ${fmt(T.diagnosticsOnlyMiB)} MiB.`);
    if (T.churn) {
      const c = T.churn;
      L.push('');
      L.push(`**Live heap against heap size**: the same process then re-lints the documents round-robin ${int(c.relints)} times (each new result replacing the cached one, as edits do): V8's heap grows to ${fmt(c.maxHeapTotalMiB)} MiB (RSS up to ${fmt(c.maxRssMiB)} MiB) while the live heap after a full GC is ${fmt(c.liveAfterGcMiB)} MiB above the texts (RSS after that GC: ${fmt(c.rssAfterGcMiB)} MiB). The difference is garbage from linting that V8 lets pile up between major collections, not a leak.`);
    }
  }
  return L.join('\n');
}

function render(R, M, started, seconds) {
  M.stale = M.stale || [];
  const L = [];
  L.push('# elb-lint benchmarks — report');
  L.push('');
  L.push(`Generated by \`npm run bench\` (\`bench/run.js\`) on ${M.date}, ${fmt(seconds / 60)} min. Each part runs in its own Node process; raw results in \`bench/results/${started}.json\` (not committed). **Read every number with the load next to it**: the machine is shared, and numbers on a busy 2-core box are several times those of an idle one — ratios measured within one run (lint ÷ parse, ours ÷ yaml-language-server) are the robust part.`);
  L.push('');
  L.push('## Machine');
  L.push('');
  L.push(`- \`nproc\`: ${M.nproc}; CPU: ${M.cpuModel}; memory ${M.totalMemGiB} GiB; ${M.platform}`);
  L.push(`- Node ${M.node} (V8 ${M.v8})`);
  L.push(`- Packages: ${Object.entries(M.packages).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  L.push(`- Tree: commit ${M.commit}, ${M.dirtyServerFiles} uncommitted file(s) under server/src; server/out ${M.stale.length ? `**stale for ${M.stale.length} file(s)** (${M.stale.slice(0, 5).join(', ')}${M.stale.length > 5 ? ', …' : ''}) — run \`npm run build\` or \`node bench/run.js --build\`` : 'up to date with server/src'}`);
  L.push('- Load (`uptime`) when each part started:');
  for (const [k, v] of Object.entries(R)) if (v && v.meta) L.push(`  - ${k}: \`${v.meta.uptimeBefore}\` (ran ${fmt(v.meta.seconds)} s)`);
  L.push(`  - end: \`${M.endUptime || uptime()}\``);
  L.push('');
  L.push('```');
  L.push('$ free -h');
  L.push(M.free);
  L.push('```');
  L.push('');
  L.push('## Budgets');
  L.push('');
  L.push(table(['Part', 'Budget', 'Measured', 'Verdict'], budgets(R)));
  L.push('');
  for (const [k, v] of Object.entries(R)) if (v && v.error) L.push(`**${k} failed**: \`${v.error.replace(/\s+/g, ' ').slice(0, 400)}\`\n`);
  if (R.engine && R.engine.results) L.push(engineSection(R.engine, R.profile), '');
  if (R.whatif && R.whatif.attribution) L.push(whatifSection(R.whatif), '');
  if (R.editor && R.editor.servers) L.push(editorSection(R.editor, R.engine), '');
  if (R.cli && R.cli.repo) L.push(cliSection(R.cli), '');
  if (R.stress && !R.stress.error) L.push(stressSection(R.stress, R.retained), '');
  return L.join('\n');
}

function summaryLine(R, seconds) {
  const parts = [];
  const rows = budgets(R);
  const met = rows.filter((r) => r[3] === '**met**').length;
  const E = R.engine;
  if (E && E.results) parts.push(`lint/parse ${E.results.map((r) => ratio(r.lint.cpu / r.bare.cpu)).join(' ')}`);
  const D = R.editor;
  if (D && D.servers) {
    const o = D.servers[0];
    const p = D.servers[1];
    parts.push(`editor p95 ours ${ms(o.latency.p95)}${p ? ` vs yaml-ls ${ms(p.latency.p95)}` : ''}`);
  }
  if (R.cli && R.cli.repo) parts.push(`CLI ${R.cli.files} files ${ms(R.cli.repo.wall)}`);
  if (R.stress && R.stress.large) parts.push(`hover max ${ms(R.stress.large.latency.max)}`);
  if (R.stress && R.stress.memory) parts.push(`RSS ${fmt(R.stress.memory.finalMiB)} MiB`);
  const errors = Object.entries(R).filter(([, v]) => v && v.error).map(([k]) => k);
  return `bench${SMOKE ? ':smoke' : ''} ${errors.length ? `FAILED parts: ${errors.join(',')}` : 'ok'} in ${fmt(seconds)} s — ${parts.join(', ')} — budgets ${met}/${rows.length} met${SMOKE ? ' (at smoke sizes, not meaningful)' : ''}; load ${loadavg().join(' ')}`;
}

/** The report (with the previous report's hand-written analysis kept below it). */
function writeReport(target, report) {
  let analysis = '';
  try {
    const old = fs.readFileSync(target, 'utf8');
    const a = old.indexOf(ANALYSIS_BEGIN);
    const b = old.indexOf(ANALYSIS_END);
    if (a >= 0 && b > a) analysis = old.slice(a, b + ANALYSIS_END.length);
  } catch {
    /* first report */
  }
  fs.writeFileSync(target, analysis ? `${report}\n${analysis}\n` : report);
}

async function main() {
  const rerender = arg('render', undefined);
  if (typeof rerender === 'string') {
    // Re-render bench/REPORT.md from saved raw results (after a change to this renderer).
    const saved = JSON.parse(fs.readFileSync(rerender, 'utf8'));
    const name = path.basename(rerender, '.json');
    writeReport(path.join(BENCH, 'REPORT.md'), render(saved.results, saved.machine, name, saved.seconds));
    console.log(`bench: REPORT.md rendered from ${rerender}`);
    return;
  }
  const t0 = now();
  const started = new Date().toISOString().replace(/[:.]/g, '-');
  if (arg('build', false)) {
    const r = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc', { paths: [ROOT] }), '-b'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) process.stderr.write('bench: tsc -b failed; using server/out as it is\n');
  }
  if (!fs.existsSync(path.join(ROOT, 'server/out/engine/lint.js'))) {
    const msg = 'bench: server/out is missing — run `npm run build` first';
    if (SMOKE) {
      console.log(msg);
      return;
    }
    throw new Error(msg);
  }
  const M = machine();
  M.stale = staleness();
  const only = String(arg('only', PARTS.join(','))).split(',');
  const R = {};
  for (const part of PARTS) {
    if (!only.includes(part)) continue;
    if (!SMOKE) process.stderr.write(`bench: ${part} (${uptime()})\n`);
    R[part] = await runPart(part, PLAN[part]);
  }
  if (R.editor && !R.editor.error) R.editor.peerVersion = M.packages['yaml-language-server'];
  if (R.engine && !R.engine.error) R.engine.yamlVersion = M.packages.yaml;
  const seconds = (now() - t0) / 1000;
  M.endUptime = uptime();
  const resultsDir = path.join(BENCH, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, `${SMOKE ? 'smoke-' : ''}${started}.json`), JSON.stringify({ machine: M, results: R, seconds }, null, 1));
  let report;
  try {
    report = render(R, M, `${SMOKE ? 'smoke-' : ''}${started}`, seconds);
  } catch (err) {
    report = `# elb-lint benchmarks — report\n\nThe report could not be rendered (${err && err.stack ? err.stack : err}); raw results are in bench/results/${SMOKE ? 'smoke-' : ''}${started}.json.\n`;
  }
  if (SMOKE) fs.writeFileSync(path.join(resultsDir, 'REPORT.smoke.md'), report);
  else if (PARTS.every((p) => only.includes(p))) writeReport(path.join(BENCH, 'REPORT.md'), report);
  else fs.writeFileSync(path.join(resultsDir, `REPORT.partial-${started}.md`), report);
  console.log(summaryLine(R, seconds));
  // The CI smoke asserts that every part runs (never how fast): a part that failed fails it.
  if (SMOKE && Object.values(R).some((r) => r && r.error)) process.exitCode = 1;
}

main().catch((err) => {
  console.log(`bench${SMOKE ? ':smoke' : ''}: error: ${err && err.message ? err.message : err}`);
  process.exit(1);
});
