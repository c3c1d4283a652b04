#!/usr/bin/env node
'use strict';
require('../out/lsp/main.js').main();
