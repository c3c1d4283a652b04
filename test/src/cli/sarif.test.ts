import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import { allRules } from '../../../server/out/engine/rules/index';
import { ruleDocsUrl } from '../../../server/out/engine/docs-url';
import { ROOT, fixture, run, workspace } from './run';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'sarif-2.1.0.schema.json'), 'utf8')) as object;

/** The official schema, compiled with ajv-draft-04 (its `language` pattern is not a valid Unicode regex). */
function validator(): { (x: unknown): boolean; errors?: unknown } {
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  for (const f of ['uri', 'uri-reference', 'date-time']) ajv.addFormat(f, true);
  const v = ajv.compile(schema);
  const check = (x: unknown): boolean => {
    const ok = v(x);
    check.errors = v.errors;
    return ok;
  };
  check.errors = undefined as unknown;
  return check;
}

function sarif(args: string[], cwd: string): { code: number | null; log: Any } {
  const r = run(['--format', 'sarif', ...args], cwd);
  assert.equal(r.stderr, '');
  return { code: r.code, log: JSON.parse(r.stdout) };
}

const fp = (res: Any): string => res.partialFingerprints['elbLintFingerprint/v1'];

describe('elb-lint CLI: SARIF output', () => {
  const validate = validator();

  test('validates against the SARIF 2.1.0 schema (findings, fixes, related locations, suppressions, bad inputs)', () => {
    const dir = workspace(['sg-web.elb.yaml', 'suppressed.elb.yaml', 'sg-web.elb.json', 'invalid.elb.yaml', 'clean.elb.yaml'], {
      'nul.elb.yaml': Buffer.from('version: 1\nx: \u0000\n'),
      'sub dir/spaced name.elb.yaml': fixture('sg-web.elb.yaml'),
    });
    const { code, log } = sarif([], dir);
    assert.equal(code, 1);
    const ok = validate(log);
    assert.ok(ok, JSON.stringify(validate.errors, null, 2));
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const run0 = log.runs[0];
    assert.equal(run0.columnKind, 'utf16CodeUnits');
    assert.equal(run0.originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(fs.realpathSync(dir) + path.sep).href);
    assert.ok(run0.originalUriBaseIds['%SRCROOT%'].uri.endsWith('/'));
    const uris = new Set(run0.results.map((r: Any) => r.locations[0].physicalLocation.artifactLocation.uri));
    assert.ok(uris.has('sub%20dir/spaced%20name.elb.yaml'), [...uris].join(', '));
    for (const r of run0.results) assert.equal(r.locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
  });

  test('tool.driver lists every rule with its metadata and help URI', () => {
    const dir = workspace(['sg-web.elb.yaml']);
    const { log } = sarif(['sg-web.elb.yaml'], dir);
    const driver = log.runs[0].tool.driver;
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'package.json'), 'utf8')) as { version: string };
    assert.equal(driver.name, 'elb-lint');
    assert.equal(driver.version, pkg.version);
    assert.ok(driver.informationUri);
    assert.deepEqual(driver.rules.map((r: Any) => r.id), allRules.map((r) => r.id));
    for (const [i, rule] of allRules.entries()) {
      const d = driver.rules[i];
      assert.equal(d.name, rule.name);
      assert.equal(d.shortDescription.text, rule.docs.en.summary);
      assert.ok(d.fullDescription.text.length > 0);
      assert.equal(d.helpUri, ruleDocsUrl(rule.id));
      assert.ok(d.help.text && d.help.markdown.includes(rule.docs.en.summary));
      assert.equal(d.defaultConfiguration.level, rule.severity === 'info' ? 'note' : rule.severity);
      assert.deepEqual(d.properties.tags, [rule.category]);
      assert.deepEqual(d.properties.faq, rule.faq);
    }
    const elb101 = driver.rules.find((r: Any) => r.id === 'ELB101');
    assert.match(elb101.help.markdown, /FAQ sections: 2\.2, 3\.1, 3\.2/);
  });

  test('a result carries rule index, level, region, related locations and a fix', () => {
    const dir = workspace(['sg-web.elb.yaml']);
    const { log } = sarif(['sg-web.elb.yaml'], dir);
    const run0 = log.runs[0];
    const res = run0.results.find((r: Any) => r.ruleId === 'ELB101');
    assert.ok(res);
    assert.equal(run0.tool.driver.rules[res.ruleIndex].id, 'ELB101');
    assert.equal(res.level, 'error');
    assert.match(res.message.text, /Health checks of pool `web-pool`/);
    const loc = res.locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uri, 'sg-web.elb.yaml');
    assert.deepEqual(loc.region, { startLine: 25, startColumn: 22, endLine: 25, endColumn: 27 });
    assert.ok(res.relatedLocations.length >= 1);
    assert.match(res.relatedLocations[0].message.text, /sg-web/);
    assert.equal(res.relatedLocations[0].physicalLocation.region.startLine, 8);
    assert.equal(res.fixes.length, 1);
    const rep = res.fixes[0].artifactChanges[0].replacements[0];
    assert.match(rep.insertedContent.text, /100\.125\.0\.0\/16/);
    assert.ok(rep.deletedRegion.startLine >= 1);
    assert.match(fp(res), /^[0-9a-f]{64}$/);
    assert.equal(res.suppressions, undefined);
  });

  test('fingerprints do not change when lines are inserted above the finding', () => {
    const dir = workspace([], {
      'a/x.elb.yaml': fixture('sg-web.elb.yaml'),
      'b/x.elb.yaml': fixture('sg-web.elb.yaml').replace('version: 1\n', 'version: 1\n\n\n# moved down\n\n'),
    });
    const a = sarif(['a/x.elb.yaml'], dir).log.runs[0].results.find((r: Any) => r.ruleId === 'ELB101');
    const moved = workspace([], { 'a/x.elb.yaml': fixture('sg-web.elb.yaml').replace('version: 1\n', 'version: 1\n\n\n# moved down\n\n') });
    const b = sarif(['a/x.elb.yaml'], moved).log.runs[0].results.find((r: Any) => r.ruleId === 'ELB101');
    assert.equal(b.locations[0].physicalLocation.region.startLine, a.locations[0].physicalLocation.region.startLine + 4);
    assert.equal(fp(a), fp(b));
    // Another file, another fingerprint.
    const other = sarif(['b/x.elb.yaml'], dir).log.runs[0].results.find((r: Any) => r.ruleId === 'ELB101');
    assert.notEqual(fp(other), fp(a));
  });

  test('suppressed findings are results with suppressions', () => {
    const dir = workspace(['suppressed.elb.yaml']);
    const { log } = sarif(['suppressed.elb.yaml'], dir);
    const res = log.runs[0].results.find((r: Any) => r.ruleId === 'ELB101');
    assert.ok(res, 'suppressed finding is included');
    assert.deepEqual(res.suppressions, [{ kind: 'inSource', justification: 'probes go through the sidecar on 8081' }]);
    assert.ok(validate(log), JSON.stringify(validate.errors));
  });

  test('rule descriptions follow --locale', () => {
    const dir = workspace(['sg-web.elb.yaml']);
    const { log } = sarif(['sg-web.elb.yaml', '--locale', 'zh-cn'], dir);
    const d = log.runs[0].tool.driver.rules.find((r: Any) => r.id === 'ELB101');
    assert.equal(d.shortDescription.text, allRules.find((r) => r.id === 'ELB101')!.docs['zh-cn'].summary);
    assert.ok(validate(log), JSON.stringify(validate.errors));
  });
});
