#!/usr/bin/env node
'use strict';
// Bundles the extension client and the language server with esbuild into dist/ (what the .vsix ships).
const esbuild = require('esbuild');
const path = require('node:path');
const root = path.resolve(__dirname, '..');

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node18', sourcemap: false, minify: true, logLevel: 'warning', legalComments: 'none', mainFields: ['module', 'main'] };

Promise.all([
  esbuild.build({ ...common, entryPoints: [path.join(root, 'client/src/extension.ts')], outfile: path.join(root, 'dist/extension.js'), external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: [path.join(root, 'server/src/lsp/start.ts')], outfile: path.join(root, 'dist/server.js') }),
]).then(
  () => console.log('bundled dist/extension.js and dist/server.js'),
  (err) => {
    console.error(err.message);
    process.exit(1);
  },
);
