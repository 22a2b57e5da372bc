/** Preemption end to end, as events.csv shows it. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PodSpecLite } from './preemption-helpers.js';
import { build, rows } from './preemption-helpers.js';

const NODES = [
  { name: 'n0', cpu: '4', memory: '16Gi' },
  { name: 'n1', cpu: '4', memory: '16Gi' },
  { name: 'n2', cpu: '4', memory: '16Gi' },
];
const FULL: PodSpecLite[] = [
  { name: 'a0', node: 'n0', priority: 1, cpu: '2' },
  { name: 'a1', node: 'n0', priority: 1, cpu: '2' },
  { name: 'b0', node: 'n1', priority: 1, cpu: '1' },
  { name: 'b1', node: 'n1', priority: 1, cpu: '1' },
  { name: 'b2', node: 'n1', priority: 1, cpu: '1' },
  { name: 'b3', node: 'n1', priority: 1, cpu: '1' },
  { name: 'c0', node: 'n2', priority: 5, cpu: '4' },
];

describe('a high-priority pod on a full cluster', () => {
  it('evicts the minimal set on the best node, is nominated, and binds once the victim is gone', () => {
    const b = build(NODES, [...FULL, { name: 'high', priority: 100, cpu: '2' }]);
    const r = b.sim.run();
    // n0 needs one 2-cpu victim, n1 two 1-cpu victims, n2 a priority-5 victim: n0 wins (lowest sum).
    // The pods of n0 tie on importance; the first is reprieved, the second evicted.
    assert.deepEqual(rows(b, 'PodPreempted'), [['0.000', 'PodPreempted', 'default/a1', 'n0', 'preempted by default/high']]);
    assert.deepEqual(rows(b, 'PodNominated'), [['0.000', 'PodNominated', 'default/high', 'n0', 'victims 1']]);
    // The victim stops after its 5 s grace period; the preemptor binds to its nominated node then.
    assert.deepEqual(rows(b, 'PodDeleted').map((x) => x.slice(0, 4)), [['5.000', 'PodDeleted', 'default/a1', 'n0']]);
    assert.deepEqual(rows(b, 'PodScheduled').filter((x) => x[2] === 'default/high'), [['5.000', 'PodScheduled', 'default/high', 'n0', 'attempt 2']]);
    assert.equal(r.summary.preemptions, 1);
    assert.equal(b.pod('high').nominatedNodeName, '');
  });

  it('an equal-priority pod is never a victim', () => {
    const pods = FULL.map((p) => ({ ...p, priority: 100 }));
    const b = build(NODES, [...pods, { name: 'high', priority: 100, cpu: '2' }]);
    b.sim.run();
    assert.equal(rows(b, 'PodPreempted').length, 0);
    assert.equal(rows(b, 'PodNominated').length, 0);
    assert.ok(rows(b, 'PodUnschedulable').length >= 1);
  });

  it('preemptionPolicy Never does not preempt', () => {
    const b = build(NODES, [...FULL, { name: 'high', priority: 100, cpu: '2', preemptionPolicy: 'Never' }]);
    b.sim.run();
    assert.equal(rows(b, 'PodPreempted').length, 0);
    assert.equal(b.pod('high').nodeIndex, -1);
  });

  it('a PDB is respected when a candidate that violates none exists', () => {
    const pods: PodSpecLite[] = [
      { name: 'a0', node: 'n0', priority: 1, cpu: '4', labels: { app: 'db' } },
      { name: 'b0', node: 'n1', priority: 1, cpu: '2', labels: { app: 'web' } },
      { name: 'b1', node: 'n1', priority: 1, cpu: '2', labels: { app: 'web' } },
    ];
    const b = build(NODES.slice(0, 2), [...pods, { name: 'high', priority: 100, cpu: '4' }]);
    b.sim.scheduler.setPdbLister(() => [{ namespace: 'default', selector: { matchLabels: { app: 'db' }, matchExpressions: [] }, disruptionsAllowed: 0 }]);
    b.sim.run();
    // n0 would need one victim (fewer), but it violates the PDB: n1 and its two victims win.
    assert.deepEqual(rows(b, 'PodPreempted').map((x) => [x[2], x[3]]), [['default/b0', 'n1'], ['default/b1', 'n1']]);
  });

  it('without the PDB the single victim on n0 is preferred', () => {
    const pods: PodSpecLite[] = [
      { name: 'a0', node: 'n0', priority: 1, cpu: '4', labels: { app: 'db' } },
      { name: 'b0', node: 'n1', priority: 1, cpu: '2', labels: { app: 'web' } },
      { name: 'b1', node: 'n1', priority: 1, cpu: '2', labels: { app: 'web' } },
    ];
    const b = build(NODES.slice(0, 2), [...pods, { name: 'high', priority: 100, cpu: '4' }]);
    b.sim.run();
    assert.deepEqual(rows(b, 'PodPreempted').map((x) => [x[2], x[3]]), [['default/a0', 'n0']]);
  });

  it('the victim set is minimal: higher-priority pods are reprieved first', () => {
    const pods: PodSpecLite[] = [
      { name: 'low', node: 'n0', priority: 1, cpu: '1' },
      { name: 'mid', node: 'n0', priority: 10, cpu: '1' },
      { name: 'top', node: 'n0', priority: 50, cpu: '2' },
    ];
    const b = build(NODES.slice(0, 1), [...pods, { name: 'high', priority: 100, cpu: '1' }]);
    b.sim.run();
    assert.deepEqual(rows(b, 'PodPreempted').map((x) => x[2]), ['default/low']);
  });

  it('while victims terminate, the preemptor is not eligible to preempt again', () => {
    const b = build(NODES.slice(0, 1), [{ name: 'a0', node: 'n0', priority: 1, cpu: '4', grace: 60 }, { name: 'high', priority: 100, cpu: '4' }], {}, '2m');
    // A node added at 10 s (roomy, but tainted) retries the preemptor while its victim still terminates.
    b.sim.sim.at(10_000, () => addDecoyNode(b.sim, 'decoy'));
    b.sim.run();
    assert.deepEqual(rows(b, 'PodUnschedulable').map((x) => x[0]), ['0.000', '10.000']);
    assert.equal(rows(b, 'PodPreempted').length, 1);
    assert.deepEqual(rows(b, 'PodScheduled').filter((x) => x[2] === 'default/high').map((x) => x[0]), ['60.000']);
  });
});

describe('nominated pods hold their node', () => {
  it('a lower-priority pod arriving while the preemptor backs off does not take the room it freed', () => {
    // The victim goes at once (grace 0); without SchedulerPopFromBackoffQ the preemptor waits out its
    // 1 s backoff. A priority-50 pod created at 0.5 s sees high (nominated to n0) counted there.
    const b = build(NODES.slice(0, 1), [{ name: 'a0', node: 'n0', priority: 1, cpu: '4', grace: 0 }, { name: 'high', priority: 100, cpu: '3' }], { scheduler: { popFromBackoffQ: false } });
    const spec = build(NODES.slice(0, 1), [{ name: 'mid', priority: 50, cpu: '2' }]).pod('mid').spec;
    b.sim.sim.at(500, () => createPodNamed(b, 'mid', spec));
    b.sim.run();
    assert.deepEqual(rows(b, 'PodUnschedulable').map((x) => [x[0], x[2]]), [['0.000', 'default/high'], ['0.500', 'default/mid']]);
    assert.deepEqual(rows(b, 'PodScheduled').find((x) => x[2] === 'default/high')?.slice(0, 4), ['1.000', 'PodScheduled', 'default/high', 'n0']);
    assert.equal(rows(b, 'PodScheduled').find((x) => x[2] === 'default/mid'), undefined);
  });
});

import { createPod } from '../../../engine/cluster/pod-factory.js';
import { addDecoyNode } from '../queue/queue-helpers.js';
import type { PodSpec } from '../../../engine/cluster/pod.js';
import type { Built } from './preemption-helpers.js';
function createPodNamed(b: Built, name: string, spec: PodSpec): void {
  createPod(b.sim.store, { name, namespace: 'default', labels: {}, spec });
}
