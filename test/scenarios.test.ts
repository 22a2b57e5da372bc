/**
 * Every bundled scenario is a golden test: it validates, runs, and its outputs match the committed
 * expected/ files byte for byte (summary.csv verbatim, the other CSVs by SHA-256).
 * After an intended behaviour change: KUBESIM_UPDATE_GOLDEN=1 npm test, then review the diff.
 * A folder whose README.md holds the line GOLDEN_OPT_OUT of test/scenario-list.ts (the scale-* performance
 * references) is skipped here; test/scenarios-scale.test.ts validates those instead.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from './helpers.js';
import { goldenOptedOut } from './scenario-list.js';

const UPDATE = process.env.KUBESIM_UPDATE_GOLDEN === '1';
const HASHED = ['timeseries.csv', 'pods.csv', 'events.csv'];

const scenarios = readdirSync('scenarios')
  .filter((d) => existsSync(join('scenarios', d, 'scenario.yaml')) && !goldenOptedOut(d))
  .sort();

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

describe('bundled scenarios (golden)', () => {
  for (const name of scenarios) {
    const dir = join('scenarios', name);
    it(`${name} has a README with Covers, Scenario, Run it and Expected`, () => {
      const readme = readFileSync(join(dir, 'README.md'), 'utf8');
      for (const h of ['Covers', 'Scenario', 'Run it', 'Expected']) assert.match(readme, new RegExp(`^## ${h}`, 'm'), `${name}/README.md lacks ## ${h}`);
    });

    // Trace scenarios need the trace files, which are not in the repository: test/scenario/traces/ runs them.
    const needsTrace = /^\s+source:/m.test(readFileSync(join(dir, 'scenario.yaml'), 'utf8'));
    it(`${name} runs and matches its expected outputs`, { skip: needsTrace ? 'replays an external trace (see its README)' : false }, () => {
      const out = tempDir();
      const r = cli(['run', join(dir, 'scenario.yaml'), '--out', out, '-q']);
      assert.equal(r.status, 0, r.stderr);
      const expectedDir = join(dir, 'expected');
      const digests = Object.fromEntries(HASHED.map((f) => [f, sha256(join(out, f))]));
      const summary = readFileSync(join(out, 'summary.csv'), 'utf8');
      if (UPDATE) {
        mkdirSync(expectedDir, { recursive: true });
        writeFileSync(join(expectedDir, 'summary.csv'), summary);
        writeFileSync(join(expectedDir, 'digests.json'), `${JSON.stringify(digests, null, 2)}\n`);
        return;
      }
      assert.ok(existsSync(join(expectedDir, 'summary.csv')), `no golden files: run KUBESIM_UPDATE_GOLDEN=1 npm test`);
      assert.equal(summary, readFileSync(join(expectedDir, 'summary.csv'), 'utf8'), `${name}: summary.csv differs from the golden file`);
      assert.deepEqual(digests, JSON.parse(readFileSync(join(expectedDir, 'digests.json'), 'utf8')), `${name}: CSV digests differ`);
    });
  }
});
