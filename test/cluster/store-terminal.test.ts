/** The store's index of finished pods still present, per node: what PodGC and taint eviction read. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPod } from '../../engine/cluster/pod-factory.js';
import type { Pod } from '../../engine/cluster/pod.js';
import { spec, world } from '../controllers/fixture.js';

describe('ClusterStore.terminalPodsOn', () => {
  it('lists a bound pod from the moment it succeeds or fails until it is removed, in the order they finished', () => {
    const w = world();
    const node = w.addNode('n1');
    const other = w.addNode('n2');
    const pods: Pod[] = ['a', 'b', 'c'].map((name) => createPod(w.store, { name, namespace: 'default', labels: {}, spec: spec() }));
    for (const p of pods) if (p.nodeIndex < 0) w.store.bindPod(p, node);
    const names = (n = node): string[] => [...w.store.terminalPodsOn(n)].map((p) => p.name);
    assert.deepEqual(names(), []);
    w.store.setPodPhase(pods[2]!, 'Failed', 'Error');
    w.store.setPodPhase(pods[0]!, 'Running');
    w.store.setPodPhase(pods[0]!, 'Succeeded');
    assert.deepEqual(names(), ['c', 'a']);
    assert.deepEqual([...w.store.podsOn(node)].map((p) => p.name), ['b']);
    assert.deepEqual(names(other), []);
    w.store.removePod(pods[2]!);
    assert.deepEqual(names(), ['a']);
    w.store.removePod(pods[1]!); // removed while active: never listed
    assert.deepEqual(names(), ['a']);
  });

  it('does not list a pod that finished without a node', () => {
    const w = world();
    const node = w.addNode('n1');
    w.store.setNodeUnschedulable(node, true);
    const p = createPod(w.store, { name: 'lonely', namespace: 'default', labels: {}, spec: spec() });
    w.store.setPodPhase(p, 'Failed', 'Unschedulable');
    assert.equal(p.nodeIndex, -1);
    assert.equal(w.store.terminalPodsOn(node).size, 0);
  });
});
