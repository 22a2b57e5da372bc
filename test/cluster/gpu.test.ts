import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bestFitGpu, defaultGpuChoice, gpuRequestFrom, gpuRequestProblems, gpusFit, lowestIndexGpus, makeGpuRequest } from '../../engine/cluster/gpu.js';
import type { NodeGpus } from '../../engine/cluster/gpu.js';
import { runText, smallScenario } from '../helpers.js';

const node = (model: string, ...free: number[]): NodeGpus => ({ model, free: Int32Array.from(free) });

describe('GPU fit: k GPUs with free milli >= the per-GPU milli, model allowed', () => {
  const cases: [string, ReturnType<typeof makeGpuRequest>, NodeGpus, boolean][] = [
    ['two whole GPUs need two fully free GPUs', makeGpuRequest(2, 1000), node('T4', 1000, 500, 1000), true],
    ['two whole GPUs do not fit one free and one almost free', makeGpuRequest(2, 1000), node('T4', 1000, 500, 900), false],
    ['a share fits inside one GPU with enough left', makeGpuRequest(1, 500), node('T4', 300, 500), true],
    ['a share does not span two GPUs', makeGpuRequest(1, 600), node('T4', 300, 500), false],
    ['an accepted model fits', makeGpuRequest(1, 1000, 'V100M16|V100M32'), node('V100M32', 1000), true],
    ['another model does not', makeGpuRequest(1, 1000, 'V100M16|V100M32'), node('T4', 1000), false],
  ];
  for (const [name, req, gpus, fits] of cases) it(name, () => assert.equal(gpusFit(req!, gpus), fits));
});

describe('within-node GPU choice', () => {
  it('whole GPUs take the lowest-index fully free GPUs', () => assert.deepEqual(lowestIndexGpus(Int32Array.from([500, 1000, 1000, 1000]), 1000, 2), [1, 2]));
  it('a share goes to the best fit, lowest index on ties', () => assert.equal(bestFitGpu(Int32Array.from([1000, 400, 700, 400]), 300), 1));
  it('the default choice of a share is best fit', () => assert.deepEqual(defaultGpuChoice(makeGpuRequest(1, 300)!, Int32Array.from([1000, 400])), [1]));
});

describe('GPU request from a pod manifest', () => {
  it('nvidia.com/gpu: k asks for k whole GPUs', () => assert.deepEqual(gpuRequestFrom(2, {}), { count: 2, milli: 1000, models: undefined, modelsText: '' }));
  it('the gpu-milli annotation alone asks for a share of one GPU', () => assert.deepEqual(gpuRequestFrom(0, { 'kubesim.io/gpu-milli': '250', 'kubesim.io/gpu-models': 'T4|P100' }), { count: 1, milli: 250, models: ['T4', 'P100'], modelsText: 'T4|P100' }));
  it('a share with nvidia.com/gpu > 1 is refused', () => assert.equal(gpuRequestProblems(2, '500').length, 1));
  it('a milli share outside 1..1000 is refused', () => assert.equal(gpuRequestProblems(1, '1500').length, 1));
});

const GPU_SCENARIO = (policy: string, pods: string): string =>
  smallScenario(pods, 0, `  scheduler: {policy: ${policy}}
  nodes:
    - pool: g
      count: 2
      allocatable: {cpu: "32", memory: 128Gi}
      gpus: {count: 4, model: V100M16}`).replace(/  nodes:\n    - pool: n\n      count: 0\n      zones: \[a, b, c\]\n      allocatable: \{cpu: "4", memory: 16Gi, pods: 110\}\n/, '');

function pod(name: string, gpuLine: string, annotations = ''): string {
  return `    - apiVersion: v1
      kind: Pod
      metadata: {name: ${name}${annotations ? `, annotations: {${annotations}}` : ''}}
      spec:
        containers: [{name: c, image: x, resources: {requests: {cpu: "1", memory: 1Gi${gpuLine}}}}]
`;
}

describe('GPU assignment is recorded on the pod and on the node', () => {
  it('pods get GPUs, shares pack into one GPU, and a pool gets nvidia.com/gpu and the model label', () => {
    const run = runText(GPU_SCENARIO('bestfit', pod('whole', ', nvidia.com/gpu: 2') + pod('s1', '', '"kubesim.io/gpu-milli": "600"') + pod('s2', '', '"kubesim.io/gpu-milli": "400"')));
    const s = run.store;
    const whole = s.pod('default', 'whole')!;
    const s1 = s.pod('default', 's1')!;
    const s2 = s.pod('default', 's2')!;
    assert.equal(whole.gpus?.length, 2);
    assert.equal(s1.gpus?.length, 1);
    assert.equal(s.nodeOf(s1)!.name, s.nodeOf(s2)!.name, 'best fit puts both shares on one node');
    assert.deepEqual(s1.gpus, s2.gpus, 'and on one GPU (600 + 400 = 1000)');
    const n = s.nodeOf(s1)!;
    assert.equal(n.gpus!.model, 'V100M16');
    assert.equal(n.gpus!.free[s1.gpus![0]!], 0);
  });

  it('a pod that leaves gives its GPU milli back', () => {
    const run = runText(GPU_SCENARIO('fgd', pod('s1', '', '"kubesim.io/gpu-milli": "500", "kubesim.io/duration": "1m"').replace('spec:\n', 'spec:\n        restartPolicy: Never\n')));
    const s1 = run.store.pod('default', 's1')!;
    assert.equal(s1.phase, 'Succeeded');
    for (const n of run.store.nodes) assert.deepEqual([...n.gpus!.free], [1000, 1000, 1000, 1000]);
  });

  it('a GPU pod that fits nowhere waits, or fails at once with unschedulablePods: fail', () => {
    const big = pod('big', ', nvidia.com/gpu: 8');
    assert.equal(runText(GPU_SCENARIO('bestfit', big)).store.pod('default', 'big')!.phase, 'Pending');
    const failed = runText(GPU_SCENARIO('bestfit', big).replace('scheduler: {policy: bestfit}', 'scheduler: {policy: bestfit, unschedulablePods: fail}')).store.pod('default', 'big')!;
    assert.equal(failed.phase, 'Failed');
    assert.equal(failed.reason, 'Unschedulable');
  });

  it('unschedulablePods: fail leaves pods of a Deployment waiting (no endless replacement)', () => {
    const deploy = `    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: big}
      spec:
        replicas: 1
        selector: {matchLabels: {app: big}}
        template:
          metadata: {labels: {app: big}}
          spec:
            containers: [{name: c, image: x, resources: {requests: {cpu: "1", nvidia.com/gpu: 8}}}]
`;
    const run = runText(GPU_SCENARIO('bestfit', deploy).replace('scheduler: {policy: bestfit}', 'scheduler: {policy: bestfit, unschedulablePods: fail}'));
    assert.equal(run.store.allPods.length, 1);
    assert.equal(run.store.allPods[0]!.phase, 'Pending');
  });
});
