/** Each FGD-paper policy's integer score on small cases computed by hand from fgd-experiment.md sec. 3. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeGpuRequest } from '../../../engine/cluster/gpu.js';
import { dotProdScore } from '../../../engine/scheduler/plugins/dotprod/dot-prod.js';
import { bestFitRaw, minMaxNormalize } from '../../../engine/scheduler/plugins/bestfit/best-fit.js';
import { clusteringScore } from '../../../engine/scheduler/plugins/gpuclustering/gpu-clustering.js';
import { packingScore } from '../../../engine/scheduler/plugins/gpupacking/gpu-packing.js';
import { fgdScore } from '../../../engine/scheduler/plugins/fgd/fgd.js';

describe('DotProd: trunc(100 * (1 - (Cf*c/128000^2 + Gf*G/8000^2) / 2))', () => {
  const cases: [string, number, number, number, number, number][] = [
    // 32000*8000/128000^2 = 0.015625; 4000*500/8000^2 = 0.03125; 100 * (1 - 0.0234375) = 97.66
    ['a share on a half-free node', 32000, 8000, 4000, 500, 97],
    // 128000*128000/128000^2 = 1; 8000*8000/8000^2 = 1 -> 0
    ['the largest pod on the largest idle node', 128000, 128000, 8000, 8000, 0],
    ['a CPU-only pod ignores the GPUs', 64000, 16000, 8000, 0, 96],
  ];
  for (const [name, cf, c, gf, g, want] of cases) it(name, () => assert.equal(dotProdScore(cf, c, gf, g), want));
});

describe('BestFit: trunc(100 * (1 - ((Cf-c)/128000 + (Gf-G)/8000) / 2)), then min-max to 0..100', () => {
  // (24000/128000 + 3500/8000) / 2 = 0.3125 -> 68.75
  it('raw score of a share on a half-free node', () => assert.equal(bestFitRaw(32000, 8000, 4000, 500), 68));
  it('an exact fit scores 100', () => assert.equal(bestFitRaw(8000, 8000, 1000, 1000), 100));
  it('normalisation maps min..max to 0..100 with integer division', () => {
    const s = [68, 50, 59];
    minMaxNormalize(s);
    assert.deepEqual(s, [100, 0, 50]);
  });
  it('all-equal scores normalise to 0', () => {
    const s = [7, 7];
    minMaxNormalize(s);
    assert.deepEqual(s, [0, 0]);
  });
});

describe('GpuClustering: trunc(25 * (8000 - Gf) / 8000) + class bonus', () => {
  const SHARE = 0;
  const cases: [string, number, number, number[], number][] = [
    ['only pods of its class: +75', 4000, SHARE, [SHARE], 12 + 75],
    ['its class among others: +50', 4000, SHARE, [SHARE, 1], 12 + 50],
    ['no GPU pod yet: +25', 8000, SHARE, [], 25],
    ['only other classes: +0', 2000, 1, [SHARE], 18],
  ];
  for (const [name, gf, own, classes, want] of cases) it(name, () => assert.equal(clusteringScore(gf, own, new Set(classes)), want));
});

describe('GpuPacking: idle nodes < fully free GPUs on used nodes < shared GPUs', () => {
  const gpus = (...free: number[]): { model: string; free: Int32Array } => ({ model: 'T4', free: Int32Array.from(free) });
  const cases: [string, ReturnType<typeof makeGpuRequest>, ReturnType<typeof gpus>, number][] = [
    ['an idle 8-GPU node: max(33 - 8, 8)', makeGpuRequest(1, 500), gpus(1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000), 25],
    ['an idle 2-GPU node: 31', makeGpuRequest(1, 500), gpus(1000, 1000), 31],
    ['a share on a shared GPU with 500 free: p = 50, 100 - 5', makeGpuRequest(1, 300), gpus(1000, 500), 95],
    ['a share on a shared GPU with 300 free: p = 30, 100 - 3', makeGpuRequest(1, 200), gpus(1000, 300), 97],
    ['a share too big for the shared GPU takes a free one: 50 - 1', makeGpuRequest(1, 600), gpus(1000, 500), 49],
    ['two whole GPUs on a used node: 50 - 2', makeGpuRequest(2, 1000), gpus(300, 1000, 1000, 0), 48],
  ];
  for (const [name, req, g, want] of cases) it(name, () => assert.equal(packingScore(req!, g), want));
});

describe('FGD: trunc(100 * sigmoid(delta / 1000))', () => {
  const cases: [number, number][] = [[0, 50], [1000, 73], [-1000, 26], [300, 57], [-350, 41], [-4600, 0]];
  for (const [delta, want] of cases) it(`delta ${delta} milli scores ${want}`, () => assert.equal(fgdScore(delta), want));
});
