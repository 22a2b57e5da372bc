import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runText, smallScenario } from '../helpers.js';

const GPU_POOL = `  nodes:
    - pool: t4
      count: 3
      allocatable: {cpu: "32", memory: 128Gi}
      gpus: {count: 2, model: T4}
    - pool: v100
      count: 3
      allocatable: {cpu: "32", memory: 128Gi}
      gpus: {count: 2, model: V100M16}
`;

function scenario(seed: number, tieBreak: string, pods: string): string {
  return smallScenario(pods, 0, `  scheduler: {policy: bestfit, tieBreak: ${tieBreak}}\n${GPU_POOL}`)
    .replace(/  nodes:\n    - pool: n\n      count: 0\n.*\n.*\n/, '')
    .replace('seed: 7', `seed: ${seed}`);
}

const CPU_POD = `    - {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: c, image: x, resources: {requests: {cpu: "1"}}}]}}
`;

describe('nodeRank tie-break: the node with the smallest per-seed rank wins among equal scores', () => {
  it('the same seed picks the same node, and seeds spread the choice over the tied nodes', () => {
    const pick = (seed: number): string => {
      const run = runText(scenario(seed, 'nodeRank', CPU_POD));
      return run.store.nodeOf(run.store.pod('default', 'p')!)!.name;
    };
    assert.equal(pick(1), pick(1));
    const chosen = new Set(Array.from({ length: 12 }, (_, i) => pick(i + 1)));
    assert.ok(chosen.size >= 3, `only ${[...chosen].join(', ')}`);
  });

  it('pods of one seed keep landing on the top-ranked node while it ties with the others', () => {
    const pods = [1, 2, 3].map((i) => CPU_POD.replace('name: p}', `name: p${i}}`)).join('');
    // BestFit prefers the fuller node once one pod is placed, so all three share a node.
    const run = runText(scenario(3, 'nodeRank', pods));
    const nodes = new Set(['p1', 'p2', 'p3'].map((n) => run.store.nodeOf(run.store.pod('default', n)!)!.name));
    assert.equal(nodes.size, 1);
  });
});

describe('GPU models: a pod that lists models runs only on nodes of those models', () => {
  it('kubesim.io/gpu-models restricts the nodes', () => {
    const pods = Array.from({ length: 4 }, (_, i) => `    - {apiVersion: v1, kind: Pod, metadata: {name: g${i}, annotations: {"kubesim.io/gpu-milli": "300", "kubesim.io/gpu-models": "V100M16|V100M32"}}, spec: {containers: [{name: c, image: x, resources: {requests: {cpu: "1"}}}]}}
`).join('');
    const run = runText(scenario(5, 'random', pods));
    for (let i = 0; i < 4; i++) assert.match(run.store.nodeOf(run.store.pod('default', `g${i}`)!)!.name, /^v100-/);
  });
});
