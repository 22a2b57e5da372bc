/** A plain stream of Kubernetes manifests (a cluster dump) runs without a Scenario wrapper. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventsNamed, runScenario, scenarioFromText } from '../helpers.js';

const DUMP = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Node
    metadata:
      name: worker-1
      labels: {topology.kubernetes.io/zone: z1}
      managedFields: [{manager: kubelet}]
    status:
      allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
      conditions: [{type: Ready, status: "True"}]
  - apiVersion: v1
    kind: Pod
    metadata: {name: running, namespace: kube-system, uid: abc}
    spec:
      nodeName: worker-1
      containers: [{name: c, image: pause, resources: {requests: {cpu: "1"}}}]
    status: {phase: Running}
---
apiVersion: v1
kind: Service
metadata: {name: ignored}
spec: {ports: [{port: 80}]}
---
apiVersion: v1
kind: Pod
metadata: {name: waiting}
spec:
  containers: [{name: c, image: app, resources: {requests: {cpu: "2"}}}]
`;

describe('manifest streams', () => {
  it('bound pods start Running at t=0 and unbound pods are queued at t=0', () => {
    const s = scenarioFromText(DUMP);
    assert.equal(s.nodes.length, 1);
    assert.equal(s.pods.length, 2);
    const run = runScenario(s);
    const running = eventsNamed(run, 'PodRunning').map((r) => [r[0], r[2]]);
    assert.deepEqual(running[0], ['0.000', 'kube-system/running']);
    const scheduled = eventsNamed(run, 'PodScheduled').map((r) => [r[0], r[2], r[3]]);
    assert.deepEqual(scheduled, [
      ['0.000', 'kube-system/running', 'worker-1'],
      ['0.000', 'default/waiting', 'worker-1'],
    ]);
  });
});
