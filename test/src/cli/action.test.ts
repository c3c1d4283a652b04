import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ROOT, cleanEnv, fixture, workspace } from './run';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

/**
 * The composite GitHub Action (action.yml), run the way the runner runs it, without GitHub: its
 * shell steps execute with bash, `${{ }}` expressions of inputs, github.action_path and step
 * outputs evaluated, GITHUB_OUTPUT collected. The `uses:` steps (setup-node, upload-sarif) are
 * checked for what they are given; the install step (`npm ci` in the action's folder) is what
 * this checkout did already.
 */
const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Any;

interface Ctx {
  inputs: Record<string, string>;
  steps: Record<string, Record<string, string>>;
}

function value(expr: string, ctx: Ctx): string {
  const e = expr.trim();
  const q = /^'(.*)'$/.exec(e);
  if (q) return q[1]!;
  if (e === 'github.action_path') return ROOT;
  let m = /^inputs\.([\w-]+)$/.exec(e);
  if (m) return ctx.inputs[m[1]!] ?? '';
  m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(e);
  if (m) return ctx.steps[m[1]!]?.[m[2]!] ?? '';
  throw new Error(`expression not understood by the test: ${e}`);
}

function condition(expr: string, ctx: Ctx): boolean {
  return expr.split('&&').every((part) => {
    const m = /^(.*?)\s*(==|!=)\s*(.*)$/.exec(part.trim());
    if (!m) throw new Error(`condition not understood by the test: ${part}`);
    const eq = value(m[1]!, ctx) === value(m[3]!, ctx);
    return m[2] === '==' ? eq : !eq;
  });
}

function interpolate(s: string, ctx: Ctx): string {
  return s.replace(/\$\{\{(.*?)\}\}/g, (_, e: string) => value(e, ctx));
}

function ifOf(step: Any): string | undefined {
  return step.if === undefined ? undefined : String(step.if).replace(/^\$\{\{(.*)\}\}$/s, '$1');
}

interface Outcome {
  ctx: Ctx;
  failedStep?: string;
  code?: number;
  uploads: Any[];
  log: string;
}

function runAction(cwd: string, given: Record<string, string>): Outcome {
  const inputs: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.inputs as Record<string, Any>)) inputs[k] = given[k] ?? String(v.default ?? '');
  const ctx: Ctx = { inputs, steps: {} };
  const uploads: Any[] = [];
  let log = '';
  for (const step of action.runs.steps as Any[]) {
    const cond = ifOf(step);
    if (cond !== undefined && !condition(cond, ctx)) continue;
    if (step.uses) {
      const w = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(String(v), ctx)]));
      if (String(step.uses).startsWith('github/codeql-action/upload-sarif@')) uploads.push(w);
      continue;
    }
    if (/npm ci/.test(step.run)) continue; // this checkout is installed and built
    const outFile = path.join(workspace(), 'github_output');
    fs.writeFileSync(outFile, '');
    const env = cleanEnv({ GITHUB_OUTPUT: outFile, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, interpolate(String(v), ctx)])) });
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], { cwd, env, encoding: 'utf8', timeout: 120_000 });
    log += r.stdout + r.stderr;
    const outputs: Record<string, string> = {};
    for (const line of fs.readFileSync(outFile, 'utf8').split('\n')) {
      const i = line.indexOf('=');
      if (i > 0) outputs[line.slice(0, i)] = line.slice(i + 1);
    }
    if (step.id) ctx.steps[step.id] = outputs;
    if (r.status !== 0) return { ctx, failedStep: step.name, code: r.status ?? -1, uploads, log };
  }
  return { ctx, uploads, log };
}

describe('GitHub Action (action.yml)', () => {
  test('is a composite action: setup-node, then elb-lint --format sarif, then upload-sarif', () => {
    assert.equal(action.runs.using, 'composite');
    const uses = (action.runs.steps as Any[]).filter((s) => s.uses).map((s) => String(s.uses).split('@')[0]);
    assert.deepEqual(uses, ['actions/setup-node', 'github/codeql-action/upload-sarif']);
    const lint = (action.runs.steps as Any[]).find((s) => s.id === 'lint');
    assert.match(lint.run, /--format sarif/);
    // Inputs reach the scripts through env only (no script injection).
    for (const s of action.runs.steps as Any[]) if (s.run) assert.doesNotMatch(s.run, /\$\{\{/, s.name);
  });

  test('findings: SARIF written and uploaded, exit code output 1, the job fails after the upload', () => {
    const dir = workspace([], { 'lb/web.elb.yaml': fixture('sg-web.elb.yaml'), 'lb/ok.elb.yaml': fixture('clean.elb.yaml'), 'other/x.elb.yaml': fixture('sg-web.elb.yaml') });
    const o = runAction(dir, { paths: 'lb', category: 'elb' });
    assert.equal(o.failedStep, 'Fail on errors', o.log);
    assert.equal(o.ctx.steps.lint!['exit-code'], '1');
    assert.deepEqual(o.uploads, [{ sarif_file: 'elb-lint.sarif', category: 'elb' }]);
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, 'elb-lint.sarif'), 'utf8')) as Any;
    const uris = new Set(sarif.runs[0].results.map((r: Any) => r.locations[0].physicalLocation.artifactLocation.uri));
    assert.deepEqual([...uris], ['lb/web.elb.yaml']);
    assert.match(o.log, /::error title=elb-lint::/);
  });

  test('args pass through (a baseline: nothing new, the job passes); fail-on-error false never fails', () => {
    const dir = workspace([], { 'lb/web.elb.yaml': fixture('sg-web.elb.yaml') });
    const missing = runAction(dir, { paths: 'lb', args: '--baseline baseline.json' });
    assert.equal(missing.failedStep, 'Run elb-lint', 'a missing baseline file is exit 2');
    assert.equal(missing.ctx.steps.lint!['exit-code'], '2');
    spawnSync(process.execPath, [path.join(ROOT, 'server/bin/elb-lint.js'), '--baseline-write', 'baseline.json', 'lb'], { cwd: dir });
    const passed = runAction(dir, { paths: 'lb', args: '--baseline baseline.json', 'sarif-file': 'out/r.sarif', upload: 'false' });
    assert.equal(passed.failedStep, undefined, passed.log);
    assert.equal(passed.ctx.steps.lint!['exit-code'], '0');
    assert.deepEqual(passed.uploads, []);
    assert.ok(fs.existsSync(path.join(dir, 'out/r.sarif')));
    const lenient = runAction(workspace([], { 'a.elb.yaml': fixture('sg-web.elb.yaml') }), { 'fail-on-error': 'false' });
    assert.equal(lenient.failedStep, undefined);
    assert.equal(lenient.ctx.steps.lint!['exit-code'], '1');
    assert.equal(lenient.uploads.length, 1);
  });

  test('a hostile path input stays one argument, never shell code', () => {
    const dir = workspace([], { 'a.elb.yaml': fixture('clean.elb.yaml') });
    const o = runAction(dir, { paths: 'a.elb.yaml $(touch pwned) ;touch pwned2' });
    assert.ok(!fs.existsSync(path.join(dir, 'pwned')) && !fs.existsSync(path.join(dir, 'pwned2')));
    assert.equal(o.failedStep, 'Run elb-lint'); // no such files: exit 2
    assert.equal(o.ctx.steps.lint!['exit-code'], '2');
  });
});
