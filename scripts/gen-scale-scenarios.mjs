// Writes scenarios/scale-{5k,10k,50k}/scenario.yaml and scenarios/scale-5k-backlog/scenario.yaml from one
// template, so that they stay consistent when tuned: f multiplies the node and replica counts and the arrival
// rates; `burst` adds a second batch stream that overloads the batch pool for two hours (the backlog
// variant); run from the repository root.
// `node scripts/gen-scale-scenarios.mjs` (then review the diff; the READMEs are edited by hand).
import { writeFileSync, mkdirSync } from 'node:fs';
const variants = [
  { name: 'scale-5k', f: 1, hours: 24, seed: 5000, burst: false },
  { name: 'scale-5k-backlog', f: 1, hours: 24, seed: 5000, burst: true },
  { name: 'scale-10k', f: 2, hours: 24, seed: 10000, burst: false },
  { name: 'scale-50k', f: 10, hours: 2, seed: 50000, burst: false },
];
const fmtInt = (n) => String(Math.round(n));
// interval in ms -> duration text
const dur = (ms) => (ms % 1000 === 0 ? `${ms / 1000}s` : `${Math.round(ms)}ms`);
for (const v of variants) {
  const { f } = v;
  const nodes = 5000 * f;
  const stop = v.hours === 24 ? '23h' : '110m';
  const text = `# yaml-language-server: $schema=../scenario.schema.json
# ${nodes.toLocaleString('en-US')} nodes in three zones, long-running Deployments, two DaemonSets, a Poisson stream of batch Jobs
# into a tainted batch pool, a high-priority stream that preempts batch pods, random node failures and a
# zone outage, over ${v.hours} simulated hours.${v.burst ? ' From 8 h to 10 h a second batch stream overloads the batch\n# pool and leaves a backlog of thousands of pods for about ten hours.' : ''} A performance reference (issue 7), not a golden test: README.md.
apiVersion: kubesim.io/v1alpha1
kind: Scenario
metadata:
  name: ${v.name}
spec:
  seed: ${v.seed}
  duration: ${v.hours}h
  sampleInterval: ${v.hours === 24 ? '5m' : '1m'}
  scheduler:
    policy: default
  nodes:
    - pool: general
      count: ${fmtInt(3000 * f)}
      zones: [zone-a, zone-b, zone-c]
      allocatable: {cpu: "16", memory: 64Gi, pods: 110}
      labels: {tier: general}
    - pool: highmem
      count: ${fmtInt(1000 * f)}
      zones: [zone-a, zone-b, zone-c]
      allocatable: {cpu: "32", memory: 256Gi, pods: 110}
      labels: {tier: highmem}
    - pool: small
      count: ${fmtInt(380 * f)}
      zones: [zone-a, zone-b, zone-c]
      allocatable: {cpu: "8", memory: 32Gi, pods: 110}
      labels: {tier: general}
    - pool: batch
      count: ${fmtInt(620 * f)}
      zones: [zone-a, zone-b, zone-c]
      allocatable: {cpu: "32", memory: 128Gi, pods: 110}
      labels: {tier: batch}
      taints: [{key: dedicated, value: batch, effect: NoSchedule}]
  # -----------------------------------------------------------------------------------------------
  # FAULTS: per-node MTBF 30 days, MTTR lognormal around 1 h, on every pool; one 30-minute outage of zone-b.
  # -----------------------------------------------------------------------------------------------
  faults:
    - {type: random, failure: nodeDown, mtbf: 30d, mttr: "lognormal(1h, 0.5)", selector: {pool: general}}
    - {type: random, failure: nodeDown, mtbf: 30d, mttr: "lognormal(1h, 0.5)", selector: {pool: highmem}}
    - {type: random, failure: nodeDown, mtbf: 30d, mttr: "lognormal(1h, 0.5)", selector: {pool: small}}
    - {type: random, failure: nodeDown, mtbf: 30d, mttr: "lognormal(1h, 0.5)", selector: {pool: batch}}
    - {type: zoneOutage, at: ${v.hours === 24 ? '12h' : '1h'}, duration: 30m, selector: {zone: zone-b}}
  manifests:
    - apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata: {name: batch-low}
      value: 100
      description: best-effort batch Jobs; preempted by batch-urgent
    - apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata: {name: service}
      value: 10000
      description: long-running services
    - apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata: {name: batch-urgent}
      value: 100000
      description: urgent batch work; preempts batch-low pods in a full batch pool
    - apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: node-exporter}
      spec:
        selector: {matchLabels: {app: node-exporter}}
        template:
          metadata: {labels: {app: node-exporter}}
          spec:
            priorityClassName: system-node-critical
            tolerations: [{operator: Exists}]
            containers: [{name: exporter, image: prom/node-exporter:v1.8, resources: {requests: {cpu: 100m, memory: 128Mi}}}]
    - apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: log-agent}
      spec:
        selector: {matchLabels: {app: log-agent}}
        template:
          metadata: {labels: {app: log-agent}}
          spec:
            priorityClassName: system-node-critical
            tolerations: [{operator: Exists}]
            containers: [{name: fluent-bit, image: fluent/fluent-bit:3.1, resources: {requests: {cpu: 200m, memory: 256Mi}}}]
${deployments(f)}  generators:
${jobGenerator({ name: 'batch', meanInterval: dur(4500 / f), stop, completions: 4, duration: 'lognormal(30m, 0.8)', priorityClass: 'batch-low', image: 'example/batch:1', cpu: '7', memory: '24Gi' })}${v.burst ? jobGenerator({ name: 'batch-burst', meanInterval: dur(10000 / f), start: '8h', stop: '10h', completions: 4, duration: 'lognormal(30m, 0.8)', priorityClass: 'batch-low', image: 'example/batch:1', cpu: '7', memory: '24Gi' }) : ''}${jobGenerator({ name: 'urgent', meanInterval: dur(120000 / f), stop, completions: 1, duration: 'lognormal(15m, 0.5)', priorityClass: 'batch-urgent', image: 'example/urgent:1', cpu: '16', memory: '32Gi' })}`;
  mkdirSync(`scenarios/${v.name}`, { recursive: true });
  writeFileSync(`scenarios/${v.name}/scenario.yaml`, text);
}

