/** DefaultPreemption.PostFilter on hand-made filter statuses (mirrors default_preemption_test.go TestPostFilter). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CycleState } from '../../../engine/scheduler/framework/interfaces.js';
import { Code, Status } from '../../../engine/scheduler/framework/status.js';
import { DEFAULT_PREEMPTION_ARGS } from '../../../engine/scheduler/plugins/defaultpreemption/default-preemption.js';
import { podEligibleToPreemptOthers, preempt } from '../../../engine/scheduler/preemption/evaluator.js';
import type { PodDisruptionBudgetView } from '../../../engine/scheduler/preemption/pdb.js';
import type { NodeSpec, PodSpecLite } from './preemption-helpers.js';
import { build } from './preemption-helpers.js';

const LOW = 0;
const MID = 100;
const HIGH = 1000;
const VERY_HIGH = 10000;
const ONE_POD: Omit<NodeSpec, 'name'> = { pods: 1 };
const NODE_RES: Omit<NodeSpec, 'name'> = { cpu: '200m', memory: '400' };
const U = (): Status => Status.unschedulable();
const UU = (): Status => Status.unresolvable();

interface Case {
  name: string;
  pod: PodSpecLite;
  pods: PodSpecLite[];
  nodes: NodeSpec[];
  statuses: Record<string, () => Status>;
  pdbs?: PodDisruptionBudgetView[];
  wantNode: string;
  wantMessage?: string;
}

const violating = { 'test.kubernetes.io/is-violating-pdb': 'violating' };
const nonViolating = { 'test.kubernetes.io/is-violating-pdb': 'non-violating' };
const pdb = (labels: Record<string, string>, allowed: number): PodDisruptionBudgetView => ({ namespace: 'default', selector: { matchLabels: labels, matchExpressions: [] }, disruptionsAllowed: allowed });

const CASES: Case[] = [
  {
    name: 'pod with higher priority can be made schedulable',
    pod: { name: 'p', priority: HIGH },
    pods: [{ name: 'p1', node: 'node1' }],
    nodes: [{ name: 'node1', ...ONE_POD }],
    statuses: { node1: U },
    wantNode: 'node1',
  },
  {
    name: 'pod with tied priority is still unschedulable',
    pod: { name: 'p' },
    pods: [{ name: 'p1', node: 'node1' }],
    nodes: [{ name: 'node1', ...ONE_POD }],
    statuses: { node1: U },
    wantNode: '',
    wantMessage: 'preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
  },
  {
    name: 'preemption should respect filteredNodesStatuses (UnschedulableAndUnresolvable is never a candidate)',
    pod: { name: 'p', priority: HIGH },
    pods: [{ name: 'p1', node: 'node1' }],
    nodes: [{ name: 'node1', ...ONE_POD }],
    statuses: { node1: UU },
    wantNode: '',
    wantMessage: 'preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
  },
  {
    name: 'preemption should respect an absent status, meaning UnschedulableAndUnresolvable',
    pod: { name: 'p', priority: HIGH },
    pods: [{ name: 'p1', node: 'node1' }],
    nodes: [{ name: 'node1', ...ONE_POD }],
    statuses: {},
    wantNode: '',
    wantMessage: 'preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
  },
  {
    name: 'pod can be made schedulable on one node',
    pod: { name: 'p', priority: MID },
    pods: [
      { name: 'p1', node: 'node1', priority: HIGH },
      { name: 'p2', node: 'node2', priority: LOW },
    ],
    nodes: [{ name: 'node1', ...ONE_POD }, { name: 'node2', ...ONE_POD }],
    statuses: { node1: U, node2: U },
    wantNode: 'node2',
  },
  {
    name: 'pod can be made schedulable on minHighestPriority node',
    // Upstream puts two pods on a one-pod node, a state kubelet admission would refuse; the same
    // choice is made here with cpu: node1 must lose both pods (one violating), node2 its one.
    pod: { name: 'p', priority: VERY_HIGH, cpu: '2' },
    pods: [
      { name: 'p1', node: 'node1', priority: HIGH, labels: nonViolating, cpu: '1' },
      { name: 'p2', node: 'node1', priority: LOW, labels: violating, cpu: '1' },
      { name: 'p3', node: 'node2', priority: MID, labels: violating, cpu: '2' },
    ],
    nodes: [{ name: 'node1', cpu: '2' }, { name: 'node2', cpu: '2' }],
    statuses: { node1: U, node2: U },
    pdbs: [pdb(violating, 0), pdb(nonViolating, 2 ** 31 - 1)],
    wantNode: 'node2',
  },
  {
    name: 'no candidate nodes found, no enough resource after removing low priority pods',
    pod: { name: 'p', priority: HIGH, cpu: '300m', memory: '300' },
    pods: [
      { name: 'p1', node: 'node1' },
      { name: 'p2', node: 'node2' },
    ],
    nodes: [{ name: 'node1', ...NODE_RES }, { name: 'node2', ...NODE_RES }],
    statuses: { node1: U, node2: U },
    wantNode: '',
    wantMessage: 'preemption: 0/2 nodes are available: 2 Insufficient cpu.',
  },
  {
    name: 'no candidate nodes found with mixed reasons, no lower priority pod and no enough CPU resource',
    pod: { name: 'p', priority: HIGH, cpu: '300m', memory: '300' },
    pods: [
      { name: 'p1', node: 'node1', priority: HIGH },
      { name: 'p2', node: 'node2' },
      { name: 'p3', node: 'node3', priority: HIGH },
    ],
    nodes: [{ name: 'node1', ...ONE_POD }, { name: 'node2', ...NODE_RES }, { name: 'node3', ...ONE_POD }],
    statuses: { node1: U, node2: U, node3: U },
    wantNode: '',
    wantMessage: 'preemption: 0/3 nodes are available: 1 Insufficient cpu, 2 No preemption victims found for incoming pod.',
  },
];

describe('DefaultPreemption PostFilter (TestPostFilter cases)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const b = build(c.nodes, [...c.pods, c.pod]);
      if (c.pdbs) b.sim.scheduler.setPdbLister(() => c.pdbs!);
      const statuses = new Map(Object.entries(c.statuses).map(([k, f]) => [k, f()]));
      const out = preempt(b.sim.scheduler.frameworkHandle, DEFAULT_PREEMPTION_ARGS, new CycleState(), b.pod(c.pod.name), statuses, 'DefaultPreemption');
      assert.equal(out.result?.nominatedNode, c.wantNode);
      if (c.wantNode !== '') assert.equal(out.status, null);
      else {
        assert.equal(out.status?.code, Code.Unschedulable);
        assert.equal(out.status?.message, c.wantMessage);
      }
    });
  }
});

describe('PodEligibleToPreemptOthers', () => {
  function nominatedWithTerminatingVictim(): ReturnType<typeof build> {
    const b = build([{ name: 'node1', ...ONE_POD }], [{ name: 'victim', node: 'node1', grace: 30 }, { name: 'p', priority: HIGH }]);
    b.pod('victim').reason = 'Preempted';
    b.sim.store.markDeleting(b.pod('victim'));
    b.sim.scheduler.nominator.add(b.pod('p'), 'node1');
    return b;
  }
  it('preemptionPolicy Never is not eligible', () => {
    const b = build([{ name: 'node1', ...ONE_POD }], [{ name: 'p', priority: HIGH, preemptionPolicy: 'Never' }]);
    assert.equal(podEligibleToPreemptOthers(b.sim.scheduler.frameworkHandle, b.pod('p'), undefined), 'not eligible due to preemptionPolicy=Never.');
  });
  it('a lower-priority victim still terminating on the nominated node makes it wait', () => {
    const b = nominatedWithTerminatingVictim();
    assert.equal(podEligibleToPreemptOthers(b.sim.scheduler.frameworkHandle, b.pod('p'), Status.unschedulable()), 'not eligible due to a terminating pod on the nominated node.');
  });
  it('unless the nominated node is now UnschedulableAndUnresolvable', () => {
    const b = nominatedWithTerminatingVictim();
    assert.equal(podEligibleToPreemptOthers(b.sim.scheduler.frameworkHandle, b.pod('p'), Status.unresolvable()), null);
  });
  it('a pod without a nomination is eligible', () => {
    const b = build([{ name: 'node1', ...ONE_POD }], [{ name: 'p', priority: HIGH }]);
    assert.equal(podEligibleToPreemptOthers(b.sim.scheduler.frameworkHandle, b.pod('p'), undefined), null);
  });
});

describe('after selecting a candidate (prepareCandidate)', () => {
  it('lower-priority pods nominated to the chosen node lose their nomination; others keep theirs', () => {
    // Room for 2 pods: p1 runs, top (higher priority, nominated) is counted, so p needs p1's place.
    const b = build([{ name: 'node1', pods: 2 }], [{ name: 'p1', node: 'node1' }, { name: 'low', priority: MID }, { name: 'top', priority: VERY_HIGH }, { name: 'p', priority: HIGH }]);
    const n = b.sim.scheduler.nominator;
    n.add(b.pod('low'), 'node1');
    n.add(b.pod('top'), 'node1');
    const out = preempt(b.sim.scheduler.frameworkHandle, DEFAULT_PREEMPTION_ARGS, new CycleState(), b.pod('p'), new Map([['node1', U()]]), 'DefaultPreemption');
    assert.equal(out.result?.nominatedNode, 'node1');
    assert.equal(b.pod('low').nominatedNodeName, '');
    assert.equal(b.pod('top').nominatedNodeName, 'node1');
    assert.deepEqual(n.podsFor('node1').map((p) => p.name), ['top']);
  });

  it('victims are marked for graceful deletion and recorded as PodPreempted', () => {
    const b = build([{ name: 'node1', ...ONE_POD }], [{ name: 'p1', node: 'node1' }, { name: 'p', priority: HIGH }]);
    preempt(b.sim.scheduler.frameworkHandle, DEFAULT_PREEMPTION_ARGS, new CycleState(), b.pod('p'), new Map([['node1', U()]]), 'DefaultPreemption');
    assert.ok(b.pod('p1').deletionMs >= 0);
    assert.equal(b.pod('p1').reason, 'Preempted');
    assert.deepEqual(b.events.filter((r) => r[1] === 'PodPreempted').map((r) => r.slice(2)), [['default/p1', 'node1', 'preempted by default/p']]);
  });
});
