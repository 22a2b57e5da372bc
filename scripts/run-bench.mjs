// Runs every benchmark suite (bench/suites.ts, compiled) and writes bench/results/<date>.json with the
// figures, the machine and the Node version. `node scripts/run-bench.mjs --smoke` runs the smallest sizes.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { SUITES } from '../dist/bench/suites.js';

// `--until <duration>` runs the end-to-end suite on that simulated horizon (e.g. 2h).
const smoke = process.argv.includes('--smoke');
const untilAt = process.argv.indexOf('--until');
const until = untilAt > 0 ? process.argv[untilAt + 1] : undefined;
const only = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--until');
const results = {};
for (const suite of SUITES) {
  if (only.length > 0 && !only.includes(suite.name)) continue;
  console.log(`\n== ${suite.name}${smoke ? ' (smoke)' : ''}`);
  results[suite.name] = await suite.run(smoke, until);
}
if (!smoke) {
  const date = new Date().toISOString().slice(0, 10);
  const path = `bench/results/${date}.json`;
  // Suites run separately on one day keep each other's figures (the latest run of a suite wins).
  const earlier = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')).results : {};
  const report = {
    date,
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    results: { ...earlier, ...results },
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`${path}.tmp`, `${JSON.stringify(report, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
  console.log(`\nwrote ${path}`);
}
