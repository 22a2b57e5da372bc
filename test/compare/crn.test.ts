/**
 * Common random numbers: for one scenario and seed, what the workload and the faults draw does not
 * depend on the scheduling policy, so the policies are compared on the same arrivals and failures.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventsNamed, runScenario, scenarioFromText } from '../helpers.js';
import type { CapturedRun } from '../helpers.js';
import { COMPARE_SCENARIO } from './fixtures.js';

const POLICIES = ['default', 'binpack'];

function runs(seed: number): CapturedRun[] {
  return POLICIES.map((policy) => runScenario(scenarioFromText(COMPARE_SCENARIO, { seed }), { policy }));
}

const generated = (run: CapturedRun): string[] =>
  eventsNamed(run, 'PodCreated').filter((r) => /^default\/pods-\d+$/.test(String(r[2]))).map((r) => `${r[0]} ${r[2]}`);

for (const seed of [1, 2, 3]) {
  test(`seed ${seed}: generator-created pods appear at the same times under every policy`, () => {
    const [a, b] = runs(seed);
    assert.ok(generated(a!).length > 20);
    assert.deepEqual(generated(b!), generated(a!));
  });

  test(`seed ${seed}: generated Jobs and NodeFailed events are identical under every policy`, () => {
    const [a, b] = runs(seed);
    assert.deepEqual(eventsNamed(b!, 'JobCreated'), eventsNamed(a!, 'JobCreated'));
    assert.deepEqual(eventsNamed(b!, 'NodeFailed'), eventsNamed(a!, 'NodeFailed'));
  });
}

test('the policies do place pods differently (the common-random-numbers tests are not vacuous)', () => {
  const [a, b] = runs(1);
  assert.notDeepEqual(eventsNamed(b!, 'PodScheduled'), eventsNamed(a!, 'PodScheduled'));
});
