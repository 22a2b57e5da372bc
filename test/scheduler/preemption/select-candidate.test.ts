/** Candidate selection (mirrors default_preemption_test.go TestSelectBestCandidate) and its parts. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../../engine/cluster/pod.js';
import { CycleState } from '../../../engine/scheduler/framework/interfaces.js';
import { Status } from '../../../engine/scheduler/framework/status.js';
import { DEFAULT_PREEMPTION_ARGS, defaultPreemptionArgs } from '../../../engine/scheduler/plugins/defaultpreemption/default-preemption.js';
import { numCandidates, preempt } from '../../../engine/scheduler/preemption/evaluator.js';
import { pickOneNodeForPreemption } from '../../../engine/scheduler/preemption/candidates.js';
import { filterPodsWithPDBViolation } from '../../../engine/scheduler/preemption/pdb.js';
import type { PodSpecLite } from './preemption-helpers.js';
import { build } from './preemption-helpers.js';

const NEG = -100;
const LOW = 0;
const MID = 100;
const HIGH = 1000;
const VERY_HIGH = 10000;
type Res = 'small' | 'medium' | 'large' | 'veryLarge';
const RES: Record<Res, { cpu: string; memory: string }> = {
  small: { cpu: '100m', memory: '100' },
  medium: { cpu: '200m', memory: '200' },
  large: { cpu: '300m', memory: '300' },
  veryLarge: { cpu: '500m', memory: '500' },
};
/** [name, node, priority, request, startTime (ms)] */
type P = [string, string, number, Res, number];

interface Case {
  name: string;
  nodes: string[];
  pod: [number, Res];
  pods: P[];
  expected: string[];
}

