#!/usr/bin/env node
'use strict';
/**
 * Part 4 — stress, over real LSP stdio against server/bin/elb-lint-ls.js (default settings).
 *
 *  hover: a 50,000-line configuration, and a YAML file full of anchors and aliases, opened in the
 *         server. While the server lints (right after didOpen, and after each one-character edit)
 *         hover requests are sent every `--every` ms on a key in the middle of the file; each
 *         request's time to answer is recorded. Budget: every hover answers within 200 ms.
 *  memory: 200 documents opened, then 10,000 one-character edits spread over them (batches of
 *         `--batch` documents edited at once, each batch waited for), the server's VmRSS read from
 *         /proc/<pid>/status after opening and every `--sample` edits. Budget: < 150 MiB at the
 *         end, and no growth over the last 5,000 edits (median RSS of 7,500–10,000 at most 5% above
 *         that of 5,000–7,500).
 *
 *   node bench/stress.js [--hover-lines 50000] [--anchor-lines 2000] [--docs 200] [--edits 10000]
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { ROOT, now, summary, emit, arg, sleep, loadavg, uptime, median } = require('./lib/util');
const { LspClient } = require('./lib/lsp');
const { generate, generateAnchors } = require('./generate');

const OUR_DEFAULTS = { enable: true, locale: 'auto', rules: {}, run: 'onType', files: [] };

function startOurs(rootUri) {
  const c = new LspClient('elb-lint-ls', [path.join(ROOT, 'server/bin/elb-lint-ls.js'), '--stdio'], (s) => (s === 'elbLint' ? OUR_DEFAULTS : {}));
  return c.initialize(rootUri).then(() => c);
}

/** Where to hover (a `protocol_port` key near the middle) and where to edit (a description value). */
function points(text) {
  const lines = text.split('\n');
  const mid = lines.length >> 1;
  const near = (re) => {
    let best = -1;
    lines.forEach((l, i) => {
      if (re.test(l) && (best < 0 || Math.abs(i - mid) < Math.abs(best - mid))) best = i;
    });
    return best;
  };
  const h = near(/^\s+protocol_port: \d+$/);
  const e = near(/^\s+description: ".*"$/);
  return {
    hover: h < 0 ? undefined : { line: h, character: lines[h].indexOf('protocol_port') + 3 },
    edit: e < 0 ? { line: 1, character: 'version: 1'.length } : { line: e, character: lines[e].lastIndexOf('"') },
  };
}

/**
 * Send hovers every `every` ms from now until `until` resolves (and `after` more), return their
 * latencies. Each hover is its own request; they are not awaited one by one, like an editor that
 * keeps asking while the mouse rests.
 */
async function hoverStorm(c, uri, pos, until, every, after = 3) {
  const pending = [];
  let done = false;
  until.then(() => (done = true), () => (done = true));
  let extra = 0;
  while (!done || extra < after) {
    if (done) extra++;
    const t0 = now();
    const whileLinting = !done;
    pending.push(
      c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: pos }).then(
        (r) => ({ ms: now() - t0, ok: !!r, sentWhileLinting: whileLinting }),
        () => ({ ms: now() - t0, ok: false, sentWhileLinting: whileLinting }),
      ),
    );
    await sleep(every);
  }
  return Promise.all(pending);
}

