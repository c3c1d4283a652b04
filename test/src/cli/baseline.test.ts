import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture, run, runJson, workspace } from './run';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

const SG = fixture('sg-web.elb.yaml');
/** Every line moves down; nothing else changes. */
const moved = (text: string): string => text.replace('version: 1\n', 'version: 1\n# owner: platform team\n\n# reviewed in Q3\n');
/** A second member on the same pool: ELB101 fires for it too (a new finding). */
const withNewMember = (text: string): string =>
  text
    .replace('servers:\n', 'servers:\n  - {name: web-2, subnet: subnet-back, address: 192.168.1.11, security_groups: [sg-web]}\n')
    .replace('          - {server: web-1, protocol_port: 8080}   # the app port\n', '          - {server: web-1, protocol_port: 8080}   # the app port\n          - {server: web-2, protocol_port: 8081}\n');

function readBaseline(file: string): Any {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

describe('elb-lint CLI: baselines', () => {
  test('--baseline-write records every finding (rule, file, fingerprint) and exits 0; --baseline then reports nothing', () => {
    const dir = workspace(['sg-web.elb.yaml', 'clean.elb.yaml', 'suppressed.elb.yaml']);
    const before = runJson(['.'], dir);
    assert.equal(before.r.code, 1);
    const count = before.results.reduce((n, f) => n + f.messages.length, 0);
    assert.ok(count > 0);
    const w = run(['--baseline-write', '.elb-lint-baseline.json', '.'], dir);
    assert.equal(w.code, 0, w.stdout + w.stderr);
    assert.match(w.stderr, new RegExp(`recorded ${count} findings in the baseline \\.elb-lint-baseline\\.json`));
    const b = readBaseline(path.join(dir, '.elb-lint-baseline.json'));
    assert.equal(b.tool, 'elb-lint');
    assert.equal(b.version, 1);
    assert.equal(b.findings.length, count);
    for (const e of b.findings) {
      assert.match(e.rule, /^ELB\d{3}$/);
      assert.match(e.fingerprint, /^[0-9a-f]{64}$/);
      assert.ok(['sg-web.elb.yaml', 'suppressed.elb.yaml'].includes(e.file), e.file);
    }
    // In-source suppressions are not recorded: they are suppressed already.
    const sup = before.results.find((f) => f.filePath.endsWith('suppressed.elb.yaml'))!;
    assert.equal(b.findings.filter((e: Any) => e.file === 'suppressed.elb.yaml').length, sup.messages.length);
    const again = runJson(['--baseline', '.elb-lint-baseline.json', '.'], dir);
    assert.equal(again.r.code, 0, again.r.stderr);
    assert.equal(again.results.reduce((n, f) => n + f.messages.length, 0), 0);
    assert.match(again.r.stderr, new RegExp(`${count} findings in the baseline \\.elb-lint-baseline\\.json are not reported`));
    // They are kept as suppressed messages with an external suppression.
    const s = again.results.find((f) => f.filePath.endsWith('sg-web.elb.yaml'))!.suppressedMessages;
    assert.ok(s.some((m) => m.ruleId === 'ELB101' && m.suppressions?.[0]?.kind === 'external' && /baseline/.test(m.suppressions[0].justification ?? '')));
  });

  test('lines moving keep findings in the baseline; a new finding of the same rule is reported, and only it', () => {
    const dir = workspace([], { 'lb/web.elb.yaml': SG });
    assert.equal(run(['--baseline-write', 'baseline.json', 'lb'], dir).code, 0);
    fs.writeFileSync(path.join(dir, 'lb/web.elb.yaml'), moved(SG));
    const same = runJson(['--baseline', 'baseline.json', 'lb'], dir);
    assert.equal(same.r.code, 0, JSON.stringify(same.results[0]!.messages));
    fs.writeFileSync(path.join(dir, 'lb/web.elb.yaml'), withNewMember(moved(SG)));
    const plain = runJson(['lb'], dir).results[0]!.messages.filter((m) => m.ruleId === 'ELB101');
    assert.equal(plain.length, 2, 'both members are blocked');
    const { r, results } = runJson(['--baseline', 'baseline.json', 'lb'], dir);
    assert.equal(r.code, 1);
    const left = results[0]!.messages;
    assert.ok(left.length >= 1);
    assert.ok(left.every((m) => m.message.includes('web-2') || m.message.includes('8081')), JSON.stringify(left, null, 1));
    assert.ok(left.some((m) => m.ruleId === 'ELB101'));
  });

  test('a fixed finding leaves a stale entry: reported on stderr, exit 0', () => {
    const dir = workspace([], { 'web.elb.yaml': SG });
    run(['--baseline-write', 'b.json', '.'], dir);
    const fixed = run(['--fix', 'web.elb.yaml'], dir);
    assert.ok(fixed.code === 0 || fixed.code === 1);
    const r = run(['--baseline', 'b.json', '.'], dir);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stderr, /findings of the baseline b\.json no longer occur: rewrite it with --baseline-write/);
  });

  test('the baseline does not depend on the language of the messages nor on the working directory', () => {
    const dir = workspace([], { 'repo/lb/web.elb.yaml': SG, 'repo/lb/sub/other.elb.yaml': SG });
    const repo = path.join(dir, 'repo');
    assert.equal(run(['--locale', 'zh-cn', '--baseline-write', 'ci/baseline.json', 'lb'], repo).code, 0);
    const b = readBaseline(path.join(repo, 'ci/baseline.json'));
    assert.ok(b.findings.every((e: Any) => e.file.startsWith('../lb/')), 'paths are relative to the baseline file');
    assert.match(b.findings[0].message, /[\u4e00-\u9fff]/);
    // English, from another folder.
    const r = run(['--locale', 'en', '--baseline', '../ci/baseline.json', '.'], path.join(repo, 'lb'));
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  test('--baseline-write on part of the tree keeps the entries of the files it did not lint', () => {
    const dir = workspace([], { 'a/web.elb.yaml': SG, 'b/web.elb.yaml': SG });
    run(['--baseline-write', 'baseline.json', '.'], dir);
    const all = readBaseline(path.join(dir, 'baseline.json')).findings.length;
    fs.writeFileSync(path.join(dir, 'a/web.elb.yaml'), withNewMember(SG));
    const w = run(['--baseline', 'baseline.json', '--baseline-write', 'baseline.json', 'a'], dir);
    assert.equal(w.code, 0);
    const b = readBaseline(path.join(dir, 'baseline.json'));
    assert.equal(b.findings.filter((e: Any) => e.file.startsWith('b/')).length, all / 2);
    assert.ok(b.findings.filter((e: Any) => e.file.startsWith('a/')).length > all / 2);
    assert.equal(run(['--baseline', 'baseline.json', '.'], dir).code, 0);
    // The file is stable: sorted by file and line, entries with rule, file, fingerprint.
    const files = b.findings.map((e: Any) => e.file);
    assert.deepEqual(files, [...files].sort());
  });

  test('SARIF marks baselined findings as suppressed (external); junit and gitlab leave them out', () => {
    const dir = workspace(['sg-web.elb.yaml']);
    run(['--baseline-write', 'b.json', '.'], dir);
    const sarif = JSON.parse(run(['-f', 'sarif', '--baseline', 'b.json', '.'], dir).stdout) as Any;
    const results = sarif.runs[0].results as Any[];
    assert.ok(results.length > 0);
    assert.ok(results.every((x) => x.suppressions?.[0]?.kind === 'external'));
    const fps = new Set(readBaseline(path.join(dir, 'b.json')).findings.map((e: Any) => e.fingerprint));
    for (const x of results) assert.ok(fps.has(x.partialFingerprints['elbLintFingerprint/v1']), 'baseline and SARIF fingerprints agree');
    assert.deepEqual(JSON.parse(run(['-f', 'gitlab', '--baseline', 'b.json', '.'], dir).stdout), []);
    assert.doesNotMatch(run(['-f', 'junit', '--baseline', 'b.json', '.'], dir).stdout, /<failure/);
  });

  test('a missing or malformed baseline is a usage error (exit 2), positioned in words', () => {
    const dir = workspace(['sg-web.elb.yaml'], { 'bad.json': '{"tool": "eslint"}', 'broken.json': '{', 'entries.json': '{"tool":"elb-lint","version":1,"findings":[{"rule":1}]}' });
    const missing = run(['--baseline', 'nope.json', '.'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read the baseline nope\.json: ENOENT/);
    assert.match(run(['--baseline', 'bad.json', '.'], dir).stderr, /bad\.json is not an elb-lint baseline/);
    assert.match(run(['--baseline', 'broken.json', '.'], dir).stderr, /broken\.json is not an elb-lint baseline/);
    assert.match(run(['--baseline', 'entries.json', '.'], dir).stderr, /findings\[0\] needs rule, file and fingerprint/);
    const zh = run(['--locale', 'zh-cn', '--baseline', 'nope.json', '.'], dir);
    assert.match(zh.stderr, /无法读取基线文件 nope\.json/);
    assert.ok(!/\n\s+at /.test(missing.stderr));
  });
});
