import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runScenario, scenarioFromText, smallScenario } from '../helpers.js';

const pods = (n: number): string =>
  Array.from({ length: n }, (_, i) => `    - {apiVersion: v1, kind: Pod, metadata: {name: p${i}, labels: {app: a}}, spec: {containers: [{name: c, resources: {requests: {cpu: "1", memory: 1Gi}}}]}}`).join('\n');

function placements(policy: string, n = 8, nodes = 4): string[] {
  const run = runScenario(scenarioFromText(smallScenario(pods(n), nodes)), { policy });
  return run.events.filter((r) => r[1] === 'PodScheduled').map((r) => String(r[3]));
}

const count = (xs: string[]): number => new Set(xs).size;

describe('built-in policies', () => {
  it('binpack (MostAllocated) fills a node before using the next', () => assert.equal(count(placements('binpack')), 2));
  it('default (LeastAllocated) spreads over every node', () => assert.equal(count(placements('default')), 4));
  it('spread spreads over every node', () => assert.equal(count(placements('spread')), 4));
  it('first-fit takes the first feasible node in node order', () => assert.deepEqual(placements('first-fit', 5), ['n-0', 'n-0', 'n-0', 'n-0', 'n-1']));
  it('random is reproducible with the same seed', () => assert.deepEqual(placements('random'), placements('random')));
});
