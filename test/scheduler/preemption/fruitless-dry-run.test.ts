/** A dry run that found no candidate is reused only while nothing it reads has changed. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CycleState } from '../../../engine/scheduler/framework/interfaces.js';
import { Status } from '../../../engine/scheduler/framework/status.js';
import { DEFAULT_PREEMPTION_ARGS } from '../../../engine/scheduler/plugins/defaultpreemption/default-preemption.js';
import { dryRunPreemption, fitErrorMessage, preempt } from '../../../engine/scheduler/preemption/evaluator.js';
import { StatusTally } from '../../../engine/scheduler/framework/status-tally.js';
import type { PreemptionHandle } from '../../../engine/scheduler/preemption/evaluator.js';
import { build } from './preemption-helpers.js';
import type { Built } from './preemption-helpers.js';
import type { Pod } from '../../../engine/cluster/pod.js';

const HIGH = 1000;
const VERY_HIGH = 10000;

/** Two 1-cpu nodes, each held by a pod p cannot preempt plus a low-priority pod too small to make room. */
function blocked(): { b: Built; statuses: Map<string, Status> } {
  const b = build(
    [{ name: 'node1', cpu: '1' }, { name: 'node2', cpu: '1' }],
    [
      { name: 'big1', node: 'node1', priority: VERY_HIGH, cpu: '900m' },
      { name: 'low1', node: 'node1', cpu: '50m' },
      { name: 'big2', node: 'node2', priority: VERY_HIGH, cpu: '900m' },
      { name: 'low2', node: 'node2', cpu: '50m' },
      { name: 'p', priority: HIGH, cpu: '500m' },
    ],
  );
  return { b, statuses: new Map([['node1', Status.unschedulable('Insufficient cpu')], ['node2', Status.unschedulable('Insufficient cpu')]]) };
}

/**
 * node1 and node2 full of pods p cannot preempt; node3 (not a potential node: a taint p does not
 * tolerate) holds a low-priority pod, which keeps the cluster-wide "no lower priority anywhere" shortcut off.
 */
function twoFullOneTainted(node3Cpu = '1'): { b: Built; statuses: Map<string, Status> } {
  const b = build(
    [{ name: 'node1', cpu: '1' }, { name: 'node2', cpu: '1' }, { name: 'node3', cpu: node3Cpu }],
    [
      { name: 'big1', node: 'node1', priority: VERY_HIGH, cpu: '900m' },
      { name: 'big2', node: 'node2', priority: VERY_HIGH, cpu: '900m' },
      { name: 'low3', node: 'node3', cpu: '100m' },
      { name: 'p', priority: HIGH, cpu: '500m' },
    ],
  );
  return { b, statuses: new Map([['node1', Status.unschedulable('Insufficient cpu')], ['node2', Status.unschedulable('Insufficient cpu')], ['node3', Status.unresolvable('untolerated taint')]]) };
}

function run(h: PreemptionHandle, b: Built, statuses: Map<string, Status>): ReturnType<typeof preempt> {
  return preempt(h, DEFAULT_PREEMPTION_ARGS, new CycleState(), b.pod('p'), statuses, 'DefaultPreemption');
}

