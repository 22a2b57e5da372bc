/** The dry run with NodeResourcesFit (mirrors default_preemption_test.go TestDryRunPreemption cases). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CycleState } from '../../../engine/scheduler/framework/interfaces.js';
import { DEFAULT_PREEMPTION_ARGS } from '../../../engine/scheduler/plugins/defaultpreemption/default-preemption.js';
import { dryRunPreemption } from '../../../engine/scheduler/preemption/evaluator.js';
import { build } from './preemption-helpers.js';

const LOW = 0;
const MID = 100;
const HIGH = 1000;
const RES = { small: { cpu: '100m', memory: '100' }, medium: { cpu: '200m', memory: '200' }, large: { cpu: '300m', memory: '300' } } as const;
type Res = keyof typeof RES;
/** [name, node, priority, request, startTime ms] */
type P = [string, string, number, Res, number];

const CASES: { name: string; pod: [number, Res]; pods: P[]; expected: Record<string, string[]> }[] = [
  {
    name: 'a pod that fits on both nodes when lower priority pods are preempted',
    pod: [HIGH, 'large'],
    pods: [['p1', 'node1', MID, 'large', 0], ['p2', 'node2', MID, 'large', 0]],
    expected: { node1: ['p1'], node2: ['p2'] },
  },
  {
    name: 'a pod that would fit on the nodes, but other pods running are higher priority, no preemption would happen',
    pod: [LOW, 'large'],
    pods: [['p1', 'node1', MID, 'large', 0], ['p2', 'node2', MID, 'large', 0]],
    expected: {},
  },
  {
    name: 'medium priority pod is preempted, but lower priority one stays as it is small',
    pod: [HIGH, 'large'],
    pods: [['p1-1', 'node1', LOW, 'small', 0], ['p1-2', 'node1', MID, 'large', 0], ['p2', 'node2', MID, 'large', 0]],
    expected: { node1: ['p1-2'], node2: ['p2'] },
  },
  {
    name: 'mixed priority pods are preempted',
    pod: [HIGH, 'large'],
    pods: [['p1-1', 'node1', MID, 'small', 0], ['p1-2', 'node1', LOW, 'small', 0], ['p1-3', 'node1', MID, 'medium', 0], ['p1-4', 'node1', HIGH, 'small', 0], ['p2', 'node2', HIGH, 'large', 0]],
    expected: { node1: ['p1-2', 'p1-3'] },
  },
  {
    name: 'mixed priority pods are preempted, pick later StartTime one when priorities are equal',
    pod: [HIGH, 'large'],
    pods: [['p1-1', 'node1', LOW, 'small', 5], ['p1-2', 'node1', LOW, 'small', 4], ['p1-3', 'node1', MID, 'medium', 3], ['p1-4', 'node1', HIGH, 'small', 2], ['p2', 'node2', HIGH, 'large', 1]],
    expected: { node1: ['p1-1', 'p1-3'] },
  },
];

describe('DryRunPreemption (TestDryRunPreemption cases with NodeResourcesFit)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const nodes = ['node1', 'node2'].map((name) => ({ name, cpu: '500m', memory: '500' }));
      const b = build(nodes, [...c.pods.map(([name, node, priority, res]) => ({ name, node, priority, ...RES[res] })), { name: 'p', priority: c.pod[0], ...RES[c.pod[1]] }]);
      for (const [name, , , , start] of c.pods) b.pod(name).scheduledMs = start;
      const h = b.sim.scheduler.frameworkHandle;
      const candidates = dryRunPreemption(h, DEFAULT_PREEMPTION_ARGS, new CycleState(), b.pod('p'), h.nodes());
      const got = Object.fromEntries(candidates.map((x) => [x.node.name, x.victims.map((v) => v.name).sort()]));
      assert.deepEqual(got, c.expected);
    });
  }
});
