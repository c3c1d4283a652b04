import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, ROOT, fixture, noStack, run, runJson, workspace } from './run';

const SG = 'sg-web.elb.yaml';

describe('elb-lint CLI: files, text output and exit codes', () => {
  test('a finding gives exit 1 and stylish text with line:col, severity, rule ID and summary', () => {
    const dir = workspace([SG]);
    const r = run([SG], dir);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], SG, 'the file path relative to cwd on its own line');
    const row = lines.find((l) => l.includes('ELB101'));
    assert.ok(row, r.stdout);
    assert.match(row!, /^ {2}25:22 {2}error {2}Health checks of pool `web-pool` cannot reach `web-1`.* {2}ELB101$/);
    assert.match(r.stdout, /✖ \d+ problems? \(\d+ errors?, 0 warnings, 0 infos\)/);
    assert.match(r.stdout, /\d+ problems? (is|are) fixable with --fix/);
    assert.ok(!r.stdout.includes('\u001b['), 'no colours when stdout is not a TTY');
    assert.equal(r.stderr, '');
  });

  test('columns are aligned within a file', () => {
    const dir = workspace([SG]);
    const r = run([SG, '--rule', 'ELB101:warning'], dir);
    const rows = r.stdout.split('\n').filter((l) => /^ {2}\d+:\d+ /.test(l));
    assert.ok(rows.length >= 1);
    const ruleCols = rows.map((l) => l.search(/ELB\d{3}$/));
    assert.ok(ruleCols.every((c) => c === ruleCols[0]), r.stdout);
  });

  test('a clean file prints nothing and exits 0', () => {
    const dir = workspace(['clean.elb.yaml']);
    const r = run([], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, '');
  });

  test('--color forces ANSI colours, --no-color wins when given last', () => {
    const dir = workspace([SG]);
    assert.ok(run([SG, '--color'], dir).stdout.includes('\u001b[31m'));
    assert.ok(!run([SG, '--color', '--no-color'], dir).stdout.includes('\u001b['));
  });

  test('no argument lints the current directory recursively, skipping node_modules and .git', () => {
    const dir = workspace([], {
      'a/one.elb.yaml': fixture(SG),
      'b/c/two.elb.yml': fixture(SG),
      'three.elb.json': fixture('sg-web.elb.json'),
      'notes.yaml': 'not: linted\n',
      'node_modules/pkg/x.elb.yaml': 'broken: [\n',
      '.git/y.elb.yaml': 'broken: [\n',
    });
    const { r, results } = runJson([], dir);
    assert.equal(r.code, 1);
    const files = results.map((x) => path.relative(dir, x.filePath).split(path.sep).join('/')).sort();
    assert.deepEqual(files, ['a/one.elb.yaml', 'b/c/two.elb.yml', 'three.elb.json']);
    for (const x of results) assert.ok(x.messages.some((m) => m.ruleId === 'ELB101'), x.filePath);
  });

  test('globs are expanded', () => {
    const dir = workspace([], { 'a/one.elb.yaml': fixture(SG), 'b/two.elb.yaml': fixture(SG), 'b/other.yaml': 'x: 1\n' });
    const { results } = runJson(['b/*.elb.yaml'], dir);
    assert.deepEqual(results.map((x) => path.basename(x.filePath)), ['two.elb.yaml']);
    const none = run(['nothing/**/*.elb.yaml'], dir);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no files matching the pattern/);
  });

  test('a file named explicitly is linted whatever its name', () => {
    const dir = workspace([], { 'lb.yaml': fixture(SG) });
    const { r, results } = runJson(['lb.yaml'], dir);
    assert.equal(r.code, 1);
    assert.ok(results[0]!.messages.some((m) => m.ruleId === 'ELB101'));
  });

  test('a path that does not exist: message and exit 2', () => {
    const dir = workspace([SG]);
    const r = run(['missing.elb.yaml'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no such file or directory: missing\.elb\.yaml/);
    assert.equal(r.stdout, '');
  });

  test('a directory without configuration files: clear message and exit 2', () => {
    const dir = workspace([], { 'empty/readme.md': '# nothing\n' });
    const r = run(['empty'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no ELB configuration files \(\*\.elb\.yaml, \*\.elb\.yml, \*\.elb\.json\) found in empty/);
    const here = run([], path.join(dir, 'empty'));
    assert.equal(here.code, 2);
  });

  test('--version prints the version of server/package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'package.json'), 'utf8')) as { version: string };
    const r = run(['--version'], ROOT);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), pkg.version);
  });

  test('--help lists every option, in English and Chinese', () => {
    const r = run(['--help'], ROOT);
    assert.equal(r.code, 0);
    for (const o of ['--format', '--output-file', '--locale', '--fix', '--fix-dry-run', '--rule', '--max-warnings', '--quiet', '--config', '--no-config-lookup', '--print-config', '--version', '--help', '--color', '--no-color', '--max-file-size']) {
      assert.ok(r.stdout.includes(o), `help mentions ${o}`);
    }
    const zh = run(['-h', '--locale', 'zh-cn'], ROOT);
    assert.equal(zh.code, 0);
    assert.match(zh.stdout, /用法/);
  });

  test('usage errors exit 2 with a friendly message and no stack trace', () => {
    const dir = workspace([SG]);
    for (const args of [['--bogus'], ['--format', 'xml'], ['--rule', 'ELB101'], ['--rule', 'ELB999:off'], ['--rule', 'ELB101:loud'], ['--max-warnings', 'many'], ['--fix', '--fix-dry-run'], ['--format'], ['--locale', 'fr']]) {
      const r = run([...args, SG], dir);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^elb-lint: /, args.join(' '));
      assert.ok(noStack(r), r.stderr);
      assert.equal(r.stdout, '');
    }
    assert.match(run(['--bogus'], dir).stderr, /unknown option '--bogus'[\s\S]*--help/);
  });

  test('--locale zh-cn and LANG=zh_CN.UTF-8 give Chinese messages and summary', () => {
    const dir = workspace([SG]);
    const zh = run([SG, '--locale', 'zh-cn'], dir);
    assert.equal(zh.code, 1);
    assert.match(zh.stdout, /25:22 {2}错误 {2}后端服务器组 `web-pool` 的健康检查无法到达 `web-1`/);
    assert.match(zh.stdout, /✖ \d+ 个问题（\d+ 个错误，0 个警告，0 个提示）/);
    const env = run([SG], dir, { LANG: 'zh_CN.UTF-8' });
    assert.match(env.stdout, /后端服务器组 `web-pool` 的健康检查/);
    const lcAll = run([SG], dir, { LANG: 'zh_CN.UTF-8', LC_ALL: 'en_US.UTF-8' });
    assert.match(lcAll.stdout, /Health checks of pool/, 'LC_ALL comes first');
    const msgs = run([SG], dir, { LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8' });
    assert.match(msgs.stdout, /健康检查/, 'then LC_MESSAGES');
    const override = run([SG, '--locale', 'en'], dir, { LANG: 'zh_CN.UTF-8' });
    assert.match(override.stdout, /Health checks of pool/);
    const usage = run(['--nope'], dir, { LANG: 'zh_CN.UTF-8' });
    assert.match(usage.stderr, /未知选项 '--nope'/);
  });

  test('--rule ELB101:off silences the rule, --rule ELB101:warning changes its severity', () => {
    const dir = workspace([SG]);
    const off = runJson([SG, '--rule', 'ELB101:off'], dir).results[0]!;
    assert.ok(!off.messages.some((m) => m.ruleId === 'ELB101'));
    const warn = runJson([SG, '--rule', 'ELB101:warning'], dir).results[0]!;
    assert.equal(warn.messages.find((m) => m.ruleId === 'ELB101')?.severity, 'warning');
  });

  test('--max-warnings and --quiet', () => {
    const dir = workspace([SG]);
    // Only ELB101, as a warning: exit 0 unless the warnings exceed the maximum.
    const only = ['--rule', 'ELB101:warning'];
    const others = runJson([SG], dir).results[0]!.messages.map((m) => m.ruleId).filter((id): id is string => !!id && id !== 'ELB101');
    for (const id of new Set(others)) only.push('--rule', `${id}:off`);
    const ok = run([SG, ...only], dir);
    assert.equal(ok.code, 0, ok.stdout);
    assert.match(ok.stdout, /ELB101/);
    const tooMany = run([SG, ...only, '--max-warnings', '0'], dir);
    assert.equal(tooMany.code, 1);
    assert.match(tooMany.stderr, /too many warnings \(maximum: 0\)/);
    const quiet = run([SG, ...only, '--quiet'], dir);
    assert.equal(quiet.code, 0);
    assert.equal(quiet.stdout, '');
  });

  test('-o writes the report to a file', () => {
    const dir = workspace([SG]);
    const r = run([SG, '-f', 'json', '-o', 'out/report.json'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    const results = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'report.json'), 'utf8')) as unknown[];
    assert.equal(results.length, 1);
  });

  test('json: ESLint-like results with 1-based positions, exclusive endColumn, counts and fix', () => {
    const dir = workspace([SG, 'clean.elb.yaml']);
    const { r, results } = runJson([SG, 'clean.elb.yaml'], dir);
    assert.equal(r.code, 1);
    const res = results.find((x) => x.filePath.endsWith(SG))!;
    assert.ok(path.isAbsolute(res.filePath));
    assert.equal(fs.realpathSync(res.filePath), fs.realpathSync(path.join(dir, SG)));
    const m = res.messages.find((x) => x.ruleId === 'ELB101')!;
    assert.equal(m.severity, 'error');
    assert.deepEqual([m.line, m.column, m.endLine, m.endColumn], [25, 22, 25, 27]);
    const text = fixture(SG);
    const lineStart = text.split('\n').slice(0, 24).join('\n').length + 1;
    assert.equal(text.slice(lineStart + 21, lineStart + 26), 'web-1');
    assert.ok(m.fix, 'the preferred fix');
    const fixed = text.slice(0, m.fix!.range[0]) + m.fix!.text + text.slice(m.fix!.range[1]);
    assert.match(fixed, /remote_ip_prefix: 100\.125\.0\.0\/16/);
    assert.equal(res.errorCount, res.messages.filter((x) => x.severity === 'error').length);
    assert.ok(res.fixableErrorCount >= 1);
    assert.equal(res.warningCount, 0);
    assert.equal(res.infoCount, 0);
    assert.deepEqual(res.suppressedMessages, []);
    assert.equal(res.source, text);
    const clean = results.find((x) => x.filePath.endsWith('clean.elb.yaml'))!;
    assert.deepEqual(clean.messages, []);
    assert.equal(clean.errorCount, 0);
  });

  test('json: suppressed findings are listed with their suppression', () => {
    const dir = workspace(['suppressed.elb.yaml']);
    const res = runJson(['suppressed.elb.yaml'], dir).results[0]!;
    assert.ok(!res.messages.some((m) => m.ruleId === 'ELB101'));
    const s = res.suppressedMessages.find((m) => m.ruleId === 'ELB101');
    assert.ok(s);
    assert.deepEqual(s!.suppressions, [{ kind: 'inSource', justification: 'probes go through the sidecar on 8081' }]);
  });

  test('an unexpected exception is one line "internal error" and exit 2', () => {
    const dir = workspace([SG]);
    const out = path.join(ROOT, 'server', 'out');
    const script = [
      `const lint = require(${JSON.stringify(path.join(out, 'engine', 'lint.js'))});`,
      `lint.lintText = () => { throw new Error('boom\\nmore'); };`,
      `require(${JSON.stringify(path.join(out, 'cli', 'main.js'))}).main([${JSON.stringify(SG)}]).then((c) => { process.exitCode = c; });`,
    ].join('\n');
    const r = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'elb-lint: internal error: boom\n');
  });

  test('EPIPE on stdout is handled quietly', () => {
    const dir = workspace([], Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`f${i}.elb.yaml`, fixture(SG)])));
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" | head -c 10 >/dev/null`], { cwd: dir, encoding: 'utf8' });
    assert.ok(!/\n\s+at /.test(r.stderr), r.stderr);
    assert.ok(!/EPIPE/.test(r.stderr), r.stderr);
    assert.equal(r.stderr, '');
  });
});
