/** Remembered fit/balanced scores must equal the formulas computed afresh, whatever the accounting churn. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { IMAGES, ResourceScores, TAINTED } from '../../../engine/scheduler/fastpath/resource-scores.js';
import { balancedScore, fitScore } from '../../../engine/scheduler/fastpath/formulas.js';
import { ClusterStore, adjustNodeAccounting } from '../../../engine/cluster/store.js';
import { CPU, MEMORY, ResourceNames } from '../../../engine/cluster/resources.js';
import { Simulator } from '../../../engine/core/simulator.js';
import type { Node } from '../../../engine/cluster/node.js';
import type { Pod, PodSpec } from '../../../engine/cluster/pod.js';

const GI = 1024 ** 3;
const LEAST = { most: false, wCpu: 1, wMem: 1 };

function specOf(names: ResourceNames, cpu: number, mem: number): PodSpec {
  const requests = names.vector();
  requests[CPU] = cpu;
  requests[MEMORY] = mem;
  return { requests, nonZeroCpu: cpu === 0 ? 100 : cpu, nonZeroMemory: mem === 0 ? 200 * 1024 * 1024 : mem } as unknown as PodSpec;
}

function cluster(count: number): { names: ResourceNames; nodes: Node[] } {
  const names = new ResourceNames();
  const store = new ClusterStore(new Simulator(), names);
  const nodes = Array.from({ length: count }, (_, i) => {
    const alloc = names.vector();
    alloc[CPU] = (i % 3 === 0 ? 8 : 16) * 1000;
    alloc[MEMORY] = (i % 2 === 0 ? 32 : 64) * GI;
    return store.addNode({ name: `n${i}`, labels: {}, taints: [], unschedulable: false, allocatable: alloc, images: [], pool: '' });
  });
  return { names, nodes };
}

function fresh(spec: PodSpec, nodes: readonly Node[], skipBalanced: boolean): number[] {
  return nodes.map((n) => fitScore(LEAST, n, spec.nonZeroCpu, spec.nonZeroMemory) + (skipBalanced ? 0 : balancedScore(n, spec.requests[CPU]!, spec.requests[MEMORY]!)));
}

describe('remembered resource scores', () => {
  it('equal fresh scores after any sequence of binds and releases, for two specs', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ node: fc.nat(7), cpu: fc.integer({ min: 0, max: 4000 }), bind: fc.boolean(), skip: fc.boolean() }), { maxLength: 40 }), (ops) => {
        const { names, nodes } = cluster(8);
        const cache = new ResourceScores(LEAST);
        const fused = new ResourceScores(LEAST); // setFrom only: its entries go stale between steps
        const specs = [specOf(names, 500, GI), specOf(names, 0, 0)];
        const bound: Pod[][] = nodes.map(() => []);
        for (const op of ops) {
          const node = nodes[op.node]!;
          if (op.bind || bound[op.node]!.length === 0) {
            const pod = { spec: specOf(names, op.cpu, op.cpu * 1024 * 1024) } as unknown as Pod;
            adjustNodeAccounting(node, pod, 1);
            bound[op.node]!.push(pod);
          } else adjustNodeAccounting(node, bound[op.node]!.pop()!, -1);
          for (const spec of specs) {
            const totals = new Float64Array(nodes.length);
            cache.addTo(spec, nodes, totals, op.skip);
            assert.deepEqual([...totals], fresh(spec, nodes, op.skip));
            // The fused path's pass: from a base, with the node indexes, candidates in another order.
            const order = [...nodes].reverse();
            const idx = new Int32Array(order.length);
            const set = new Float64Array(order.length).fill(-1);
            assert.equal(fused.setFrom(spec, order, 5, set, op.skip, idx, 0), 0);
            assert.deepEqual([...set], fresh(spec, order, op.skip).map((v) => v + 5));
            assert.deepEqual([...idx], order.map((n) => n.index));
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('setFrom reports taints and images only when asked to look', () => {
    const { names, nodes } = cluster(3);
    const cache = new ResourceScores(LEAST);
    const spec = specOf(names, 500, GI);
    const idx = new Int32Array(3);
    nodes[1]!.taints = [{ key: 'k', value: 'v', effect: 'PreferNoSchedule' }];
    assert.equal(cache.setFrom(spec, nodes, 0, new Float64Array(3), false, idx, 0), 0);
    assert.equal(cache.setFrom(spec, nodes, 0, new Float64Array(3), false, idx, TAINTED | IMAGES), TAINTED);
  });

  it('says whether any candidate carries taints', () => {
    const { names, nodes } = cluster(3);
    const cache = new ResourceScores(LEAST);
    const spec = specOf(names, 500, GI);
    assert.equal(cache.addTo(spec, nodes, new Float64Array(3), false), false);
    nodes[1]!.taints = [{ key: 'k', value: 'v', effect: 'PreferNoSchedule' }];
    assert.equal(cache.addTo(spec, nodes, new Float64Array(3), false), true);
  });

  it('adds to the totals it is given, for candidates in any order', () => {
    const { names, nodes } = cluster(4);
    const cache = new ResourceScores(LEAST);
    const spec = specOf(names, 1000, 2 * GI);
    const order = [nodes[3]!, nodes[0]!, nodes[2]!];
    const totals = Float64Array.from([1, 2, 3]);
    cache.addTo(spec, order, totals, false);
    assert.deepEqual([...totals], fresh(spec, order, false).map((v, i) => v + i + 1));
  });
});
