/** A near miss re-filters only the nodes changed since the spec's last failure. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FailureMemo, nearMiss } from '../../../engine/scheduler/fastpath/failure-memo.js';
import { ClusterVersion } from '../../../engine/scheduler/framework/cluster-version.js';
import type { NearMissCycle, NearMissPath } from '../../../engine/scheduler/fastpath/failure-memo.js';
import { CycleState } from '../../../engine/scheduler/framework/interfaces.js';
import { Status } from '../../../engine/scheduler/framework/status.js';
import { ClusterStore } from '../../../engine/cluster/store.js';
import { ResourceNames } from '../../../engine/cluster/resources.js';
import { Simulator } from '../../../engine/core/simulator.js';
import type { Node } from '../../../engine/cluster/node.js';
import type { Pod } from '../../../engine/cluster/pod.js';
import { Simulation } from '../../../engine/scenario/simulation.js';
import { MemorySink } from '../../../engine/metrics/sink.js';
import { resolvePolicy } from '../../../engine/scheduler/policies.js';
import { scenarioFromText } from '../../helpers.js';

const CPU_SHORT = (): Status => Status.unschedulable('Insufficient cpu').withPlugin('NodeResourcesFit');
const MEM_SHORT = (): Status => Status.unschedulable('Insufficient memory').withPlugin('NodeResourcesFit');

function setup(verdict: (node: Node) => Status | null): { store: ClusterStore; nodes: Node[]; path: NearMissPath; pod: Pod; first: Map<string, Status> } {
  const names = new ResourceNames();
  const store = new ClusterStore(new Simulator(), names);
  const nodes = Array.from({ length: 16 }, (_, i) => store.addNode({ name: `n${i}`, labels: {}, taints: [], unschedulable: false, allocatable: names.vector(), images: [], pool: '' }));
  const failures = new FailureMemo(new ClusterVersion(store));
  const path: NearMissPath = { failures, statusOf: (_s, _p, node) => verdict(node) };
  const pod = { spec: {}, namespace: 'default', labels: {} } as unknown as Pod;
  const first = new Map(nodes.map((n) => [n.name, CPU_SHORT()]));
  failures.remember(pod, 0, 0, false, first, nodes);
  return { store, nodes, path, pod, first };
}

function cycle(walk: Node[]): NearMissCycle {
  return { walk, nominatorVersion: 0, skipKey: 0, skip: [], fingerprint: null, nominated: [], mark: null, override: null };
}

describe('near miss', () => {
  it('gives back the very same statuses map when the changed nodes reject the pod as before', () => {
    const { store, nodes, path, pod, first } = setup(() => CPU_SHORT());
    store.setNodeTaints(nodes[3]!, []);
    assert.equal(nearMiss(path, new CycleState(), pod, cycle(nodes)), first);
    assert.equal(path.failures!.nearHits, 1);
  });

  it('copies the map with the changed node updated when its rejection changed', () => {
    const { store, nodes, path, pod, first } = setup((n) => (n.name === 'n3' ? MEM_SHORT() : CPU_SHORT()));
    store.setNodeTaints(nodes[3]!, []);
    const next = nearMiss(path, new CycleState(), pod, cycle(nodes))!;
    assert.notEqual(next, first);
    assert.deepEqual(next.get('n3')!.reasons, ['Insufficient memory']);
    assert.deepEqual(first.get('n3')!.reasons, ['Insufficient cpu']);
    assert.deepEqual([...next.keys()], [...first.keys()]);
  });

  it('forgets a failure with too many nodes changed since, so later pods of the spec do not count them again', () => {
    const { store, nodes, path, pod } = setup(() => CPU_SHORT());
    for (const i of [1, 2, 3]) store.setNodeTaints(nodes[i]!, []); // more than 16 / 8
    assert.equal(nearMiss(path, new CycleState(), pod, cycle(nodes)), undefined);
    assert.equal(path.failures!.size, 0);
  });

  it('keeps a failure of the current version that a near miss cannot use (an exact hit still can)', () => {
    const { nodes, path, pod, first } = setup(() => CPU_SHORT());
    const exactPod = { ...pod, nominatedNodeName: '' } as Pod;
    path.failures!.remember(exactPod, 0, 0, false, first, nodes);
    assert.equal(nearMiss(path, new CycleState(), exactPod, cycle(nodes.slice(1))), undefined); // another node list
    assert.equal(path.failures!.size, 1);
    assert.equal(path.failures!.get(exactPod, 0, 0, false), first);
  });

  it('walks instead when a changed node admits the pod now', () => {
    const { store, nodes, path, pod } = setup((n) => (n.name === 'n3' ? null : CPU_SHORT()));
    store.setNodeTaints(nodes[3]!, []);
    assert.equal(nearMiss(path, new CycleState(), pod, cycle(nodes)), undefined);
  });

  it('re-filters the nodes that carry nominated pods now, through the two-pass filter', () => {
    const { nodes, path, pod } = setup(() => CPU_SHORT());
    const seen: string[] = [];
    const override = (_s: CycleState, _p: Pod, node: Node): Status | null => {
      seen.push(node.name);
      return node.name === 'n5' ? null : CPU_SHORT();
    };
    const mark = new Uint8Array(16);
    mark[5] = 1;
    // Nothing changed in the store: only the nominated node is asked, and it admits the pod.
    assert.equal(nearMiss(path, new CycleState(), pod, { ...cycle(nodes), nominated: [nodes[5]!], mark, override }), undefined);
    assert.deepEqual(seen, ['n5']);
  });

  it('keeps a nominated pod\'s failure from exact reuse (its own nomination did not count), not from near misses', () => {
    const { nodes, path, pod } = setup(() => CPU_SHORT());
    const nominatedPod = { ...pod, nominatedNodeName: 'n2' } as Pod;
    const statuses = new Map(nodes.map((n) => [n.name, CPU_SHORT()]));
    path.failures!.remember(nominatedPod, 0, 0, false, statuses, nodes, null, [nodes[2]!]);
    assert.equal(path.failures!.get({ ...pod, nominatedNodeName: '' } as Pod, 0, 0, false), undefined);
    const seen: string[] = [];
    const verdict = (_s: CycleState, _p: Pod, node: Node): Status | null => (seen.push(node.name), CPU_SHORT());
    const near = nearMiss({ ...path, statusOf: verdict }, new CycleState(), pod, cycle(nodes));
    assert.equal(near, statuses);
    assert.deepEqual(seen, ['n2']);
  });

  it('re-filters the nodes that carried nominated pods at the remembered failure', () => {
    const { nodes, path, pod } = setup(() => CPU_SHORT());
    path.failures!.remember(pod, 0, 0, false, new Map(nodes.map((n) => [n.name, n.name === 'n7' ? MEM_SHORT() : CPU_SHORT()])), nodes, null, [nodes[7]!]);
    // The nomination on n7 is gone: n7 is filtered again (plainly) and its status updated.
    const next = nearMiss(path, new CycleState(), pod, cycle(nodes))!;
    assert.deepEqual(next.get('n7')!.reasons, ['Insufficient cpu']);
    assert.equal(path.failures!.nearHits, 1);
  });
});

/**
 * A pod that PodTopologySpread rejects on n-0 and n-1 (zone skew) and that finds n-2 full and t-0 tainted.
 * At 1 m a matching pod lands on t-0 (it names the node): zone z3's count rises, the minimum with it, and
 * n-0 and n-1, which did not change, admit the pod. A near miss that ignored the spread counts would keep the
 * pod pending (t-0, the only changed node, still rejects it). Pool x (tainted) makes the walk long
 * enough for a near miss to be tried.
 */
