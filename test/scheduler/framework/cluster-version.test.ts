/** The cluster version and its recent node changes (what near misses re-filter). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterVersion } from '../../../engine/scheduler/framework/cluster-version.js';
import { ClusterStore } from '../../../engine/cluster/store.js';
import { ResourceNames } from '../../../engine/cluster/resources.js';
import { Simulator } from '../../../engine/core/simulator.js';
import type { Node } from '../../../engine/cluster/node.js';

function setup(count: number): { store: ClusterStore; nodes: Node[]; cv: ClusterVersion } {
  const names = new ResourceNames();
  const store = new ClusterStore(new Simulator(), names);
  const cv = new ClusterVersion(store);
  const nodes = Array.from({ length: count }, (_, i) => store.addNode({ name: `n${i}`, labels: {}, taints: [], unschedulable: false, allocatable: names.vector(), images: [], pool: '' }));
  return { store, nodes, cv };
}

const touch = (store: ClusterStore, node: Node): void => store.setNodeTaints(node, []);
const names = (out: Node[]): string[] => out.map((n) => n.name).sort();

describe('ClusterVersion.changedSince', () => {
  it('leaves the entries past the count it returns as they were (it never cuts the list)', () => {
    const { store, nodes, cv } = setup(3);
    const since = cv.version;
    touch(store, nodes[2]!);
    const out: Node[] = [nodes[0]!, nodes[1]!, nodes[0]!];
    assert.equal(cv.changedSince(since, 100, out), 1);
    assert.deepEqual(out.map((n) => n.name), ['n2', 'n1', 'n0']);
  });

  it('lists each node changed after the version once', () => {
    const { store, nodes, cv } = setup(5);
    const since = cv.version;
    touch(store, nodes[1]!);
    touch(store, nodes[3]!);
    touch(store, nodes[1]!);
    const out: Node[] = [];
    assert.equal(cv.changedSince(since, 100, out), 2);
    assert.deepEqual(names(out), ['n1', 'n3']);
    assert.equal(cv.changedSince(cv.version, 100, out), 0);
  });

  it('leaves out deleted nodes (no walk holds them)', () => {
    const { store, nodes, cv } = setup(3);
    const since = cv.version;
    touch(store, nodes[0]!);
    store.removeNode(nodes[2]!);
    const out: Node[] = [];
    assert.equal(cv.changedSince(since, 100, out), 1);
    assert.deepEqual(names(out), ['n0']);
  });

  it('gives up when more changes than asked for happened', () => {
    const { store, nodes, cv } = setup(3);
    const since = cv.version;
    for (let i = 0; i < 5; i++) touch(store, nodes[i % 3]!);
    assert.equal(cv.changedSince(since, 4, []), -1);
    assert.equal(cv.changedSince(since, 5, []), 3);
  });

  it('gives up when the changes are older than the ring remembers', () => {
    const { store, nodes, cv } = setup(2);
    const since = cv.version;
    for (let i = 0; i < 5000; i++) touch(store, nodes[i % 2]!);
    assert.equal(cv.changedSince(since, 1e9, []), -1);
    const recent = cv.version - 10;
    const out: Node[] = [];
    assert.equal(cv.changedSince(recent, 1e9, out), 2);
    assert.deepEqual(names(out), ['n0', 'n1']);
  });
});
