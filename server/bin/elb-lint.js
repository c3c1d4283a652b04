#!/usr/bin/env node
'use strict';
require('../out/cli/main.js').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`elb-lint: internal error: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 2;
  }
);
