import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { ROOT, fixture, run, workspace } from './run';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'schemas', 'gitlab-codequality.schema.json'), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);

function gitlab(args: string[], cwd: string): { code: number | null; issues: Any[]; stderr: string } {
  const r = run(['--format', 'gitlab', ...args], cwd);
  return { code: r.code, issues: JSON.parse(r.stdout) as Any[], stderr: r.stderr };
}

const moved = (text: string): string => text.replace('version: 1\n', 'version: 1\n\n# a comment that moves every line down\n\n');

describe('elb-lint CLI: GitLab Code Quality output', () => {
  test('validates against the Code Quality schema; one issue per finding with unique fingerprints', () => {
    const dir = workspace(['sg-web.elb.yaml', 'sg-web.elb.json', 'suppressed.elb.yaml', 'invalid.elb.yaml', 'clean.elb.yaml'], {
      'sub dir/copy.elb.yaml': fixture('sg-web.elb.yaml'),
      'nul.elb.yaml': Buffer.from('version: 1\nx: \u0000\n'),
    });
    const { code, issues } = gitlab([], dir);
    assert.equal(code, 1);
    assert.ok(validate(issues), JSON.stringify(validate.errors, null, 2));
    const json = JSON.parse(run(['-f', 'json', '.'], dir).stdout) as Any[];
    assert.equal(issues.length, json.reduce((n: number, f: Any) => n + f.messages.length, 0));
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length, 'fingerprints are unique in a report');
    const paths = new Set(issues.map((i) => i.location.path));
    assert.ok(paths.has('sub dir/copy.elb.yaml'), [...paths].join(', '));
    assert.ok(!paths.has('clean.elb.yaml'));
  });

  test('fields: check_name is the rule, severity maps error → major, warning → minor, info → info, line of the finding', () => {
    const dir = workspace(['sg-web.elb.yaml']);
    const { issues } = gitlab(['sg-web.elb.yaml'], dir);
    const json = (JSON.parse(run(['-f', 'json', 'sg-web.elb.yaml'], dir).stdout) as Any[])[0].messages as Any[];
    const map: Record<string, string> = { error: 'major', warning: 'minor', info: 'info' };
    for (const [i, m] of json.entries()) {
      const issue = issues[i];
      assert.equal(issue.check_name, m.ruleId);
      assert.equal(issue.severity, map[m.severity]);
      assert.equal(issue.location.lines.begin, m.line);
      assert.ok(issue.description.includes(m.message));
    }
    assert.ok(issues.some((i) => i.severity === 'major'));
  });

  test('the fingerprint is the SARIF partial fingerprint and survives lines moving', () => {
    const dir = workspace([], { 'a.elb.yaml': fixture('sg-web.elb.yaml') });
    const a = gitlab(['a.elb.yaml'], dir).issues;
    const sarif = JSON.parse(run(['-f', 'sarif', 'a.elb.yaml'], dir).stdout) as Any;
    const sfp = new Set(sarif.runs[0].results.map((r: Any) => r.partialFingerprints['elbLintFingerprint/v1']));
    for (const i of a) assert.ok(sfp.has(i.fingerprint), i.check_name);
    fs.writeFileSync(path.join(dir, 'a.elb.yaml'), moved(fixture('sg-web.elb.yaml')));
    const b = gitlab(['a.elb.yaml'], dir).issues;
    assert.deepEqual(b.map((i) => i.fingerprint), a.map((i) => i.fingerprint));
    assert.deepEqual(b.map((i) => i.location.lines.begin), a.map((i) => i.location.lines.begin + 3));
    // Chinese messages, same fingerprints.
    const zh = gitlab(['--locale', 'zh-cn', 'a.elb.yaml'], dir).issues;
    assert.deepEqual(zh.map((i) => i.fingerprint), a.map((i) => i.fingerprint));
    assert.notEqual(zh[0].description, b[0].description);
  });

  test('no findings: an empty array (GitLab then shows no degradation)', () => {
    const dir = workspace(['clean.elb.yaml']);
    const { code, issues } = gitlab([], dir);
    assert.equal(code, 0);
    assert.deepEqual(issues, []);
  });

  test('the schema rejects a malformed report (the validator is not a rubber stamp)', () => {
    assert.equal(validate([{ description: 'x', check_name: 'y', fingerprint: 'z', severity: 'error', location: { path: 'a', lines: { begin: 1 } } }]), false);
    assert.equal(validate([{ description: 'x', check_name: 'y', fingerprint: 'z', severity: 'major', location: { path: '/abs', lines: { begin: 1 } } }]), false);
    assert.equal(validate([{ description: 'x', check_name: 'y', severity: 'major', location: { path: 'a', lines: { begin: 1 } } }]), false);
  });
});
