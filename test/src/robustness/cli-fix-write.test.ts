import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, cleanEnv, fixture, workspace } from '../cli/run';

/**
 * `--fix` writes only text that re-parses, and writes it atomically: a crash at any point of the
 * write leaves the original file whole (the new content goes to a temporary file that is renamed
 * over the original).
 */
const SG = 'sg-web.elb.yaml';

/** Run the CLI with a preload script that sabotages one fs call. */
function runWith(preload: string, args: string[], cwd: string) {
  const pre = path.join(cwd, '..', `${path.basename(cwd)}-preload.js`);
  fs.writeFileSync(pre, preload);
  const r = spawnSync(process.execPath, ['--require', pre, BIN, ...args], { cwd, env: cleanEnv(), encoding: 'utf8', timeout: 60_000 });
  fs.rmSync(pre, { force: true });
  return r;
}

describe('--fix writes atomically and only what re-parses', () => {
  test('killed just before the rename: the original is untouched', () => {
    const dir = workspace([SG]);
    const r = runWith(
      `const fs = require('fs'); const real = fs.renameSync;
       fs.renameSync = function (a, b) { if (String(a).endsWith('.tmp')) process.kill(process.pid, 'SIGKILL'); return real.apply(this, arguments); };`,
      ['--fix', SG],
      dir,
    );
    assert.equal(r.signal, 'SIGKILL', 'the sabotage ran');
    assert.equal(fs.readFileSync(path.join(dir, SG), 'utf8'), fixture(SG), 'original intact');
  });

  test('killed half way through writing: the original is untouched', () => {
    const dir = workspace([SG]);
    const r = runWith(
      `const fs = require('fs'); const real = fs.writeFileSync;
       fs.writeFileSync = function (f, data) { if (typeof f === 'number') { real.call(fs, f, String(data).slice(0, String(data).length >> 1)); process.kill(process.pid, 'SIGKILL'); } return real.apply(this, arguments); };`,
      ['--fix', SG],
      dir,
    );
    assert.equal(r.signal, 'SIGKILL', 'the sabotage ran');
    assert.equal(fs.readFileSync(path.join(dir, SG), 'utf8'), fixture(SG), 'original intact');
  });

  test('the new content reaches the file by a rename of a flushed temporary file in the same folder', () => {
    const dir = workspace([SG]);
    const log = path.join(dir, '..', `${path.basename(dir)}-calls.json`);
    const r = runWith(
      `const fs = require('fs'); const calls = [];
       for (const name of ['renameSync', 'fsyncSync', 'openSync', 'writeFileSync']) { const real = fs[name]; fs[name] = function (...a) { calls.push([name, typeof a[0] === 'string' ? a[0] : typeof a[0]]); return real.apply(this, a); }; }
       process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(log)}, JSON.stringify(calls)));`,
      ['--fix', SG],
      dir,
    );
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const calls = JSON.parse(fs.readFileSync(log, 'utf8')) as [string, string][];
    fs.rmSync(log);
    const rename = calls.find((c) => c[0] === 'renameSync');
    assert.ok(rename, 'renamed');
    assert.equal(path.dirname(rename[1]), fs.realpathSync(dir), 'temporary file next to the target');
    const order = calls.map((c) => c[0]);
    assert.ok(order.indexOf('fsyncSync') >= 0 && order.indexOf('fsyncSync') < order.indexOf('renameSync'), 'flushed before the rename');
    assert.ok(!calls.some((c) => c[0] === 'writeFileSync' && c[1] === path.join(fs.realpathSync(dir), SG)), 'the target itself is never written in place');
    assert.deepEqual(fs.readdirSync(dir), [SG], 'no temporary file left');
  });

  test('fixes whose result would not re-parse are not written (even when fix-all claims success)', () => {
    const lf = require('../../../server/out/cli/lint-file.js') as typeof import('../../../server/out/cli/lint-file');
    const dir = workspace([SG]);
    const file = path.join(dir, SG);
    const mod = require('../../../server/out/engine/fix/fix-all.js') as { fixAll: (text: string, o: unknown) => { output: string; applied: number; result: unknown } };
    const real = mod.fixAll;
    try {
      // A fixer that breaks the syntax yet reports the original's lint result.
      mod.fixAll = (text: string, o: unknown) => {
        const ok = real(text, o);
        return { ...ok, output: ok.output.replace('rules:', 'rules: [unclosed') };
      };
      const out = lf.lintFile(file, { locale: 'en', rules: {}, maxBytes: 1 << 20, fix: 'write' });
      assert.equal(out.error?.messageId, 'notFixed');
      assert.equal(fs.readFileSync(file, 'utf8'), fixture(SG), 'nothing written');
    } finally {
      mod.fixAll = real;
    }
    // And with the real fixer the same file is written.
    const ok = lf.lintFile(file, { locale: 'en', rules: {}, maxBytes: 1 << 20, fix: 'write' });
    assert.equal(ok.error, undefined);
    assert.notEqual(fs.readFileSync(file, 'utf8'), fixture(SG));
  });
});
