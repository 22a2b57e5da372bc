#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm ci` (the `prepare` script runs tsc).
import { main } from '../dist/engine/cli/main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
