import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadScenario } from '../../engine/scenario/load.js';
import { eventsNamed, runScenario } from '../helpers.js';

describe('scenarios/workloads', () => {
  const scenario = loadScenario('scenarios/workloads/scenario.yaml');
  const run = runScenario(scenario);

  it('gives byte-identical events when the same scenario object is run again', () => {
    const again = runScenario(scenario);
    assert.deepEqual(again.events, run.events);
    assert.deepEqual(again.store.pdbs[0]!.status, run.store.pdbs[0]!.status);
  });

  it('creates the StatefulSet members one start-up delay apart', () => {
    const created = eventsNamed(run, 'PodCreated').filter((r) => String(r[2]).startsWith('default/db-')).map((r) => [r[0], r[2]]);
    assert.deepEqual(created, [['0.000', 'default/db-0'], ['2.000', 'default/db-1'], ['4.000', 'default/db-2']]);
  });

  it('completes the Indexed Job at 366 s', () => {
    assert.deepEqual(eventsNamed(run, 'JobCompleted').map((r) => [r[0], r[4]]), [['366.000', 'succeeded=4 failed=0 duration_s=366']]);
  });

  it('ends with the PDB allowing 3 disruptions of 6 web pods', () => {
    const s = run.store.pdbs[0]!.status;
    assert.deepEqual([s.expectedPods, s.desiredHealthy, s.currentHealthy, s.disruptionsAllowed], [6, 3, 6, 3]);
  });
});
