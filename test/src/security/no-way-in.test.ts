import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers';
import { TestClient } from '../lsp/client';
import type { Attempt } from './guard';

/**
 * No way in: the engine, the CLI and the language server evaluate no input, start no process,
 * open no socket and load no code named by a workspace; the extension's limited mode holds.
 */
const GUARD = path.join(__dirname, 'guard.js');
const CLI = path.join(ROOT, 'server/bin/elb-lint.js');
/** The one allowed code-generation site: ajv compiling our own JSON schemas (docs/reliability.md). */
const AJV_COMPILE = /node_modules\/ajv\/dist\/compile\/index\.js/;
const MARK = 'ELB_INPUT_MARKER_7f3a';

/** Hostile inputs: every one carries MARK, so generated code can be checked for input text. */
const HOSTILE: Record<string, string> = {
  'tags.elb.yaml': `version: 1\nregion: !!js/function "function(){ require('child_process').execSync('touch /tmp/${MARK}') }"\nvpcs: !!python/object/apply:os.system ["id"]\nname: !<tag:yaml.org,2002:js/eval> "process.exit(9)"\n`,
  'proto.elb.yaml': `version: 1\n__proto__: {polluted: ${MARK}}\nconstructor: {prototype: {polluted: 1}}\nvpcs:\n  - {name: "${MARK}\${process.exit(1)}", cidr: 10.0.0.0/16, __proto__: {x: 1}}\n`,
  'proto.elb.json': `{"version": 1, "__proto__": {"polluted": "${MARK}"}, "vpcs": [{"name": "${MARK}", "cidr": "10.0.0.0/16", "constructor": {"prototype": {"x": 1}}}]}`,
  'pattern.elb.yaml': `version: 1\nregion: "${MARK}')); require('child_process').execSync('id'); (('"\nloadbalancers:\n  - {name: "\\u0000${MARK}", type: dedicated}\n`,
};

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'elb-lint-sec-'));
  for (const [n, t] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, n)), { recursive: true });
    fs.writeFileSync(path.join(dir, n), t);
  }
  return dir;
}