const CASES: Case[] = [
  { name: 'a pod that fits on both nodes when lower priority pods are preempted', nodes: ['node1', 'node2'], pod: [HIGH, 'large'], pods: [['p1', 'node1', MID, 'large', 0], ['p2', 'node2', MID, 'large', 0]], expected: ['node1', 'node2'] },
  {
    name: 'node with min highest priority pod is picked', nodes: ['node1', 'node2', 'node3'], pod: [HIGH, 'veryLarge'],
    pods: [['p1.1', 'node1', MID, 'medium', 0], ['p1.2', 'node1', MID, 'large', 0], ['p2.1', 'node2', MID, 'medium', 0], ['p2.2', 'node2', LOW, 'medium', 0], ['p3.1', 'node3', LOW, 'medium', 0], ['p3.2', 'node3', LOW, 'medium', 0]],
    expected: ['node3'],
  },
  {
    name: 'when highest priorities are the same, minimum sum of priorities is picked', nodes: ['node1', 'node2', 'node3'], pod: [HIGH, 'veryLarge'],
    pods: [['p1.1', 'node1', MID, 'medium', 0], ['p1.2', 'node1', MID, 'large', 0], ['p2.1', 'node2', MID, 'large', 0], ['p2.2', 'node2', LOW, 'medium', 0], ['p3.1', 'node3', MID, 'medium', 0], ['p3.2', 'node3', MID, 'medium', 0]],
    expected: ['node2'],
  },
  {
    name: 'when highest priority and sum are the same, minimum number of pods is picked', nodes: ['node1', 'node2', 'node3'], pod: [HIGH, 'veryLarge'],
    pods: [
      ['p1.1', 'node1', MID, 'small', 0], ['p1.2', 'node1', NEG, 'small', 0], ['p1.3', 'node1', MID, 'small', 0], ['p1.4', 'node1', NEG, 'small', 0],
      ['p2.1', 'node2', MID, 'large', 0], ['p2.2', 'node2', NEG, 'medium', 0],
      ['p3.1', 'node3', MID, 'medium', 0], ['p3.2', 'node3', NEG, 'small', 0], ['p3.3', 'node3', LOW, 'small', 0],
    ],
    expected: ['node2'],
  },
  {
    name: 'sum of adjusted priorities is considered', nodes: ['node1', 'node2', 'node3'], pod: [HIGH, 'veryLarge'],
    pods: [
      ['p1.1', 'node1', MID, 'small', 0], ['p1.2', 'node1', NEG, 'small', 0], ['p1.3', 'node1', NEG, 'small', 0],
      ['p2.1', 'node2', MID, 'large', 0], ['p2.2', 'node2', NEG, 'medium', 0],
      ['p3.1', 'node3', MID, 'medium', 0], ['p3.2', 'node3', NEG, 'small', 0], ['p3.3', 'node3', LOW, 'small', 0],
    ],
    expected: ['node2'],
  },
  {
    name: 'non-overlapping lowest high priority, sum priorities, and number of pods', nodes: ['node1', 'node2', 'node3', 'node4'], pod: [VERY_HIGH, 'veryLarge'],
    pods: [
      ['p1.1', 'node1', MID, 'small', 0], ['p1.2', 'node1', LOW, 'small', 0], ['p1.3', 'node1', LOW, 'small', 0],
      ['p2.1', 'node2', HIGH, 'large', 0],
      ['p3.1', 'node3', MID, 'medium', 0], ['p3.2', 'node3', LOW, 'small', 0], ['p3.3', 'node3', LOW, 'small', 0], ['p3.4', 'node3', LOW, 'medium', 0],
      ['p4.1', 'node4', MID, 'medium', 0], ['p4.2', 'node4', MID, 'small', 0], ['p4.3', 'node4', MID, 'small', 0], ['p4.4', 'node4', NEG, 'small', 0],
    ],
    expected: ['node1'],
  },
  {
    name: 'same priority, same number of victims, different start time for each node\'s pod', nodes: ['node1', 'node2', 'node3'], pod: [HIGH, 'veryLarge'],
    pods: [['p1.1', 'node1', MID, 'medium', 2], ['p1.2', 'node1', MID, 'medium', 2], ['p2.1', 'node2', MID, 'medium', 3], ['p2.2', 'node2', MID, 'medium', 3], ['p3.1', 'node3', MID, 'medium', 1], ['p3.2', 'node3', MID, 'medium', 1]],
    expected: ['node2'],
  },
  {
    name: 'same priority, same number of victims, different start time for all pods', nodes: ['node1', 'node2', 'node3'], pod: [HIGH, 'veryLarge'],
    pods: [['p1.1', 'node1', MID, 'medium', 4], ['p1.2', 'node1', MID, 'medium', 2], ['p2.1', 'node2', MID, 'medium', 5], ['p2.2', 'node2', MID, 'medium', 1], ['p3.1', 'node3', MID, 'medium', 3], ['p3.2', 'node3', MID, 'medium', 6]],
    expected: ['node3'],
  },
  {
    name: 'different priority, same number of victims, different start time for all pods', nodes: ['node1', 'node2', 'node3'], pod: [HIGH, 'veryLarge'],
    pods: [['p1.1', 'node1', LOW, 'medium', 4], ['p1.2', 'node1', MID, 'medium', 2], ['p2.1', 'node2', MID, 'medium', 6], ['p2.2', 'node2', LOW, 'medium', 1], ['p3.1', 'node3', LOW, 'medium', 3], ['p3.2', 'node3', MID, 'medium', 5]],
    expected: ['node2'],
  },
];

const dns = (name: string): string => name.replace('.', '-');

describe('SelectCandidate (TestSelectBestCandidate cases)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const pods: PodSpecLite[] = c.pods.map(([name, node, priority, res]) => ({ name: dns(name), node, priority, ...RES[res] }));
      const b = build(c.nodes.map((name) => ({ name, ...RES.veryLarge })), [...pods, { name: 'p', priority: c.pod[0], ...RES[c.pod[1]] }]);
      for (const [name, , , , start] of c.pods) b.pod(dns(name)).scheduledMs = start;
      const statuses = new Map(c.nodes.map((n) => [n, Status.unschedulable('Insufficient cpu')]));
      const out = preempt(b.sim.scheduler.frameworkHandle, DEFAULT_PREEMPTION_ARGS, new CycleState(), b.pod('p'), statuses, 'DefaultPreemption');
      assert.ok(c.expected.includes(out.result?.nominatedNode ?? ''), `got ${out.result?.nominatedNode}, want one of ${c.expected.join(', ')}`);
    });
  }
});

