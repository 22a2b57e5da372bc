/**
 * PreFilterResult (schedule_one.go findNodesThatFitPod, framework.go RunPreFilterPlugins): NodeAffinity's
 * metadata.name terms narrow the cycle to the named nodes; every other node is rejected as
 * UnschedulableAndUnresolvable "node(s) didn't satisfy plugin(s) [NodeAffinity]" without being filtered.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { explainPod } from '../../engine/scenario/explain.js';
import { eventsNamed, runText, scenarioFromText, smallScenario } from '../helpers.js';

/** A bare pod whose required node affinity pins metadata.name to `names` (as DaemonSet pods are). */
function pinned(name: string, names: string[], cpu = '100m'): string {
  return `    - apiVersion: v1
      kind: Pod
      metadata: {name: ${name}}
      spec:
        affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchFields: [{key: metadata.name, operator: In, values: [${names.join(', ')}]}]}]}}}
        containers: [{name: c, resources: {requests: {cpu: "${cpu}"}}}]`;
}

describe('PreFilterResult narrowing (NodeAffinity metadata.name)', () => {
  it('only the named node is evaluated; the others are rejected as absent', () => {
    const rec = explainPod(scenarioFromText(smallScenario(pinned('p', ['n-4']), 6)), 'default/p');
    assert.deepEqual(rec.preFilterResult, ['n-4']);
    assert.equal(rec.selected, 'n-4');
    const others = rec.nodes.filter((n) => n.node !== 'n-4');
    assert.equal(others.length, 5);
    for (const n of others) {
      assert.equal(n.code, 'UnschedulableAndUnresolvable');
      assert.equal(n.reason, "node(s) didn't satisfy plugin(s) [NodeAffinity]");
      assert.equal(n.rejectedBy, 'NodeAffinity');
    }
  });

  it('several named nodes are walked in node-tree order and scored', () => {
    const rec = explainPod(scenarioFromText(smallScenario(pinned('p', ['n-5', 'n-1', 'n-3']), 6)), 'default/p');
    assert.deepEqual(rec.preFilterResult, ['n-1', 'n-3', 'n-5']);
    assert.deepEqual(rec.nodes.filter((n) => n.feasible).map((n) => n.node).sort(), ['n-1', 'n-3', 'n-5']);
    assert.ok(['n-1', 'n-3', 'n-5'].includes(rec.selected!));
  });

  it('a pod that does not fit its named node reports one filter reason and N-1 absent nodes', () => {
    const run = runText(smallScenario(pinned('p', ['n-2'], '5'), 6));
    const detail = eventsNamed(run, 'PodUnschedulable')[0]![4];
    assert.equal(detail, "0/6 nodes are available: 1 Insufficient cpu, 5 node(s) didn't satisfy plugin(s) [NodeAffinity].");
  });

  it('a name no node carries leaves no candidate: every node is absent', () => {
    const run = runText(smallScenario(pinned('p', ['gone']), 4));
    assert.equal(eventsNamed(run, 'PodUnschedulable')[0]![4], "0/4 nodes are available: 4 node(s) didn't satisfy plugin(s) [NodeAffinity].");
  });

  it('terms without metadata.name keep every node a candidate', () => {
    const text = smallScenario(pinned('p', ['n-1']).replace("matchFields: [{key: metadata.name, operator: In, values: [n-1]}]", "matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [n-1]}]"), 4);
    const rec = explainPod(scenarioFromText(text), 'default/p');
    assert.equal(rec.preFilterResult, null);
    assert.equal(rec.nodes.find((n) => n.node === 'n-2')!.reason, "node(s) didn't match Pod's node affinity/selector");
  });
});
