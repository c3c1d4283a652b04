import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, cleanEnv, fixture } from './run';

/**
 * The hooks of .pre-commit-hooks.yaml, run by Debian's `pre-commit` (3.0.4 on Debian 12):
 * `pre-commit try-repo` installs them from a copy of this repository the way pre-commit installs
 * any `language: node` hook (npm install, npm pack, npm install -g of the tarball, with the
 * system's node) and runs them on a temporary git repository.
 *
 * Needs the npm registry or a warm npm cache (pre-commit's `npm install`), and takes minutes:
 * it runs in CI (CI=true), under `npm run test:all` (which sets ELB_LINT_PRECOMMIT=1) or with
 * ELB_LINT_PRECOMMIT=1, never with ELB_LINT_SKIP_E2E=1. scripts/test-all.sh installs pre-commit;
 * in CI (CI=true, root) the test installs it itself when missing.
 */

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

function findPreCommit(): boolean {
  if (has('pre-commit')) return true;
  if (process.env.CI === 'true' && process.getuid?.() === 0) {
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'pre-commit'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 600_000 });
  }
  return has('pre-commit');
}

const skip =
  process.env.ELB_LINT_SKIP_E2E === '1' || (process.env.CI !== 'true' && process.env.ELB_LINT_PRECOMMIT !== '1')
    ? 'pre-commit installs the hook with npm (minutes): runs in CI (CI=true), with npm run test:all, or with ELB_LINT_PRECOMMIT=1'
    : !has('git')
      ? 'git not found'
      : !fs.existsSync(path.join(ROOT, '.git'))
        ? 'not a git checkout'
        : !findPreCommit()
          ? 'pre-commit not found: install Debian pre-commit (scripts/test-all.sh does)'
          : false;

const GIT_ID = ['-c', 'user.email=test@example.com', '-c', 'user.name=elb-lint test', '-c', 'commit.gpgsign=false'];

function sh(cmd: string, args: string[], opts: SpawnSyncOptions): { code: number | null; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 900_000, maxBuffer: 64 * 1024 * 1024, ...opts });
  return { code: r.status, out: `${String(r.stdout ?? '')}${String(r.stderr ?? '')}` };
}

function git(cwd: string, ...args: string[]): void {
  const r = sh('git', [...GIT_ID, ...args], { cwd });
  assert.equal(r.code, 0, `git ${args.join(' ')}: ${r.out}`);
}

describe('pre-commit hooks (.pre-commit-hooks.yaml) through pre-commit try-repo', { skip, timeout: 30 * 60_000 }, () => {
  let tmp = '';
  let hooks = '';
  let rev = '';
  let work = '';
  let env: NodeJS.ProcessEnv = {};
  const preCommit = (...args: string[]): { code: number | null; out: string } => sh('pre-commit', args, { cwd: work, env });

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'elb-lint-precommit-'));
    // The hook repository: this checkout as it is (uncommitted changes included), committed once
    // so that every pre-commit call below reuses one installed environment.
    hooks = path.join(tmp, 'hooks');
    const listed = sh('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT }).out.split('\0').filter(Boolean);
    for (const f of listed) {
      const src = path.join(ROOT, f);
      if (!fs.existsSync(src) || !fs.statSync(src).isFile()) continue;
      fs.mkdirSync(path.dirname(path.join(hooks, f)), { recursive: true });
      fs.copyFileSync(src, path.join(hooks, f));
    }
    git(hooks, 'init', '-q');
    git(hooks, 'add', '-A');
    git(hooks, 'commit', '-q', '-m', 'hooks');
    rev = sh('git', ['rev-parse', 'HEAD'], { cwd: hooks }).out.trim();
    // The project using the hooks.
    work = path.join(tmp, 'project');
    fs.mkdirSync(path.join(work, 'lb'), { recursive: true });
    fs.writeFileSync(path.join(work, 'lb', 'web.elb.yaml'), fixture('sg-web.elb.yaml'));
    fs.writeFileSync(path.join(work, 'lb', 'ok.elb.yaml'), fixture('clean.elb.yaml'));
    fs.writeFileSync(path.join(work, 'lb', 'notes.yaml'), 'not: [an ELB file\n');
    git(work, 'init', '-q');
    git(work, 'add', '-A');
    git(work, 'commit', '-q', '-m', 'project');
    env = cleanEnv({ PRE_COMMIT_HOME: path.join(tmp, 'cache'), PRE_COMMIT_COLOR: 'never', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' });
  });

  test('try-repo: a misconfigured file fails elb-lint (file, line, rule named); elb-lint-fix rewrites it', () => {
    // try-repo installs into a store of its own on every call: one call runs both hooks.
    const t0 = Date.now();
    const r = preCommit('try-repo', hooks, '--ref', rev, '--all-files');
    console.log(`# [pre-commit] try-repo (install + run) in ${Date.now() - t0} ms`);
    assert.equal(r.code, 1, r.out);
    const [lint, fix] = r.out.split(/^elb-lint --fix\.+/m);
    assert.ok(fix !== undefined, r.out);
    assert.match(lint!, /^elb-lint\.+Failed/m);
    assert.match(lint!, /lb\/web\.elb\.yaml/);
    assert.match(lint!, /25:22\s+error\s+Health checks of pool `web-pool`.*ELB101/);
    assert.doesNotMatch(lint!, /ok\.elb\.yaml|notes\.yaml/);
    assert.match(fix!, /^Failed/);
    assert.match(fix!, /files were modified by this hook/);
    assert.match(fs.readFileSync(path.join(work, 'lb', 'web.elb.yaml'), 'utf8'), /100\.125\.0\.0\/16/);
    git(work, 'checkout', '--', 'lb/web.elb.yaml');
  });

  test('the three-line .pre-commit-config.yaml of docs/ci.md: findings fail, clean and unmatched files pass, staged files only', () => {
    fs.writeFileSync(path.join(work, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hooks}\n    rev: ${rev}\n    hooks: [{id: elb-lint}]\n`);
    const t0 = Date.now();
    const bad = preCommit('run', '--all-files');
    console.log(`# [pre-commit] run (install + run) in ${Date.now() - t0} ms`);
    assert.equal(bad.code, 1, bad.out);
    assert.match(bad.out, /^elb-lint\.+Failed/m);
    assert.match(bad.out, /ELB102/);
    const clean = preCommit('run', '--files', 'lb/ok.elb.yaml', 'lb/notes.yaml');
    assert.equal(clean.code, 0, clean.out);
    assert.match(clean.out, /^elb-lint\.+Passed/m);
    fs.writeFileSync(path.join(work, 'lb', 'new.elb.yaml'), fixture('clean.elb.yaml'));
    git(work, 'add', 'lb/new.elb.yaml', '.pre-commit-config.yaml');
    const staged = preCommit('run');
    assert.equal(staged.code, 0, staged.out);
    assert.match(staged.out, /^elb-lint\.+Passed/m);
  });
});
