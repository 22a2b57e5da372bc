import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { nodeFragmentation, typicalPods } from '../../engine/metrics/fragmentation.js';
import { roundHalfEven } from '../../engine/metrics/alloc-curve.js';
import type { TypicalPod } from '../../engine/cluster/gpu.js';

const T: TypicalPod[] = [
  { cpuMillis: 1000, gpuMilli: 500, gpuCount: 1, modelsText: '', models: undefined, weight: 0.5 },
  { cpuMillis: 1000, gpuMilli: 0, gpuCount: 0, modelsText: '', models: undefined, weight: 0.25 },
  { cpuMillis: 1000, gpuMilli: 1000, gpuCount: 2, modelsText: '', models: undefined, weight: 0.25 },
];

describe('node fragmentation w.r.t. the typical pods (fgd-experiment.md 4.2)', () => {
  const free = Int32Array.from([1000, 300, 1000, 0]);
  // idle 2300; share 500: GPUs < 500 are fragments (300); CPU-only: all 2300; 2 whole GPUs: fits, 300.
  it('counts the GPUs too small for each typical pod, or all idle GPU if it cannot run', () => assert.equal(nodeFragmentation(4000, 'T4', free, 4, T), 0.5 * 300 + 0.25 * 2300 + 0.25 * 300));
  it('a node without CPU for the typical pods is all fragment', () => assert.equal(nodeFragmentation(500, 'T4', free, 4, T), 2300));
  it('an excluded model is all fragment', () => {
    const onlyV100 = T.map((t) => (t.gpuCount > 0 ? { ...t, models: ['V100M16'], modelsText: 'V100M16' } : t));
    assert.equal(nodeFragmentation(4000, 'T4', free, 4, onlyV100), 2300);
  });
  it('a node with no idle GPU has no fragment', () => assert.equal(nodeFragmentation(4000, 'T4', Int32Array.from([0, 0]), 2, T), 0));
  // FGD on this node for a 300-milli share (1 CPU): on GPU 1 -> F' = 0.25 * 2000 = 500, delta +300 (score 57);
  // on GPU 0 -> F' = 0.5*300 + 0.25*2000 + 0.25*2000 = 1150, delta -350 (score 41).
  it('placing a share on the small GPU lowers fragmentation, on a free GPU raises it', () => {
    assert.equal(nodeFragmentation(3000, 'T4', Int32Array.from([1000, 0, 1000, 0]), 4, T), 500);
    assert.equal(nodeFragmentation(3000, 'T4', Int32Array.from([700, 300, 1000, 0]), 4, T), 1150);
  });
});

describe('typical-pod distribution', () => {
  it('keeps the most frequent specs until they cover 95 % and renormalises', () => {
    const shapes = [
      ...Array.from({ length: 60 }, () => ({ cpuMillis: 1000, gpuMilli: 500, gpuCount: 1, modelsText: '' })),
      ...Array.from({ length: 36 }, () => ({ cpuMillis: 2000, gpuMilli: 0, gpuCount: 0, modelsText: '' })),
      ...Array.from({ length: 4 }, () => ({ cpuMillis: 3000, gpuMilli: 1000, gpuCount: 2, modelsText: '' })),
    ];
    const t = typicalPods(shapes);
    assert.equal(t.distinct, 3);
    assert.equal(t.kept, 2);
    assert.equal(t.coverage, 0.96);
    assert.deepEqual(t.pods.map((p) => p.weight), [60 / 96, 36 / 96]);
  });
  it('ties in count go to the larger spec (CPU first)', () => {
    const t = typicalPods([{ cpuMillis: 1000, gpuMilli: 0, gpuCount: 0, modelsText: '' }, { cpuMillis: 2000, gpuMilli: 0, gpuCount: 0, modelsText: '' }], 1);
    assert.deepEqual(t.pods.map((p) => p.cpuMillis), [2000, 1000]);
  });
});

describe("the curve's x binning rounds like Python's round()", () => {
  for (const [v, want] of [[0.5, 0], [1.5, 2], [2.5, 2], [2.51, 3], [99.49, 99]] as const) it(`${v} -> ${want}`, () => assert.equal(roundHalfEven(v), want));
});

describe('alloc curves aggregate over runs: mean and sample standard deviation per x', () => {
  it('averages the runs that have a value at x', async () => {
    const { aggregateAllocCurves } = await import('../../engine/metrics/alloc-curve-stats.js');
    const rows = aggregateAllocCurves([
      [[0, '10.00', '4.00'], [1, '20.00', '2.00']],
      [[0, '12.00', '6.00'], [1, '', '']],
    ]);
    assert.deepEqual(rows, [
      [0, 2, '11.00', '1.41', '5.00', '1.41'],
      [1, 1, '20.00', '0.00', '2.00', '0.00'],
    ]);
  });
});
