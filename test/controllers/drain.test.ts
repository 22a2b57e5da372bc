import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DisruptionController } from '../../engine/controllers/disruption/disruption.js';
import { DrainController } from '../../engine/controllers/drain/drain.js';
import { DaemonSetController } from '../../engine/controllers/daemonset/daemonset.js';
import { ReplicaSetController } from '../../engine/controllers/replicaset/replicaset.js';
import type { ReplicaSet } from '../../engine/cluster/workloads.js';
import { meta, pdb, template, world } from './fixture.js';

function rs(replicas: number): ReplicaSet {
  const labels = { foo: 'bar' };
  return { kind: 'ReplicaSet', meta: { ...meta('web'), labels }, replicas, selector: { matchLabels: labels, matchExpressions: [] }, template: template(labels), ownerDeployment: '' };
}

/** Two replicas on n1 (n2 cordoned at first), a PDB, then at 10 s: uncordon n2, cordon n1 and request its drain. */
function drainWorld(budget: Parameters<typeof pdb>[0]): ReturnType<typeof world> {
  const w = world(1_000);
  const n1 = w.addNode('n1');
  const n2 = w.addNode('n2', { unschedulable: true });
  const disruption = new DisruptionController(w.sim, w.store);
  new ReplicaSetController(w.sim, w.store).addReplicaSet(rs(2));
  new DrainController(w.sim, w.store);
  disruption.addPdb(pdb(budget));
  w.sim.at(10_000, () => {
    w.store.setNodeUnschedulable(n2, false);
    w.store.setNodeUnschedulable(n1, true);
    w.store.events.emitNode('NodeDrainRequested', n1);
  });
  return w;
}

describe('drain', () => {
  it('is blocked by a PDB, retries every 5 s, and completes once the replacement is Running', () => {
    const w = drainWorld({ minAvailable: 1 });
    w.run(200_000);
    // First pod evicted at 10 s; the second is refused until the first one's replacement runs on n2 (11 s),
    // then accepted at the 15 s retry. Each terminates after its 30 s grace period.
    assert.deepEqual(w.named('PodEvicted').map((r) => [r.t, r.node, r.detail]), [[10_000, 'n1', 'drain'], [15_000, 'n1', 'drain']]);
    assert.deepEqual(w.named('EvictionRefused').map((r) => r.t), [10_000]);
    assert.deepEqual(w.named('NodeDrained').map((r) => [r.t, r.object]), [[45_000, 'n1']]);
    const onN2 = w.store.allPods.filter((p) => !p.removed && w.store.nodeOf(p)?.name === 'n2');
    assert.equal(onN2.length, 2);
  });

  it('without a PDB evicts every pod at once', () => {
    const w = drainWorld({ minAvailable: 0 });
    w.run(200_000);
    assert.deepEqual(w.named('PodEvicted').map((r) => r.t), [10_000, 10_000]);
    assert.deepEqual(w.named('NodeDrained').map((r) => r.t), [40_000]);
  });

  it('a budget that can never be met keeps retrying every 5 s', () => {
    const w = drainWorld({ minAvailable: 2 });
    w.run(60_000);
    assert.equal(w.named('PodEvicted').length, 0);
    assert.deepEqual(w.named('EvictionRefused').map((r) => r.t).slice(0, 4), [10_000, 10_000, 15_000, 15_000]);
    assert.equal(w.named('NodeDrained').length, 0);
  });

  it('leaves DaemonSet pods on the node and reports the node drained', () => {
    const w = world(1_000);
    const n1 = w.addNode('n1');
    const labels = { app: 'agent' };
    new DaemonSetController(w.sim, w.store).addDaemonSet({ kind: 'DaemonSet', meta: meta('agent'), selector: { matchLabels: labels, matchExpressions: [] }, template: template(labels), hostNetwork: false });
    new DrainController(w.sim, w.store);
    w.sim.at(5_000, () => w.store.events.emitNode('NodeDrainRequested', n1));
    w.run(20_000);
    assert.deepEqual(w.named('NodeDrained').map((r) => r.t), [5_000]);
    assert.equal(w.store.allPods.filter((p) => !p.removed).length, 1);
  });
});

describe('drain of finished pods', () => {
  it('deletes Succeeded pods on the node without a budget check', () => {
    const w = world(1_000);
    const n1 = w.addNode('n1');
    new DisruptionController(w.sim, w.store).addPdb(pdb({ minAvailable: 5 }));
    new DrainController(w.sim, w.store);
    const labels = { foo: 'bar' };
    new ReplicaSetController(w.sim, w.store).addReplicaSet({ ...rs(1), template: template(labels) });
    w.run(5_000);
    w.store.setPodPhase(w.store.allPods[0]!, 'Succeeded');
    w.sim.at(6_000, () => w.store.events.emitNode('NodeDrainRequested', n1));
    w.run(7_000);
    assert.equal(w.store.allPods[0]!.removed, true);
    assert.equal(w.named('PodEvicted')[0]?.object, `default/${w.store.allPods[0]!.name}`);
  });
});
