#!/usr/bin/env -S node --max-semi-space-size=8 --min-semi-space-size=8
// Thin launcher: the CLI is compiled to dist/ by `npm ci` (the `prepare` script runs tsc).
// V8 reads the young generation's size only at start-up, so it is set here (npx kubesim, ./bin/kubesim.js):
// 8 MiB semi-spaces instead of 16 take ~20 MiB off a large run's peak RSS at no measured cost in time,
// and starting at 8 MiB instead of growing there spares the first simulated second (tens of thousands
// of pods placed) its many small scavenges (docs/performance.md, "Memory"); `node [flags] bin/kubesim.js`
// runs with the flags given instead.
import { main } from '../dist/engine/cli/main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
