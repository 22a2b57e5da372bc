/** NodeResourcesFit's rejections: one shared Status per list of reasons, the reasons as upstream words them. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { newNodeResourcesFit } from '../../../../engine/scheduler/plugins/noderesources/fit.js';
import { CycleState } from '../../../../engine/scheduler/framework/interfaces.js';
import { ClusterStore } from '../../../../engine/cluster/store.js';
import { CPU, MEMORY, PODS, ResourceNames } from '../../../../engine/cluster/resources.js';
import { Simulator } from '../../../../engine/core/simulator.js';
import { Rng } from '../../../../engine/core/rng.js';
import type { Node } from '../../../../engine/cluster/node.js';
import type { Pod, PodSpec } from '../../../../engine/cluster/pod.js';

const GI = 1024 ** 3;

describe('NodeResourcesFit rejections', () => {
  const names = new ResourceNames();
  const store = new ClusterStore(new Simulator(), names);
  const node = (name: string, cpu: number, mem: number, pods = 110): Node => {
    const alloc = names.vector();
    alloc[CPU] = cpu;
    alloc[MEMORY] = mem;
    alloc[PODS] = pods;
    return store.addNode({ name, labels: {}, taints: [], unschedulable: false, allocatable: alloc, images: [], pool: '' });
  };
  const requests = names.vector();
  requests[CPU] = 4000;
  requests[MEMORY] = 8 * GI;
  const pod = { spec: { requests, nonZeroCpu: 4000, nonZeroMemory: 8 * GI } as unknown as PodSpec } as Pod;
  const fit = newNodeResourcesFit(undefined, { store, rng: new Rng('t') });
  const [smallCpu, alsoSmallCpu, small, roomy] = [node('a', 2000, 64 * GI), node('b', 1000, 64 * GI), node('c', 1000, 4 * GI), node('d', 8000, 64 * GI)];
  const [fullSmallCpu, alsoFullSmallCpu] = [node('e', 1000, 64 * GI, 0), node('f', 3000, 64 * GI, 0)];

  it('gives nodes short of the same resources the very same Status', () => {
    const a = fit.filter(new CycleState(), pod, smallCpu!);
    assert.deepEqual(a?.reasons, ['Insufficient cpu']);
    assert.equal(fit.filter(new CycleState(), pod, alsoSmallCpu!), a);
  });

  it('keeps a different list of reasons apart, and admits a node with room', () => {
    const both = fit.filter(new CycleState(), pod, small!);
    assert.deepEqual(both?.reasons, ['Insufficient cpu', 'Insufficient memory']);
    assert.notEqual(both, fit.filter(new CycleState(), pod, smallCpu!));
    assert.equal(fit.filter(new CycleState(), pod, roomy!), null);
  });

  it('words a full node short of cpu as upstream does, pods first, and shares that Status too', () => {
    const full = fit.filter(new CycleState(), pod, fullSmallCpu!);
    assert.deepEqual(full?.reasons, ['Too many pods', 'Insufficient cpu']);
    assert.equal(fit.filter(new CycleState(), pod, alsoFullSmallCpu!), full);
    assert.notEqual(full, fit.filter(new CycleState(), pod, smallCpu!));
  });
});
