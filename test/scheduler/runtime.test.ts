import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { numFeasibleNodesToFind } from '../../engine/scheduler/framework/runtime.js';
import { nodeTreeOrder } from '../../engine/scheduler/framework/node-tree.js';
import type { Node } from '../../engine/cluster/node.js';
import { explainPod } from '../../engine/scenario/explain.js';
import { runScenario, scenarioFromText, smallScenario } from '../helpers.js';
import type { AnyPlugin, PluginFactory } from '../../engine/scheduler/framework/interfaces.js';

describe('numFeasibleNodesToFind (schedule_one.go)', () => {
  const cases: [number, number, number][] = [
    [0, 50, 50],
    [0, 99, 99],
    [0, 100, 100],
    [0, 1000, 420],
    [0, 5000, 500],
    [0, 6000, 300],
    [40, 6000, 2400],
    [0, 10000, 500],
    [100, 5000, 5000],
    [1, 1000, 100],
  ];
  for (const [pct, n, want] of cases) it(`${n} nodes at percentage ${pct} -> ${want}`, () => assert.equal(numFeasibleNodesToFind(pct, n), want));
});

describe('node tree order', () => {
  const node = (name: string, zone: string): Node => ({ name, labels: zone ? { 'topology.kubernetes.io/zone': zone } : {} }) as unknown as Node;
  it('interleaves zones round-robin, zones in order of first appearance', () => {
    const nodes = [node('a1', 'a'), node('a2', 'a'), node('a3', 'a'), node('b1', 'b'), node('c1', 'c'), node('c2', 'c')];
    assert.deepEqual(nodeTreeOrder(nodes).map((n) => n.name), ['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
  });
  it('keeps insertion order without zones', () => {
    assert.deepEqual(nodeTreeOrder([node('x', ''), node('y', '')]).map((n) => n.name), ['x', 'y']);
  });
});

const pods = (n: number, extra = ''): string =>
  Array.from({ length: n }, (_, i) => `    - {apiVersion: v1, kind: Pod, metadata: {name: p${i}}, spec: {containers: [{name: c, resources: {requests: {cpu: 100m}}}]${extra}}}`).join('\n');

describe('scheduling cycle', () => {
  it('the same seed gives the same placements (ties broken by the scheduler stream)', () => {
    const text = smallScenario(pods(30), 6);
    const a = runScenario(scenarioFromText(text)).events.filter((r) => r[1] === 'PodScheduled').map((r) => r[3]);
    const b = runScenario(scenarioFromText(text)).events.filter((r) => r[1] === 'PodScheduled').map((r) => r[3]);
    assert.deepEqual(a, b);
    assert.ok(new Set(a).size > 1, 'ties among equal nodes are spread by the random tie-break');
  });

  it('one feasible node is chosen without PreScore or Score', () => {
    const rec = explainPod(scenarioFromText(smallScenario(pods(1, ', nodeName: n-1'), 3).replace('nodeName: n-1', "nodeSelector: {'kubernetes.io/hostname': n-1}")), 'default/p0');
    assert.equal(rec.selected, 'n-1');
    assert.deepEqual(rec.nodes.find((n) => n.node === 'n-1')!.scores, {});
    assert.equal(rec.nodes.filter((n) => n.feasible).length, 1);
  });

  it('explain reports rejections with the plugin, reason and code', () => {
    const rec = explainPod(scenarioFromText(smallScenario(pods(1).replace('cpu: 100m', 'cpu: "3"') + '\n' + pods(1).replace('p0', 'q0').replace('cpu: 100m', 'cpu: "3"'), 1)), 'default/q0');
    const n = rec.nodes[0]!;
    assert.equal(n.feasible, false);
    assert.equal(n.rejectedBy, 'NodeResourcesFit');
    assert.equal(n.reason, 'Insufficient cpu');
    assert.equal(n.code, 'Unschedulable');
    assert.equal(rec.selected, null);
  });

  it('a score outside 0..100 after NormalizeScore stops the run with E_PLUGIN', () => {
    const bad: PluginFactory = (): AnyPlugin => ({ name: 'Bad', score: () => 101 });
    const cfg = `
  scheduler:
    plugins: [{name: Bad, path: bad.js}]
    config:
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: KubeSchedulerConfiguration
      profiles: [{plugins: {multiPoint: {enabled: [{name: Bad}]}}}]`;
    const scenario = scenarioFromText(smallScenario(pods(1), 3, cfg));
    assert.throws(() => runScenario(scenario, { plugins: new Map([['Bad', bad]]) }), /outside 0\.\.100/);
  });

  it('percentageOfNodesToScore limits how many feasible nodes are found, rotating the start', () => {
    const cfg = `
  scheduler:
    config:
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: KubeSchedulerConfiguration
      percentageOfNodesToScore: 1`;
    const scenario = scenarioFromText(smallScenario(pods(3), 250, cfg));
    const first = explainPod(scenario, 'default/p0');
    assert.equal(first.nodes.filter((n) => n.feasible).length, 100, '1% of 250 is below the floor of 100');
    assert.equal(first.nodes.filter((n) => n.reason?.startsWith('not evaluated')).length, 150);
    const second = explainPod(scenario, 'default/p1');
    const evaluated = (r: typeof first): string[] => r.nodes.filter((n) => n.feasible).map((n) => n.node);
    assert.equal(evaluated(second).filter((n) => evaluated(first).includes(n)).length, 0, 'the next cycle starts where the last one stopped');
  });
});
