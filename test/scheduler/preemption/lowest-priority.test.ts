/** The lowest priority among a node's pods, remembered per node until its accounting changes. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LowestPriority } from '../../../engine/scheduler/preemption/lowest-priority.js';
import { createPod } from '../../../engine/cluster/pod-factory.js';
import type { Pod } from '../../../engine/cluster/pod.js';
import { spec, world } from '../../controllers/fixture.js';

describe('lowest priority on a node', () => {
  it('follows binds and releases, and reads nothing but the pod set', () => {
    const w = world();
    const a = w.addNode('a');
    const b = w.addNode('b');
    let reads = 0;
    const lowest = new LowestPriority((node) => {
      reads++;
      return w.store.podsOn(node);
    });
    const bind = (name: string, priority: number): Pod => {
      const pod = createPod(w.store, { name, namespace: 'default', labels: {}, spec: { ...spec(), priority } });
      w.store.bindPod(pod, a);
      return pod;
    };
    const steps: [string, () => void, number][] = [
      ['no pod', () => undefined, Infinity],
      ['one pod of 100', () => bind('p100', 100), 100],
      ['a pod of 10 more', () => bind('p10', 10), 10],
      ['a pod of 50 more', () => bind('p50', 50), 10],
      ['the pod of 10 removed', () => w.store.removePod(w.store.pod('default', 'p10')!), 50],
      ['the pod of 50 finished', () => w.store.setPodPhase(w.store.pod('default', 'p50')!, 'Succeeded'), 100],
    ];
    for (const [what, step, want] of steps) {
      step();
      assert.equal(lowest.of(a), want, what);
      const before = reads;
      assert.equal(lowest.of(a), want, `${what} (again)`);
      assert.equal(reads, before, `${what}: the second ask is remembered`);
    }
    assert.equal(lowest.of(b), Infinity);
  });
});
