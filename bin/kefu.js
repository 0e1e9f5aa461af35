#!/usr/bin/env node
// The `kefu` command: runs the TypeScript command line (scripts/kefu.ts) through tsx.
process.env.KEFU_CLI = '1';
require('tsx/cjs');
require('../scripts/kefu.ts');
