/** A ReplicaSet keeps `replicas` active pods: every way a pod stops counting brings one replacement. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isActive } from '../../engine/cluster/pod.js';
import type { Pod } from '../../engine/cluster/pod.js';
import type { ReplicaSet } from '../../engine/cluster/workloads.js';
import { ReplicaSetController } from '../../engine/controllers/replicaset/replicaset.js';
import { meta, template, world } from './fixture.js';

function rsWorld(replicas: number): { w: ReturnType<typeof world>; owned: () => Pod[] } {
  const w = world(1_000);
  w.addNode('n1');
  w.addNode('n2');
  const rs: ReplicaSet = { kind: 'ReplicaSet', meta: meta('web'), replicas, selector: { matchLabels: { app: 'web' }, matchExpressions: [] }, template: template({ app: 'web' }), ownerDeployment: '' };
  new ReplicaSetController(w.sim, w.store).addReplicaSet(rs);
  return { w, owned: () => w.store.allPods.filter((p) => p.owner?.uid === rs.meta.uid) };
}

describe('ReplicaSet', () => {
  const cases: [string, (w: ReturnType<typeof world>, p: Pod) => void][] = [
    ['a pod marked for deletion (terminating no longer counts)', (w, p) => w.store.markDeleting(p)],
    ['a pod that fails', (w, p) => w.store.setPodPhase(p, 'Failed', 'Error')],
    ['a pod that succeeds', (w, p) => w.store.setPodPhase(p, 'Succeeded')],
    ['a pod removed at once', (w, p) => w.store.removePod(p)],
  ];
  for (const [what, stop] of cases) {
    it(`replaces ${what}, once`, () => {
      const { w, owned } = rsWorld(3);
      w.run(5_000);
      assert.equal(owned().filter(isActive).length, 3);
      const victim = owned()[0]!;
      stop(w, victim);
      w.run(60_000);
      assert.equal(owned().filter(isActive).length, 3);
      assert.equal(owned().length, 4);
      // The stopped pod going on to its end (removed after its grace) brings no second replacement.
      if (!victim.removed) w.store.removePod(victim);
      w.run(120_000);
      assert.equal(owned().filter(isActive).length, 3);
      assert.equal(owned().length, 4);
    });
  }

  it('replaces each of several pods stopped at one instant in different ways', () => {
    const { w, owned } = rsWorld(5);
    w.run(5_000);
    const [a, b, c] = owned();
    w.store.markDeleting(a!);
    w.store.setPodPhase(b!, 'Failed', 'Error');
    w.store.markDeleting(b!);
    w.store.removePod(c!);
    w.run(60_000);
    assert.equal(owned().filter(isActive).length, 5);
    assert.equal(owned().length, 8);
  });
});
