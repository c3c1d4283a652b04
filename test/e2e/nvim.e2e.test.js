'use strict';
// End-to-end with a second, independent LSP client: Debian's Neovim (0.7.2) loads the Neovim
// configuration documented in docs/editors.md (the block the page marks as tested), with
// `elb-lint-ls` on PATH; test/e2e/nvim/check.lua opens the examples, lets that configuration
// start and attach the server, and writes what the server published. Every file must get the
// same findings (rule, severity, range, message) as the CLI's `--format json` for that file.
//
//   node --test --test-reporter=spec test/e2e/nvim.e2e.test.js      (or: npm run test:nvim)
//
// Needs `nvim` (apt-get install neovim) and a built server (npm run build).
const { describe, it, before } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { outDir } = require('./lib/code-server');

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLES = path.join(ROOT, 'examples');
/** The two the brief names first; every other example is checked too. */
const PRIMARY = ['security-groups.elb.yaml', 'internal-udp-dns.elb.json'];
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };
const log = (msg) => console.log(`# [nvim-e2e] ${msg}`);
const EDITORS_MD = path.join(ROOT, 'docs', 'editors.md');

/** The Lua block of docs/editors.md that follows the comment naming this test. */
function documentedConfig() {
  const md = fs.readFileSync(EDITORS_MD, 'utf8');
  const m = /<!--[^>]*test\/e2e\/nvim\.e2e\.test\.js[^>]*-->\s*```lua\n([\s\S]*?)\n```/.exec(md);
  if (!m) throw new Error('docs/editors.md has no Lua block marked for test/e2e/nvim.e2e.test.js');
  return m[1] + '\n';
}
// English messages from both sides.
const ENV = { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', LC_MESSAGES: '' };

function examples() {
  const all = fs.readdirSync(EXAMPLES).filter((f) => /\.elb\.(ya?ml|json)$/.test(f)).sort();
  return [...PRIMARY.filter((f) => all.includes(f)), ...all.filter((f) => !PRIMARY.includes(f))];
}

const key = (f) => `${f.ruleId} ${f.severity} ${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.message}`;

/** What the CLI reports for each file (1-based lines and columns, like ESLint), in one run. */
function cliFindings(files) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'server', 'bin', 'elb-lint.js'), '--format', 'json', ...files], { cwd: ROOT, encoding: 'utf8', env: ENV });
  const out = new Map();
  try {
    for (const report of JSON.parse(r.stdout)) {
      out.set(path.resolve(ROOT, report.filePath), {
        via: 'cli',
        findings: report.messages.map((m) => ({ ruleId: m.ruleId, severity: m.severity, line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn, message: m.message })),
      });
    }
    return out;
  } catch (err) {
    // The CLI's JSON output is not there (yet): compare with the engine the CLI and the server share.
    log(`CLI --format json unusable (exit ${r.status}: ${String(err.message).slice(0, 80)}); comparing with the engine`);
  }
  const engine = require(path.join(ROOT, 'server', 'out', 'engine', 'index.js'));
  for (const file of files) {
    const res = engine.lintText(fs.readFileSync(file, 'utf8'), { path: file, locale: 'en' });
    out.set(file, {
      via: 'engine',
      findings: res.findings
        .filter((f) => !f.suppression)
        .map((f) => {
          const s = res.source.positionAt(f.span.start);
          const e = res.source.positionAt(f.span.end);
          return { ruleId: f.ruleId, severity: f.severity, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, message: f.message };
        }),
    });
  }
  return out;
}

/** LSP diagnostics (0-based) in the CLI's terms. */
function fromLsp(diags) {
  return diags.map((d) => ({
    ruleId: d.code,
    severity: SEVERITY[d.severity],
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    message: d.message,
  }));
}

