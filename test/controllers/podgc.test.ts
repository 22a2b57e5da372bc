import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_PODGC, PodGCController } from '../../engine/controllers/podgc/podgc.js';
import { createPod } from '../../engine/cluster/pod-factory.js';
import type { Node } from '../../engine/cluster/node.js';
import type { Pod } from '../../engine/cluster/pod.js';
import { spec, world } from './fixture.js';

/** A node whose kubelet never finishes a pod (stuck), PodGC watching, and pods bound to it by name. */
function stuckNode(name: string, pods: string[]): { w: ReturnType<typeof world>; n: Node; pods: Pod[] } {
  const w = world();
  const n = w.addNode(name);
  w.stuck.add(name);
  new PodGCController(w.sim, w.store);
  return { w, n, pods: pods.map((p) => createPod(w.store, { name: p, namespace: 'default', labels: {}, spec: spec({ nodeName: name }) })) };
}

const OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

describe('PodGC', () => {
  it('uses the upstream defaults: 20 s period, 40 s quarantine, threshold 12500', () => {
    assert.deepEqual({ ...DEFAULT_PODGC }, { periodMs: 20_000, quarantineMs: 40_000, terminatedPodThreshold: 12_500 });
  });

  // Passes run at 0, 20, 40, ... s; the first pass that sees the orphan starts the 40 s quarantine.
  const orphanCases: [number, number][] = [
    [5_000, 60_000],
    [19_999, 60_000],
    [20_000, 60_000],
    [20_001, 80_000],
    [39_000, 80_000],
  ];
  for (const [deletedAt, removedAt] of orphanCases) {
    it(`force-deletes a pod of a node deleted at ${deletedAt} ms at ${removedAt} ms, marked Failed`, () => {
      const w = world();
      const n = w.addNode('gone');
      w.addNode('other');
      new PodGCController(w.sim, w.store);
      const pod = createPod(w.store, { name: 'p', namespace: 'default', labels: {}, spec: spec({ nodeName: 'gone' }) });
      w.sim.at(deletedAt, () => w.store.removeNode(n));
      w.run(200_000);
      assert.equal(pod.removed, true);
      assert.equal(pod.finishedMs, removedAt);
      assert.equal(pod.phase, 'Failed');
      assert.deepEqual(w.named('PodDeleted').map((r) => [r.t, r.object, r.detail]), [[removedAt, 'default/p', 'podgc orphaned']]);
    });
  }

  it('force-deletes terminating pods on a not-Ready node with the out-of-service taint at the next pass', () => {
    const { w, n, pods: [terminating, running] } = stuckNode('down', ['t', 'r']);
    w.sim.at(1_000, () => w.store.markDeleting(terminating!));
    w.sim.at(25_000, () => {
      w.store.setNodeReady(n, 'Unknown');
      w.store.setNodeTaints(n, [{ key: OUT_OF_SERVICE, value: 'nodeshutdown', effect: 'NoExecute' }]);
    });
    w.run(100_000);
    assert.equal(terminating!.finishedMs, 40_000);
    assert.equal(terminating!.removed, true);
    assert.equal(running!.removed, false, 'only terminating pods are force-deleted by PodGC');
  });

  it('force-deletes them too when the taint comes first and the node goes not Ready later, and stops once it is Ready again', () => {
    const { w, n, pods: [first, later] } = stuckNode('down', ['first', 'later']);
    w.store.setNodeTaints(n, [{ key: OUT_OF_SERVICE, value: 'nodeshutdown', effect: 'NoExecute' }]);
    w.sim.at(1_000, () => w.store.markDeleting(first!));
    w.sim.at(25_000, () => w.store.setNodeReady(n, 'False'));
    w.sim.at(50_000, () => w.store.setNodeReady(n, 'True'));
    w.sim.at(51_000, () => w.store.markDeleting(later!));
    w.run(100_000);
    assert.equal(first!.finishedMs, 40_000);
    assert.equal(later!.removed, false, 'the node is Ready again: its terminating pods are left to the kubelet');
  });

  it('leaves terminating pods alone when the out-of-service node is Ready', () => {
    const { w, n, pods: [pod] } = stuckNode('up', ['t']);
    w.store.markDeleting(pod!);
    w.store.setNodeTaints(n, [{ key: OUT_OF_SERVICE, value: '', effect: 'NoExecute' }]);
    w.run(100_000);
    assert.equal(pod!.removed, false);
  });

  it('deletes terminated pods above the threshold, oldest first', () => {
    const w = world();
    w.addNode('a');
    new PodGCController(w.sim, w.store, { ...DEFAULT_PODGC, terminatedPodThreshold: 3 });
    for (let i = 0; i < 5; i++) {
      w.sim.at(i * 1_000, () => {
        const p = createPod(w.store, { name: `done-${i}`, namespace: 'default', labels: {}, spec: spec({ nodeName: 'a' }) });
        w.store.setPodPhase(p, 'Succeeded');
      });
    }
    w.run(30_000);
    assert.deepEqual(w.store.allPods.filter((p) => p.removed).map((p) => p.name), ['done-0', 'done-1']);
    assert.deepEqual(w.named('PodDeleted').map((r) => r.t), [20_000, 20_000]);
  });
});
