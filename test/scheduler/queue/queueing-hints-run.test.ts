/**
 * Queueing hints seen in events.csv: a pod rejected by PodTopologySpread (and TaintToleration) waits
 * through an unrelated pod's completion with the gate on, and is retried by it with the gate off.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runWith, timesOf } from './queue-helpers.js';

const pod = (name: string, app: string, duration: string, extra: string): string => `    - apiVersion: v1
      kind: Pod
      metadata: {name: ${name}, labels: {app: ${app}}, annotations: {kubesim.io/duration: ${duration}}}
      spec:
        restartPolicy: Never
${extra}        containers: [{name: c, image: busybox, resources: {requests: {cpu: 100m, memory: 64Mi}}}]
`;

const SPREAD = `        topologySpreadConstraints:
          - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}
`;

const ON_A0 = '        nodeSelector: {kubernetes.io/hostname: a-0}\n';

/**
 * a-0 takes web-0 (runs 60 s) and batch-0 (runs 30 s), both started at 1 s; t-0 and t-1 are tainted. web-1 is rejected by
 * PodTopologySpread on a-0 (skew 2) and by TaintToleration elsewhere. batch-0 finishes at 31 s,
 * web-0 at 61 s.
 */
const SCENARIO = (gates: string): string => `apiVersion: kubesim.io/v1alpha1
kind: Scenario
metadata: {name: hints}
spec:
  seed: 7
  duration: 3m
  scheduler: {${gates}}
  nodes:
    - {pool: a, count: 1, allocatable: {cpu: "4", memory: 16Gi, pods: 110}}
    - {pool: t, count: 2, allocatable: {cpu: "4", memory: 16Gi, pods: 110}, taints: [{key: dedicated, value: x, effect: NoSchedule}]}
  manifests:
${pod('web-0', 'web', '60s', ON_A0)}${pod('batch-0', 'batch', '30s', ON_A0)}${pod('web-1', 'web', '1h', SPREAD)}`;

describe('queueing hints end to end (PodTopologySpread)', () => {
  it('gate on: the unrelated batch pod finishing does not retry the pod; the matching web pod finishing does', () => {
    const run = runWith(SCENARIO(''), {});
    assert.deepEqual(timesOf(run, 'PodUnschedulable', 'default/web-1'), [0]);
    assert.deepEqual(timesOf(run, 'PodScheduled', 'default/web-1'), [61]);
  });

  it('gate off: every registered event retries it, the unrelated completion included', () => {
    const run = runWith(SCENARIO('featureGates: {SchedulerQueueingHints: false}'), {});
    assert.deepEqual(timesOf(run, 'PodUnschedulable', 'default/web-1'), [0, 31]);
    assert.deepEqual(timesOf(run, 'PodScheduled', 'default/web-1'), [61]);
  });
});
