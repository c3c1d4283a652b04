'use strict';
// Helpers for the VS Code end-to-end test: the code-server cache, the .vsix, one code-server
// session (its own process group, temp config/profile/extensions) and Debian's chromium.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const E2E = path.resolve(__dirname, '..');

/** Chromium flags that keep it quiet and offline (measured in the vscode-e2e recipe). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Run `install-code-server.sh` (reuses the cache when present); returns the folder holding node_modules/. */
function ensureCodeServer() {
  const r = spawnSync('bash', [path.join(E2E, 'install-code-server.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`install-code-server.sh failed (exit ${r.status})`);
  const dir = r.stdout.trim().split('\n').pop();
  if (!dir || !fs.existsSync(path.join(dir, 'node_modules', '.bin', 'code-server'))) throw new Error(`no code-server in ${dir}`);
  return dir;
}

/** `npm run package` at the repository root; returns the .vsix path. */
function buildVsix() {
  const r = spawnSync('npm', ['run', 'package'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run package failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  const vsix = path.join(ROOT, 'elb-lint.vsix');
  if (!fs.existsSync(vsix)) throw new Error('npm run package did not write elb-lint.vsix');
  return vsix;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** Members of a process group, from /proc (for the report when something survives). */
function groupMembers(pgid) {
  const out = [];
  for (const pid of fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) out.push(`${pid} ${fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 120)}`);
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

/**
 * One code-server session: a temp folder with config.yaml, user-data-dir, extensions-dir, a copy
 * of the workspace; the .vsix installed; code-server started with setsid (a new session and process
 * group) on 127.0.0.1 at a free port.
 */
class CodeServerSession {
  constructor({ cacheDir, vsix, workspaceSource, userSettings = {}, argv }) {
    this.cacheDir = cacheDir;
    this.bin = path.join(cacheDir, 'node_modules', '.bin', 'code-server');
    this.vsix = vsix;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'elb-lint-e2e-cs-'));
    this.dataDir = path.join(this.dir, 'data');
    this.extDir = path.join(this.dir, 'extensions');
    this.workspace = path.join(this.dir, 'workspace');
    this.logFile = path.join(this.dir, 'code-server.log');
    this.configFile = path.join(this.dir, 'config.yaml');
    fs.mkdirSync(path.join(this.dataDir, 'User'), { recursive: true });
    fs.mkdirSync(this.extDir);
    fs.cpSync(workspaceSource, this.workspace, { recursive: true });
    this.writeUserSettings(userSettings);
    if (argv) fs.writeFileSync(path.join(this.dataDir, 'User', 'argv.json'), JSON.stringify(argv, null, 2));
    this.pgid = undefined;
    this.onExit = () => this.killGroupSync();
  }

  get settingsFile() {
    return path.join(this.dataDir, 'User', 'settings.json');
  }

  /** The User settings.json this session starts with (quiet, offline, no minimap) plus `extra`. */
  static userSettings(extra = {}) {
    const base = {
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'extensions.ignoreRecommendations': true,
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'security.workspace.trust.enabled': false,
      'git.enabled': false,
      // VS Code for the web saves after 1 s by default; keep edits in the editor (Revert File undoes them).
      'files.autoSave': 'off',
      'editor.hover.delay': 300,
      'editor.minimap.enabled': false,
      'window.commandCenter': false,
      'chat.commandCenter.enabled': false,
    };
    return { ...base, ...extra };
  }

  writeUserSettings(extra) {
    fs.writeFileSync(this.settingsFile, JSON.stringify(CodeServerSession.userSettings(extra), null, 2));
  }

  /** code-server writes a heartbeat, logs and a device id under XDG_*_HOME: keep them in the session folder. */
  env() {
    return { ...process.env, XDG_DATA_HOME: path.join(this.dir, 'xdg-data'), XDG_CONFIG_HOME: path.join(this.dir, 'xdg-config'), XDG_CACHE_HOME: path.join(this.dir, 'xdg-cache'), ELECTRON_RUN_AS_NODE: undefined };
  }

  args() {
    return ['--config', this.configFile, '--extensions-dir', this.extDir, '--user-data-dir', this.dataDir];
  }

  async start() {
    this.port = await freePort();
    fs.writeFileSync(this.configFile, `bind-addr: 127.0.0.1:${this.port}\nauth: none\ncert: false\n`);
    const inst = spawnSync(this.bin, [...this.args(), '--install-extension', this.vsix], { encoding: 'utf8', timeout: 120_000, env: this.env() });
    fs.writeFileSync(path.join(this.dir, 'install-extension.log'), `${inst.stdout}\n${inst.stderr}`);
    if (inst.status !== 0 || !/successfully installed/i.test(inst.stdout + inst.stderr)) {
      throw new Error(`--install-extension failed (exit ${inst.status}):\n${inst.stdout}\n${inst.stderr}`);
    }
    const log = fs.openSync(this.logFile, 'a');
    // setsid: code-server, its extension host (with our language server) and its file watcher all
    // share one new process group, killed as a whole in stop().
    const child = spawn(
      'setsid',
      [this.bin, ...this.args(), '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', this.workspace],
      { stdio: ['ignore', log, log], env: this.env() },
    );
    fs.closeSync(log);
    this.pgid = child.pid; // setsid execs in place (the child is not a group leader), so pid == pgid
    this.child = child;
    child.unref();
    process.once('exit', this.onExit);
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; log: ${this.logFile}`);
      try {
        const res = await fetch(`http://127.0.0.1:${this.port}/healthz`);
        if (res.ok) break;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error(`code-server did not answer /healthz within 90 s; log: ${this.logFile}`);
      await sleep(200);
    }
    const pgid = Number(fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ')[2]);
    if (pgid !== child.pid) throw new Error(`code-server (pid ${child.pid}) is in process group ${pgid}, not its own`);
    return this;
  }

  url() {
    return `http://127.0.0.1:${this.port}/?folder=${encodeURIComponent(this.workspace)}`;
  }

  killGroupSync() {
    if (this.pgid && groupAlive(this.pgid)) {
      try {
        process.kill(-this.pgid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }

  /** Stop the whole process group (TERM, then KILL); returns the processes that outlived TERM for 5 s. */
  async stop() {
    process.removeListener('exit', this.onExit);
    if (!this.pgid) return [];
    let survivors = [];
    if (groupAlive(this.pgid)) {
      try {
        process.kill(-this.pgid, 'SIGTERM');
      } catch {
        /* gone */
      }
      const deadline = Date.now() + 5000;
      while (groupAlive(this.pgid) && Date.now() < deadline) await sleep(100);
      if (groupAlive(this.pgid)) {
        survivors = groupMembers(this.pgid);
        process.kill(-this.pgid, 'SIGKILL');
        const hard = Date.now() + 5000;
        while (groupAlive(this.pgid) && Date.now() < hard) await sleep(100);
      }
    }
    const left = groupAlive(this.pgid) ? groupMembers(this.pgid) : [];
    if (left.length) throw new Error(`processes left in group ${this.pgid} after SIGKILL:\n${left.join('\n')}`);
    return survivors;
  }

  /** Copy code-server's log and the workbench/extension-host logs into `outDir`; returns the paths. */
  saveLogs(outDir, prefix) {
    const saved = [];
    try {
      const dst = path.join(outDir, `${prefix}code-server.log`);
      fs.copyFileSync(this.logFile, dst);
      saved.push(dst);
    } catch {
      /* no log */
    }
    try {
      const logs = path.join(this.dataDir, 'logs');
      if (fs.existsSync(logs)) {
        const dst = path.join(outDir, `${prefix}vscode-logs`);
        fs.cpSync(logs, dst, { recursive: true });
        saved.push(dst);
      }
    } catch {
      /* no logs */
    }
    return saved;
  }

  remove() {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Debian's chromium via playwright-core; `tmpDir` takes what it would write under ~/.config and ~/.cache. */
async function launchChromium(cacheDir, tmpDir) {
  const { chromium } = require(path.join(cacheDir, 'node_modules', 'playwright-core'));
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
    env: { ...process.env, XDG_CONFIG_HOME: path.join(tmpDir, 'chromium-config'), XDG_CACHE_HOME: path.join(tmpDir, 'chromium-cache') },
  });
}

/** Where screenshots and logs go: printed by the test; ELB_LINT_E2E_OUT overrides. */
function outDir(name) {
  const dir = process.env.ELB_LINT_E2E_OUT
    ? path.resolve(process.env.ELB_LINT_E2E_OUT, name)
    : path.join(os.tmpdir(), 'elb-lint-e2e', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

module.exports = { ROOT, CodeServerSession, ensureCodeServer, buildVsix, launchChromium, outDir, sleep, groupAlive };
