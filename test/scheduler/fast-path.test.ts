/** The fused default-profile path must make exactly the decisions of the per-plugin path. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolvePolicy } from '../../engine/scheduler/policies.js';
import { runScenario, scenarioFromText } from '../helpers.js';

const SCENARIO = `apiVersion: kubesim.io/v1alpha1
kind: Scenario
metadata: {name: fast-path}
spec:
  seed: 11
  duration: 30m
  nodes:
    - {pool: a, count: 40, zones: [z1, z2, z3], allocatable: {cpu: "8", memory: 32Gi, pods: 30}}
    - {pool: b, count: 30, zones: [z1, z2], allocatable: {cpu: "4", memory: 16Gi, pods: 20}, taints: [{key: soft, effect: PreferNoSchedule}]}
    - {pool: c, count: 40, zones: [z3], allocatable: {cpu: "16", memory: 64Gi, pods: 50}, taints: [{key: gpu, value: "true", effect: NoSchedule}], labels: {disk: ssd}}
  manifests:
    - apiVersion: v1
      kind: Node
      metadata: {name: img-node, labels: {topology.kubernetes.io/zone: z1}}
      status:
        allocatable: {cpu: "8", memory: 32Gi, pods: "40"}
        images: [{names: ["app:1"], sizeBytes: 300000000}]
    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 60
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: c, image: "app:1", resources: {requests: {cpu: 300m, memory: 1Gi}}}]}
    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: gpu}
      spec:
        replicas: 20
        selector: {matchLabels: {app: gpu}}
        template:
          metadata: {labels: {app: gpu}}
          spec:
            tolerations: [{key: gpu, operator: Exists}]
            nodeSelector: {disk: ssd}
            containers: [{name: c, resources: {requests: {cpu: "2", memory: 4Gi}}}]
  generators:
    - name: batch
      arrival: {type: poisson, meanInterval: 2s}
      maxCount: 600
      template:
        kind: Pod
        metadata: {labels: {tier: batch}, annotations: {kubesim.io/run-duration: 3m}}
        spec:
          restartPolicy: Never
          tolerations: [{key: soft, operator: Exists, effect: PreferNoSchedule}]
          containers: [{name: c, image: "app:1", resources: {requests: {cpu: 500m, memory: 512Mi}}}]
    - name: besteffort
      arrival: {type: poisson, meanInterval: 5s}
      maxCount: 200
      template:
        kind: Pod
        metadata: {annotations: {kubesim.io/run-duration: 2m}}
        spec:
          restartPolicy: Never
          containers: [{name: c, image: busybox}]
`;

describe('fused default-profile path', () => {
  for (const [policy, pct] of [['default', 0], ['default', 100], ['binpack', 100]] as const) {
    it(`places every pod exactly as the per-plugin path (${policy}, percentageOfNodesToScore ${pct})`, () => {
      const scenario = scenarioFromText(SCENARIO);
      const base = { ...resolvePolicy(policy), percentageOfNodesToScore: pct };
      const fast = runScenario(scenario, { schedulerOptions: { ...base, fastPath: true } });
      const slow = runScenario(scenarioFromText(SCENARIO), { schedulerOptions: { ...base, fastPath: false } });
      const placed = (r: typeof fast): string[] => r.events.filter((e) => e[1] === 'PodScheduled' || e[1] === 'PodUnschedulable').map((e) => e.join(','));
      assert.ok(placed(fast).length > 800);
      assert.deepEqual(placed(fast), placed(slow));
    });
  }
});
