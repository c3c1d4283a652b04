#!/usr/bin/env node
'use strict';
/**
 * What the language server keeps per open document: the server caches the last LintResult of
 * every open document (lsp/server.ts `cache`), which holds the model, and through the model's
 * origins the whole SNode tree. In one process with --expose-gc, lint the same 200 documents the
 * memory stress opens, keep the results as the server does, and measure the retained heap after
 * full GCs — then drop the model to see what the tree and model cost against the text alone.
 *
 * Then re-lint them round-robin (`--relints`) as edits would, and record how big V8 lets the heap
 * and the RSS grow against the live heap.
 *
 *   node --expose-gc bench/retained.js [--docs 200] [--relints 1000]
 */
const path = require('node:path');
const { OUT, emit, arg } = require('./lib/util');
const { generate } = require('./generate');

const { lintText } = require(path.join(OUT, 'engine/lint.js'));

function heap() {
  global.gc();
  global.gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function main() {
  if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc');
  const docs = Number(arg('docs', 200));
  const sizes = [150, 300, 300, 600, 600, 1200];
  const texts = [];
  let lines = 0;
  let bytes = 0;
  for (let i = 0; i < docs; i++) {
    const { text } = generate({ lines: sizes[i % sizes.length], seed: 1000 + i });
    texts.push(text);
    lines += sizes[i % sizes.length];
    bytes += Buffer.byteLength(text);
  }
  lintText(texts[0], { path: '/bench/warm.elb.yaml' }); // load and compile the schema first
  const h0 = heap();
  let cache = texts.map((t, i) => ({ text: t, result: lintText(t, { path: `/bench/mem-${i}.elb.yaml` }) }));
  const full = heap() - h0;
  for (const c of cache) {
    delete c.result.model;
    delete c.result.root;
  }
  const withoutModel = heap() - h0;
  // Findings whose rule offered a fix keep a closure that renders it on first use (lint.ts
  // lazyFixes): it holds the rule's Origins, hence the SNode tree. Detach them: diagnostics only.
  for (const c of cache) for (const f of c.result.findings) Object.defineProperty(f, 'fixes', { value: [], enumerable: true, configurable: true, writable: true });
  const diagnosticsOnly = heap() - h0;
  cache = texts.map((t, i) => ({ text: t, result: lintText(t, { path: `/bench/mem-${i}.elb.yaml` }) }));
  // The server's steady state: documents re-linted one after another (each new result replaces
  // the cached one), as edits arrive. Heap size and RSS as V8 sizes them, and the live heap.
  const relints = Number(arg('relints', 1000));
  let maxTotal = 0;
  let maxRss = 0;
  for (let e = 1; e <= relints; e++) {
    const i = e % cache.length;
    const c = cache[i];
    c.text = c.text.endsWith('x\n') ? c.text.slice(0, -2) + '\n' : c.text.slice(0, -1) + 'x\n';
    c.result = lintText(c.text, { path: `/bench/mem-${i}.elb.yaml` });
    if (e % 50 === 0) {
      const m = process.memoryUsage();
      maxTotal = Math.max(maxTotal, m.heapTotal / 2 ** 20);
      maxRss = Math.max(maxRss, m.rss / 2 ** 20);
    }
  }
  const churn = { relints, maxHeapTotalMiB: maxTotal, maxRssMiB: maxRss };
  churn.liveAfterGcMiB = heap() - h0;
  churn.rssAfterGcMiB = process.memoryUsage().rss / 2 ** 20;
  emit({
    part: 'retained',
    docs,
    lines,
    bytes,
    retainedMiB: full,
    retainedPer1000LinesMiB: full / (lines / 1000),
    withoutModelMiB: withoutModel,
    diagnosticsOnlyMiB: diagnosticsOnly,
    heapPerTextByte: (full * 2 ** 20) / bytes,
    churn,
  });
}

main();
