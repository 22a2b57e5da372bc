/**
 * Scheduling throughput: pods scheduled per wall-clock second through the public API. A Simulation of
 * N nodes (16 cpu / 64Gi, three zones) and one Deployment of M replicas created at t=0 runs for one
 * simulated minute; the figure is pods_scheduled / wall time of Simulation.run() (the ReplicaSet controller,
 * kubelets and metrics included, the scenario load and the Simulation construction not). Each repetition
 * needs a fresh Simulation built outside the timed section, which benny cannot do per call, so this suite
 * times repetitions itself, after untimed warm-up repetitions, and reports the median. Run: `npm run build && node dist/bench/scheduler-throughput.js`.
 */
import { pathToFileURL } from 'node:url';
import { Simulation } from '../engine/scenario/simulation.js';
import { median, scenarioFromYaml } from './scenario-text.js';

export const THROUGHPUT_NODES: readonly number[] = [1000, 5000, 10000];
/** Pods created at t=0 per measurement (required anti-affinity: at most half the nodes). */
export const THROUGHPUT_PODS = 5000;
export const VARIANTS = ['default', 'score-all-nodes', 'topology-spread', 'required-anti-affinity'] as const;
export type Variant = (typeof VARIANTS)[number];

export interface ThroughputOptions {
  nodes?: readonly number[];
  pods?: number;
  repetitions?: number;
  variants?: readonly Variant[];
  /** Untimed repetitions run until this much wall time has passed (at least one); default WARMUP_MS. */
  warmupMs?: number;
}

/**
 * The warm-up: V8 compiles a cycle's hot functions with its optimizing tier only after they have run for
 * a while. At 1k nodes one repetition lasts ~70 ms, and the first five measured 17, 26, 53, 62 and 69 k
 * pods/s against a steady 75-84 k (docs/performance.md): one warm-up repetition left the median measuring the compiler.
 * benny (benchmark.js) likewise runs a case until its timing settles before it samples.
 */
export const WARMUP_MS = 1000;

export interface ThroughputResult {
  variant: Variant;
  nodes: number;
  pods: number;
  /** Median pods scheduled per wall second, or 'unsupported' (with the reason) on a build without the feature. */
  podsPerSecond: number | 'unsupported';
  reason?: string;
  medianWallMs?: number;
  scheduled?: number;
}

const POD_EXTRA: Record<Variant, string> = {
  'default': '',
  'score-all-nodes': '',
  'topology-spread': `
            topologySpreadConstraints:
              - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: bench}}}`,
  'required-anti-affinity': `
            affinity:
              podAntiAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  - {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: bench}}}`,
};

/** kube-scheduler's percentageOfNodesToScore: 100, i.e. no node sampling. */
const SCORE_ALL = `
  scheduler:
    config:
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: KubeSchedulerConfiguration
      percentageOfNodesToScore: 100`;

export function throughputScenario(variant: Variant, nodes: number, pods: number): string {
  return `apiVersion: kubesim.io/v1alpha1
kind: Scenario
metadata: {name: bench-${variant}-${nodes}}
spec:
  seed: 1
  duration: 1m
  sampleInterval: 1m${variant === 'score-all-nodes' ? SCORE_ALL : ''}
  nodes:
    - pool: n
      count: ${nodes}
      zones: [zone-a, zone-b, zone-c]
      allocatable: {cpu: "16", memory: 64Gi, pods: 110}
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: bench}
      spec:
        replicas: ${pods}
        selector: {matchLabels: {app: bench}}
        template:
          metadata: {labels: {app: bench}}
          spec:${POD_EXTRA[variant]}
            containers: [{name: c, image: bench:1, resources: {requests: {cpu: 500m, memory: 1Gi}}}]
`;
}

/** Measures one variant at one size; 'unsupported' when this build refuses the variant's configuration. */
export function measureThroughput(variant: Variant, nodes: number, podsWanted: number, repetitions: number, warmupMs = WARMUP_MS): ThroughputResult {
  const pods = variant === 'required-anti-affinity' ? Math.min(podsWanted, nodes >> 1) : podsWanted;
  let scenario;
  try {
    scenario = scenarioFromYaml(throughputScenario(variant, nodes, pods));
    new Simulation(scenario); // the policy is resolved here
  } catch (e) {
    return { variant, nodes, pods, podsPerSecond: 'unsupported', reason: e instanceof Error ? e.message.split('\n')[0] : String(e) };
  }
  const rates: number[] = [];
  const walls: number[] = [];
  let scheduled = 0;
  // Untimed repetitions first (WARMUP_MS): V8 compiles the hot paths of this variant's cycle during them.
  const warmupEnd = process.hrtime.bigint() + BigInt(Math.round(warmupMs * 1e6));
  do new Simulation(scenario).run();
  while (process.hrtime.bigint() < warmupEnd);
  for (let i = 0; i < repetitions; i++) {
    const sim = new Simulation(scenario);
    const t0 = process.hrtime.bigint();
    const result = sim.run();
    const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
    scheduled = Number(result.summary.pods_scheduled);
    walls.push(wallMs);
    rates.push(scheduled / (wallMs / 1000));
  }
  return { variant, nodes, pods, podsPerSecond: Math.round(median(rates)), medianWallMs: Math.round(median(walls)), scheduled };
}

export function runSchedulerThroughputBench(opts: ThroughputOptions = {}): ThroughputResult[] {
  const out: ThroughputResult[] = [];
  for (const variant of opts.variants ?? VARIANTS) {
    for (const nodes of opts.nodes ?? THROUGHPUT_NODES) {
      const r = measureThroughput(variant, nodes, opts.pods ?? THROUGHPUT_PODS, opts.repetitions ?? 5, opts.warmupMs ?? WARMUP_MS);
      const figure = r.podsPerSecond === 'unsupported' ? `unsupported (${r.reason})` : `${r.podsPerSecond} pods/s (${r.scheduled}/${r.pods} scheduled, median ${r.medianWallMs} ms)`;
      console.log(`${variant} ${nodes} nodes: ${figure}`);
      out.push(r);
    }
  }
  return out;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runSchedulerThroughputBench();
}
