/** GpuFit in the default profile: GPU pods are filtered by free devices, and the fused fast path gives the same placements. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolvePolicy } from '../../engine/scheduler/policies.js';
import { eventsNamed, runScenario, scenarioFromText } from '../helpers.js';

const SCENARIO = `apiVersion: kubesim.io/v1alpha1
kind: Scenario
metadata: {name: gpu-default}
spec:
  seed: 3
  duration: 1m
  nodes:
    - {pool: cpu, count: 3, allocatable: {cpu: "32", memory: 128Gi}}
    - {pool: gpu, count: 2, allocatable: {cpu: "32", memory: 128Gi}, gpus: {count: 2, model: V100M16}}
  manifests:
${Array.from({ length: 6 }, (_, i) => `    - {apiVersion: v1, kind: Pod, metadata: {name: g${i}, annotations: {"kubesim.io/gpu-milli": "600"}}, spec: {containers: [{name: c, image: x, resources: {requests: {cpu: "1"}}}]}}`).join('\n')}
${Array.from({ length: 6 }, (_, i) => `    - {apiVersion: v1, kind: Pod, metadata: {name: c${i}}, spec: {containers: [{name: c, image: x, resources: {requests: {cpu: "2"}}}]}}`).join('\n')}
`;

function placements(fastPath: boolean): string[] {
  const base = resolvePolicy('default');
  const run = runScenario(scenarioFromText(SCENARIO), { schedulerOptions: { ...base, fastPath } });
  return eventsNamed(run, 'PodScheduled').map((r) => `${String(r[2])}@${String(r[3])}`);
}

describe('default profile with GPU pods', () => {
  it('places a 0.6-GPU share only where a GPU has 600 milli free (4 GPUs: 4 shares fit, 2 wait)', () => {
    const placed = placements(true).filter((p) => p.startsWith('default/g'));
    assert.equal(placed.length, 4);
    for (const p of placed) assert.match(p, /@gpu-/);
  });
  it('gives the same placements with and without the fused fast path', () => assert.deepEqual(placements(true), placements(false)));
});