describe('Neovim 0.7 as an LSP client of elb-lint-ls', { timeout: 5 * 60_000 }, () => {
  let report;
  let cli;
  let nvimVersion;
  const files = examples();

  before(() => {
    const dir = outDir('nvim'); // $TMPDIR/elb-lint-e2e/nvim, emptied first
    // Neovim's own log, shada and lsp.log stay in there too.
    const nvimEnv = { ...ENV, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir, XDG_CACHE_HOME: dir };
    const v = spawnSync('nvim', ['--version'], { encoding: 'utf8', env: nvimEnv });
    if (v.error) throw new Error('nvim is not installed (apt-get install neovim; see test/e2e/install-system-deps.sh)');
    nvimVersion = v.stdout.split('\n')[0];
    if (!fs.existsSync(path.join(ROOT, 'server', 'out', 'lsp', 'start.js'))) {
      const b = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
      if (b.status !== 0) throw new Error(`npm run build failed:\n${b.stdout}\n${b.stderr}`);
    }
    const out = path.join(dir, 'diagnostics.json');
    const config = path.join(dir, 'editors-md.lua');
    fs.writeFileSync(config, documentedConfig());
    // `elb-lint-ls` as the documentation runs it: from PATH (npm links the workspace's bins).
    const bin = path.join(ROOT, 'node_modules', '.bin');
    if (!fs.existsSync(path.join(bin, 'elb-lint-ls'))) throw new Error(`${bin}/elb-lint-ls is missing: run npm ci`);
    const t0 = Date.now();
    const r = spawnSync(
      'nvim',
      ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(__dirname, 'nvim', 'check.lua')}`, '--', ...files.map((f) => path.join(EXAMPLES, f))],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...nvimEnv, ELB_OUT: out, ELB_NVIM_CONFIG: config, PATH: `${bin}${path.delimiter}${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}` },
      },
    );
    log(`${nvimVersion}: ${files.length} files in ${Date.now() - t0} ms, exit ${r.status}${r.signal ? ` (${r.signal})` : ''}; report ${out}`);
    if (!fs.existsSync(out)) throw new Error(`nvim wrote no report (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
    report = JSON.parse(fs.readFileSync(out, 'utf8'));
    if (report.errors.length) log(`check.lua: ${report.errors.join('; ')}`);
    const t1 = Date.now();
    cli = cliFindings(files.map((f) => path.join(EXAMPLES, f)));
    log(`CLI: ${cli.size} files in ${Date.now() - t1} ms`);
    assert.equal(r.status, 0, `nvim exited with ${r.status}: ${report.errors.join('; ')}\n${r.stderr}`);
  });

  it('talks to the elb-lint server, started by the configuration of docs/editors.md', () => {
    assert.equal(report.server?.name, 'elb-lint');
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.config?.cmd, ['elb-lint-ls', '--stdio']);
    assert.equal(report.config?.name, 'elb-lint');
    assert.equal(report.config?.settings?.elbLint?.locale, 'auto');
  });

  for (const name of files) {
    it(`${name}: the same findings as \`elb-lint --format json\``, () => {
      const entry = report.files[path.join(EXAMPLES, name)];
      assert.ok(entry, `no entry for ${name}`);
      assert.equal(entry.published, true, `no publishDiagnostics for ${name}`);
      const lsp = fromLsp(entry.diagnostics).map(key).sort();
      const want = cli.get(path.join(EXAMPLES, name));
      assert.ok(want, `the CLI reported nothing for ${name}`);
      const expected = want.findings.map(key).sort();
      log(`${name}: ${lsp.length} diagnostics via nvim, ${expected.length} via ${want.via} (${entry.ms} ms to publish)`);
      assert.deepEqual(lsp, expected);
      // Neovim took them in: one vim.diagnostic per published diagnostic, at the same place.
      const seen = entry.nvim.map((d) => `${d.lnum}:${d.col}:${d.severity}`).sort();
      const sent = entry.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}:${d.severity}`).sort();
      assert.deepEqual(seen, sent);
      if (PRIMARY.includes(name)) assert.ok(entry.diagnostics.length > 0, `${name} is expected to have findings`);
      if (entry.diagnostics.length) {
        const first = entry.diagnostics[0];
        assert.ok(entry.actions.length > 0, `no code actions at the first diagnostic (${first.code}) of ${name}`);
        if (name.endsWith('.yaml')) assert.ok(entry.actions.includes(`Disable ${first.code} for this line`), `actions: ${entry.actions.join(' | ')}`);
        assert.equal(typeof entry.hover, 'string', `no hover at the first diagnostic of ${name}`);
        assert.ok(entry.hover.includes(first.code), `the hover names ${first.code}`);
      }
    });
  }
});
