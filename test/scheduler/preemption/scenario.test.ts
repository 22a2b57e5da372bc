/** scenarios/preemption runs as its README says. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadScenario } from '../../../engine/scenario/load.js';
import { runScenario, eventsNamed } from '../../helpers.js';

describe('scenarios/preemption', () => {
  // Every attempt logged (no event series), so the 510 s flush shows as six retries.
  const run = runScenario(loadScenario('scenarios/preemption/scenario.yaml'), { scheduler: { unschedulableEvents: 'every-attempt' } });
  it('each critical pod evicts two batch pods of one node and is nominated there', () => {
    const nominated = eventsNamed(run, 'PodNominated').map((r) => [r[0], r[2], r[4]]);
    assert.deepEqual(nominated.map((r) => r[0]), ['60.000', '120.000', '180.000']);
    assert.ok(nominated.every((r) => r[2] === 'victims 2'));
    assert.equal(eventsNamed(run, 'PodPreempted').length, 6);
  });
  it('each critical pod binds to its nominated node when its victims are gone (10 s later)', () => {
    const nominated = new Map(eventsNamed(run, 'PodNominated').map((r) => [r[2], r[3]]));
    const bound = eventsNamed(run, 'PodScheduled').filter((r) => String(r[2]).startsWith('default/critical'));
    assert.deepEqual(bound.map((r) => r[0]), ['70.000', '130.000', '190.000']);
    for (const r of bound) assert.equal(r[3], nominated.get(r[2]));
  });
  it('the replacements wait in the unschedulable pool until the 5-minute flush at 510 s', () => {
    assert.equal(eventsNamed(run, 'PodUnschedulable').filter((r) => r[0] === '510.000').length, 6);
    assert.equal(run.summary.preemptions, 6);
    assert.equal(run.summary.pods_pending_end, 6);
  });
});
