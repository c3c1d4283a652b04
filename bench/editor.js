#!/usr/bin/env node
'use strict';
/**
 * Part 2 — in the editor, against a peer. Over real LSP stdio, the time from sending `didChange`
 * to receiving the `publishDiagnostics` it causes, for one-character edits inside a value of a
 * 5,000-line configuration (alternately inserting and deleting a character in a load balancer's
 * `description`), with each server's default settings:
 *   - ours: server/bin/elb-lint-ls.js --stdio (debounce 15 ms),
 *   - yaml-language-server validating the same file against schemas/elb-config.schema.json
 *     (`yaml.schemas` = {<schema file URI>: ["*.elb.yaml"]}, `yaml.validate: true`; schema store
 *     off because there is no network; its default validation delay is 200 ms).
 * The two servers run side by side and the edits alternate between them (A, B, A, B, ...), so a
 * change in machine load hits both alike. The server's CPU time per edit is read from /proc.
 *
 *   node bench/editor.js [--lines 5000] [--edits 200] [--warmup 20] [--peer true|false]
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { ROOT, now, summary, emit, arg, sleep, loadavg, uptime } = require('./lib/util');
const { LspClient } = require('./lib/lsp');
const { generate } = require('./generate');

const SCHEMA_URI = pathToFileURL(path.join(ROOT, 'schemas/elb-config.schema.json')).href;
const OUR_DEFAULTS = { enable: true, locale: 'auto', rules: {}, run: 'onType', files: [] };
const YAML_SETTINGS = {
  schemas: { [SCHEMA_URI]: ['*.elb.yaml'] },
  validate: true,
  hover: true,
  completion: true,
  format: { enable: false },
  schemaStore: { enable: false, url: '' },
  kubernetesCRDStore: { enable: false },
};

/** The line and column of the closing quote of the `description: "..."` nearest the middle. */
function editPoint(text) {
  const lines = text.split('\n');
  const mid = lines.length >> 1;
  let best = -1;
  lines.forEach((l, i) => {
    if (/^\s+description: ".*"$/.test(l) && (best < 0 || Math.abs(i - mid) < Math.abs(best - mid))) best = i;
  });
  if (best < 0) throw new Error('no description line to edit');
  return { line: best, character: lines[best].lastIndexOf('"'), text: lines[best] };
}

async function startOurs(rootUri) {
  const c = new LspClient('elb-lint-ls', [path.join(ROOT, 'server/bin/elb-lint-ls.js'), '--stdio'], (section) => (section === 'elbLint' ? OUR_DEFAULTS : {}));
  await c.initialize(rootUri);
  return c;
}

async function startYamlLs(rootUri) {
  const bin = require.resolve('yaml-language-server/bin/yaml-language-server', { paths: [ROOT] });
  const c = new LspClient('yaml-language-server', [bin, '--stdio'], (section) => (section === 'yaml' ? YAML_SETTINGS : {}));
  await c.initialize(rootUri);
  // yaml-language-server pulls `yaml` on didChangeConfiguration; push it as well for old clients.
  await c.notify('workspace/didChangeConfiguration', { settings: { yaml: YAML_SETTINGS } });
  await sleep(300);
  return c;
}

/** Does yaml-language-server really validate against our schema? Open a file with a misspelt key. */
async function probeYamlLs(c, dir) {
  const uri = pathToFileURL(path.join(dir, 'probe.elb.yaml')).href;
  const text = 'version: 1\nloadbalancers:\n  - {name: probe, tpye: shared}\n';
  const p = c.waitPublish((e) => e.uri === uri && e.count > 0, 60_000).catch(() => undefined);
  await c.open(uri, text);
  const ev = await p;
  await c.close(uri);
  return ev ? ev.diagnostics.map((d) => d.message).slice(0, 3) : [];
}

class Editor {
  constructor(client, uri, point, versioned) {
    this.c = client;
    this.uri = uri;
    this.point = point;
    this.version = 1;
    this.inserted = false;
    this.versioned = versioned;
    this.samples = [];
    this.cpu = [];
  }

  async open(text) {
    const t0 = now();
    const p = this.c.waitPublish((e) => e.uri === this.uri);
    await this.c.open(this.uri, text, this.version);
    const ev = await p;
    this.openMs = now() - t0;
    this.openCount = ev.count;
  }

  /** One edit, timed from sending didChange to the matching publishDiagnostics. */
  async edit(record) {
    const v = ++this.version;
    const { line, character } = this.point;
    const change = this.inserted
      ? { range: { start: { line, character }, end: { line, character: character + 1 } }, rangeLength: 1, text: '' }
      : { range: { start: { line, character }, end: { line, character } }, rangeLength: 0, text: 'x' };
    this.inserted = !this.inserted;
    const cpu0 = this.c.cpuMs();
    const t0 = now();
    const p = this.c.waitPublish((e) => e.uri === this.uri && (this.versioned ? e.version === v : e.at >= t0));
    await this.c.change(this.uri, v, [change]);
    const ev = await p;
    const ms = ev.at - t0;
    if (record) {
      this.samples.push(ms);
      this.cpu.push(this.c.cpuMs() - cpu0);
      this.lastCount = ev.count;
    }
  }
}

async function main() {
  const lines = Number(arg('lines', 5000));
  const edits = Number(arg('edits', 200));
  const warmup = Number(arg('warmup', 20));
  const gap = Number(arg('gap', 20));
  const withPeer = String(arg('peer', 'true')) !== 'false';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'elb-bench-editor-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const rootUri = pathToFileURL(dir).href;
  const { text } = generate({ lines, seed: 5 });
  const file = path.join(dir, `edit-${lines}.elb.yaml`);
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const point = editPoint(text);
  const load0 = loadavg();

  const ours = await startOurs(rootUri);
  const peer = withPeer ? await startYamlLs(rootUri) : undefined;
  const probe = peer ? await probeYamlLs(peer, dir) : [];
  const eds = [new Editor(ours, uri, point, true)];
  if (peer) eds.push(new Editor(peer, uri, point, false));
  for (const e of eds) await e.open(text);
  for (let i = 0; i < warmup + edits; i++) {
    for (const e of eds) {
      await e.edit(i >= warmup);
      await sleep(gap);
    }
    if ((i + 1) % 10 === 0) process.stderr.write(`  editor: ${i + 1}/${warmup + edits} edits\r`);
  }
  process.stderr.write('\n');
  const out = {
    part: 'editor',
    lines,
    bytes: Buffer.byteLength(text),
    edits,
    warmup,
    gapMs: gap,
    editLine: point.line + 1,
    editText: point.text.trim(),
    uptime: uptime(),
    load: { before: load0, after: loadavg() },
    yamlLsProbe: probe,
    servers: eds.map((e) => ({
      name: e.c.name,
      openMs: e.openMs,
      openDiagnostics: e.openCount,
      diagnostics: e.lastCount,
      latency: summary(e.samples),
      serverCpuPerEdit: summary(e.cpu),
      rssMiB: e.c.rss(),
      configRequests: e.c.configRequests,
      samples: e.samples,
    })),
  };
  for (const e of eds) await e.c.shutdown();
  fs.rmSync(dir, { recursive: true, force: true });
  emit(out);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