async function hoverScenario(name, text, { edits, every, dir }) {
  const file = path.join(dir, `${name}.elb.yaml`);
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const c = await startOurs(pathToFileURL(dir).href);
  const pt = points(text);
  const all = [];
  // 1. While the first lint runs (the server lints on didOpen).
  const t0 = now();
  const first = c.waitPublish((e) => e.uri === uri, 600_000);
  await c.open(uri, text);
  const openHovers = await hoverStorm(c, uri, pt.hover, first, every);
  const ev = await first;
  const openLintMs = ev.at - t0;
  all.push(...openHovers);
  // 2. After each one-character edit (debounce, then a lint).
  let version = 1;
  let inserted = false;
  const editLint = [];
  for (let i = 0; i < edits; i++) {
    const v = ++version;
    const { line, character } = pt.edit;
    const change = inserted ? { range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' } : { range: { start: { line, character }, end: { line, character } }, text: 'x' };
    inserted = !inserted;
    const te = now();
    const pub = c.waitPublish((e) => e.uri === uri && e.version === v, 600_000);
    await c.change(uri, v, [change]);
    const hs = await hoverStorm(c, uri, pt.hover, pub, every);
    const p = await pub;
    editLint.push(p.at - te);
    all.push(...hs);
    await sleep(100);
  }
  const rss = c.rss();
  await c.shutdown();
  const during = all.filter((h) => h.sentWhileLinting);
  const ms = all.map((h) => h.ms);
  return {
    name,
    lines: text.split('\n').length - 1,
    bytes: Buffer.byteLength(text),
    diagnostics: ev.count,
    openToDiagnosticsMs: openLintMs,
    editToDiagnosticsMs: editLint.length ? summary(editLint) : undefined,
    hovers: all.length,
    hoversWhileLinting: during.length,
    answered: all.filter((h) => h.ok).length,
    // With content (a hover on a document being linted on the worker answers at once, empty).
    withContentWhileLinting: during.filter((h) => h.ok).length,
    withContentAfter: all.filter((h) => !h.sentWhileLinting && h.ok).length,
    hoversAfter: all.filter((h) => !h.sentWhileLinting).length,
    latency: summary(ms),
    latencyWhileLinting: during.length ? summary(during.map((h) => h.ms)) : undefined,
    over200: ms.filter((x) => x > 200).length,
    rssMiB: rss,
  };
}

async function memoryScenario({ docs, edits, batch, sample, dir }) {
  const c = await startOurs(pathToFileURL(dir).href);
  const sizes = [150, 300, 300, 600, 600, 1200];
  const list = [];
  for (let i = 0; i < docs; i++) {
    const lines = sizes[i % sizes.length];
    const { text } = generate({ lines, seed: 1000 + i });
    const file = path.join(dir, `mem-${String(i).padStart(3, '0')}.elb.yaml`);
    const uri = pathToFileURL(file).href;
    list.push({ uri, lines, version: 1, inserted: false, point: points(text).edit });
    const p = c.waitPublish((e) => e.uri === uri, 600_000);
    await c.open(uri, text);
    await p;
  }
  const totalLines = list.reduce((n, d) => n + d.lines, 0);
  await sleep(500);
  const samples = [{ edits: 0, rss: c.rss(), t: now() }];
  const afterOpen = samples[0].rss;
  let done = 0;
  let next = 0;
  let nextSample = sample;
  const t0 = now();
  while (done < edits) {
    const n = Math.min(batch, edits - done);
    const waits = [];
    for (let k = 0; k < n; k++) {
      const d = list[next++ % list.length];
      const v = ++d.version;
      const { line, character } = d.point;
      const change = d.inserted ? { range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' } : { range: { start: { line, character }, end: { line, character } }, text: 'x' };
      d.inserted = !d.inserted;
      waits.push(c.waitPublish((e) => e.uri === d.uri && e.version === v, 600_000));
      await c.change(d.uri, v, [change]);
    }
    await Promise.all(waits);
    done += n;
    if (done >= nextSample || done === edits) {
      nextSample += sample;
      samples.push({ edits: done, rss: c.rss(), t: now() });
      process.stderr.write(`  memory: ${done}/${edits} edits, RSS ${samples[samples.length - 1].rss.toFixed(1)} MiB\r`);
    }
  }
  process.stderr.write('\n');
  const seconds = (now() - t0) / 1000;
  const final = c.rss();
  await c.shutdown();
  // Growth over the second half: the median RSS of its first quarter of the edits against that of
  // its last quarter (single samples swing by tens of MiB with V8's heap sizing), and the
  // least-squares slope over the second half.
  const half = edits / 2;
  const second = samples.filter((s) => s.edits >= half);
  const atMid = median(second.filter((s) => s.edits <= half + edits / 4).map((s) => s.rss));
  const atEnd = median(second.filter((s) => s.edits > half + edits / 4).map((s) => s.rss));
  const mx = second.reduce((a, s) => a + s.edits, 0) / second.length;
  const my = second.reduce((a, s) => a + s.rss, 0) / second.length;
  const slope = second.reduce((a, s) => a + (s.edits - mx) * (s.rss - my), 0) / Math.max(1e-9, second.reduce((a, s) => a + (s.edits - mx) ** 2, 0));
  return {
    docs,
    totalLines,
    edits,
    batch,
    seconds,
    afterOpenMiB: afterOpen,
    finalMiB: final,
    peakMiB: Math.max(...samples.map((s) => s.rss), final),
    secondHalf: { fromMiB: atMid, toMiB: atEnd, growthMiB: atEnd - atMid, growthPct: (100 * (atEnd - atMid)) / atMid, slopeMiBPer1000: slope * 1000 },
    samples: samples.map((s) => ({ edits: s.edits, rss: Number(s.rss.toFixed(1)) })),
  };
}

async function main() {
  const hoverLines = Number(arg('hover-lines', 50000));
  const anchorLines = Number(arg('anchor-lines', 2000));
  const hoverEdits = Number(arg('hover-edits', 5));
  const every = Number(arg('every', 50));
  const docs = Number(arg('docs', 200));
  const edits = Number(arg('edits', 10000));
  const batch = Number(arg('batch', 20));
  const sample = Number(arg('sample', 250));
  const only = arg('only', 'hover,anchors,memory');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'elb-bench-stress-'));
  const load0 = loadavg();
  const out = { part: 'stress', every, uptimeBefore: uptime() };
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  if (only.includes('hover')) {
    process.stderr.write(`  stress: hover on ${hoverLines} lines\n`);
    out.large = await hoverScenario(`large-${hoverLines}`, generate({ lines: hoverLines, seed: 50 }).text, { edits: hoverEdits, every, dir });
  }
  if (only.includes('anchors')) {
    process.stderr.write(`  stress: hover on anchors (${anchorLines} lines)\n`);
    const a = generateAnchors({ lines: anchorLines, seed: 51 });
    out.anchors = await hoverScenario(`anchors-${anchorLines}`, a.text, { edits: Math.min(hoverEdits, 3), every, dir });
    out.anchors.aliases = a.aliases;
    out.anchors.anchorCount = a.anchors;
  }
  if (only.includes('memory')) {
    process.stderr.write(`  stress: memory, ${docs} documents, ${edits} edits\n`);
    out.memory = await memoryScenario({ docs, edits, batch, sample, dir });
  }
  out.load = { before: load0, after: loadavg() };
  out.uptime = uptime();
  fs.rmSync(dir, { recursive: true, force: true });
  emit(out);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
