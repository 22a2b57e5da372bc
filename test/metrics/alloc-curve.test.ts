import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runText, smallScenario } from '../helpers.js';

const pod = (name: string, gpu: string, annotations = ''): string => `    - {apiVersion: v1, kind: Pod, metadata: {name: ${name}${annotations}}, spec: {containers: [{name: c, image: x, resources: {requests: {cpu: "1"${gpu}}}}]}}
`;

describe('alloc_curve.csv: allocation vs arrived GPU demand, one report per scheduling decision', () => {
  // One node with 2 GPUs (2000 milli): a 500-milli share on GPU 0 (x = 25, 25 % allocated), a whole GPU on
  // GPU 1 (x = 75, 75 %), then two whole GPUs that find no fully free GPU and fail at once (x = 125, 175).
  const yaml = smallScenario(pod('a', '', ', annotations: {"kubesim.io/gpu-milli": "500"}') + pod('b', ', nvidia.com/gpu: 1') + pod('c', ', nvidia.com/gpu: 1') + pod('d', ', nvidia.com/gpu: 1'), 0, `  scheduler: {policy: bestfit, unschedulablePods: fail}
  nodes:
    - pool: g
      count: 1
      allocatable: {cpu: "8", memory: 32Gi}
      gpus: {count: 2, model: T4}`).replace(/  nodes:\n    - pool: n\n      count: 0\n.*\n.*\n/, '');
  const rows = runText(yaml).allocCurve.rows();
  const at = (x: number): unknown[] => rows[x]!.slice(0, 2);

  it('each decision lands in the bin of the demand arrived so far', () => {
    assert.deepEqual(at(25), [25, '25.00']);
    assert.deepEqual(at(75), [75, '75.00']);
    assert.deepEqual(at(125), [125, '75.00'], 'failed pods still advance x');
    assert.deepEqual(at(175), [175, '75.00']);
    assert.equal(rows.length, 176, 'rows run to max(130, the largest x)');
  });

  it('an empty bin takes the reports of x-1..x+1, else stays empty', () => {
    assert.deepEqual(at(24), [24, '25.00']);
    assert.deepEqual(at(50), [50, '']);
  });
});
