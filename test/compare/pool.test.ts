/** The worker pool: results by cell index whatever the number of workers; stop() keeps finished cells. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { planCompare } from '../../engine/compare/cells.js';
import { CellPool } from '../../engine/compare/pool.js';
import { WORKER_URL } from '../../engine/cli/compare-command.js';
import { withFiles } from '../helpers.js';
import { COMPARE_SCENARIO } from './fixtures.js';

function plan() {
  const dir = withFiles({ 's.yaml': COMPARE_SCENARIO });
  return planCompare({ scenarios: [join(dir, 's.yaml')], policies: ['default', 'binpack'], seeds: '1..3' });
}

test('results are stored by cell index and do not depend on the number of workers', async () => {
  const p = plan();
  const one = new CellPool(p.cells, { jobs: 1, workerUrl: WORKER_URL });
  await one.run();
  const three = new CellPool(p.cells, { jobs: 3, workerUrl: WORKER_URL });
  await three.run();
  assert.equal(one.finished, 6);
  assert.deepEqual(three.results, one.results);
  assert.deepEqual(one.results.map((r) => `${r!.summary.policy}/${r!.summary.seed}`), ['default/1', 'default/2', 'default/3', 'binpack/1', 'binpack/2', 'binpack/3']);
});

test('stop() after the first result terminates the workers and keeps what finished', async () => {
  const p = plan();
  const pool = new CellPool(p.cells, { jobs: 1, workerUrl: WORKER_URL, onResult: () => pool.stop() });
  await pool.run();
  assert.equal(pool.finished, 1);
  assert.equal(pool.results.filter((r) => r !== undefined).length, 1);
  assert.ok(pool.results[0]);
});

test('a failing cell rejects run() with the cell named', async () => {
  const p = plan();
  const bad = p.cells.map((c) => ({ ...c, scenario: { ...c.scenario, file: '/nonexistent/s.yaml' } }));
  const pool = new CellPool(bad, { jobs: 2, workerUrl: WORKER_URL });
  await assert.rejects(pool.run(), (e: Error & { cell?: { seed: number } }) => /^\/nonexistent\/s.yaml: file not found/.test(e.message) && e.cell !== undefined);
});
