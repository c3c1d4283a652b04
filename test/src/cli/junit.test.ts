import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, fixture, run, workspace } from './run';
import { formatJunit } from '../../../server/out/cli/formatters/junit';
import { SourceText } from '../../../server/out/engine/text/source';

const XSD = path.join(ROOT, 'test', 'schemas', 'junit.xsd');

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

/**
 * xmllint (Debian libxml2-utils): scripts/test-all.sh installs it; in CI (CI=true, root) the
 * test installs it itself when missing. Elsewhere a missing xmllint skips, saying so.
 */
function xmllint(): string | undefined {
  if (has('xmllint')) return 'xmllint';
  if (process.env.CI === 'true' && process.getuid?.() === 0) {
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'libxml2-utils'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 300_000 });
    if (has('xmllint')) return 'xmllint';
  }
  return undefined;
}

const XMLLINT = xmllint();
const skipXml = XMLLINT ? false : 'xmllint not found: install Debian libxml2-utils (scripts/test-all.sh does) to validate JUnit XML against test/schemas/junit.xsd';

function validate(xml: string): { ok: boolean; out: string } {
  const dir = workspace([], { 'report.xml': xml });
  const r = spawnSync(XMLLINT!, ['--noout', '--schema', XSD, path.join(dir, 'report.xml')], { encoding: 'utf8' });
  return { ok: r.status === 0, out: r.stderr + r.stdout };
}

/** Attributes of the first element named `tag` whose attributes contain `where`. */
function element(xml: string, tag: string, where = ''): Record<string, string> | undefined {
  const re = new RegExp(`<${tag}((?:\\s+[\\w-]+="[^"]*")*)\\s*/?>`, 'g');
  for (const m of xml.matchAll(re)) {
    if (!m[1]!.includes(where)) continue;
    return Object.fromEntries([...m[1]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!]));
  }
  return undefined;
}

