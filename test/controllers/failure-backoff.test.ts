/**
 * A pod template that kubelet admission always rejects (pinned to a node too small for it) must not
 * spin forever at one instant: replacements back off 5 ms, 10 ms, 20 ms, ... (found by the fuzzer).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventsNamed, runText } from '../helpers.js';

const scenario = (kind: 'Deployment' | 'StatefulSet') => `apiVersion: kubesim.io/v1alpha1
kind: Scenario
metadata: {name: loop}
spec:
  duration: 1m
  nodes:
    - {pool: n, count: 1, allocatable: {cpu: "1", memory: 1Gi, pods: 110}}
  manifests:
    - apiVersion: apps/v1
      kind: ${kind}
      metadata: {name: d}
      spec:
        replicas: 1
${kind === 'StatefulSet' ? '        serviceName: d\n' : ''}        selector: {matchLabels: {a: b}}
        template:
          metadata: {labels: {a: b}}
          spec:
            nodeName: n-0
            containers: [{name: c, resources: {requests: {cpu: "2"}}}]
`;

describe('replacing pods that fail on their own', () => {
  for (const kind of ['Deployment', 'StatefulSet'] as const) {
    it(`${kind}: replacements of admission-rejected pods back off exponentially`, () => {
      const run = runText(scenario(kind));
      const failed = eventsNamed(run, 'PodFailed').map((r) => Number(r[0]));
      assert.ok(failed.length >= 10 && failed.length <= 20, `${failed.length} failures in a minute`);
      for (const row of eventsNamed(run, 'PodFailed')) assert.equal(row[4], 'OutOfcpu');
      const gaps = failed.slice(1).map((t, i) => Math.round((t - failed[i]!) * 1000));
      if (kind === 'Deployment') assert.deepEqual(gaps.slice(0, 4), [5, 10, 20, 40]);
      assert.ok(gaps[gaps.length - 1]! >= 5000, `the last gap (${gaps[gaps.length - 1]} ms) has grown to seconds`);
    });
  }
});
