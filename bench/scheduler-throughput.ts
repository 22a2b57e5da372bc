/**
 * Scheduling throughput: pods/s of the scheduler with the default profile at 1k / 5k / 10k nodes in
 * 3 zones, with kube's adaptive node sampling (percentageOfNodesToScore 0) and scoring every node
 * (100). Each measured call creates PODS_PER_CALL pods (one shared spec), runs the simulator until
 * they are all bound, then deletes them again so the cluster state is the same for every call.
 * Run: `npx tsc -p tsconfig.json && node dist/bench/scheduler-throughput.js [--quick]`.
 */
import { pathToFileURL } from 'node:url';
import b from 'benny';
import { createPod } from '../engine/cluster/pod-factory.js';
import type { Pod, PodSpec } from '../engine/cluster/pod.js';
import { computeRequests } from '../engine/cluster/pod-requests.js';
import { ResourceNames } from '../engine/cluster/resources.js';
import { ClusterStore } from '../engine/cluster/store.js';
import { RngStreams } from '../engine/core/rng.js';
import { Simulator } from '../engine/core/simulator.js';
import { resolvePolicy } from '../engine/scheduler/policies.js';
import { Scheduler } from '../engine/scheduler/scheduler.js';

export const SCHEDULER_SIZES: readonly number[] = [1000, 5000, 10000];
export const PODS_PER_CALL = 500;
const ZONES = ['zone-a', 'zone-b', 'zone-c'];

export interface SchedulerBenchResult {
  nodes: number;
  percentageOfNodesToScore: number;
  podsPerSecond: number;
  marginPercent: number;
}

function podSpec(names: ResourceNames): PodSpec {
  const containers = [{ name: 'c', image: 'app:1', requests: new Map([['cpu', 100], ['memory', 128 * 2 ** 20]]), limits: new Map<string, number>(), ports: [], restartPolicyAlways: false }];
  const r = computeRequests(containers, [], new Map(), names);
  return {
    containers, initContainers: [], overhead: new Map(), ...r, nodeSelector: {}, affinity: undefined, tolerations: [], topologySpreadConstraints: [],
    priority: 0, priorityClassName: '', preemptionPolicy: 'PreemptLowerPriority', schedulerName: 'default-scheduler', restartPolicy: 'Always',
    terminationGracePeriodMs: 30_000, hostPorts: [], runDuration: undefined, nodeName: '',
  };
}

/** A cluster of `n` nodes and a scheduler; returns the measured function. */
export function setupScheduler(n: number, percentageOfNodesToScore: number): () => void {
  const names = new ResourceNames();
  names.freeze();
  const sim = new Simulator();
  const store = new ClusterStore(sim, names);
  const options = { ...resolvePolicy('default'), percentageOfNodesToScore };
  new Scheduler(sim, store, new RngStreams(1).stream('scheduler'), options);
  for (let i = 0; i < n; i++) {
    const alloc = names.vector();
    alloc.set([32_000, 128 * 2 ** 30, 0, 110]);
    store.addNode({ name: `node-${i}`, labels: { 'topology.kubernetes.io/zone': ZONES[i % ZONES.length]! }, taints: [], unschedulable: false, allocatable: alloc, images: [], pool: 'bench' });
  }
  const spec = podSpec(names);
  const batch: Pod[] = [];
  let seq = 0;
  return () => {
    batch.length = 0;
    for (let i = 0; i < PODS_PER_CALL; i++) batch.push(createPod(store, { name: `p-${seq++}`, namespace: 'default', labels: { app: 'bench' }, spec }));
    sim.run();
    for (const p of batch) {
      if (p.nodeIndex < 0) throw new Error('bench pod left unscheduled');
      store.removePod(p);
    }
  };
}

export async function runSchedulerBench(opts: { sizes?: readonly number[]; maxTime?: number; save?: boolean } = {}): Promise<SchedulerBenchResult[]> {
  const sizes = opts.sizes ?? SCHEDULER_SIZES;
  const matrix = sizes.flatMap((n) => [0, 100].map((pct) => ({ n, pct })));
  const caseOptions = { minSamples: 5, maxTime: opts.maxTime ?? 5 };
  const cases = matrix.map(({ n, pct }) => b.add(`${n} nodes, percentageOfNodesToScore ${pct}`, () => setupScheduler(n, pct), caseOptions));
  const steps = [...cases, b.cycle()];
  if (opts.save !== false) steps.push(b.save({ file: 'scheduler-throughput', folder: 'bench/results', format: 'json' }));
  const summary = await b.suite('scheduler throughput (default profile)', ...steps);
  return summary.results.map((r, i) => {
    const { n, pct } = matrix[i]!;
    const result = { nodes: n, percentageOfNodesToScore: pct, podsPerSecond: PODS_PER_CALL / r.details.mean, marginPercent: r.details.relativeMarginOfError };
    console.log(`${n} nodes, pct ${pct}: ${Math.round(result.podsPerSecond).toLocaleString('en-US')} pods/s ±${result.marginPercent.toFixed(1)}%`);
    return result;
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runSchedulerBench(process.argv.includes('--quick') ? { sizes: [1000], maxTime: 2, save: false } : {});
}
