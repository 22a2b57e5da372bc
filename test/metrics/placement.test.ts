/** Placement metrics of summary.csv: never scheduled, nodes in use, fragmentation, Job completion time. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deploymentYaml, runText, smallScenario } from '../helpers.js';

const deployment = deploymentYaml;

test('pods that never bind count as never scheduled', () => {
  const run = runText(smallScenario(deployment('huge', 2, '64', '1Gi') + deployment('small', 1, '1', '1Gi')));
  assert.equal(run.summary.pods_never_scheduled, 2);
  assert.equal(run.summary.pods_pending_end, 2);
});

test('nodes in use: binpack stacks two small pods on one node, default spreads them over two', () => {
  // Two Deployments of one pod: the default profile's soft topology spreading applies per owner, so it
  // does not pull these two apart; only the resource scoring strategy decides.
  const body = deployment('web', 1, '500m', '512Mi') + deployment('api', 1, '500m', '512Mi');
  assert.equal(runText(smallScenario(body), { policy: 'binpack' }).summary.nodes_in_use_end, 1);
  assert.equal(runText(smallScenario(body), { policy: 'default' }).summary.nodes_in_use_end, 2);
});

test('fragmentation counts free capacity on nodes where no pending pod shape fits', () => {
  // three 4-cpu/16Gi nodes each keep 1 cpu and 15Gi free; a pending 2-cpu pod fits nowhere
  const run = runText(smallScenario(deployment('a', 3, '3', '1Gi') + deployment('b', 1, '2', '1Gi')));
  assert.equal(run.summary.pods_pending_end, 1);
  assert.equal(run.summary.fragmentation_cpu_end, '0.250000');
  assert.equal(run.summary.fragmentation_mem_end, '0.937500');
});

test('fragmentation is 0 when nothing is pending', () => {
  const run = runText(smallScenario(deployment('a', 3, '3', '1Gi')));
  assert.equal(run.summary.fragmentation_cpu_end, '0.000000');
  assert.equal(run.summary.fragmentation_cpu_mean, '0.000000');
});

test('allocation ratios at the end are requested / allocatable over live nodes', () => {
  const run = runText(smallScenario(deployment('a', 3, '1', '4Gi')));
  assert.equal(run.summary.cpu_alloc_end, '0.250000');
  assert.equal(run.summary.mem_alloc_end, '0.250000');
  assert.equal(run.summary.gpu_alloc_mean, '');
});

test('GPU allocation ratio is measured when nodes offer nvidia.com/gpu', () => {
  const yaml = smallScenario(`
    - apiVersion: v1
      kind: Pod
      metadata: {name: train}
      spec:
        containers: [{name: c, image: x, resources: {requests: {cpu: "1", nvidia.com/gpu: 2}, limits: {nvidia.com/gpu: 2}}}]`, 1).replace('pods: 110}', 'pods: 110, nvidia.com/gpu: 8}');
  assert.equal(runText(yaml).summary.gpu_alloc_end, '0.250000');
});

test('Job completion time runs from JobCreated to JobCompleted', () => {
  const run = runText(smallScenario(`
    - apiVersion: batch/v1
      kind: Job
      metadata: {name: j}
      spec:
        completions: 1
        template:
          metadata: {annotations: {kubesim.io/duration: 5m}}
          spec:
            restartPolicy: Never
            containers: [{name: c, image: x, resources: {requests: {cpu: "1"}}}]`));
  // scheduled at once, 1 s start-up, 5 m of work, seen by the Job controller 1 s later (SyncJobBatchPeriod)
  assert.equal(run.summary.job_completion_mean_s, '302.000');
  assert.equal(run.summary.job_completion_p50_s, '302.000');
  assert.equal(run.summary.job_completion_p99_s, '302.000');
});

test('nodes in use is a mean over every sample from t=0, taken after each instant settles', () => {
  const run = runText(smallScenario(`
    - apiVersion: batch/v1
      kind: Job
      metadata: {name: j}
      spec:
        completions: 1
        template:
          metadata: {annotations: {kubesim.io/duration: 5m}}
          spec:
            restartPolicy: Never
            containers: [{name: c, image: x, resources: {requests: {cpu: "1"}}}]`));
  // samples every 60 s over 10 m (11); the pod holds its node from t=0 to 301 s: samples 0..300 s
  assert.equal(run.summary.nodes_in_use_mean, (6 / 11).toFixed(6));
  assert.equal(run.summary.nodes_in_use_end, 0);
});

test('nodes in use, counted from pod events, equal a fresh count through binds, completions, evictions and PodGC', async () => {
  const { PlacementMetrics } = await import('../../engine/metrics/placement.js');
  const { Simulation } = await import('../../engine/scenario/simulation.js');
  const { scenarioFromText } = await import('../helpers.js');
  const yaml = smallScenario(`${deployment('web', 4, '1', '1Gi')}
    - apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent}
      spec:
        selector: {matchLabels: {app: agent}}
        template:
          metadata: {labels: {app: agent}}
          spec:
            tolerations: [{operator: Exists}]
            containers: [{name: c, resources: {requests: {cpu: 100m}}}]
  generators:
    - name: jobs
      arrival: {type: poisson, meanInterval: 5s}
      stop: 9m
      template:
        apiVersion: batch/v1
        kind: Job
        spec:
          completions: 2
          parallelism: 2
          template:
            metadata: {annotations: {kubesim.io/duration: "lognormal(40s, 0.5)"}}
            spec: {restartPolicy: Never, containers: [{name: w, resources: {requests: {cpu: 500m}}}]}`, 12, `  faults:
    - {type: random, failure: nodeDown, mtbf: 4m, mttr: "lognormal(2m, 0.5)", selector: {pool: n}}`);
  const sim = new Simulation(scenarioFromText(yaml));
  const metrics = new PlacementMetrics(sim.sim, sim.store, 60_000, 600_000);
  const fresh = (): number => sim.store.nodes.filter((n) => !n.deleted && [...sim.store.podsOn(n)].some((p) => p.owner?.kind !== 'DaemonSet')).length;
  const seen = new Set<number>();
  for (let t = 10_000; t <= 600_000; t += 10_000) {
    sim.sim.run(t);
    const inUse = metrics.sample().nodesInUse;
    assert.equal(inUse, fresh(), `at ${t} ms`);
    seen.add(inUse);
  }
  assert.ok(seen.size > 2, `nodes in use should vary: ${[...seen]}`);
});
