import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evictPod } from '../../engine/cluster/eviction.js';
import { computePdbStatus } from '../../engine/cluster/pdb.js';
import { createPod } from '../../engine/cluster/pod-factory.js';
import type { Pod } from '../../engine/cluster/pod.js';
import { pdb, spec, world } from '../controllers/fixture.js';

function pods(n: number, ready: number): { w: ReturnType<typeof world>; list: Pod[] } {
  const w = world();
  w.addNode('a');
  w.stuck.add('a'); // pods stay Terminating: the test looks at the API answers only
  const list: Pod[] = [];
  for (let i = 0; i < n; i++) {
    const p = createPod(w.store, { name: `p${i}`, namespace: 'default', labels: { foo: 'bar' }, spec: spec({ nodeName: 'a' }) });
    if (i < ready) w.store.setPodPhase(p, 'Running');
    list.push(p);
  }
  return { w, list };
}

describe('Eviction API', () => {
  it('takes a disruption from the budget, then answers 429 when none is left', () => {
    const { w, list } = pods(3, 3);
    w.store.pdbs.push(pdb({ minAvailable: 2 }));
    assert.equal(evictPod(w.store, list[0]!).code, 200);
    const second = evictPod(w.store, list[1]!);
    assert.equal(second.code, 429);
    assert.match(second.reason, /Cannot evict pod as it would violate the pod's disruption budget\. The disruption budget budget needs 2 healthy pods and has 2 currently/);
    assert.equal(list[0]!.deletionMs, 0);
    assert.equal(list[1]!.deletionMs, -1);
  });

  it('records the evicted pod in disruptedPods so it is not counted healthy before it is deleting', () => {
    const { w, list } = pods(3, 3);
    const budget = pdb({ minAvailable: 2 });
    w.store.pdbs.push(budget);
    assert.equal(evictPod(w.store, list[0]!).code, 200);
    assert.deepEqual([...budget.status.disruptedPods.keys()], ['p0']);
  });

  const ignored: [string, (p: Pod, w: ReturnType<typeof world>) => void][] = [
    ['a Pending pod', () => {}],
    ['a Succeeded pod', (p, w) => w.store.setPodPhase(p, 'Succeeded')],
    ['a pod already terminating', (p, w) => w.store.markDeleting(p)],
  ];
  for (const [name, prepare] of ignored) {
    it(`evicts ${name} without checking the budget`, () => {
      const { w, list } = pods(2, 1);
      w.store.pdbs.push(pdb({ minAvailable: 5 }));
      prepare(list[1]!, w);
      assert.equal(evictPod(w.store, list[1]!).code, 200);
    });
  }

  const unhealthy: [string, 'IfHealthyBudget' | 'AlwaysAllow', number, 200 | 429][] = [
    ['IfHealthyBudget, 3 healthy >= minAvailable 3 -> evicted without taking from the budget', 'IfHealthyBudget', 3, 200],
    ['IfHealthyBudget, 3 healthy < minAvailable 4 -> 429', 'IfHealthyBudget', 4, 429],
    ['AlwaysAllow, 3 healthy < minAvailable 4 -> evicted', 'AlwaysAllow', 4, 200],
  ];
  for (const [name, policy, minAvailable, code] of unhealthy) {
    it(`a not-ready Running pod: ${name}`, () => {
      const { w } = pods(3, 3);
      w.store.pdbs.push(pdb({ minAvailable }, policy));
      // p3 runs on a node gone Unknown: Running but not Ready.
      const b = w.addNode('b');
      const notReady = createPod(w.store, { name: 'p3', namespace: 'default', labels: { foo: 'bar' }, spec: spec({ nodeName: 'b' }) });
      w.store.setPodPhase(notReady, 'Running');
      w.store.setNodeReady(b, 'Unknown');
      assert.equal(evictPod(w.store, notReady).code, code);
    });
  }

  it('answers 500 when two budgets select the pod', () => {
    const { w, list } = pods(2, 2);
    w.store.pdbs.push(pdb({ minAvailable: 0 }), pdb({ minAvailable: 0 }));
    assert.equal(evictPod(w.store, list[0]!).code, 500);
  });

  it('a pod no budget selects is simply deleted', () => {
    const { w, list } = pods(1, 1);
    assert.equal(evictPod(w.store, list[0]!).code, 200);
    assert.equal(computePdbStatus(w.store, pdb({ minAvailable: 1 })).currentHealthy, 0);
  });
});
