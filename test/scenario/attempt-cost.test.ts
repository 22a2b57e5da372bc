/** spec.scheduler.attemptCost: scheduling attempts that keep the scheduler busy for simulated time. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deploymentYaml, eventsNamed, loadProblems, runText, smallScenario } from '../helpers.js';

const withCost = (cost: string, body = deploymentYaml('web', 4, '100m', '128Mi'), nodes = 3): string => smallScenario(body, nodes, cost === '' ? '' : `  scheduler:\n    attemptCost: ${cost}`);

const problems = loadProblems;

/** Times (s) of the PodScheduled rows. */
const scheduledAt = (yaml: string): number[] => eventsNamed(runText(yaml), 'PodScheduled').map((r) => Number(r[0]));

describe('spec.scheduler.attemptCost', () => {
  it('without it every attempt takes no simulated time', () => {
    assert.deepEqual(scheduledAt(withCost('')), [0, 0, 0, 0]);
  });

  it('a fixed cost per attempt spaces the attempts by it', () => {
    assert.deepEqual(scheduledAt(withCost('{perAttempt: 10ms}')), [0, 0.01, 0.02, 0.03]);
  });

  it('a cost per node filtered grows with the nodes the attempt walked', () => {
    // 3 nodes: each successful attempt of 3 candidates walks all 3 (fewer than 100 nodes: no sampling).
    assert.deepEqual(scheduledAt(withCost('{perAttempt: 1ms, perNode: 3ms}')), [0, 0.01, 0.02, 0.03]);
  });

  it('costs under a millisecond add up exactly: attempts run back to back on the millisecond clock', () => {
    // 400 us each: attempts start at 0, 400, 800, 1200 us, each run at its millisecond (rounded up).
    assert.deepEqual(scheduledAt(withCost('{perAttempt: 400us}')), [0, 0.001, 0.001, 0.002]);
  });

  it('attempts never overlap: each starts once the previous one has ended', () => {
    // Pods too big for any node wait while a Job churns: every completion would retry them at once.
    const job = `
    - apiVersion: batch/v1
      kind: Job
      metadata: {name: churn}
      spec:
        completions: 100
        parallelism: 20
        template:
          metadata: {annotations: {kubesim.io/duration: 1s}}
          spec:
            restartPolicy: Never
            containers: [{name: c, image: x, resources: {requests: {cpu: 100m}}}]`;
    const body = deploymentYaml('huge', 5, '64', '1Gi') + job;
    const attemptTimes = (cost: string): number[] => {
      const run = runText(withCost(cost, body), { scheduler: { unschedulableEvents: 'every-attempt' } });
      return run.events.filter((r) => r[1] === 'PodScheduled' || r[1] === 'PodUnschedulable').map((r) => Number(r[0]));
    };
    const free = attemptTimes('');
    const busy = attemptTimes('{perAttempt: 50ms}');
    assert.ok(free.some((t, i) => i > 0 && t === free[i - 1]), 'without a cost, attempts share an instant');
    for (let i = 1; i < busy.length; i++) assert.ok(busy[i]! - busy[i - 1]! >= 0.05 - 1e-9, `attempt ${i} at ${busy[i]} s, the previous at ${busy[i - 1]} s`);
  });

  it('a bad duration names the field and says how to write one', () => {
    const [e] = problems(withCost('{perAttempt: 2 seconds}'));
    assert.equal(e!.location.path, 'spec.scheduler.attemptCost.perAttempt');
    assert.match(e!.hint ?? '', /400us/);
  });

  it('an unknown field is an error', () => {
    const [e] = problems(withCost('{perPod: 1ms}'));
    assert.equal(e!.location.path, 'spec.scheduler.attemptCost.perPod');
  });
});