function deployments(f) {
  const d = [];
  const spread = `
            topologySpreadConstraints:
              - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: APP}}}`;
  const prefAnti = `
            affinity:
              podAntiAffinity:
                preferredDuringSchedulingIgnoredDuringExecution:
                  - weight: 100
                    podAffinityTerm: {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: APP}}}`;
  const reqAnti = `
            affinity:
              podAntiAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  - {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: APP}}}`;
  const tiers = { general: `\n            nodeSelector: {tier: general}`, highmem: `\n            nodeSelector: {tier: highmem}` };
  const list = [
    ['frontend', 4000, '2', '4Gi', spread + tiers.general],
    ['api', 3000, '4', '8Gi', spread + tiers.general],
    ['checkout', 1500, '3', '6Gi', spread],
    ['search', 1000, '8', '16Gi', prefAnti],
    ['cache', 600, '4', '48Gi', prefAnti + tiers.highmem],
    ['workers', 3000, '1', '2Gi', ''],
    ['ml-serving', 400, '12', '40Gi', spread + tiers.highmem],
    ['coordinator', 5, '2', '4Gi', reqAnti],
  ];
  for (const [name, replicas, cpu, mem, extra] of list) {
    const r = name === 'coordinator' ? replicas : replicas * f;
    d.push(`    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: ${name}}
      spec:
        replicas: ${r}
        selector: {matchLabels: {app: ${name}}}
        template:
          metadata: {labels: {app: ${name}}}
          spec:
            priorityClassName: service${extra.replaceAll('APP', name)}
            containers: [{name: ${name}, image: example/${name}:1, resources: {requests: {cpu: "${cpu}", memory: ${mem}}}}]
`);
  }
  return d.join('');
}

/** One generator of Jobs for the tainted batch pool (the scenarios' three streams differ only in these fields). */
function jobGenerator(g) {
  const window = `${g.start ? `      start: ${g.start}\n` : ''}      stop: ${g.stop}\n`;
  return `    - name: ${g.name}
      arrival: {type: poisson, meanInterval: ${g.meanInterval}}
${window}      template:
        apiVersion: batch/v1
        kind: Job
        spec:
          completions: ${g.completions}
          parallelism: ${g.completions}
          template:
            metadata:
              annotations: {kubesim.io/duration: "${g.duration}"}
            spec:
              restartPolicy: Never
              priorityClassName: ${g.priorityClass}
              nodeSelector: {tier: batch}
              tolerations: [{key: dedicated, operator: Equal, value: batch, effect: NoSchedule}]
              containers:
                - name: work
                  image: ${g.image}
                  resources: {requests: {cpu: "${g.cpu}", memory: ${g.memory}}}
`;
}
