#!/usr/bin/env node
'use strict';
// `npm pack -w server` (and publish) lifecycle: the server package reads the JSON Schemas at run
// time and carries the project's LICENSE, README and CHANGELOG. prepack copies them in (schemas
// to server/out/engine/schemas/, where the schema loader looks beside its module); postpack
// (`--clean`) removes the copies made at the package root again.
const fs = require('node:fs');
const path = require('node:path');
const root = path.resolve(__dirname, '..');
const server = path.join(root, 'server');
const docs = ['LICENSE', 'README.md', 'CHANGELOG.md'];

if (process.argv.includes('--clean')) {
  for (const f of docs) fs.rmSync(path.join(server, f), { force: true });
  process.exit(0);
}
if (!fs.existsSync(path.join(server, 'out', 'cli', 'main.js'))) {
  console.error('pack-server: server/out is missing; run `npm run build` first');
  process.exit(1);
}
const schemas = path.join(server, 'out', 'engine', 'schemas');
fs.mkdirSync(schemas, { recursive: true });
for (const f of fs.readdirSync(path.join(root, 'schemas'))) {
  if (f.endsWith('.schema.json')) fs.copyFileSync(path.join(root, 'schemas', f), path.join(schemas, f));
}
for (const f of docs) if (fs.existsSync(path.join(root, f))) fs.copyFileSync(path.join(root, f), path.join(server, f));
