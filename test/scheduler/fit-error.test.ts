import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fitErrorMessage } from '../../engine/scheduler/framework/fit-error.js';
import { eventsNamed, runText, smallScenario } from '../helpers.js';

describe('FitError message (framework/types.go FitError.Error)', () => {
  const cases: [string, number, [string, number][], string, string][] = [
    ['one reason', 3, [['Insufficient cpu', 3]], '', '0/3 nodes are available: 3 Insufficient cpu.'],
    ['parts sorted as "<count> <reason>" strings, not by reason', 12, [['Insufficient cpu', 2], ["node(s) had untolerated taint {a: b}", 10]], '', "0/12 nodes are available: 10 node(s) had untolerated taint {a: b}, 2 Insufficient cpu."],
    ['same count: by reason', 4, [['b', 2], ['a', 2]], '', '0/4 nodes are available: 2 a, 2 b.'],
    ['a PreFilter rejection gives its message once', 5, [], "node(s) didn't match pod affinity rules", "0/5 nodes are available: node(s) didn't match pod affinity rules."],
    ['no node at all: ErrNoNodesAvailable', 0, [], '', 'no nodes available to schedule pods'],
  ];
  for (const [name, total, counts, pre, want] of cases) it(name, () => assert.equal(fitErrorMessage(total, new Map(counts), pre), want));

  it('events.csv words a PreFilter rejection once, not per node', () => {
    const pod = `    - apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchFields: [{key: metadata.name, operator: In, values: [n-0]}, {key: metadata.name, operator: In, values: [n-1]}]}]}}}
        containers: [{name: c, resources: {requests: {cpu: 100m}}}]`;
    const detail = eventsNamed(runText(smallScenario(pod, 3)), 'PodUnschedulable')[0]![4];
    assert.equal(detail, '0/3 nodes are available: pod affinity terms conflict.');
  });
});
