import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DaemonSetController } from '../../engine/controllers/daemonset/daemonset.js';
import { withDaemonSetTolerations } from '../../engine/controllers/daemonset/tolerations.js';
import { PodGCController } from '../../engine/controllers/podgc/podgc.js';
import type { DaemonSet } from '../../engine/cluster/workloads.js';
import type { PodSpec } from '../../engine/cluster/pod.js';
import { meta, template, world } from './fixture.js';

function ds(over: Partial<PodSpec> = {}, hostNetwork = false): DaemonSet {
  const labels = { app: 'agent' };
  return { kind: 'DaemonSet', meta: { ...meta('agent'), labels }, selector: { matchLabels: labels, matchExpressions: [] }, template: template(labels, over), hostNetwork };
}

function nodesWithPods(w: ReturnType<typeof world>): string[] {
  return w.store.allPods.filter((p) => !p.removed && p.deletionMs < 0).map((p) => w.store.nodeOf(p)?.name ?? '(pending)').sort();
}

describe('DaemonSet controller', () => {
  it('puts one pod on every eligible node, including nodes added later', () => {
    const w = world();
    w.addNode('a');
    w.addNode('b');
    new DaemonSetController(w.sim, w.store).addDaemonSet(ds());
    w.run(10_000);
    assert.deepEqual(nodesWithPods(w), ['a', 'b']);
    w.addNode('c');
    w.run(20_000);
    assert.deepEqual(nodesWithPods(w), ['a', 'b', 'c']);
    assert.equal(w.store.allPods.length, 3);
  });

  const eligibility: [string, Parameters<ReturnType<typeof world>['addNode']>[1], Partial<PodSpec>, boolean][] = [
    ['nodeSelector not matching -> no pod', { labels: { disk: 'hdd' } }, { nodeSelector: { disk: 'ssd' } }, false],
    ['nodeSelector matching -> pod', { labels: { disk: 'ssd' } }, { nodeSelector: { disk: 'ssd' } }, true],
    ['untolerated NoSchedule taint -> no pod', { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] }, {}, false],
    ['PreferNoSchedule taint is ignored -> pod', { taints: [{ key: 'dedicated', value: 'db', effect: 'PreferNoSchedule' }] }, {}, true],
    ['unschedulable:NoSchedule is tolerated -> pod', { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule' }] }, {}, true],
    ['not-ready:NoSchedule is not tolerated -> no pod', { taints: [{ key: 'node.kubernetes.io/not-ready', value: '', effect: 'NoSchedule' }] }, {}, false],
    ['unreachable:NoExecute is tolerated -> pod', { taints: [{ key: 'node.kubernetes.io/unreachable', value: '', effect: 'NoExecute' }] }, {}, true],
    ['required node affinity not matching -> no pod', { labels: { zone: 'a' } }, { affinity: { nodeRequired: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }], matchFields: [] }], nodePreferred: [], podRequired: [], podPreferred: [], antiRequired: [], antiPreferred: [] } }, false],
  ];
  for (const [name, node, over, want] of eligibility) {
    it(name, () => {
      const w = world();
      w.addNode('x', node);
      new DaemonSetController(w.sim, w.store).addDaemonSet(ds(over));
      w.run(5_000);
      assert.equal(w.store.allPods.length, want ? 1 : 0);
    });
  }

  it('creates pods for the scheduler with a matchFields metadata.name node affinity term', () => {
    const w = world();
    w.addNode('a');
    new DaemonSetController(w.sim, w.store).addDaemonSet(ds());
    w.run(1);
    const pod = w.store.allPods[0]!;
    assert.equal(pod.spec.nodeName, '');
    assert.deepEqual(pod.spec.affinity?.nodeRequired, [{ matchExpressions: [], matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }] }]);
  });

  it('adds the forever not-ready/unreachable NoExecute tolerations and replaces a user tolerationSeconds', () => {
    const tols = withDaemonSetTolerations([{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', value: '', effect: 'NoExecute', tolerationSeconds: 60 }], false);
    const unreachable = tols.filter((t) => t.key === 'node.kubernetes.io/unreachable');
    assert.deepEqual(unreachable, [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', value: '', effect: 'NoExecute' }]);
    assert.deepEqual(tols.map((t) => `${t.key}:${t.effect}`).sort(), [
      'node.kubernetes.io/disk-pressure:NoSchedule', 'node.kubernetes.io/memory-pressure:NoSchedule', 'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/pid-pressure:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    assert.ok(withDaemonSetTolerations([], true).some((t) => t.key === 'node.kubernetes.io/network-unavailable'));
  });

  it('an untolerated NoExecute taint deletes the pod and no new one is placed', () => {
    const w = world();
    const n = w.addNode('a');
    new DaemonSetController(w.sim, w.store).addDaemonSet(ds());
    w.run(5_000);
    w.store.setNodeTaints(n, [{ key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' }]);
    w.run(100_000);
    assert.equal(w.store.allPods.length, 1);
    assert.equal(w.store.allPods[0]!.removed, true);
  });

  it('an untolerated NoSchedule taint added later leaves the running pod in place', () => {
    const w = world();
    const n = w.addNode('a');
    new DaemonSetController(w.sim, w.store).addDaemonSet(ds());
    w.run(5_000);
    w.store.setNodeTaints(n, [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]);
    w.run(100_000);
    assert.deepEqual(nodesWithPods(w), ['a']);
  });

  it('a deleted node loses its pod through PodGC (40-60 s later) and gets no new one', () => {
    const w = world();
    w.addNode('a');
    const b = w.addNode('b');
    new PodGCController(w.sim, w.store);
    new DaemonSetController(w.sim, w.store).addDaemonSet(ds());
    w.run(10_000);
    w.store.removeNode(b);
    w.run(200_000);
    const gone = w.store.allPods.find((p) => w.store.nodeOf(p)?.name === 'b')!;
    assert.equal(gone.removed, true);
    assert.equal(gone.finishedMs, 60_000);
    assert.deepEqual(nodesWithPods(w), ['a']);
  });
});

describe('DaemonSet controller cleanup', () => {
  it('deletes an unscheduled pod whose node was deleted', () => {
    const w = world();
    const a = w.addNode('a');
    w.sim.at(0, () => w.store.removeNode(a), undefined, 35); // after the controller created the pod, before binding
    new DaemonSetController(w.sim, w.store).addDaemonSet(ds());
    w.run(10_000);
    assert.equal(w.store.allPods.length, 1);
    assert.equal(w.store.allPods[0]!.removed, true);
  });

  it('deletes a Succeeded daemon pod and creates a new one on the node', () => {
    const w = world();
    w.addNode('a');
    new DaemonSetController(w.sim, w.store).addDaemonSet(ds());
    w.run(5_000);
    w.store.setPodPhase(w.store.allPods[0]!, 'Succeeded');
    w.run(10_000);
    assert.deepEqual(w.store.allPods.map((p) => p.removed), [true, false]);
  });
});
