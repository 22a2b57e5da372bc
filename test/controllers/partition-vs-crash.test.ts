/** Host crash vs network partition vs a kubelet reporting NotReady, and node deletion / drain faults. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cluster, runFailures, times } from './failure-helpers.js';

test('partition -> evicted pod stays Terminating until the kubelet is back, then is finalized after its grace period', () => {
  const run = runFailures(cluster({ faults: '    - {type: partition, at: 2m, duration: 10m, nodes: [a-0]}' }));
  const [evicted] = run.events.filter((r) => r[1] === 'PodEvicted');
  assert.ok(evicted, 'the partitioned node is tainted and its pod evicted like a dead one');
  const [ready] = times(run, 'NodeReady', { node: 'a-0' });
  assert.ok(ready! >= 720 && ready! < 730.5, `Ready at the first lease renewal after the partition heals (${ready})`);
  assert.deepEqual(times(run, 'PodDeleted', { object: String(evicted[2]) }), [ready! + 30], 'killed with its 30 s grace period once the kubelet sees the deletion');
});

test('crash -> the evicted pod is removed as soon as the host is back (its containers are already gone)', () => {
  const run = runFailures(cluster({ faults: '    - {type: nodeDown, at: 2m, duration: 10m, nodes: [a-0]}' }));
  const [evicted] = run.events.filter((r) => r[1] === 'PodEvicted');
  const [ready] = times(run, 'NodeReady', { node: 'a-0' });
  assert.deepEqual(times(run, 'PodDeleted', { object: String(evicted![2]) }), [ready]);
});

const jobYaml = (fault: string): string => `apiVersion: kubesim.io/v1alpha1
kind: Scenario
metadata: {name: jobs}
spec:
  seed: 3
  duration: 1h
  nodes:
    - {pool: a, count: 1, zones: [a], allocatable: {cpu: "4", memory: 16Gi, pods: 110}}
  faults:
    - ${fault}
  manifests:
    - apiVersion: batch/v1
      kind: Job
      metadata: {name: batch}
      spec:
        completions: 1
        template:
          metadata: {annotations: {kubesim.io/duration: 20m}}
          spec:
            restartPolicy: Never
            containers: [{name: c, image: x, resources: {requests: {cpu: "1"}}}]
`;

test('partition shorter than the toleration -> a Job pod keeps running and its completion is reported when the node is back', () => {
  const run = runFailures(jobYaml('{type: partition, at: 10m, duration: 12m, nodes: [a-0]}'));
  const [ready] = times(run, 'NodeReady');
  assert.deepEqual(times(run, 'PodSucceeded'), [ready], 'finished at 20m 1s during the partition, reported at reconnect');
  assert.equal(run.summary.job_lost_work_s, '0.000');
});

test('crash shorter than the toleration -> a restartPolicy Never Job pod fails (ContainerStatusUnknown) at reboot and its work is lost', () => {
  const run = runFailures(jobYaml('{type: nodeDown, at: 10m, duration: 2m, nodes: [a-0]}'));
  const [ready] = times(run, 'NodeReady');
  assert.deepEqual(times(run, 'PodFailed', { detail: 'ContainerStatusUnknown' }), [ready]);
  assert.equal(run.summary.job_lost_work_s, '599.000', 'Running from 1 s to the crash at 600 s');
});

test('notReady fault -> the kubelet posts Ready=False at its next status sync: not-ready taints, eviction after 300 s, pod really terminated', () => {
  const run = runFailures(cluster({ faults: '    - {type: notReady, at: 2m, nodes: [a-0]}' }));
  const [notReady] = times(run, 'NodeNotReady', { detail: 'KubeletNotReady' });
  assert.ok(notReady! >= 120 && notReady! < 130.5);
  assert.deepEqual(times(run, 'NodeTainted', { detail: 'not-ready:NoSchedule' }), [notReady]);
  const [noExecute] = times(run, 'NodeTainted', { detail: 'not-ready:NoExecute' });
  assert.equal(noExecute, Math.ceil(notReady! / 5) * 5 === notReady ? notReady! + 5 : Math.ceil(notReady! / 5) * 5, 'queued by the first pass that reads False');
  const [evicted] = run.events.filter((r) => r[1] === 'PodEvicted');
  assert.equal(Number(evicted![0]), noExecute! + 300);
  assert.deepEqual(times(run, 'PodDeleted', { object: String(evicted![2]) }), [noExecute! + 330]);
});

test('nodeDelete -> the pods of the deleted node are removed by PodGC 40-60 s later, then replaced', () => {
  const run = runFailures(cluster({ faults: '    - {type: nodeDelete, at: 2m, nodes: [a-0]}' }));
  assert.deepEqual(times(run, 'NodeDeleted'), [120]);
  const gc = times(run, 'PodDeleted', { detail: 'podgc' });
  assert.deepEqual(gc, [160]);
  assert.deepEqual(times(run, 'PodCreated', { object: 'web-' }).slice(3), [160]);
  assert.equal(run.sim.store.liveNodeCount, 2);
});

test('drain -> the node is cordoned and NodeDrainRequested is emitted for the drain controller', () => {
  const run = runFailures(cluster({ faults: '    - {type: drain, at: 2m, duration: 5m, nodes: [a-1]}' }));
  assert.deepEqual(times(run, 'NodeDrainRequested', { node: 'a-1' }), [120]);
  assert.deepEqual(times(run, 'NodeUncordoned', { node: 'a-1' }), [420]);
  assert.equal(run.sim.store.node('a-1')!.unschedulable, false);
});

test('nodeAdd -> new nodes of the pool join, named after the pool', () => {
  const run = runFailures(cluster({ faults: '    - {type: nodeAdd, at: 1m, pool: a, count: 2}' }));
  assert.deepEqual(times(run, 'NodeAdded').filter((t) => t > 0), [60, 60]);
  assert.ok(run.sim.store.node('a-3') && run.sim.store.node('a-4'));
});

test('out-of-service taint -> pods not tolerating it are evicted at once and force-deleted by PodGC on the next 20 s pass', () => {
  const faults = '    - {type: nodeDown, at: 2m, nodes: [a-0]}\n    - {type: outOfService, at: 4m, nodes: [a-0]}';
  const run = runFailures(cluster({ faults }));
  const [evicted] = run.events.filter((r) => r[1] === 'PodEvicted');
  assert.equal(Number(evicted![0]), 240);
  assert.match(String(evicted![4]), /out-of-service/);
  assert.deepEqual(times(run, 'PodDeleted', { object: String(evicted![2]), detail: 'podgc' }), [260]);
});

test('NotReady then unreachable -> the NoExecute taint is swapped at once (no token) and the eviction deadline is kept', () => {
  const faults = '    - {type: notReady, at: 2m, nodes: [a-0]}\n    - {type: partition, at: 4m, nodes: [a-0]}';
  const run = runFailures(cluster({ faults }));
  const [notReadyTaint] = times(run, 'NodeTainted', { detail: 'not-ready:NoExecute' });
  const [unknown] = times(run, 'NodeNotReady', { detail: 'NodeStatusUnknown' });
  assert.equal(unknown, undefined, 'the NLC records NodeNotReady only for a Ready node');
  const [swap] = times(run, 'NodeTainted', { detail: 'unreachable:NoExecute' });
  assert.ok(swap! > 240 && swap! < 320, `swapped at ${swap}`);
  assert.deepEqual(times(run, 'NodeUntainted', { detail: 'not-ready:NoExecute' }), [swap]);
  assert.deepEqual(times(run, 'PodEvicted'), [notReadyTaint! + 300]);
});

test('a finished Job pod on a failed node is deleted when its toleration runs out (terminal pods are deleted at once), without counting as lost', () => {
  const twoZones = jobYaml('{type: nodeDown, at: 25m, nodes: [a-0]}')
    .replace('duration: 1h', 'duration: 40m')
    .replace('zones: [a], allocatable: {cpu: "4", memory: 16Gi, pods: 110}}\n', 'zones: [a], allocatable: {cpu: "4", memory: 16Gi, pods: 110}}\n    - {pool: b, count: 1, zones: [b], allocatable: {cpu: "2", memory: 16Gi, pods: 110}}\n');
  const run = runFailures(twoZones);
  const [succeeded] = times(run, 'PodSucceeded');
  assert.ok(succeeded! < 1500);
  const [noExecute] = times(run, 'NodeTainted', { detail: 'unreachable:NoExecute' });
  assert.deepEqual(times(run, 'PodEvicted'), [noExecute! + 300]);
  assert.deepEqual(times(run, 'PodDeleted'), [noExecute! + 300]);
  assert.equal(run.summary.job_lost_work_s, '0.000');
  assert.equal(run.summary.time_to_recover_max_s, '');
});