describe('fruitless dry runs', () => {
  it('potential nodes without lower-priority pods: no walk, the walk\'s message and random draws', () => {
    const make = (): Built => twoFullOneTainted().b;
    const { statuses } = twoFullOneTainted();
    const quick = make();
    const qh = quick.sim.scheduler.frameworkHandle;
    const out = run(qh, quick, statuses);
    const walk = make();
    const wh = walk.sim.scheduler.frameworkHandle;
    const tally = new StatusTally();
    const potential = wh.nodes().filter((n) => n.name !== 'node3');
    assert.deepEqual(dryRunPreemption(wh, DEFAULT_PREEMPTION_ARGS, new CycleState(), walk.pod('p'), potential, tally), []);
    assert.equal(out.result?.nominatedNode, '');
    assert.equal(out.status?.message, `preemption: ${fitErrorMessage(wh.nodes(), tally)}`);
    assert.equal(qh.rng.int(1_000_000), wh.rng.int(1_000_000));
  });


  it('the same dry run at the same cluster version gives the same outcome and the same random draws', () => {
    const once = blocked();
    const h = once.b.sim.scheduler.frameworkHandle;
    const first = run(h, once.b, once.statuses);
    const again = run(h, once.b, once.statuses);
    assert.equal(again, first);
    assert.equal(first.result?.nominatedNode, '');
    // A twin cluster whose second dry run really walks (a fresh handle object remembers nothing).
    const twin = blocked();
    const th = twin.b.sim.scheduler.frameworkHandle;
    run(th, twin.b, twin.statuses);
    const walked = run({ ...th }, twin.b, twin.statuses);
    assert.equal(walked.status?.message, first.status?.message);
    assert.equal(h.rng.int(1_000_000), th.rng.int(1_000_000));
  });

  it('a cluster change makes the next dry run walk again and find the victim it now has', () => {
    const { b, statuses } = blocked();
    const h = b.sim.scheduler.frameworkHandle;
    const first = run(h, b, statuses);
    assert.equal(first.result?.nominatedNode, '');
    // big2 finishes and a 500m low-priority pod takes its place: p needs one low pod of node2 gone.
    const store = b.sim.store;
    store.setPodPhase(b.pod('big2'), 'Succeeded');
    const low2 = b.pod('low2');
    const low3: Pod = { ...low2, uid: store.newUid(), name: 'low3', key: 'default/low3', spec: b.pod('p').spec === low2.spec ? low2.spec : { ...low2.spec, requests: b.pod('p').spec.requests }, nodeIndex: -1 };
    store.addPod(low3);
    store.bindPod(low3, b.node('node2'));
    const out = run(h, b, statuses);
    assert.notEqual(out, first);
    assert.equal(out.result?.nominatedNode, 'node2');
    assert.equal(out.result?.victims.length, 1);
  });

  it('a lower-priority pod bound after a "no lower-priority pod here" answer is found on the next try', () => {
    const { b, statuses } = twoFullOneTainted();
    const h = b.sim.scheduler.frameworkHandle;
    assert.equal(run(h, b, statuses).result?.nominatedNode, '');
    // big1 finishes and a 600m low-priority pod takes node1: p now needs it gone. Same statuses map, so
    // the same potential nodes as before.
    const store = b.sim.store;
    store.setPodPhase(b.pod('big1'), 'Succeeded');
    const low3 = b.pod('low3');
    const low1: Pod = { ...low3, uid: store.newUid(), name: 'low1', key: 'default/low1', spec: { ...low3.spec, requests: b.pod('big1').spec.requests.map((r, i) => (i === 0 ? 600 : r)) as typeof low3.spec.requests }, nodeIndex: -1 };
    store.addPod(low1);
    store.bindPod(low1, b.node('node1'));
    const out = run(h, b, statuses);
    assert.equal(out.result?.nominatedNode, 'node1');
    assert.deepEqual(out.result?.victims.map((v) => v.name), ['low1']);
  });

  it('binds elsewhere keep a "no lower-priority pod here" answer; a later one on its nodes is still found', () => {
    const { b, statuses } = twoFullOneTainted('4');
    const h = b.sim.scheduler.frameworkHandle;
    const store = b.sim.store;
    const low3 = b.pod('low3');
    const lowPod = (name: string, cpuMilli: number): Pod => {
      const pod: Pod = { ...low3, uid: store.newUid(), name, key: `default/${name}`, spec: { ...low3.spec, requests: low3.spec.requests.map((r, i) => (i === 0 ? cpuMilli : r)) as typeof low3.spec.requests }, nodeIndex: -1 };
      store.addPod(pod);
      return pod;
    };
    assert.equal(run(h, b, statuses).result?.nominatedNode, '');
    // Low-priority pods bound on node3, outside the potential nodes: still nothing to preempt.
    for (let i = 0; i < 3; i++) store.bindPod(lowPod(`elsewhere${i}`, 100), b.node('node3'));
    assert.equal(run(h, b, statuses).result?.nominatedNode, '');
    // Then one on node1, after more binds elsewhere: the bind among them is seen.
    store.setPodPhase(b.pod('big1'), 'Succeeded');
    store.bindPod(lowPod('low1', 600), b.node('node1'));
    store.bindPod(lowPod('elsewhere3', 100), b.node('node3'));
    const out = run(h, b, statuses);
    assert.equal(out.result?.nominatedNode, 'node1');
    assert.deepEqual(out.result?.victims.map((v) => v.name), ['low1']);
  });
});
