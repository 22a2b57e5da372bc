/** A small contended scenario with a Deployment, a Pod stream and a Job stream, for compare tests. */
export const COMPARE_SCENARIO = `apiVersion: kubesim.io/v1alpha1
kind: Scenario
metadata: {name: cmp}
spec:
  seed: 1
  duration: 30m
  nodes:
    - pool: n
      count: 6
      zones: [a, b]
      allocatable: {cpu: "4", memory: 16Gi, pods: 110}
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 5
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: c, image: x, resources: {requests: {cpu: 500m, memory: 1Gi}}}]
  generators:
    - name: pods
      arrival: {type: poisson, meanInterval: 20s}
      template:
        kind: Pod
        metadata: {annotations: {kubesim.io/duration: "exponential(4m)"}}
        spec:
          containers: [{name: c, image: x, resources: {requests: {cpu: "1", memory: 2Gi}}}]
    - name: batch
      arrival: {type: poisson, meanInterval: 1m}
      template:
        apiVersion: batch/v1
        kind: Job
        spec:
          completions: 3
          parallelism: 1
          template:
            metadata: {annotations: {kubesim.io/duration: "uniform(1m, 5m)"}}
            spec:
              restartPolicy: Never
              containers: [{name: c, image: x, resources: {requests: {cpu: 1500m, memory: 3Gi}}}]
`;
