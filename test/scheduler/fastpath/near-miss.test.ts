/** A near miss re-filters only the nodes changed since the spec's last failure. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FailureMemo, nearMiss } from '../../../engine/scheduler/fastpath/failure-memo.js';
import { ClusterVersion } from '../../../engine/scheduler/framework/cluster-version.js';
import type { NearMissPath } from '../../../engine/scheduler/fastpath/failure-memo.js';
import { CycleState } from '../../../engine/scheduler/framework/interfaces.js';
import { Status } from '../../../engine/scheduler/framework/status.js';
import { ClusterStore } from '../../../engine/cluster/store.js';
import { ResourceNames } from '../../../engine/cluster/resources.js';
import { Simulator } from '../../../engine/core/simulator.js';
import type { Node } from '../../../engine/cluster/node.js';
import type { Pod } from '../../../engine/cluster/pod.js';

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

describe('near miss', () => {
  it('gives back the very same statuses map when the changed nodes reject the pod as before', () => {
    const { store, nodes, path, pod, first } = setup(() => CPU_SHORT());
    store.setNodeTaints(nodes[3]!, []);
    assert.equal(nearMiss(path, new CycleState(), pod, nodes, 0, 0, []), first);
    assert.equal(path.failures!.nearHits, 1);
  });

  it('copies the map with the changed node updated when its rejection changed', () => {
    const { store, nodes, path, pod, first } = setup((n) => (n.name === 'n3' ? MEM_SHORT() : CPU_SHORT()));
    store.setNodeTaints(nodes[3]!, []);
    const next = nearMiss(path, new CycleState(), pod, nodes, 0, 0, [])!;
    assert.notEqual(next, first);
    assert.deepEqual(next.get('n3')!.reasons, ['Insufficient memory']);
    assert.deepEqual(first.get('n3')!.reasons, ['Insufficient cpu']);
    assert.deepEqual([...next.keys()], [...first.keys()]);
  });

  it('walks instead when a changed node admits the pod now', () => {
    const { store, nodes, path, pod } = setup((n) => (n.name === 'n3' ? null : CPU_SHORT()));
    store.setNodeTaints(nodes[3]!, []);
    assert.equal(nearMiss(path, new CycleState(), pod, nodes, 0, 0, []), undefined);
  });

  it('walks instead when another nomination version is asked for', () => {
    const { store, nodes, path, pod } = setup(() => CPU_SHORT());
    store.setNodeTaints(nodes[3]!, []);
    assert.equal(nearMiss(path, new CycleState(), pod, nodes, 1, 0, []), undefined);
  });
});
