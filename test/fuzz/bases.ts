/** Valid scenario files the fuzzer starts from. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const deployment = `apiVersion: kubesim.io/v1alpha1
kind: Scenario
metadata: {name: small}
spec:
  seed: 3
  duration: 30m
  nodes:
    - pool: p
      count: 3
      zones: [a, b]
      allocatable: {cpu: "4", memory: 8Gi, pods: 20}
      taints: [{key: dedicated, value: batch, effect: NoSchedule}]
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: shop}
      spec:
        replicas: 3
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            tolerations: [{key: dedicated, operator: Equal, value: batch, effect: NoSchedule}]
            nodeSelector: {topology.kubernetes.io/zone: a}
            containers: [{name: c, image: nginx, resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {memory: 512Mi}}}]
    - apiVersion: batch/v1
      kind: Job
      metadata: {name: j}
      spec:
        completions: 4
        parallelism: 2
        backoffLimit: 2
        template:
          metadata: {annotations: {kubesim.io/duration: "uniform(1m, 3m)"}}
          spec:
            restartPolicy: Never
            priority: 5
            containers: [{name: c, image: x, resources: {requests: {cpu: "1"}}}]
  generators:
    - name: g
      arrival: {type: poisson, meanInterval: 2m}
      stop: 20m
      template:
        kind: Pod
        spec:
          containers: [{name: c, image: x, resources: {requests: {cpu: 100m}}}]
`;

const manifests = `apiVersion: v1
kind: Node
metadata: {name: node-a, labels: {kubernetes.io/hostname: node-a}}
spec: {taints: [{key: k, effect: NoExecute}]}
status: {allocatable: {cpu: "2", memory: 4Gi, pods: "110", ephemeral-storage: 10Gi}}
---
apiVersion: v1
kind: Pod
metadata: {name: p1, namespace: default}
spec:
  nodeName: node-a
  containers: [{name: c, image: x, resources: {requests: {cpu: 100m, ephemeral-storage: 1Gi}}}]
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
`;

export const BASE_TEXTS: Readonly<Record<string, string>> = {
  quickstart: readFileSync('scenarios/quickstart/scenario.yaml', 'utf8'),
  deployment,
  manifests,
};

/** The first (or only) document of each base, parsed, for structural mutations. */
export function baseDocs(): { name: string; docs: unknown[] }[] {
  return Object.entries(BASE_TEXTS).map(([name, text]) => ({ name, docs: text.split(/^---$/m).map((d) => parse(d) as unknown) }));
}