const SPREAD_MINIMUM_RISES = `apiVersion: kubesim.io/v1alpha1
kind: Scenario
metadata: {name: near-miss-spread}
spec:
  seed: 1
  duration: 3m
  nodes:
    - {pool: n, count: 3, zones: [z1, z2, z3], allocatable: {cpu: "4", memory: 16Gi, pods: 20}}
    - {pool: t, count: 1, zones: [z3], allocatable: {cpu: "4", memory: 16Gi, pods: 20}, taints: [{key: hold, effect: NoSchedule}]}
    - {pool: x, count: 12, zones: [z1], allocatable: {cpu: "4", memory: 16Gi, pods: 20}, taints: [{key: other, effect: NoSchedule}]}
  manifests:
${[['w1', 'n-0'], ['w2', 'n-0'], ['w3', 'n-1'], ['w4', 'n-1'], ['w5', 'n-2']].map(([name, node]) => `    - {apiVersion: v1, kind: Pod, metadata: {name: ${name}, labels: {app: web}}, spec: {nodeName: ${node}, containers: [{name: c, resources: {requests: {cpu: "1"}}}]}}`).join('\n')}
    - {apiVersion: v1, kind: Pod, metadata: {name: filler}, spec: {nodeName: n-2, containers: [{name: c, resources: {requests: {cpu: "3"}}}]}}
    - apiVersion: v1
      kind: Pod
      metadata: {name: pending, labels: {app: web}}
      spec:
        topologySpreadConstraints:
          - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}
        containers: [{name: c, resources: {requests: {cpu: "1"}}}]
  generators:
    - name: late
      arrival: {type: poisson, meanInterval: 1s}
      start: 1m
      maxCount: 1
      template:
        kind: Pod
        metadata: {labels: {app: web}}
        spec: {nodeName: t-0, containers: [{name: c, resources: {requests: {cpu: "1"}}}]}
`;

describe('near miss with PodTopologySpread', () => {
  for (const fastPath of [true, false]) {
    it(`walks again when a matching pod elsewhere changed the spread counts (fastPath ${fastPath})`, () => {
      const events = new MemorySink();
      const sim = new Simulation(scenarioFromText(SPREAD_MINIMUM_RISES), { schedulerOptions: { ...resolvePolicy('default'), fastPath }, events, timeseries: new MemorySink() });
      sim.run();
      const rows = events.rows.filter((r) => r[2] === 'default/pending' && (r[1] === 'PodScheduled' || r[1] === 'PodUnschedulable'));
      assert.deepEqual(rows.map((r) => r[1]), ['PodUnschedulable', 'PodScheduled']);
      assert.match(String(rows[0]![4]), /2 node\(s\) didn't match pod topology spread constraints/);
      assert.ok(['n-0', 'n-1'].includes(String(rows[1]![3])));
      assert.ok(Number(rows[1]![0]) >= 60 && Number(rows[1]![0]) < 62, `scheduled at ${rows[1]![0]}`);
    });
  }
});
