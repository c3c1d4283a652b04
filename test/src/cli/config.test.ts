import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigCache, ConfigError, loadConfigFor, validateConfig } from '../../../server/out/config/index';
import { fixture, noStack, run, runJson, workspace } from './run';

const SG = fixture('sg-web.elb.yaml');

function elb101(results: { filePath: string; messages: { ruleId: string | null; severity: string }[] }[], file: string): string | undefined {
  const r = results.find((x) => x.filePath.endsWith(file));
  assert.ok(r, `no result for ${file}`);
  return r!.messages.find((m) => m.ruleId === 'ELB101')?.severity;
}

describe('configuration files (.elb-lint.yaml)', () => {
  test('rules, overrides (later wins, excludedFiles), ignorePatterns and --rule on top', () => {
    const dir = workspace([], {
      '.elb-lint.yaml': [
        'rules:',
        '  ELB101: warning',
        'ignorePatterns:',
        '  - vendor/',
        '  - "*.skip.elb.yaml"',
        'overrides:',
        '  - files: "prod/**"',
        '    rules: {ELB101: error}',
        '  - files: ["*.dev.elb.yaml"]',
        '    excludedFiles: "prod/keep.dev.elb.yaml"',
        '    rules: {ELB101: info}',
        '',
      ].join('\n'),
      'a.elb.yaml': SG,
      'prod/b.elb.yaml': SG,
      'prod/c.dev.elb.yaml': SG,
      'prod/keep.dev.elb.yaml': SG,
      'vendor/v.elb.yaml': SG,
      'deep/x.skip.elb.yaml': SG,
    });
    const { r, results } = runJson([], dir);
    assert.equal(r.code, 1);
    assert.equal(elb101(results, 'a.elb.yaml'), 'warning');
    assert.equal(elb101(results, 'prod/b.elb.yaml'), 'error');
    assert.equal(elb101(results, 'prod/c.dev.elb.yaml'), 'info');
    assert.equal(elb101(results, 'prod/keep.dev.elb.yaml'), 'error');
    assert.ok(!results.some((x) => x.filePath.includes('vendor')), 'ignored directory is skipped');
    assert.ok(!results.some((x) => x.filePath.endsWith('x.skip.elb.yaml')), 'ignored name at any depth');
    const cli = runJson(['a.elb.yaml', '--rule', 'ELB101:off'], dir).results;
    assert.equal(elb101(cli, 'a.elb.yaml'), undefined);
  });

  test('an ignored file named on the command line gets a warning and is not linted', () => {
    const dir = workspace([], { '.elb-lint.yaml': 'ignorePatterns: [vendor/]\n', 'vendor/v.elb.yaml': SG });
    const r = run(['vendor/v.elb.yaml'], dir);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /File ignored because of a matching ignore pattern/);
    assert.ok(!r.stdout.includes('ELB101'));
    const all = run(['--no-ignore', 'vendor/v.elb.yaml'], dir);
    assert.equal(all.code, 1);
    assert.match(all.stdout, /ELB101/);
    const dirOnly = run(['vendor'], dir);
    assert.equal(dirOnly.code, 2);
  });

  test('the nearest configuration wins, those above are merged under it until root: true', () => {
    const dir = workspace([], {
      '.elb-lint.yaml': 'rules: {ELB101: off}\nlocale: zh-cn\n',
      'team/.elb-lint.yml': 'root: true\nrules: {ELB101: warning}\n',
      'team/svc/.elb-lint.json': '{"rules": {"ELB005": "off"}}\n',
      'team/svc/a.elb.yaml': SG,
      'other/.elb-lint.yaml': 'rules: {ELB005: off}\n',
      'other/b.elb.yaml': SG,
    });
    const { results } = runJson([], dir);
    assert.equal(elb101(results, 'team/svc/a.elb.yaml'), 'warning');
    assert.equal(elb101(results, 'other/b.elb.yaml'), undefined, 'the parent turns ELB101 off');
    const b = results.find((x) => x.filePath.endsWith('b.elb.yaml'))!;
    assert.ok(b.messages.every((m) => /[\u4e00-\u9fff]/.test(m.message)), 'locale from the parent configuration');
    const a = results.find((x) => x.filePath.endsWith('a.elb.yaml'))!;
    assert.ok(a.messages.every((m) => !/[\u4e00-\u9fff]/.test(m.message)), 'root: true stops the walk');
  });

  test('--config uses one file, --no-config-lookup none', () => {
    const dir = workspace([], { '.elb-lint.yaml': 'rules: {ELB101: off}\n', 'alt.yaml': 'rules: {ELB101: info}\n', 'a.elb.yaml': SG });
    assert.equal(elb101(runJson(['a.elb.yaml'], dir).results, 'a.elb.yaml'), undefined);
    assert.equal(elb101(runJson(['a.elb.yaml', '--config', 'alt.yaml'], dir).results, 'a.elb.yaml'), 'info');
    assert.equal(elb101(runJson(['a.elb.yaml', '--no-config-lookup'], dir).results, 'a.elb.yaml'), 'error');
    const missing = run(['a.elb.yaml', '--config', 'nope.yaml'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.yaml:1:1: Cannot read the configuration file/);
  });

  test('--print-config prints the resolved configuration as JSON', () => {
    const dir = workspace([], { '.elb-lint.yaml': 'rules: {ELB101: warning}\noverrides:\n  - files: "*.x.elb.yaml"\n    rules: {ELB101: info}\n' });
    const r = run(['--print-config', 'sub/a.x.elb.yaml', '--rule', 'ELB005:off'], dir);
    assert.equal(r.code, 0, r.stderr);
    const cfg = JSON.parse(r.stdout) as { rules: Record<string, string>; configFiles: string[]; ignored: boolean };
    assert.equal(cfg.rules.ELB101, 'info');
    assert.equal(cfg.rules.ELB005, 'off');
    assert.equal(cfg.rules.ELB001, 'error');
    assert.equal(cfg.ignored, false);
    assert.equal(cfg.configFiles.length, 1);
  });

  test('an invalid configuration exits 2 with file:line:col: message', () => {
    const dir = workspace([], {
      '.elb-lint.yaml': 'rules:\n  ELB101: warn\n  ELB9999: off\nignorePattern: [x]\n',
      'a.elb.yaml': SG,
    });
    const r = run([], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.ok(noStack(r), r.stderr);
    assert.match(r.stderr, /^\.elb-lint\.yaml:2:11: Invalid severity "warn" for ELB101.*Did you mean `warning`\?$/m);
    assert.match(r.stderr, /^\.elb-lint\.yaml:3:3: Unknown rule `ELB9999`/m);
    assert.match(r.stderr, /^\.elb-lint\.yaml:4:1: Unknown key `ignorePattern`.*Did you mean `ignorePatterns`\?$/m);
    const zh = run(['--locale', 'zh-cn'], dir);
    assert.match(zh.stderr, /^\.elb-lint\.yaml:2:11: 规则 ELB101 的严重级别/m);
  });

  test('a configuration with broken YAML exits 2 with a position', () => {
    const dir = workspace([], { '.elb-lint.yaml': 'rules: {ELB101: off\n', 'a.elb.yaml': SG });
    const r = run([], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^\.elb-lint\.yaml:\d+:\d+: YAML syntax error/m);
  });

  test('validateConfig: positions and every kind of problem', () => {
    const text = [
      'root: yes',
      'rules: {ELB101: 2, elb101: off}',
      'overrides:',
      '  - rules: {ELB101: off}',
      '  - files: []',
      '    colour: red',
      'locale: fr',
      'ignorePatterns: [""]',
      '',
    ].join('\n');
    const { problems } = validateConfig(text, '/x/.elb-lint.yaml');
    const at = problems.map((p) => `${p.line}:${p.column}`);
    assert.deepEqual(at, ['1:7', '2:17', '2:20', '4:5', '6:5', '7:9', '8:18']);
    assert.match(problems[2]!.message, /Unknown rule `elb101`. Did you mean `ELB101`\?/);
    assert.deepEqual(validateConfig('', '/x/.elb-lint.yaml'), { config: {}, problems: [] });
    const good = validateConfig('{"root": true, "rules": {"ELB101": "off"}, "locale": "zh-cn"}', '/x/.elb-lint.json');
    assert.deepEqual(good, { config: { root: true, rules: { ELB101: 'off' }, locale: 'zh-cn' }, problems: [] });
    assert.equal(validateConfig('- a\n', '/x/.elb-lint.yaml').problems.length, 1);
  });

  test('loadConfigFor: chain, cache per directory, ConfigError', () => {
    const dir = workspace([], { '.elb-lint.yaml': 'rules: {ELB101: info}\n', 'sub/.elb-lint.yaml': 'rules: {ELB005: off}\n' });
    const cache = new ConfigCache();
    const r = loadConfigFor(path.join(dir, 'sub', 'a.elb.yaml'), { cache });
    assert.deepEqual(r.rules, { ELB101: 'info', ELB005: 'off' });
    assert.deepEqual(r.configFiles, [path.join(dir, 'sub', '.elb-lint.yaml'), path.join(dir, '.elb-lint.yaml')]);
    assert.equal(r.ignored, false);
    assert.ok(cache.dirs.has(path.join(dir, 'sub')));
    fs.writeFileSync(path.join(dir, '.elb-lint.yaml'), 'rules: {ELB101: bogus}\n');
    assert.deepEqual(loadConfigFor(path.join(dir, 'sub', 'b.elb.yaml'), { cache }).rules.ELB101, 'info', 'served from the cache');
    cache.clear();
    assert.throws(() => loadConfigFor(path.join(dir, 'sub', 'b.elb.yaml'), { cache }), (e: unknown) => e instanceof ConfigError && e.problems[0]!.line === 1 && e.problems[0]!.column === 17);
    assert.deepEqual(loadConfigFor(path.join(dir, 'a.elb.yaml'), { cache, lookup: false }).configFiles, []);
  });
});

describe('rule options ([not in FAQ] thresholds are configurable)', () => {
  const udp = [
    'version: 1',
    'loadbalancers:',
    '  - name: lb',
    '    type: shared',
    '    listeners: [{name: l, protocol: UDP, protocol_port: 53, default_pool: p}]',
    '    pools:',
    '      - name: p',
    '        protocol: UDP',
    '        healthmonitor: {type: UDP_CONNECT, delay: 4, timeout: 2, max_retries: 3}',
    '        members: [{address: 10.0.0.1, subnet: s, protocol_port: 53}]',
    '',
  ].join('\n');

  test('options change the thresholds, in overrides too, and --print-config shows them', () => {
    const dir = workspace([], {
      '.elb-lint.yaml': 'root: true\nrules:\n  ELB207: [info, {maxDelay: 4}]\n  ELB205: [warning, {minTimeout: 2}]\noverrides:\n  - files: ["strict/**"]\n    rules: {ELB205: [warning, {minTimeout: 3}]}\n',
      'a.elb.yaml': udp,
      'strict/b.elb.yaml': udp,
    });
    const ids = (file: string) => (runJson([file], dir).results[0]?.messages ?? []).map((m) => m.ruleId);
    assert.ok(ids('a.elb.yaml').includes('ELB207'), 'delay 4 <= maxDelay 4');
    assert.ok(!ids('a.elb.yaml').includes('ELB205'), 'timeout 2 >= minTimeout 2');
    assert.ok(ids('strict/b.elb.yaml').includes('ELB205'), 'the override raises minTimeout to 3');
    const printed = JSON.parse(run(['--print-config', 'a.elb.yaml'], dir).stdout);
    assert.deepEqual(printed.ruleOptions.ELB207, { maxDelay: 4 });
    assert.deepEqual(printed.ruleOptions.ELB503, { warnDays: 30 });
  });

  test('unknown options, values out of range and options on rules without any are positioned errors', () => {
    const dir = workspace([], {
      '.elb-lint.yaml': 'rules:\n  ELB207: [info, {maxDelay: 99, nope: 1}]\n  ELB101: [error, 3]\n',
      'a.elb.yaml': udp,
    });
    const r = run(['a.elb.yaml'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\.elb-lint\.yaml:2:29: Option maxDelay of ELB207 must be a number from 1 to 50 \(got 99\)/);
    assert.match(r.stderr, /\.elb-lint\.yaml:2:33: Rule ELB207 has no option nope/);
    assert.match(r.stderr, /\.elb-lint\.yaml:3:19: /);
    assert.ok(noStack(r));
  });
});

describe('files: more configuration files than *.elb.*', () => {
  test('a directory walk also lints files matched by the configuration\'s files globs', () => {
    const text = fixture('sg-web.elb.yaml');
    const dir = workspace([], { '.elb-lint.yaml': 'root: true\nfiles: ["lb/*.yaml"]\n', 'lb/prod.yaml': text, 'other/skip.yaml': text });
    const { results } = runJson(['.'], dir);
    const files = results.map((r) => path.relative(dir, r.filePath)).sort();
    assert.deepEqual(files, [path.join('lb', 'prod.yaml')]);
    assert.ok(results[0]!.messages.some((m) => m.ruleId === 'ELB101'));
  });
});
