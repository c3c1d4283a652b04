import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root (this file runs from test/out/cli). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const BIN = path.join(ROOT, 'server', 'bin', 'elb-lint.js');
export const CLI_FIXTURES = path.join(ROOT, 'test', 'fixtures', 'cli');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** An environment without locale or colour settings of the machine running the tests. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k === 'LANG' || k === 'LANGUAGE' || k.startsWith('LC_') || k === 'NO_COLOR' || k === 'FORCE_COLOR' || k.startsWith('NODE_TEST')) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/** Run the built `elb-lint` binary as a subprocess. */
export function run(args: string[], cwd: string, env: Record<string, string> = {}, as?: { uid: number; gid: number }): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: cleanEnv(env), encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024, ...as });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary directory holding copies of the named CLI fixtures and extra files. */
export function workspace(fixtures: string[] = [], files: Record<string, string | Buffer> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'elb-lint-cli-'));
  for (const f of fixtures) fs.copyFileSync(path.join(CLI_FIXTURES, f), path.join(dir, f));
  for (const [name, content] of Object.entries(files)) {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  return dir;
}

export function fixture(name: string): string {
  return fs.readFileSync(path.join(CLI_FIXTURES, name), 'utf8');
}

/** No stack trace leaked to the user. */
export function noStack(r: RunResult): boolean {
  return !/\n\s+at /.test(r.stderr) && !/\n\s+at /.test(r.stdout) && !r.stderr.includes('internal error');
}

export interface JsonMessage {
  ruleId: string | null;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fix?: { range: [number, number]; text: string };
  suggestions?: { desc: string; fix: { range: [number, number]; text: string } }[];
  suppressions?: { kind: string; justification?: string }[];
}

export interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  suppressedMessages: JsonMessage[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  source?: string;
  output?: string;
}

export function runJson(args: string[], cwd: string, env: Record<string, string> = {}): { r: RunResult; results: JsonResult[] } {
  const r = run(['--format', 'json', ...args], cwd, env);
  return { r, results: JSON.parse(r.stdout) as JsonResult[] };
}