describe('elb-lint CLI: JUnit XML output', () => {
  test('validates against the JUnit schema with xmllint (findings, clean, ignored and hostile files)', { skip: skipXml }, () => {
    const dir = workspace(['sg-web.elb.yaml', 'suppressed.elb.yaml', 'invalid.elb.yaml', 'clean.elb.yaml'], {
      'nul.elb.yaml': Buffer.from('version: 1\nx: "\u0001 <&> ]]>"\n\u0000\n'),
      'sub dir/"quoted" & <odd>.elb.yaml': fixture('sg-web.elb.yaml'),
      'gen/skip.elb.yaml': fixture('sg-web.elb.yaml'),
      '.elb-lint.yaml': 'root: true\nignorePatterns: ["gen/**"]\n',
    });
    const r = run(['-f', 'junit', '.', 'gen/skip.elb.yaml'], dir);
    assert.equal(r.code, 1, r.stderr);
    const v = validate(r.stdout);
    assert.ok(v.ok, v.out + '\n' + r.stdout);
    assert.match(r.stdout, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    // The ignored file named on the command line is a <skipped>.
    assert.match(r.stdout, /<skipped message="File ignored/);
    assert.ok(r.stdout.includes('name="sub dir/&quot;quoted&quot; &amp; &lt;odd&gt;.elb.yaml"'));
  });

  test('one testsuite per file, one failing testcase per error or warning, infos pass, totals add up', { skip: skipXml }, () => {
    const dir = workspace(['sg-web.elb.yaml', 'clean.elb.yaml']);
    const json = JSON.parse(run(['-f', 'json', '.'], dir).stdout) as { filePath: string; messages: { ruleId: string; severity: string; line: number; column: number; message: string }[] }[];
    const r = run(['-f', 'junit', '.'], dir);
    assert.equal(r.code, 1);
    assert.ok(validate(r.stdout).ok);
    const findings = json.flatMap((f) => f.messages);
    const failing = findings.filter((m) => m.severity !== 'info').length;
    assert.ok(failing > 0);
    const root = element(r.stdout, 'testsuites')!;
    assert.equal(Number(root.failures), failing);
    assert.equal(Number(root.tests), findings.length + 1); // + the clean file's passing case
    assert.equal(Number(root.errors), 0);
    const sg = element(r.stdout, 'testsuite', 'name="sg-web.elb.yaml"')!;
    assert.equal(Number(sg.tests), json.find((f) => f.filePath.endsWith('sg-web.elb.yaml'))!.messages.length);
    const clean = element(r.stdout, 'testsuite', 'name="clean.elb.yaml"')!;
    assert.deepEqual([clean.tests, clean.failures], ['1', '0']);
    // Each finding: rule, position and message.
    const m = findings.find((x) => x.ruleId === 'ELB101')!;
    const tc = element(r.stdout, 'testcase', `name="ELB101 sg-web.elb.yaml:${m.line}:${m.column}"`);
    assert.ok(tc, r.stdout);
    assert.equal(tc.line, String(m.line));
    assert.equal(tc.classname, 'sg-web.elb.yaml');
    const failure = element(r.stdout, 'failure', 'type="ELB101"')!;
    assert.equal(failure.message.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"'), m.message);
  });

  test('suppressed findings are not failures; --quiet leaves only errors; Chinese messages', { skip: skipXml }, () => {
    const dir = workspace(['suppressed.elb.yaml', 'sg-web.elb.yaml']);
    const sup = run(['-f', 'junit', 'suppressed.elb.yaml'], dir);
    assert.doesNotMatch(sup.stdout, /type="ELB101"/);
    const quiet = run(['-f', 'junit', '--quiet', 'sg-web.elb.yaml'], dir);
    assert.doesNotMatch(quiet.stdout, /<system-out>/);
    const zh = run(['-f', 'junit', '--locale', 'zh-cn', 'sg-web.elb.yaml'], dir);
    assert.ok(validate(zh.stdout).ok);
    assert.match(zh.stdout, /错误 ELB101/);
  });

  test('files that could not be read are <error> test cases, next to their findings or alone', { skip: skipXml }, () => {
    const cwd = path.join(ROOT, 'x');
    const file = path.join(cwd, 'a.elb.yaml');
    const report = { file, source: new SourceText(file, 'version: 1\n'), findings: [], suppressed: [] };
    const xml = formatJunit([report], cwd, 'en', [
      { file, message: 'fixes for a.elb.yaml were not written' },
      { file: path.join(cwd, 'gone.elb.yaml'), message: 'cannot read gone.elb.yaml: permission denied (EACCES)' },
    ]);
    const v = validate(xml);
    assert.ok(v.ok, v.out + xml);
    assert.match(xml, /<testsuites name="elb-lint" tests="2" failures="0" errors="2" skipped="0"/);
    assert.match(xml, /<testsuite name="gone.elb.yaml" tests="1" failures="0" errors="1"/);
    assert.match(xml, /<error message="cannot read gone.elb.yaml: permission denied \(EACCES\)" type="io">/);
  });

  test('-o writes the report to a file', { skip: skipXml }, () => {
    const dir = workspace(['sg-web.elb.yaml']);
    const r = run(['-f', 'junit', '-o', 'reports/elb-lint.xml', 'sg-web.elb.yaml'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.ok(validate(fs.readFileSync(path.join(dir, 'reports', 'elb-lint.xml'), 'utf8')).ok);
  });

  test('the schema rejects what CI servers would not read (the validator is not a rubber stamp)', { skip: skipXml }, () => {
    assert.equal(validate('<?xml version="1.0"?><testsuites><testsuite tests="1"><testcase name="x"/></testsuite></testsuites>').ok, false); // suite without name
    assert.equal(validate('<?xml version="1.0"?><testsuites><testcase name="x"/></testsuites>').ok, false);
    assert.equal(validate('<?xml version="1.0"?><testsuites><testsuite name="a" tests="1"><testcase name="x"><failure/><skipped/></testcase></testsuite></testsuites>').ok, false);
  });
});
