'use strict';
// Shared helpers of the benchmarks: a seeded PRNG, statistics, machine facts, RSS sampling.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'server/out');

/** mulberry32: small, fast, deterministic for a given 32-bit seed. */
function prng(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sorted(xs) {
  return [...xs].sort((a, b) => a - b);
}

/** Median (mean of the two middle values for an even count). */
function median(xs) {
  if (!xs.length) return NaN;
  const s = sorted(xs);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Percentile by the nearest-rank method (p in 0..100). */
function percentile(xs, p) {
  if (!xs.length) return NaN;
  const s = sorted(xs);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[Math.min(s.length, rank) - 1];
}

function summary(xs) {
  return { n: xs.length, min: Math.min(...xs), p50: percentile(xs, 50), median: median(xs), p95: percentile(xs, 95), max: Math.max(...xs), mean: xs.reduce((a, b) => a + b, 0) / xs.length };
}

/** Milliseconds since an arbitrary origin, sub-millisecond resolution. */
function now() {
  return Number(process.hrtime.bigint()) / 1e6;
}

function loadavg() {
  return os.loadavg().map((x) => Number(x.toFixed(2)));
}

function uptime() {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average: ${loadavg().join(', ')}`;
  }
}

/** VmRSS of a process in MiB, from /proc (Linux). */
function rssMiB(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(s);
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

function pkgVersion(name, from = ROOT) {
  try {
    const p = require.resolve(`${name}/package.json`, { paths: [from, path.join(ROOT, 'server')] });
    return JSON.parse(fs.readFileSync(p, 'utf8')).version;
  } catch {
    try {
      // packages whose `exports` hide package.json
      let dir = path.dirname(require.resolve(name, { paths: [from, path.join(ROOT, 'server')] }));
      while (dir !== path.dirname(dir)) {
        const f = path.join(dir, 'package.json');
        if (fs.existsSync(f)) {
          const j = JSON.parse(fs.readFileSync(f, 'utf8'));
          if (j.name === name) return j.version;
        }
        dir = path.dirname(dir);
      }
    } catch {
      /* not installed */
    }
    return 'not installed';
  }
}

function sh(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

/** Facts about the machine and the tree that the numbers depend on. */
function machine() {
  const cpu = os.cpus();
  const dirty = sh('git', ['status', '--porcelain', '--', 'server/src']).split('\n').filter(Boolean).length;
  return {
    date: new Date().toISOString(),
    nproc: sh('nproc', []) || String(cpu.length),
    cpuModel: (cpu[0] && cpu[0].model) || 'unknown',
    free: sh('free', ['-h']),
    totalMemGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    commit: sh('git', ['rev-parse', '--short', 'HEAD']),
    dirtyServerFiles: dirty,
    packages: {
      'elb-lint': JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version,
      yaml: pkgVersion('yaml'),
      ajv: pkgVersion('ajv'),
      'vscode-languageserver': pkgVersion('vscode-languageserver'),
      'vscode-jsonrpc': pkgVersion('vscode-jsonrpc'),
      'yaml-language-server': pkgVersion('yaml-language-server'),
      typescript: pkgVersion('typescript'),
    },
  };
}

function fmt(x, digits = 1) {
  if (x === undefined || x === null || Number.isNaN(x)) return 'n/a';
  if (Math.abs(x) >= 100) return x.toFixed(0);
  return x.toFixed(digits);
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Give a child process's result back to the orchestrator (last stdout line, JSON). */
function emit(result) {
  process.stdout.write('\n@@RESULT@@' + JSON.stringify(result) + '\n');
}

function arg(name, dflt) {
  const i = process.argv.indexOf('--' + name);
  if (i < 0) return dflt;
  const v = process.argv[i + 1];
  return v === undefined || v.startsWith('--') ? true : v;
}

module.exports = { ROOT, OUT, prng, median, percentile, summary, now, loadavg, uptime, rssMiB, machine, fmt, sleep, emit, arg, pkgVersion };
