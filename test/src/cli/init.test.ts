import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateConfig } from '../../../server/out/config/validate';
import { allRules } from '../../../server/out/engine/rules/index';
import { run, runJson, workspace } from './run';

describe('elb-lint --init', () => {
  test('writes a commented .elb-lint.yaml that the configuration loader accepts, listing every rule with its default', () => {
    const dir = workspace(['sg-web.elb.yaml']);
    const r = run(['--init'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /wrote \.elb-lint\.yaml/);
    const text = fs.readFileSync(path.join(dir, '.elb-lint.yaml'), 'utf8');
    const v = validateConfig(text, path.join(dir, '.elb-lint.yaml'));
    assert.deepEqual(v.problems, []);
    assert.match(text, /^root: true$/m);
    for (const rule of allRules) assert.match(text, new RegExp(`^#   ${rule.id}: \\[?${rule.severity}\\b`, 'm'), rule.id);
    assert.match(text, /#   ELB503: \[error, \{warnDays: 30\}\]/);
    for (const key of ['files', 'ignorePatterns', 'locale', 'rules', 'overrides']) assert.match(text, new RegExp(`^# ${key}:`, 'm'), key);
    // Linting with it gives what the defaults give.
    const withInit = runJson(['sg-web.elb.yaml'], dir);
    const printed = JSON.parse(run(['--print-config', 'sg-web.elb.yaml'], dir).stdout) as { configFiles: string[] };
    assert.deepEqual(printed.configFiles.map((f) => path.basename(f)), ['.elb-lint.yaml']);
    const defaults = runJson(['--no-config-lookup', 'sg-web.elb.yaml'], dir);
    assert.deepEqual(withInit.results[0]!.messages, defaults.results[0]!.messages);
  });

  test('uncommenting lines of the template works: `rules:` and a rule line turn ELB101 into a warning', () => {
    const dir = workspace(['sg-web.elb.yaml']);
    run(['--init'], dir);
    const file = path.join(dir, '.elb-lint.yaml');
    const text = fs.readFileSync(file, 'utf8').replace(/^# rules:$/m, 'rules:').replace(/^#   ELB101: error/m, '  ELB101: warning').replace(/^# ignorePatterns:/m, 'ignorePatterns:');
    fs.writeFileSync(file, text);
    assert.deepEqual(validateConfig(text, file).problems, []);
    const { results } = runJson(['sg-web.elb.yaml'], dir);
    const m = results[0]!.messages.find((x) => x.ruleId === 'ELB101');
    assert.equal(m?.severity, 'warning');
    // Every commented rule line is valid once uncommented too.
    const all = fs.readFileSync(file, 'utf8').replace(/^#   (ELB\d{3}: .*)$/gm, '  $1');
    assert.deepEqual(validateConfig(all, file).problems, []);
  });

  test('refuses to replace an existing settings file (exit 2) unless --force', () => {
    const dir = workspace([], { '.elb-lint.yaml': 'rules: {ELB101: off}\n' });
    const r = run(['--init'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\.elb-lint\.yaml already exists: use --init --force/);
    assert.equal(fs.readFileSync(path.join(dir, '.elb-lint.yaml'), 'utf8'), 'rules: {ELB101: off}\n');
    const json = workspace([], { '.elb-lint.json': '{}' });
    assert.equal(run(['--init'], json).code, 2);
    const forced = run(['--init', '--force'], dir);
    assert.equal(forced.code, 0);
    assert.match(fs.readFileSync(path.join(dir, '.elb-lint.yaml'), 'utf8'), /^root: true$/m);
    const bad = run(['--force'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--force only goes with --init/);
  });

  test('comments in Chinese with --locale zh-cn; still valid', () => {
    const dir = workspace([]);
    assert.equal(run(['--init', '--locale', 'zh-cn'], dir).code, 0);
    const text = fs.readFileSync(path.join(dir, '.elb-lint.yaml'), 'utf8');
    assert.match(text, /不再读取上级目录中的配置文件/);
    assert.match(text, new RegExp(allRules.find((r) => r.id === 'ELB101')!.docs['zh-cn'].summary.slice(0, 10)));
    assert.deepEqual(validateConfig(text, 'x/.elb-lint.yaml').problems, []);
  });
});
