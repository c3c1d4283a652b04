#!/usr/bin/env node
'use strict';
// The extension in a real desktop VS Code (Electron), for machines WITH network access:
// @vscode/test-electron downloads VS Code from update.code.visualstudio.com (it fails within a
// second offline: `getaddrinfo ENOTFOUND update.code.visualstudio.com`). CI does not run this;
// CI runs test/e2e/vscode.e2e.test.js (code-server + Chromium) instead.
//
//   node test/e2e/electron/run.js                  (VSCODE_VERSION=1.100.3 to pin; default: stable)
//
// Builds the server and the bundles (dist/), copies examples/ to a temp workspace, then starts
// VS Code with this repository as the extension under development and ./suite.js as its tests.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');

const ROOT = path.resolve(__dirname, '..', '..', '..');

async function main() {
  for (const script of ['build', 'build:extension']) {
    const r = spawnSync('npm', ['run', script], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`npm run ${script} failed`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'elb-lint-e2e-electron-'));
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
  try {
    await runTests({
      version: process.env.VSCODE_VERSION || 'stable',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(__dirname, 'suite.js'),
      launchArgs: [
        workspace,
        '--disable-extensions', // every other extension; the one under development still loads
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir',
        path.join(tmp, 'user-data'),
      ],
      extensionTestsEnv: { ELB_LINT_E2E_WORKSPACE: workspace },
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => console.log('electron e2e: passed'),
  (err) => {
    console.error(`electron e2e: failed: ${err && err.message ? err.message : err}`);
    process.exit(1);
  },
);
