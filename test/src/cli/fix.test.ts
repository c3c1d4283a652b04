import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture, run, runJson, workspace } from './run';

const SG = 'sg-web.elb.yaml';

describe('elb-lint CLI: --fix and --fix-dry-run', () => {
  test('--fix repairs the file, keeps its comments and mode; a second run exits 0', () => {
    const dir = workspace([SG]);
    const file = path.join(dir, SG);
    fs.chmodSync(file, 0o640);
    const first = run(['--fix', SG], dir);
    assert.equal(first.code, 0, first.stdout + first.stderr);
    assert.equal(first.stdout, '', 'nothing remains to report');
    const text = fs.readFileSync(file, 'utf8');
    assert.notEqual(text, fixture(SG));
    assert.match(text, /remote_ip_prefix: 100\.125\.0\.0\/16/);
    assert.ok(text.includes('# web tier: only HTTPS from anywhere'));
    assert.ok(text.includes('# the app port'));
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(fs.readdirSync(dir), [SG], 'no temporary file left behind');
    const second = run([SG], dir);
    assert.equal(second.code, 0, second.stdout);
    assert.ok(!second.stdout.includes('ELB101'));
  });

  test('--fix leaves an unchanged file alone and reports what cannot be fixed', () => {
    const dir = workspace(['invalid.elb.yaml', 'clean.elb.yaml']);
    const before = fs.statSync(path.join(dir, 'clean.elb.yaml')).mtimeMs;
    const r = run(['--fix', '.'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /invalid\.elb\.yaml[\s\S]*ELB001/);
    assert.equal(fs.readFileSync(path.join(dir, 'invalid.elb.yaml'), 'utf8'), fixture('invalid.elb.yaml'));
    assert.equal(fs.statSync(path.join(dir, 'clean.elb.yaml')).mtimeMs, before);
  });

  test('--fix follows a symbolic link instead of replacing it', () => {
    const dir = workspace([SG]);
    fs.mkdirSync(path.join(dir, 'link'));
    fs.symlinkSync(path.join(dir, SG), path.join(dir, 'link', 'lb.elb.yaml'));
    const r = run(['--fix', 'link/lb.elb.yaml'], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(fs.lstatSync(path.join(dir, 'link', 'lb.elb.yaml')).isSymbolicLink());
    assert.match(fs.readFileSync(path.join(dir, SG), 'utf8'), /100\.125\.0\.0\/16/);
  });

  test('--fix-dry-run prints a unified diff and writes nothing', () => {
    const dir = workspace([SG]);
    const r = run(['--fix-dry-run', SG], dir);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /^--- a\/sg-web\.elb\.yaml$/m);
    assert.match(r.stdout, /^\+\+\+ b\/sg-web\.elb\.yaml$/m);
    assert.match(r.stdout, /^@@ -\d+,\d+ \+\d+,\d+ @@/m);
    assert.match(r.stdout, /^\+ {6}- \{ ?direction: ingress.*100\.125\.0\.0\/16/m);
    assert.equal(fs.readFileSync(path.join(dir, SG), 'utf8'), fixture(SG));
  });

  test('--fix-dry-run with --format json gives output on the result', () => {
    const dir = workspace([SG]);
    const { r, results } = runJson(['--fix-dry-run', SG], dir);
    assert.equal(r.code, 0);
    const res = results[0]!;
    assert.ok(res.output);
    assert.match(res.output!, /100\.125\.0\.0\/16/);
    assert.ok(!res.messages.some((m) => m.ruleId === 'ELB101'));
    assert.equal(fs.readFileSync(path.join(dir, SG), 'utf8'), fixture(SG));
  });

  test('--fix keeps a UTF-8 BOM and CRLF line ends', () => {
    const crlf = '\ufeff' + fixture(SG).replace(/\n/g, '\r\n');
    const dir = workspace([], { [SG]: crlf });
    const r = run(['--fix', SG], dir);
    assert.equal(r.code, 0, r.stdout);
    const text = fs.readFileSync(path.join(dir, SG), 'utf8');
    assert.ok(text.startsWith('\ufeff'));
    assert.ok(!/[^\r]\n/.test(text), 'only CRLF line ends');
  });
});
