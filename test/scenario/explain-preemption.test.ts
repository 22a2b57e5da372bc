/** `explain` reports the PostFilter outcome of the attempt: the nominated node and the victims. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { explainPod } from '../../engine/scenario/explain.js';
import { scenarioFromText } from '../helpers.js';

const YAML = `apiVersion: kubesim.io/v1alpha1
kind: Scenario
metadata: {name: pre}
spec:
  duration: 5m
  nodes:
    - {pool: n, count: 2, allocatable: {cpu: "4", memory: 16Gi, pods: 110}}
  manifests:
    - apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata: {name: high}
      value: 1000
    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: low}
      spec:
        replicas: 4
        selector: {matchLabels: {app: low}}
        template:
          metadata: {labels: {app: low}}
          spec:
            terminationGracePeriodSeconds: 5
            containers: [{name: c, resources: {requests: {cpu: "2"}}}]
  generators:
    - name: vip
      arrival: {type: fixed, interval: 1m}
      start: 1m
      maxCount: 1
      template:
        kind: Pod
        spec:
          priorityClassName: high
          containers: [{name: c, resources: {requests: {cpu: "3"}}}]
`;

describe('explain with preemption', () => {
  it('the failed attempt lists the nominated node and both victims on it', () => {
    const r = explainPod(scenarioFromText(YAML), 'default/vip-0', 1);
    assert.equal(r.selected, null);
    assert.ok(r.nominatedNode === 'n-0' || r.nominatedNode === 'n-1');
    assert.equal(r.victims.length, 2);
    for (const v of r.victims) assert.match(v, /^default\/low-/);
  });

  it('the next attempt takes the nominated node first, once the victims are gone', () => {
    const first = explainPod(scenarioFromText(YAML), 'default/vip-0', 1);
    const second = explainPod(scenarioFromText(YAML), 'default/vip-0', 2);
    assert.equal(second.selected, first.nominatedNode);
    assert.equal(second.time_s, 65, 'victims have a 5 s grace period');
    assert.deepEqual(second.victims, []);
  });
});
