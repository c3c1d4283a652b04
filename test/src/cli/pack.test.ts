import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, cleanEnv, fixture } from './run';

/**
 * What `npm pack` puts in the packages, and the CLI running from a packed tarball installed into
 * an empty folder: the server package (`elb-lint-server`: the CLI, the language server, the
 * engine; its dependencies come from the registry or the npm cache) and the root package (what
 * pre-commit installs: the CLI bundled into one file, no dependencies).
 */

interface Packed {
  tarball: string;
  files: string[];
}

function npm(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const env = cleanEnv({ npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' });
  const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd, env, encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function pack(args: string[], dest: string): Packed {
  const r = npm(['pack', '--json', '--pack-destination', dest, ...args], ROOT);
  assert.equal(r.code, 0, r.stderr);
  const info = (JSON.parse(r.stdout) as { filename: string; files: { path: string }[] }[])[0]!;
  return { tarball: path.join(dest, info.filename), files: info.files.map((f) => f.path).sort() };
}

/** An empty project with the tarball installed. */
function install(tarball: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'elb-lint-install-'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name": "consumer", "private": true}\n');
  const r = npm(['install', '--prefer-offline', '--no-progress', tarball], dir);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  fs.mkdirSync(path.join(dir, 'lb'));
  fs.writeFileSync(path.join(dir, 'lb', 'web.elb.yaml'), fixture('sg-web.elb.yaml'));
  fs.writeFileSync(path.join(dir, 'lb', 'typo.elb.yaml'), fixture('clean.elb.yaml').replace('version: 1\n', 'version: 1\nlistenerz: []\n'));
  return dir;
}

function elbLint(dir: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  // The installed command, as `npx elb-lint` finds it.
  const r = spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['--no-install', 'elb-lint', ...args], { cwd: dir, env: cleanEnv(), encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function checkCli(dir: string, version: string): void {
  assert.equal(elbLint(dir, ['--version']).stdout.trim(), version);
  const r = elbLint(dir, ['--format', 'json', 'lb']);
  assert.equal(r.code, 1, r.stderr);
  const results = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
  const rules = (name: string): string[] => results.find((x) => x.filePath.endsWith(name))!.messages.map((m) => m.ruleId);
  assert.ok(rules('web.elb.yaml').includes('ELB101'));
  // The schema check runs: the package found its JSON Schema.
  assert.ok(rules('typo.elb.yaml').includes('ELB002'), JSON.stringify(results));
  const zh = elbLint(dir, ['--locale', 'zh-cn', 'lb/web.elb.yaml']);
  assert.match(zh.stdout, /健康检查/);
  // Terraform (tree-sitter WebAssembly found by the installed package): the same findings as
  // the repository's CLI gives on the example module.
  fs.cpSync(path.join(ROOT, 'examples', 'terraform'), path.join(dir, 'tf'), { recursive: true });
  const ids = (stdout: string): string[] => (JSON.parse(stdout) as { messages: { ruleId: string; line: number }[] }[]).flatMap((x) => x.messages.map((m) => `${m.ruleId}:${m.line}`)).sort();
  const installed = elbLint(dir, ['--format', 'json', 'tf']);
  const repo = spawnSync(process.execPath, [path.join(ROOT, 'server', 'bin', 'elb-lint.js'), '--format', 'json', 'tf'], { cwd: dir, env: cleanEnv(), encoding: 'utf8' });
  assert.ok(ids(installed.stdout).length > 0, installed.stdout + installed.stderr);
  assert.deepEqual(ids(installed.stdout), ids(repo.stdout));
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'elb-lint-pack-'));
const pkgVersion = (JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'package.json'), 'utf8')) as { version: string }).version;

describe('npm pack: the packages carry what they need and run from the tarball', { timeout: 15 * 60_000 }, () => {
  test('server package (elb-lint-server): bins, compiled code, schemas and docs; no sources, maps or tests', async () => {
    const p = pack(['-w', 'server'], tmp);
    for (const f of ['package.json', 'bin/elb-lint.js', 'bin/elb-lint-ls.js', 'out/cli/main.js', 'out/lsp/start.js', 'out/engine/index.js', 'out/engine/index.d.ts', 'out/engine/schemas/elb-config.schema.json', 'LICENSE', 'README.md', 'CHANGELOG.md']) {
      assert.ok(p.files.includes(f), `${f} missing from ${p.files.length} files`);
    }
    const unwanted = p.files.filter((f) => /^src\/|\.map$|\.tsbuildinfo$|\.ts$(?<!\.d\.ts)|(^|\/)test\/|tsconfig/.test(f));
    assert.deepEqual(unwanted, []);
    assert.ok(!fs.existsSync(path.join(ROOT, 'server', 'LICENSE')), 'postpack removes the copies');
    const dir = install(p.tarball);
    checkCli(dir, pkgVersion);
    // The language server starts from the tarball too and answers initialize.
    const answer = await initialize(path.join(dir, 'node_modules', '.bin', 'elb-lint-ls'));
    assert.match(answer, /"serverInfo":\{"name":"elb-lint","version":"[^"]+"\}/);
  });

  test('root package (what pre-commit installs): the bundled CLI, the .vsix files; no sources; runs without dependencies', () => {
    const p = pack([], tmp);
    assert.ok(p.files.includes('dist/elb-lint.js'), p.files.join(', '));
    for (const f of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'schemas/elb-config.schema.json']) assert.ok(p.files.includes(f), f);
    const unwanted = p.files.filter((f) => /^(server|client|test|bench|scripts|examples)\/|\.ts$|\.map$/.test(f));
    assert.deepEqual(unwanted, []);
    assert.ok(!fs.existsSync(path.join(ROOT, 'dist', 'elb-lint.js')), 'postpack removes the bundle (the .vsix must not carry it)');
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies?: object; version: string };
    assert.equal(manifest.dependencies, undefined, 'the bundle needs no dependencies');
    assert.equal(manifest.version, pkgVersion, 'root and server versions agree');
    const dir = install(p.tarball);
    assert.ok(!fs.existsSync(path.join(dir, 'node_modules', 'yaml')), 'nothing else was installed');
    checkCli(dir, pkgVersion);
  });

  test('the .vsix file list is the extension bundle, schemas, rule pages, l10n and the docs (no CLI bundle)', () => {
    const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'vsce'), ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr);
    const files = r.stdout.split('\n').filter(Boolean);
    for (const f of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'schemas/elb-config.schema.json', 'docs/rules/ELB101.md', 'l10n/bundle.l10n.zh-cn.json', 'package.nls.zh-cn.json']) assert.ok(files.includes(f), f);
    assert.deepEqual(files.filter((f) => !/^(dist\/(extension|server)\.js|dist\/[\w-]+\.wasm|dist\/media\/.+|dist\/graph-layout-worker\.js|schemas\/.*\.json|docs\/rules\/.*\.md|l10n\/.*\.json|package(\.nls.*)?\.json|README\.md|CHANGELOG\.md|LICENSE)$/.test(f)), []);
  });
});

/** Start a language server over stdio, send initialize, resolve with the raw answer. */
function initialize(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, ['--stdio'], { env: cleanEnv(), stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`no answer to initialize: ${out}`));
    }, 60_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      if (out.includes('"serverInfo"')) {
        clearTimeout(timer);
        child.kill();
        resolve(out);
      }
    });
    child.on('error', reject);
    child.stdin.write(lspMessage({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
  });
}

function lspMessage(body: object): string {
  const s = JSON.stringify(body);
  return `Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`;
}
