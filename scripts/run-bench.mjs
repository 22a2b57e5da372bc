// Runs every benchmark suite (bench/suites.ts, compiled) and writes bench/results/<date>.json with the
// figures, the machine and the Node version. `node scripts/run-bench.mjs --smoke` runs the smallest sizes.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { SUITES } from '../dist/bench/suites.js';

const smoke = process.argv.includes('--smoke');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const results = {};
for (const suite of SUITES) {
  if (only.length > 0 && !only.includes(suite.name)) continue;
  console.log(`\n== ${suite.name}${smoke ? ' (smoke)' : ''}`);
  results[suite.name] = await suite.run(smoke);
}
if (!smoke) {
  const date = new Date().toISOString().slice(0, 10);
  const report = {
    date,
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    results,
  };
  mkdirSync('bench/results', { recursive: true });
  const path = `bench/results/${date}.json`;
  writeFileSync(`${path}.tmp`, `${JSON.stringify(report, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
  console.log(`\nwrote ${path}`);
}
