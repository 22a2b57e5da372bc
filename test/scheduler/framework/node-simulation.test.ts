/** Filtering with nominated pods (the two-pass rule) and simulated removal restore the node exactly. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CycleState } from '../../../engine/scheduler/framework/interfaces.js';
import { runFilterPluginsWithNominatedPods, simulateAdd, simulateRemove } from '../../../engine/scheduler/framework/node-simulation.js';
import { build } from '../preemption/preemption-helpers.js';

function cluster(): ReturnType<typeof build> {
  return build([{ name: 'n0', cpu: '4', memory: '16Gi' }], [
    { name: 'running', node: 'n0', priority: 0, cpu: '1' },
    { name: 'nominated', priority: 100, cpu: '2' },
    { name: 'lower', priority: 50, cpu: '2' },
    { name: 'equal', priority: 100, cpu: '2' },
    { name: 'higher', priority: 200, cpu: '2' },
  ]);
}

describe('filtering with nominated pods (RunFilterPluginsWithNominatedPods)', () => {
  const cases: [string, string, boolean][] = [
    ['a lower-priority pod sees the nominated pod on the node and does not fit', 'lower', false],
    ['an equal-priority pod sees it too', 'equal', false],
    ['a higher-priority pod ignores it and fits', 'higher', true],
  ];
  for (const [name, pod, fits] of cases) {
    it(name, () => {
      const b = cluster();
      b.sim.scheduler.nominator.add(b.pod('nominated'), 'n0');
      const profile = b.sim.scheduler.frameworkHandle.filterProfile(b.pod(pod));
      const s = runFilterPluginsWithNominatedPods(profile, new CycleState(), b.pod(pod), b.node('n0'), b.sim.scheduler.nominator.podsFor('n0'));
      assert.equal(s === null, fits, s?.message);
    });
  }

  it('the node accounting is the same after the evaluation', () => {
    const b = cluster();
    b.sim.scheduler.nominator.add(b.pod('nominated'), 'n0');
    const node = b.node('n0');
    const before = [...node.requested, node.podCount, node.nonZeroCpu, node.nonZeroMemory];
    const profile = b.sim.scheduler.frameworkHandle.filterProfile(b.pod('lower'));
    runFilterPluginsWithNominatedPods(profile, new CycleState(), b.pod('lower'), node, b.sim.scheduler.nominator.podsFor('n0'));
    assert.deepEqual([...node.requested, node.podCount, node.nonZeroCpu, node.nonZeroMemory], before);
  });

  it('simulateRemove then simulateAdd restores the node', () => {
    const b = cluster();
    const node = b.node('n0');
    const before = [...node.requested, node.podCount];
    const profile = b.sim.scheduler.frameworkHandle.filterProfile(b.pod('lower'));
    const state = new CycleState();
    simulateRemove(profile, state, b.pod('lower'), b.pod('running'), node);
    assert.equal(node.podCount, 0);
    simulateAdd(profile, state, b.pod('lower'), b.pod('running'), node);
    assert.deepEqual([...node.requested, node.podCount], before);
  });
});

describe('CycleState', () => {
  it('reads back the last value written under a key, and undefined for a key never written', () => {
    const s = new CycleState();
    assert.equal(s.read('a'), undefined);
    s.write('a', 1);
    s.write('b', 2);
    s.write('a', 3);
    assert.equal(s.read('a'), 3);
    assert.equal(s.read('b'), 2);
    assert.equal(s.read('c'), undefined);
  });
});
