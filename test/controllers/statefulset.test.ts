import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StatefulSetController } from '../../engine/controllers/statefulset/statefulset.js';
import type { StatefulSet } from '../../engine/cluster/workloads.js';
import { meta, template, world } from './fixture.js';

function sts(replicas: number, podManagementPolicy: StatefulSet['podManagementPolicy'] = 'OrderedReady'): StatefulSet {
  const labels = { app: 'web' };
  return { kind: 'StatefulSet', meta: { ...meta('web'), labels }, replicas, selector: { matchLabels: labels, matchExpressions: [] }, template: template(labels), podManagementPolicy };
}

function setup(set: StatefulSet, nodes = 3): ReturnType<typeof world> {
  const w = world(1_000);
  for (let i = 0; i < nodes; i++) w.addNode(`n${i}`);
  new StatefulSetController(w.sim, w.store).addStatefulSet(set);
  return w;
}

const created = (w: ReturnType<typeof world>): [string, number][] => w.store.allPods.map((p) => [p.name, p.createdMs]);

describe('StatefulSet controller', () => {
  const orderCases: [string, StatefulSet['podManagementPolicy'], [string, number][]][] = [
    ['OrderedReady creates ordinal i once 0..i-1 are Running and Ready', 'OrderedReady', [['web-0', 0], ['web-1', 1_000], ['web-2', 2_000]]],
    ['Parallel creates every member at once', 'Parallel', [['web-0', 0], ['web-1', 0], ['web-2', 0]]],
  ];
  for (const [name, policy, want] of orderCases) {
    it(name, () => {
      const w = setup(sts(3, policy));
      w.run(10_000);
      assert.deepEqual(created(w), want);
    });
  }

  it('a replacement waits until the old pod object is removed, however long it stays Terminating', () => {
    const w = setup(sts(3));
    w.run(10_000);
    const old = w.store.pod('default', 'web-1')!;
    w.stuck.add(w.store.nodeOf(old)!.name); // its node becomes unreachable: deletion cannot finish
    w.store.markDeleting(old);
    w.run(600_000);
    assert.equal(w.store.allPods.filter((p) => p.name === 'web-1').length, 1, 'no second web-1 while the first exists');
    w.store.removePod(old); // e.g. PodGC after the node is deleted, or a force delete
    w.run(600_001);
    const again = w.store.allPods.filter((p) => p.name === 'web-1');
    assert.equal(again.length, 2);
    assert.equal(again[1]!.createdMs, 600_000);
  });

  it('OrderedReady does not go past a Terminating member when scaling up', () => {
    const set = sts(2);
    const w = setup(set);
    w.run(5_000);
    const web0 = w.store.pod('default', 'web-0')!;
    w.stuck.add(w.store.nodeOf(web0)!.name);
    w.store.markDeleting(web0);
    set.replicas = 3;
    w.store.markDeleting(w.store.pod('default', 'web-1')!); // any pod event resyncs the set
    w.run(100_000);
    assert.equal(w.store.pod('default', 'web-2'), undefined);
  });

  it('a Failed member is deleted and recreated under the same name', () => {
    const w = setup(sts(1));
    w.run(5_000);
    const first = w.store.pod('default', 'web-0')!;
    w.store.setPodPhase(first, 'Failed');
    w.run(6_000);
    const now = w.store.pod('default', 'web-0')!;
    assert.notEqual(now.uid, first.uid);
    assert.equal(first.removed, true);
  });

  it('scale-down removes the highest ordinal first, one at a time with OrderedReady', () => {
    const set = sts(3);
    const w = setup(set);
    w.run(10_000);
    set.replicas = 1;
    w.store.setPodPhase(w.store.pod('default', 'web-0')!, 'Running'); // no-op change; resync below
    w.store.events.emitPod('PodPhaseChanged', w.store.pod('default', 'web-0')!);
    w.run(100_000);
    const deleted = w.store.allPods.filter((p) => p.removed).map((p) => [p.name, p.deletionMs]);
    assert.deepEqual(deleted, [['web-1', 40_000], ['web-2', 10_000]]);
  });

  it('members carry the pod-name and pod-index labels', () => {
    const w = setup(sts(2, 'Parallel'));
    w.run(1);
    const p = w.store.pod('default', 'web-1')!;
    assert.equal(p.labels['statefulset.kubernetes.io/pod-name'], 'web-1');
    assert.equal(p.labels['apps.kubernetes.io/pod-index'], '1');
  });
});

describe('StatefulSet scale-down', () => {
  const cases: [string, StatefulSet['podManagementPolicy'], [string, number][]][] = [
    ['OrderedReady deletes web-2, waits until it is gone, then web-1', 'OrderedReady', [['web-1', 40_000], ['web-2', 10_000]]],
    ['Parallel deletes every condemned member at once', 'Parallel', [['web-1', 10_000], ['web-2', 10_000]]],
  ];
  for (const [name, policy, want] of cases) {
    it(name, () => {
      const set = sts(3, policy);
      const w = setup(set);
      w.run(10_000);
      set.replicas = 1;
      w.store.events.emitPod('PodPhaseChanged', w.store.pod('default', 'web-0')!); // any pod event resyncs the set
      w.run(100_000);
      assert.deepEqual(w.store.allPods.filter((p) => p.removed).map((p) => [p.name, p.deletionMs]), want);
    });
  }
});
