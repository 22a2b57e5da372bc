/** preCheckForNode: a node update moves a parked pod only when the node now admits it. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Simulation } from '../../../engine/scenario/simulation.js';
import { nodeAdmits } from '../../../engine/scheduler/queue/precheck.js';
import { ONE_NODE, podManifest, runWith, timesOf } from './queue-helpers.js';

/** Re-taints node n-0 every second with a taint `big` does not tolerate, then (at 10 s) clears it. */
function taintChurn(s: Simulation, clearAtMs: number): void {
  const node = s.store.node('n-0')!;
  s.sim.every(1000, () => {
    if (s.sim.now < clearAtMs) s.store.setNodeTaints(node, [{ key: 'churn', value: String(s.sim.now), effect: 'NoSchedule' }]);
  }, { start: 1000 });
  s.sim.at(clearAtMs, () => s.store.setNodeTaints(node, []));
}

/** preCheckForNode exists only with SchedulerQueueingHints off (queueing-hints.test.ts covers the gate on). */
const GATE_OFF = { scheduler: { queueingHints: false } };

describe('preCheckForNode on node updates (SchedulerQueueingHints off)', () => {
  it('taint changes on a node that still cannot take the pod do not retry it', () => {
    // 'big' is rejected by TaintToleration (a registered NodeTaintChange plugin) but asks for 8 cpu on a
    // 4-cpu node: no taint change makes the node admit it.
    const run = runWith(ONE_NODE(podManifest('big', '8'), '20s'), GATE_OFF, (s) => {
      s.store.setNodeTaints(s.store.node('n-0')!, [{ key: 'churn', value: 'x', effect: 'NoSchedule' }]);
      taintChurn(s, 10_000);
    });
    assert.deepEqual(timesOf(run, 'PodUnschedulable', 'default/big'), [0]);
  });

  it('a taint change that makes the node admit the pod retries it', () => {
    // 'small' fits, but only once the untolerated taint is gone (at 10 s).
    const run = runWith(ONE_NODE(podManifest('small', '1'), '20s'), GATE_OFF, (s) => {
      s.store.setNodeTaints(s.store.node('n-0')!, [{ key: 'churn', value: 'x', effect: 'NoSchedule' }]);
      taintChurn(s, 10_000);
    });
    assert.deepEqual(timesOf(run, 'PodUnschedulable', 'default/small'), [0]);
    assert.deepEqual(timesOf(run, 'PodScheduled', 'default/small'), [10]);
  });

  it('admission covers the request fit, node affinity, nodeName and NoSchedule/NoExecute taints', () => {
    const run = runWith(ONE_NODE(podManifest('p', '1'), '1s'), {});
    const pod = run.sim.store.allPods.find((p) => p.name === 'p')!;
    const node = run.sim.store.node('n-0')!;
    const cases: [string, () => boolean][] = [
      ['fits, no taints', () => nodeAdmits(pod, node)],
      ['PreferNoSchedule is not a barrier', () => nodeAdmits(pod, { ...node, taints: [{ key: 'k', value: '', effect: 'PreferNoSchedule' }] })],
    ];
    for (const [name, admits] of cases) assert.ok(admits(), name);
    assert.equal(nodeAdmits(pod, { ...node, taints: [{ key: 'k', value: '', effect: 'NoExecute' }] }), false, 'NoExecute');
    assert.equal(nodeAdmits({ ...pod, spec: { ...pod.spec, nodeName: 'other' } }, node), false, 'nodeName');
    assert.equal(nodeAdmits({ ...pod, spec: { ...pod.spec, nodeSelector: { disk: 'ssd' } } }, node), false, 'nodeSelector');
    assert.equal(nodeAdmits(pod, { ...node, requested: node.allocatable.slice() }), false, 'no room left');
  });
});
