/** End-to-end behaviour of the walking skeleton: controllers, scheduler and kubelet meeting in the store. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deploymentYaml, eventsNamed, runText, smallScenario } from '../helpers.js';

const job = (name: string, completions: number, parallelism: number, duration: string, cpu = '1') => `
    - apiVersion: batch/v1
      kind: Job
      metadata: {name: ${name}}
      spec:
        completions: ${completions}
        parallelism: ${parallelism}
        template:
          metadata: {annotations: {kubesim.io/duration: "${duration}"}}
          spec:
            restartPolicy: Never
            containers: [{name: c, resources: {requests: {cpu: "${cpu}", memory: 1Gi}}}]`;

const deployment = (name: string, replicas: number, cpu = '1'): string => deploymentYaml(name, replicas, cpu);

describe('walking skeleton simulation', () => {
  it('a Deployment keeps its replicas running', () => {
    const run = runText(smallScenario(deployment('web', 5)));
    assert.equal(run.summary.pods_running_end, 5);
    assert.equal(eventsNamed(run, 'PodCreated').length, 5);
    for (const row of eventsNamed(run, 'PodRunning')) assert.equal(row[0], '1.000', 'Running after the 1 s default start-up delay');
  });

  it('a Job runs `completions` pods at most `parallelism` at a time and completes', () => {
    const run = runText(smallScenario(job('batch', 6, 2, '1m')));
    const running = eventsNamed(run, 'PodRunning').map((r) => r[0]);
    // Each wave runs 60 s; the Job controller sees the completions 1 s later (SyncJobBatchPeriod) and
    // creates the next wave, which starts after the 1 s start-up delay.
    assert.deepEqual(running, ['1.000', '1.000', '63.000', '63.000', '125.000', '125.000']);
    const done = eventsNamed(run, 'JobCompleted');
    assert.equal(done.length, 1);
    assert.equal(done[0]![0], '186.000');
    assert.equal(run.summary.pods_succeeded, 6);
  });

  it('pods that fit nowhere stay Pending and are scheduled when resources free up', () => {
    // 1 node of 4 cpu: two 3-cpu Jobs of one pod each; the second waits for the first to finish.
    const run = runText(smallScenario(job('a', 1, 1, '2m', '3') + job('b', 1, 1, '2m', '3'), 1));
    const unschedulable = eventsNamed(run, 'PodUnschedulable');
    assert.equal(unschedulable.length, 1);
    assert.match(String(unschedulable[0]![4]), /0\/1 nodes are available: 1 Insufficient cpu\./);
    // The first pod runs from 1 s to 121 s; its completion frees the cpu and requeues the second.
    assert.deepEqual(eventsNamed(run, 'PodScheduled').map((r) => r[0]), ['0.000', '121.000']);
  });

  it('a pod that names its node is bound there without scheduling', () => {
    const run = runText(smallScenario(`
    - apiVersion: v1
      kind: Pod
      metadata: {name: pinned}
      spec:
        nodeName: n-2
        containers: [{name: c}]`));
    const [row] = eventsNamed(run, 'PodScheduled');
    assert.deepEqual([row![3], row![4]], ['n-2', 'spec.nodeName']);
    assert.equal(run.summary.scheduling_attempts, 0);
  });

  it('higher-priority pods are scheduled first from the queue', () => {
    const yaml = smallScenario(`
    - apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata: {name: high}
      value: 1000
    - apiVersion: v1
      kind: Pod
      metadata: {name: low}
      spec: {containers: [{name: c, resources: {requests: {cpu: "3"}}}]}
    - apiVersion: v1
      kind: Pod
      metadata: {name: high}
      spec: {priorityClassName: high, containers: [{name: c, resources: {requests: {cpu: "3"}}}]}`, 1);
    const run = runText(yaml);
    const [first] = eventsNamed(run, 'PodScheduled');
    assert.equal(first![2], 'default/high');
  });

  it('generators create the same arrivals for the same seed and different ones for another seed', () => {
    const yaml = smallScenario('    []', 3, `  generators:
    - name: g
      arrival: {type: poisson, meanInterval: 30s}
      template:
        apiVersion: v1
        kind: Pod
        metadata: {annotations: {kubesim.io/duration: "exponential(1m)"}}
        spec: {restartPolicy: Never, containers: [{name: c, resources: {requests: {cpu: 100m}}}]}`);
    const times = (seed: number) => eventsNamed(runText(yaml, { seed }), 'PodCreated').map((r) => r[0]);
    assert.deepEqual(times(1), times(1));
    assert.notDeepEqual(times(1), times(2));
    assert.ok(times(1).length > 5);
  });

  it('the same scenario and seed give identical events, pods and summary', () => {
    const yaml = smallScenario(deployment('web', 4) + job('batch', 10, 3, 'exponential(2m)'));
    const a = runText(yaml);
    const b = runText(yaml);
    assert.deepEqual(a.events, b.events);
    assert.deepEqual(a.timeseries, b.timeseries);
    assert.deepEqual(a.summary, b.summary);
  });

  it('with no nodes at all, a pod is retried on the error backoff (10 s), never in a loop at one instant (found by fuzzing)', () => {
    const run = runText(`apiVersion: v1
kind: Pod
metadata: {name: lonely}
spec: {containers: [{name: c}]}
`, { scheduler: { unschedulableEvents: 'every-attempt' } });
    const attempts = eventsNamed(run, 'PodUnschedulable').map((r) => Number(r[0]));
    const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
    // Backoff 1, 2, 4, 8, then 10 s, released on the whole-second ticks of the backoff flush.
    assert.ok(gaps.every((g) => g >= 1 && g <= 11), `gaps ${gaps.slice(0, 8).join(', ')}`);
    assert.ok(gaps.slice(4).every((g) => g >= 9), 'the backoff reaches its 10 s cap');
    assert.ok(attempts.length > 300 && attempts.length < 400, `${attempts.length} attempts in an hour`);
  });
});