function guarded(args: string[], cwd: string, node: string[] = []): { status: number | null; stdout: string; stderr: string; attempts: Attempt[]; modules: string[] } {
  const log = path.join(os.tmpdir(), `elb-guard-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  const r = spawnSync(process.execPath, [...node, '--require', GUARD, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ELB_GUARD_LOG: log }, timeout: 120_000 });
  const data = JSON.parse(fs.readFileSync(log, 'utf8')) as { attempts: Attempt[]; modules: string[] };
  fs.rmSync(log, { force: true });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ...data };
}

/**
 * Calls of the global `eval` in source text: `eval(` not after `.`, an identifier character or a
 * quote, and not a method definition (`eval(e, bind) {`: the Terraform evaluator has a method of
 * that name).
 */
export function evalCalls(text: string): number[] {
  const out: number[] = [];
  const re = /(?<![.\w$'"`])eval\s*\(/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const close = text.indexOf(')', m.index);
    if (close > 0 && /^\s*\{/.test(text.slice(close + 1, close + 8)) && !/[()]/.test(text.slice(m.index + m[0].length, close))) continue;
    out.push(m.index);
  }
  return out;
}

/** Attempts other than ajv compiling our schema; and any generated code holding input text. */
function violations(attempts: Attempt[]): string[] {
  const out: string[] = [];
  for (const a of attempts) {
    const ajv = a.kind === 'Function' && AJV_COMPILE.test(a.stack.split('\n').slice(0, 3).join('\n'));
    if (!ajv) out.push(`${a.kind} at\n${a.stack.split('\n').slice(0, 6).join('\n')}`);
    if (a.source?.includes(MARK)) out.push(`${a.kind}: input text reached generated code`);
  }
  return out;
}

describe('no way in: the engine evaluates nothing, starts nothing, connects nowhere', () => {
  test('the CLI on every example and on hostile files: no process, socket, eval or code from input', () => {
    const dir = workspace(HOSTILE);
    for (const f of fs.readdirSync(path.join(ROOT, 'examples')).filter((x) => /\.elb\./.test(x))) fs.copyFileSync(path.join(ROOT, 'examples', f), path.join(dir, f));
    // The other formats too (Terraform goes through web-tree-sitter's WebAssembly), when present.
    for (const sub of ['terraform', 'kubernetes', 'api']) {
      const src = path.join(ROOT, 'examples', sub);
      if (fs.existsSync(src)) fs.cpSync(src, path.join(dir, sub), { recursive: true });
    }
    fs.mkdirSync(path.join(dir, 'tf-hostile'));
    fs.writeFileSync(path.join(dir, 'tf-hostile', 'main.tf'), `resource "huaweicloud_elb_loadbalancer" "x" {\n  name = "\${file("/etc/passwd")}\${jsonencode({a = "${MARK}"})}"\n  description = <<EOT\n\${templatefile("evil.tpl", {})}\nEOT\n}\nlocals { x = "\${process.exit(1)}" \n`);
    const r = guarded([CLI, '--format', 'json', '.'], dir);
    assert.equal(r.status, 1, r.stderr);
    const results = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[];
    assert.ok(results.length >= Object.keys(HOSTILE).length + 5);
    assert.ok(!results.some((x) => x.messages.some((m) => m.ruleId === 'ELB090')), 'no internal error');
    const tags = results.find((x) => x.filePath.endsWith('tags.elb.yaml'))!;
    assert.ok(tags.messages.some((m) => m.ruleId === 'ELB001' && /tag/i.test(m.message)), 'tags reported');
    assert.ok(r.attempts.some((a) => a.kind === 'Function'), 'the guard was active (it saw ajv compile)');
    assert.deepEqual(violations(r.attempts), []);
    assert.ok(!fs.existsSync(`/tmp/${MARK}`), 'no command ran');
    // ajv compiles each schema once: as many generated functions for one file as for all of them.
    const one = guarded([CLI, 'tags.elb.yaml', 'proto.elb.json'], dir);
    assert.equal(r.attempts.filter((a) => a.kind === 'Function').length, one.attempts.filter((a) => a.kind === 'Function').length, 'code generation does not depend on the input');
  });

  test('--fix on hostile files: same guarantees', () => {
    const dir = workspace(HOSTILE);
    const r = guarded([CLI, '--fix', '.'], dir);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    assert.deepEqual(violations(r.attempts), []);
  });

  test('the language server over stdio on hostile documents: same guarantees', async () => {
    const log = path.join(os.tmpdir(), `elb-guard-ls-${process.pid}.json`);
    process.env.ELB_GUARD_LOG = log;
    const c = new TestClient({ execArgv: ['--require', GUARD] });
    delete process.env.ELB_GUARD_LOG;
    try {
      await c.initialize('en', false);
      for (const [n, t] of Object.entries(HOSTILE)) {
        const u = pathToFileURL(path.join(ROOT, 'test/.tmp/sec', n)).href;
        await c.open(u, t, n.endsWith('.json') ? 'json' : 'yaml');
        await c.waitDiagnostics(u);
        await c.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 1, character: 3 } });
        await c.request('textDocument/completion', { textDocument: { uri: u }, position: { line: 1, character: 0 } });
        await c.request('textDocument/codeAction', { textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } }, context: { diagnostics: [] } });
      }
    } finally {
      await c.close();
    }
    await new Promise((r) => (c.proc.exitCode !== null ? r(null) : c.proc.on('exit', r)));
    const data = JSON.parse(fs.readFileSync(log, 'utf8')) as { attempts: Attempt[] };
    fs.rmSync(log, { force: true });
    assert.ok(data.attempts.some((a) => a.kind === 'Function'), 'the guard was active');
    assert.deepEqual(violations(data.attempts), []);
  });

  test('the shipped code: no eval, no process, no code generation outside ajv, in the engine and its dependencies', () => {
    // Every file the engine loads (found by running it), and the bundled server (esbuild, as shipped).
    const probe = `const {lintText}=require(${JSON.stringify(path.join(ROOT, 'server/out/engine/lint.js'))});
      for (const f of require('fs').readdirSync(${JSON.stringify(path.join(ROOT, 'examples'))})) if (/\\.elb\\./.test(f)) lintText(require('fs').readFileSync(${JSON.stringify(path.join(ROOT, 'examples'))}+'/'+f,'utf8'),{path:f});
      console.log(JSON.stringify(Object.keys(require.cache)));`;
    const r = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const files = (JSON.parse(r.stdout) as string[]).filter((f) => f.endsWith('.js'));
    assert.ok(files.some((f) => f.includes('/server/out/engine/')) && files.some((f) => f.includes('/node_modules/yaml/')));
    const forbidden: [RegExp, string][] = [
      [/\bnew\s+Function\s*\(/, 'new Function('],
      [/require\(\s*["'](node:)?(child_process|net|http|https|http2|tls|dgram|vm|worker_threads|inspector|cluster)["']\s*\)/, 'process, network or code module'],
      [/process\.binding\s*\(|process\.dlopen/, 'native binding'],
    ];
    const hits: string[] = [];
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      for (const at of evalCalls(text)) hits.push(`${path.relative(ROOT, f)}:${text.slice(0, at).split('\n').length}: eval(`);
      for (const [re, what] of forbidden) {
        const g = new RegExp(re.source, 'g');
        let m: RegExpExecArray | null;
        while ((m = g.exec(text))) {
          const line = text.slice(0, m.index).split('\n').length;
          const rel = path.relative(ROOT, f);
          // The one allowed site: ajv turns our schema into a validation function.
          if (what === 'new Function(' && /^node_modules\/ajv\/dist\/compile\/index\.js$/.test(rel)) continue;
          hits.push(`${rel}:${line}: ${what}`);
        }
      }
    }
    assert.deepEqual(hits, [], 'the engine and the libraries it loads');
  });

  test('the bundled server (dist/server.js as esbuild builds it): code generation only in ajv, no process', async () => {
    const esbuild = require('esbuild') as typeof import('esbuild');
    const out = path.join(os.tmpdir(), `elb-server-bundle-${process.pid}.js`);
    await esbuild.build({ bundle: true, platform: 'node', format: 'cjs', target: 'node18', minify: false, logLevel: 'silent', legalComments: 'none', mainFields: ['module', 'main'], entryPoints: [path.join(ROOT, 'server/src/lsp/start.ts')], outfile: out });
    const text = fs.readFileSync(out, 'utf8');
    fs.rmSync(out, { force: true });
    const fn = [...text.matchAll(/\bnew\s+Function\s*\(/g)].length;
    assert.equal(fn, 1, 'exactly one code-generation site (ajv compiling the schema)');
    assert.ok(/sourceCode[\s\S]{0,400}new Function\(/.test(text) || /new Function\([^)]*sourceCode/.test(text) || text.includes('makeValidate = new Function'), 'it is ajv\'s compile');
    // web-tree-sitter's Emscripten loader can eval JavaScript carried inside a WebAssembly module
    // (EM_ASM / EM_JS sections). The only module it loads is the HCL grammar we ship, which has none:
    // the runtime guard sees no eval while linting Terraform. Exactly those two sites are allowed.
    const evals = evalCalls(text).map((i) => text.slice(Math.max(0, i - 60), i + 40));
    const emscripten = evals.filter((x) => /ASM_CONSTS\[start\] = eval\(func\)|moduleExports\[name\] = eval\(func\)/.test(x));
    assert.ok(emscripten.length <= 2);
    assert.deepEqual(evals.filter((x) => !emscripten.includes(x)), [], 'no other eval');
    assert.ok(!/require\(["'](node:)?(http|https|http2|dgram|tls|vm|inspector|cluster)["']\)/.test(text), 'no network client or code module');
    // The transport layer (vscode-languageserver/node) may name child_process and net for its
    // --node-ipc / --socket / --clientProcessId options; the runtime guard above shows stdio uses neither.
  });
});

describe('no way in: the Node permission model', () => {
  const flag = process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : process.allowedNodeEnvironmentFlags.has('--experimental-permission') ? '--experimental-permission' : undefined;
  test('the CLI runs with read access to its own code and the linted files only: no write, no process, no worker', { skip: flag ? false : 'this Node has no permission model' }, () => {
    const dir = workspace({ 'lb.elb.yaml': fs.readFileSync(path.join(ROOT, 'test/fixtures/cli/sg-web.elb.yaml'), 'utf8'), ...HOSTILE });
    // One flag per path (Node 20.x dropped comma lists); `/*` grants a folder's contents.
    const read = [path.join(ROOT, 'server/*'), path.join(ROOT, 'node_modules/*'), path.join(ROOT, 'schemas/*'), path.join(ROOT, 'package.json'), path.join(dir, '*')].map((p) => `--allow-fs-read=${p}`);
    const run = (args: string[]) => spawnSync(process.execPath, [flag!, ...read, CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    const lint = run(['--format', 'json', '.']);
    assert.equal(lint.status, 1, lint.stderr);
    const results = JSON.parse(lint.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
    assert.ok(results.find((x) => x.filePath.endsWith('lb.elb.yaml'))!.messages.some((m) => m.ruleId === 'ELB101'), 'lints under the permission model');
    // Writing is not granted: --fix reports it cannot write, without a stack trace, and the file is unchanged.
    const before = fs.readFileSync(path.join(dir, 'lb.elb.yaml'), 'utf8');
    const fix = run(['--fix', 'lb.elb.yaml']);
    assert.equal(fix.status, 2, fix.stdout + fix.stderr);
    assert.match(fix.stderr, /cannot write|ERR_ACCESS_DENIED|permission/i);
    assert.ok(!/\n\s+at /.test(fix.stderr), fix.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'lb.elb.yaml'), 'utf8'), before);
  });
});

describe('no way in: configuration files cannot load code', () => {
  test('plugins, extends, parsers, requires and .elb-lint.js files are never loaded', () => {
    const evil = `require('fs').writeFileSync(__dirname + '/LOADED', 'x');`;
    const dir = workspace({
      'evil.js': evil,
      'evil.cjs': evil,
      '.elb-lint.js': evil,
      '.elb-lint.cjs': evil,
      'node_modules/elb-lint-plugin-evil/index.js': evil,
      'node_modules/elb-lint-plugin-evil/package.json': '{"name":"elb-lint-plugin-evil","main":"index.js"}',
      '.elb-lint.yaml': ['plugins: [./evil.js, evil, elb-lint-plugin-evil]', 'extends: ./evil.js', 'parser: ./evil.cjs', 'require: [./evil.js]', 'formatter: ./evil.js', 'rules:', '  ELB101: !!js/function "function(){ return require(\'./evil.js\') }"', ''].join('\n'),
      'lb.elb.yaml': fs.readFileSync(path.join(ROOT, 'test/fixtures/cli/sg-web.elb.yaml'), 'utf8'),
    });
    const r = guarded([CLI, 'lb.elb.yaml', '--format', './evil.js'], dir);
    const r2 = guarded([CLI, 'lb.elb.yaml'], dir);
    assert.ok(!fs.existsSync(path.join(dir, 'LOADED')), 'no workspace code ran');
    assert.notEqual(r.status, 0);
    assert.notEqual(r2.status, 0);
    assert.match(r2.stdout + r2.stderr, /plugins|extends|parser|unknown|not allowed|ELB/i, 'the configuration is reported, not obeyed');
    for (const x of [r, r2]) {
      assert.deepEqual(violations(x.attempts), []);
      assert.ok(!x.modules.some((m) => m.startsWith(dir) || m.startsWith(fs.realpathSync(dir))), `no module loaded from the workspace: ${x.modules.filter((m) => m.includes(dir)).join(', ')}`);
    }
  });
});

describe('no way in: limited mode in untrusted workspaces', () => {
  test('the manifest declares limited support and restricts the files setting', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations: string[] } } };
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('elbLint.files'));
  });

  test('the extension tells the server whether the workspace is trusted, and restarts it when trust is granted', async () => {
    // The extension module with `vscode` and the language client replaced by recorders.
    const Module = require('node:module') as { _load: (req: string, parent: unknown, isMain: boolean) => unknown };
    const realLoad = Module._load;
    const created: { options: { initializationOptions: { trusted: boolean } } }[] = [];
    let trustHandler: (() => Promise<void>) | undefined;
    let starts = 0;
    let stops = 0;
    const disposable = { dispose() {} };
    const vscode = {
      workspace: {
        isTrusted: false,
        getConfiguration: () => ({}),
        createFileSystemWatcher: () => disposable,
        onDidGrantWorkspaceTrust: (h: () => Promise<void>) => ((trustHandler = h), disposable),
        onDidChangeTextDocument: () => disposable,
        textDocuments: [],
        fs: {},
      },
      window: { createOutputChannel: () => ({ appendLine() {}, show() {}, dispose() {} }), createStatusBarItem: () => ({ show() {}, hide() {}, dispose() {} }), onDidChangeActiveTextEditor: () => disposable, activeTextEditor: undefined },
      languages: { onDidChangeDiagnostics: () => disposable, getDiagnostics: () => [] },
      commands: { registerCommand: () => disposable },
      l10n: { t: (s: string) => s },
      StatusBarAlignment: { Right: 2 },
      DiagnosticSeverity: { Error: 0 },
    };
    class LanguageClient {
      constructor(_id: string, _name: string, _server: unknown, options: { initializationOptions: { trusted: boolean } }) {
        created.push({ options });
      }
      async start() {
        starts++;
      }
      async stop() {
        stops++;
      }
    }
    Module._load = function (req: string, parent: unknown, isMain: boolean) {
      if (req === 'vscode') return vscode;
      if (req === 'vscode-languageclient/node') return { LanguageClient, TransportKind: { ipc: 1 } };
      return realLoad.call(this, req, parent, isMain);
    };
    try {
      const file = path.join(ROOT, 'client/out/extension.js');
      delete require.cache[file];
      const ext = require(file) as { activate: (ctx: unknown) => Promise<void>; deactivate: () => Promise<void> };
      await ext.activate({ subscriptions: [], asAbsolutePath: (p: string) => path.join(ROOT, p) });
      assert.equal(created.length, 1);
      assert.equal(created[0]!.options.initializationOptions.trusted, false, 'limited mode announced');
      assert.equal(starts, 1);
      vscode.workspace.isTrusted = true;
      await trustHandler!();
      assert.equal(stops, 1, 'server restarted when trust is granted');
      assert.equal(starts, 2);
      await ext.deactivate();
    } finally {
      Module._load = realLoad;
    }
  });

  test('the server in limited mode ignores workspace configuration files and custom globs', async () => {
    const dir = fs.mkdtempSync(path.join(ROOT, 'test', '.tmp-untrusted-'));
    try {
      fs.writeFileSync(path.join(dir, '.elb-lint.yaml'), 'rules:\n  ELB101: off\nfiles: ["**/*.infra.yaml"]\n');
      const text = fs.readFileSync(path.join(ROOT, 'test/fixtures/cli/sg-web.elb.yaml'), 'utf8');
      const run = async (trusted: boolean) => {
        const c = new TestClient();
        try {
          await c.conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {}, initializationOptions: { trusted, settings: { files: ['**/*.custom.yaml'] } } });
          await c.conn.sendNotification('initialized', {});
          const a = pathToFileURL(path.join(dir, 'lb.elb.yaml')).href;
          const b = pathToFileURL(path.join(dir, 'lb.infra.yaml')).href;
          const d = pathToFileURL(path.join(dir, 'lb.custom.yaml')).href;
          await c.open(a, text);
          await c.open(b, text);
          await c.open(d, text);
          const [pa, pb, pd] = await Promise.all([c.waitDiagnostics(a), c.waitDiagnostics(b), c.waitDiagnostics(d)]);
          return { a: pa.diagnostics.map((x) => x.code), b: pb.diagnostics.length, d: pd.diagnostics.length };
        } finally {
          await c.close();
        }
      };
      const trusted = await run(true);
      const limited = await run(false);
      assert.ok(!trusted.a.includes('ELB101'), 'trusted: the workspace file turns ELB101 off');
      assert.ok(trusted.b > 0 && trusted.d > 0, 'trusted: globs add files');
      assert.ok(limited.a.includes('ELB101'), 'limited: the workspace configuration is not read');
      assert.equal(limited.b, 0, 'limited: files: of .elb-lint.yaml ignored');
      assert.equal(limited.d, 0, 'limited: the elbLint.files setting ignored');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
