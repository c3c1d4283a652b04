#!/usr/bin/env node
'use strict';
// The main job: lint examples/ with the CLI. The examples contain misconfigurations on purpose,
// so exit code 1 (findings) is the expected outcome; 2 (usage or I/O error) is a failure.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const root = path.resolve(__dirname, '..');
const args = [path.join(root, 'server/bin/elb-lint.js'), 'examples/', ...process.argv.slice(2)];
const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
if (r.status === 1) console.log('\n(elb-lint exited with 1: the examples contain misconfigurations on purpose.)');
process.exit(r.status === 0 || r.status === 1 ? 0 : r.status ?? 2);
