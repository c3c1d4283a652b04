#!/usr/bin/env node
'use strict';
// The command-line linter as one self-contained file, dist/elb-lint.js (no node_modules needed).
// `npm pack` of the root package runs it (prepack) and removes the file afterwards (postpack,
// `--clean`): the root tarball is what pre-commit installs for the hook in .pre-commit-hooks.yaml.
// Output goes to stderr: pre-commit reads the tarball's name from `npm pack`'s stdout.
const fs = require('node:fs');
const path = require('node:path');
const root = path.resolve(__dirname, '..');
const outfile = path.join(root, 'dist', 'elb-lint.js');

if (process.argv.includes('--clean')) {
  fs.rmSync(outfile, { force: true });
  process.exit(0);
}
if (!fs.existsSync(path.join(root, 'server', 'out', 'cli', 'main.js'))) {
  console.error('bundle-cli: server/out is missing; run `npm run build` first');
  process.exit(1);
}
require('esbuild')
  .build({
    entryPoints: [path.join(root, 'server', 'bin', 'elb-lint.js')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    mainFields: ['module', 'main'],
  })
  .then(
    () => {
      fs.chmodSync(outfile, 0o755);
      // The HCL parser (Terraform) is WebAssembly the bundle loads from beside itself (kept after
      // packing: dist/server.js of the .vsix reads the same files).
      for (const id of ['web-tree-sitter/tree-sitter.wasm', '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm']) {
        const from = require.resolve(id, { paths: [path.join(root, 'server')] });
        fs.copyFileSync(from, path.join(root, 'dist', path.basename(from)));
      }
      console.error('bundled dist/elb-lint.js (+ the tree-sitter WebAssembly files)');
    },
    (err) => {
      console.error(err.message);
      process.exit(1);
    },
  );
