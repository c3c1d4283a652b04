#!/usr/bin/env node
'use strict';
/**
 * Part 3 — the CLI at repository scale: `elb-lint <dir>` over 1,000 configuration files (one
 * service per file, 10% with two stacks; ~100–300 lines each) spread over 50 service folders that
 * also hold other YAML the linter must skip, timed from process start to exit (wall, and the
 * child's user+system CPU from bash's `time`). Output goes to /dev/null in the default text
 * format. Baselines split the cost: `node -e 0` (runtime start), `elb-lint --version` (loading
 * our modules), one file (+ schema compile). Median of `--runs` runs.
 *
 * Terraform: a module of `--tf-resources` resources (bench/generate.js generateTerraform), the
 * same way, when a Terraform reader is registered in the engine (server/out formats/registry);
 * otherwise the result says it was not measured and why.
 *
 *   node bench/cli.js [--files 1000] [--runs 5] [--tf-resources 1000]
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { ROOT, median, emit, arg, loadavg, uptime } = require('./lib/util');
const { generate, generateTerraform } = require('./generate');

const BIN = path.join(ROOT, 'server/bin/elb-lint.js');

/** Run a command under bash's `time`: { wall, cpu, code } in ms. */
function timed(cmd) {
  const r = spawnSync('bash', ['-c', `TIMEFORMAT='@@%R %U %S'; time ( ${cmd} >/dev/null 2>&1 )`], { encoding: 'utf8' });
  const m = /@@([\d.]+) ([\d.]+) ([\d.]+)/.exec(r.stderr);
  if (!m) throw new Error(`could not time: ${cmd}\n${r.stderr}`);
  return { wall: Number(m[1]) * 1000, cpu: (Number(m[2]) + Number(m[3])) * 1000 };
}

function q(s) {
  return `'${s.replace(/'/g, "'\\''")}'`;
}

function main() {
  const files = Number(arg('files', 1000));
  const runs = Number(arg('runs', 5));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'elb-bench-cli-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  let lines = 0;
  let bytes = 0;
  const folders = Math.max(1, Math.round(files / 20));
  for (let i = 0; i < files; i++) {
    const svc = path.join(dir, `svc-${String(i % folders).padStart(3, '0')}`, 'deploy');
    fs.mkdirSync(svc, { recursive: true });
    const { text } = generate({ units: i % 10 === 9 ? 2 : 1, seed: i + 1 });
    fs.writeFileSync(path.join(svc, `app-${i}.elb.yaml`), text);
    if (i < folders) fs.writeFileSync(path.join(svc, 'values.yaml'), 'replicas: 3\nimage: app:1.0\n');
    lines += text.split('\n').length - 1;
    bytes += Buffer.byteLength(text);
  }
  const one = path.join(dir, 'svc-000', 'deploy', 'app-0.elb.yaml');
  const node = q(process.execPath);
  const load0 = loadavg();
  const series = { nodeStart: [], version: [], oneFile: [], repo: [] };
  // Warm the file system cache and the compile cache of node once.
  timed(`${node} ${q(BIN)} ${q(dir)}`);
  for (let r = 0; r < runs; r++) {
    series.nodeStart.push(timed(`${node} -e 0`));
    series.version.push(timed(`${node} ${q(BIN)} --version`));
    series.oneFile.push(timed(`${node} ${q(BIN)} ${q(one)}`));
    series.repo.push(timed(`cd ${q(dir)} && ${node} ${q(BIN)} .`));
    process.stderr.write(`  cli: run ${r + 1}/${runs}\r`);
  }
  process.stderr.write('\n');
  // How many findings (one extra run with JSON output).
  const js = spawnSync(process.execPath, [BIN, '--format', 'json', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
  let findings = 0;
  let linted = 0;
  try {
    const arr = JSON.parse(js.stdout);
    linted = arr.length;
    for (const f of arr) findings += f.messages.length;
  } catch {
    /* keep zeros */
  }
  const med = (xs) => ({ wall: median(xs.map((x) => x.wall)), cpu: median(xs.map((x) => x.cpu)) });
  const out = {
    part: 'cli',
    files,
    folders,
    lines,
    bytes,
    runs,
    linted,
    findings,
    exitCode: js.status,
    nodeStart: med(series.nodeStart),
    version: med(series.version),
    oneFile: med(series.oneFile),
    repo: med(series.repo),
    repoAll: series.repo,
    load: { before: load0, after: loadavg() },
    uptime: uptime(),
  };
  // --timing over the whole repository: the per-rule table (part 4: a slow rule found in a minute).
  const tm = spawnSync(process.execPath, [BIN, '--timing', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
  const rows = tm.stderr.split('\n').filter((l) => /^\S+\s+\|\s+[\d.]+\s+\|/.test(l)).map((l) => l.split('|').map((x) => x.trim()));
  const times = rows.map((r) => Number(r[1]));
  out.timing = { rows: rows.length, sorted: times.every((t, i) => i === 0 || times[i - 1] >= t), slowest: rows[0]?.[0], slowestMs: times[0], top: rows.slice(0, 8) };
  out.terraform = terraform(Number(arg('tf-resources', 1000)), runs);
  fs.rmSync(dir, { recursive: true, force: true });
  emit(out);
}

/** `elb-lint <module dir>` on a generated Terraform module, if the engine reads Terraform. */
function terraform(resources, runs) {
  const mod = generateTerraform({ resources });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'elb-bench-tf-'));
  try {
    for (const [name, text] of Object.entries(mod.files)) fs.writeFileSync(path.join(dir, name), text);
    let format;
    try {
      const { readerFor } = require(path.join(ROOT, 'server/out/engine/formats/registry'));
      format = readerFor(path.join(dir, 'elb.tf'), mod.files['elb.tf']).format;
    } catch (err) {
      format = `unknown (${err.message})`;
    }
    const base = { resources: mod.resources, lines: mod.lines, files: Object.keys(mod.files).length };
    if (format !== 'terraform') return { ...base, measured: false, reason: `Terraform reader not landed (a .tf file is read as ${format})` };
    const node = q(process.execPath);
    timed(`cd ${q(dir)} && ${node} ${q(BIN)} .`);
    const series = [];
    for (let r = 0; r < runs; r++) series.push(timed(`cd ${q(dir)} && ${node} ${q(BIN)} .`));
    const js = spawnSync(process.execPath, [BIN, '--format', 'json', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
    let findings = 0;
    try {
      for (const f of JSON.parse(js.stdout)) findings += f.messages.length;
    } catch {
      /* keep zero */
    }
    return { ...base, measured: true, findings, exitCode: js.status, wall: median(series.map((x) => x.wall)), cpu: median(series.map((x) => x.cpu)), all: series };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