function fakePod(name: string, priority: number, startMs = 0, labels: Record<string, string> = {}, namespace = 'default'): Pod {
  return { name, namespace, labels, scheduledMs: startMs, createdMs: 0, spec: { priority } } as unknown as Pod;
}

describe('pickOneNodeForPreemption criteria, in order', () => {
  const node = (name: string): never => ({ name }) as never;
  it('fewest PDB violations wins over everything else', () => {
    const c = pickOneNodeForPreemption([
      { node: node('a'), victims: [fakePod('x', 0)], numPDBViolations: 1 },
      { node: node('b'), victims: [fakePod('y', 500), fakePod('z', 400)], numPDBViolations: 0 },
    ]);
    assert.equal(c?.node.name, 'b');
  });
  it('full ties keep the first candidate (dry-run order)', () => {
    const c = pickOneNodeForPreemption([
      { node: node('a'), victims: [fakePod('x', 0)], numPDBViolations: 0 },
      { node: node('b'), victims: [fakePod('y', 0)], numPDBViolations: 0 },
    ]);
    assert.equal(c?.node.name, 'a');
  });
  it('no candidates: undefined', () => assert.equal(pickOneNodeForPreemption([]), undefined));
});

describe('numCandidates (calculateNumCandidates)', () => {
  const cases: [number, number, number, number][] = [
    [10, 10, 100, 10],
    [1000, 10, 100, 100],
    [5000, 10, 100, 500],
    [5000, 10, 1000, 1000],
    [50, 50, 10, 25],
  ];
  for (const [n, pct, abs, want] of cases) it(`${n} nodes, ${pct}%, min ${abs} -> ${want}`, () => assert.equal(numCandidates(n, { minCandidateNodesPercentage: pct, minCandidateNodesAbsolute: abs }), want));
});

describe('DefaultPreemptionArgs validation', () => {
  it('defaults are 10 % and 100', () => assert.deepEqual(defaultPreemptionArgs(undefined), { minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 }));
  it('rejects a percentage above 100', () => assert.throws(() => defaultPreemptionArgs({ minCandidateNodesPercentage: 101 }), /minCandidateNodesPercentage/));
  it('rejects both zero', () => assert.throws(() => defaultPreemptionArgs({ minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 0 }), /cannot be zero/));
});

describe('filterPodsWithPDBViolation', () => {
  const sel = (app: string) => ({ matchLabels: { app }, matchExpressions: [] });
  it('each matching pod uses one allowed disruption; past zero they violate', () => {
    const pods = [fakePod('a', 0, 0, { app: 'db' }), fakePod('b', 0, 0, { app: 'db' }), fakePod('c', 0, 0, { app: 'web' })];
    const r = filterPodsWithPDBViolation(pods, [{ namespace: 'default', selector: sel('db'), disruptionsAllowed: 1 }]);
    assert.deepEqual(r.violating.map((p) => p.name), ['b']);
    assert.deepEqual(r.nonViolating.map((p) => p.name), ['a', 'c']);
  });
  it('an empty selector matches nothing', () => {
    const r = filterPodsWithPDBViolation([fakePod('a', 0, 0, { app: 'db' })], [{ namespace: 'default', selector: { matchLabels: {}, matchExpressions: [] }, disruptionsAllowed: 0 }]);
    assert.equal(r.violating.length, 0);
  });
  it('a PDB of another namespace does not apply', () => {
    const r = filterPodsWithPDBViolation([fakePod('a', 0, 0, { app: 'db' }, 'other')], [{ namespace: 'default', selector: sel('db'), disruptionsAllowed: 0 }]);
    assert.equal(r.violating.length, 0);
  });
  it('a pod without labels matches no PDB', () => {
    const r = filterPodsWithPDBViolation([fakePod('a', 0)], [{ namespace: 'default', selector: { matchLabels: {}, matchExpressions: [{ key: 'app', operator: 'DoesNotExist', values: [] }] }, disruptionsAllowed: 0 }]);
    assert.equal(r.violating.length, 0);
  });
});
