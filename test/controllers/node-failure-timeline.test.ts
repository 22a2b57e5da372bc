/** The timelines, read from events.csv (v1.33 defaults: grace 50 s, 5 s passes, 300 s tolerations). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cluster, lastHeartbeatS, runFailures, times } from './failure-helpers.js';

test('when a node stops heartbeating -> NotReady 50-60 s after its last heartbeat, NoSchedule in the same pass, NoExecute 5 s later, eviction 300 s after, replacement at once', () => {
  const run = runFailures(cluster({ daemon: true, faults: '    - {type: nodeDown, at: 2m, nodes: [a-0]}' }));
  const hb = lastHeartbeatS(run, 'a-0');
  assert.ok(hb < 120 && hb >= 110, `last heartbeat ${hb}`);
  const [notReady] = times(run, 'NodeNotReady', { node: 'a-0' });
  assert.ok(notReady! - hb > 50 && notReady! - hb <= 60, `NotReady at ${notReady}, heartbeat ${hb}`);
  assert.equal(notReady! % 5, 0, 'on the 5 s monitor grid');
  assert.deepEqual(times(run, 'NodeTainted', { node: 'a-0', detail: 'unreachable:NoSchedule' }), [notReady]);
  const [noExecute] = times(run, 'NodeTainted', { node: 'a-0', detail: 'unreachable:NoExecute' });
  assert.equal(noExecute, notReady! + 5);
  const evicted = run.events.filter((r) => r[1] === 'PodEvicted');
  assert.equal(evicted.length, 1, 'only the Deployment pod; the DaemonSet pod tolerates forever');
  assert.match(String(evicted[0]![2]), /^default\/web-/);
  assert.equal(Number(evicted[0]![0]), noExecute! + 300);
  const created = times(run, 'PodCreated', { object: 'web-' });
  assert.equal(created.length, 4);
  assert.equal(created[3], noExecute! + 300, 'replacement created in the same instant');
  const evictedPod = String(evicted[0]![2]);
  assert.deepEqual(times(run, 'PodDeleted', { object: evictedPod }), [], 'Terminating while the node is unreachable');
  const pod = run.sim.store.allPods.find((p) => `${p.namespace}/${p.name}` === evictedPod)!;
  assert.ok(pod.deletionMs >= 0 && !pod.removed);
  assert.equal(times(run, 'PodEvicted', { object: 'ds-a-0' }).length, 0);
});

test('when the node comes back before the toleration runs out -> no eviction, taints removed, nothing replaced', () => {
  const run = runFailures(cluster({ faults: '    - {type: nodeDown, at: 2m, duration: 3m, nodes: [a-0]}' }));
  assert.equal(times(run, 'PodEvicted').length, 0);
  const [ready] = times(run, 'NodeReady', { node: 'a-0' });
  assert.ok(ready! >= 300 && ready! < 310.5, `kubelet posts Ready within one lease renewal of recovery (${ready})`);
  assert.deepEqual(times(run, 'NodeUntainted', { node: 'a-0', detail: 'unreachable:NoSchedule' }), [ready]);
  const [untaint] = times(run, 'NodeUntainted', { node: 'a-0', detail: 'unreachable:NoExecute' });
  assert.ok(untaint! > ready! && untaint! - ready! <= 5 && untaint! % 5 === 0, 'NoExecute removed at the next monitor pass');
  assert.equal(times(run, 'PodCreated', { object: 'web-' }).length, 3);
});

test('when the node comes back after the eviction -> exactly one replacement, and the old pod is finalized when the host is back', () => {
  const run = runFailures(cluster({ faults: '    - {type: nodeDown, at: 2m, duration: 10m, nodes: [a-0]}' }));
  const [evicted] = run.events.filter((r) => r[1] === 'PodEvicted');
  assert.ok(evicted);
  assert.equal(times(run, 'PodCreated', { object: 'web-' }).length, 4);
  const [ready] = times(run, 'NodeReady', { node: 'a-0' });
  assert.deepEqual(times(run, 'PodDeleted', { object: String(evicted[2]) }), [ready], 'a rebooted kubelet removes the deleted pod at once');
  assert.equal(run.sim.store.allPods.filter((p) => !p.removed && p.name.startsWith('web-')).length, 3);
});

test('custom tolerationSeconds: 0 evicts at the NoExecute taint, 60 evicts 60 s after it', () => {
  for (const [seconds, delay] of [[0, 0], [60, 60]] as const) {
    const tolerations = `            tolerations: [{key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: ${seconds}}]`;
    const run = runFailures(cluster({ tolerations, faults: '    - {type: nodeDown, at: 2m, nodes: [a-0]}' }));
    const [noExecute] = times(run, 'NodeTainted', { detail: 'unreachable:NoExecute' });
    assert.deepEqual(times(run, 'PodEvicted'), [noExecute! + delay], `tolerationSeconds ${seconds}`);
  }
});

test('several matching tolerations: the first matching one per taint is used (GetMatchingTolerations), so a later smaller one is ignored', () => {
  const tolerations = `            tolerations:
              - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 120}
              - {operator: Exists, effect: NoExecute, tolerationSeconds: 30}`;
  const run = runFailures(cluster({ tolerations, faults: '    - {type: nodeDown, at: 2m, nodes: [a-0]}' }));
  const [noExecute] = times(run, 'NodeTainted', { detail: 'unreachable:NoExecute' });
  assert.deepEqual(times(run, 'PodEvicted'), [noExecute! + 120]);
});

test('nodeMonitorGracePeriod 40s (clusters before v1.32) -> NotReady 40-50 s after the last heartbeat', () => {
  const controllers = '  controllers: {nodeLifecycle: {nodeMonitorGracePeriod: 40s}}';
  const run = runFailures(cluster({ controllers, faults: '    - {type: nodeDown, at: 2m, nodes: [a-0]}' }));
  const [notReady] = times(run, 'NodeNotReady');
  const hb = lastHeartbeatS(run, 'a-0');
  assert.ok(notReady! - hb > 40 && notReady! - hb <= 50, `${notReady} vs ${hb}`);
});
