#!/usr/bin/env node
'use strict';
// Bundles the extension client and the language server with esbuild into dist/ (what the .vsix ships).
const esbuild = require('esbuild');
const path = require('node:path');
const root = path.resolve(__dirname, '..');

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node18', sourcemap: false, minify: true, logLevel: 'warning', legalComments: 'none', mainFields: ['module', 'main'] };

require('node:fs').mkdirSync(path.join(root, 'dist/media'), { recursive: true });
Promise.all([
  esbuild.build({ ...common, entryPoints: [path.join(root, 'client/src/extension.ts')], outfile: path.join(root, 'dist/extension.js'), external: ['vscode'] }),
  // elkjs (1.6 MB) is bundled once, into the layout worker; the server reaches it only through the worker.
  esbuild.build({ ...common, entryPoints: [path.join(root, 'server/src/lsp/start.ts')], outfile: path.join(root, 'dist/server.js'), external: ['elkjs', 'elkjs/*'] }),
  // The topology layout runs in a worker thread of the server (server/src/engine/graph/layout-host.ts).
  esbuild.build({ ...common, entryPoints: [path.join(root, 'server/src/engine/graph/layout-worker.ts')], outfile: path.join(root, 'dist/graph-layout-worker.js') }),
  // The topology webview: its script (for the browser) and stylesheet, served from dist/media.
  esbuild.build({ ...common, platform: 'browser', format: 'iife', target: 'chrome114', entryPoints: [path.join(root, 'client/media/topology.js')], outfile: path.join(root, 'dist/media/topology.js') }),
  esbuild.build({ ...common, platform: 'browser', target: 'chrome114', entryPoints: [path.join(root, 'client/media/topology.css')], outfile: path.join(root, 'dist/media/topology.css') }),
  require('node:fs').promises.copyFile(path.join(root, 'client/media/topology-icon.svg'), path.join(root, 'dist/media/topology-icon.svg')),
]).then(
  () => {
    // The HCL parser (Terraform) is WebAssembly the server loads from beside dist/server.js.
    const fs = require('node:fs');
    for (const id of ['web-tree-sitter/tree-sitter.wasm', '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm']) {
      const from = require.resolve(id, { paths: [path.join(root, 'server')] });
      fs.copyFileSync(from, path.join(root, 'dist', path.basename(from)));
    }
    console.log('bundled dist/extension.js, dist/server.js, dist/graph-layout-worker.js and dist/media/; copied the HCL WebAssembly');
  },
  (err) => {
    console.error(err.message);
    process.exit(1);
  },
);
