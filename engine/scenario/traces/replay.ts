/**
 * Replaying a GPU trace in a simulation. Two modes (docs/gpu-and-traces.md):
 * - `fgd`: the FGD paper's protocol (fgd-experiment.md sec. 2): the name-sorted pods, shuffled from the
 *   seed, tuned to `tune` x cluster GPU capacity by re-sampling (or trimmed), one pod per millisecond,
 *   no departures; with `unschedulablePods: fail` a pod that fits nowhere fails at once.
 * - `timed`: pods arrive at creation_time and run until deletion_time (as run time from Running).
 */
import { GPU_MILLI_ANNOTATION, GPU_MODEL_LABEL, GPU_MODELS_ANNOTATION, GPU_RESOURCE, MILLI_PER_GPU, makeGpuRequest } from '../../cluster/gpu.js';
import type { Container, PodSpec } from '../../cluster/pod.js';
import { createPod } from '../../cluster/pod-factory.js';
import { computeRequests } from '../../cluster/pod-requests.js';
import type { ResourceNames } from '../../cluster/resources.js';
import type { ClusterStore } from '../../cluster/store.js';
import type { Rng } from '../../core/rng.js';
import type { Simulator } from '../../core/simulator.js';
import type { PodShape } from '../../metrics/fragmentation.js';
import { TRACE_NODE_MAX_PODS } from './alibaba-gpu-2023.js';
import type { TraceNode, TracePod, TraceSource } from './alibaba-gpu-2023.js';

export const MIB = 1024 * 1024;
/** fgd mode: simulated time between two arrivals (each pod is scheduled before the next arrives). */
export const FGD_ARRIVAL_SPACING_MS = 1;
export const TUNED_SUFFIX = '-tuned-';

/** Resource names a trace needs, registered while loading. */
export function internTraceResources(names: ResourceNames): void {
  names.intern(GPU_RESOURCE);
}

export function traceNodeAllocatable(n: TraceNode): Map<string, number> {
  const m = new Map<string, number>([['cpu', n.cpuMillis], ['memory', n.memoryMiB * MIB], ['pods', TRACE_NODE_MAX_PODS]]);
  if (n.gpus > 0) m.set(GPU_RESOURCE, n.gpus);
  return m;
}

export function traceNodeLabels(n: TraceNode): Record<string, string> {
  return n.gpus > 0 && n.model ? { [GPU_MODEL_LABEL]: n.model } : {};
}

/** Container requests of a trace pod: cpu, memory, and nvidia.com/gpu for whole GPUs (shares: annotation only). */
export function tracePodRequests(p: TracePod): Map<string, number> {
  const m = new Map<string, number>([['cpu', p.cpuMillis], ['memory', p.memoryMiB * MIB]]);
  if (p.gpuCount > 0 && p.gpuMilli >= MILLI_PER_GPU) m.set(GPU_RESOURCE, p.gpuCount);
  return m;
}

export function tracePodAnnotations(p: TracePod): Record<string, string> {
  const a: Record<string, string> = {};
  if (p.gpuCount > 0 && p.gpuMilli < MILLI_PER_GPU) a[GPU_MILLI_ANNOTATION] = String(p.gpuMilli);
  if (p.gpuCount > 0 && p.gpuSpec) a[GPU_MODELS_ANNOTATION] = p.gpuSpec;
  return a;
}

export function podShape(p: TracePod): PodShape {
  return { cpuMillis: p.cpuMillis, gpuMilli: p.gpuMilli, gpuCount: p.gpuCount, modelsText: p.gpuCount > 0 ? p.gpuSpec : '' };
}

export function gpuDemand(p: TracePod): number {
  return p.gpuCount * p.gpuMilli;
}

/** Pod specs shared per shape (cpu, memory, GPUs, models, restart policy). */
export class TraceSpecs {
  private readonly specs = new Map<string, PodSpec>();
  constructor(private readonly names: ResourceNames) {}

  spec(p: TracePod, restartPolicy: PodSpec['restartPolicy']): PodSpec {
    const key = `${p.cpuMillis}/${p.memoryMiB}/${p.gpuCount}/${p.gpuMilli}/${p.gpuSpec}/${restartPolicy}`;
    let spec = this.specs.get(key);
    if (!spec) {
      spec = makeSpec(p, restartPolicy, this.names);
      this.specs.set(key, spec);
    }
    return spec;
  }
}

function makeSpec(p: TracePod, restartPolicy: PodSpec['restartPolicy'], names: ResourceNames): PodSpec {
  const requests = tracePodRequests(p);
  const container: Container = { name: 'main', image: '', requests, limits: new Map(), ports: [], restartPolicyAlways: false };
  const computed = computeRequests([container], [], new Map(), names);
  return {
    containers: [container],
    initContainers: [],
    overhead: new Map(),
    ...computed,
    nodeSelector: {},
    affinity: undefined,
    tolerations: [],
    topologySpreadConstraints: [],
    priority: 0,
    priorityClassName: '',
    preemptionPolicy: 'PreemptLowerPriority',
    schedulerName: 'default-scheduler',
    restartPolicy,
    terminationGracePeriodMs: 30_000,
    hostPorts: [],
    runDuration: undefined,
    nodeName: '',
    gpu: makeGpuRequest(p.gpuCount, p.gpuMilli, p.gpuSpec),
  };
}

export function byName<T extends { name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export interface Arrival {
  name: string;
  pod: TracePod;
}

/**
 * The FGD protocol's arrival sequence: shuffle the name-sorted pods, then, while the total GPU demand is
 * below tune x capacity, append clones `<name>-tuned-<i>` drawn with replacement from the name-sorted
 * list (stop at the first draw whose per-GPU milli would pass the target: the paper's quirk), or, above
 * it, remove uniformly drawn pods until the demand is within the target.
 */
export function fgdArrivals(pods: readonly TracePod[], capacityMilli: number, tune: number, rng: Rng): Arrival[] {
  const base = byName(pods);
  const order = rng.shuffle(base.map((pod) => ({ name: pod.name, pod })));
  const target = tune * capacityMilli;
  let total = order.reduce((s, a) => s + gpuDemand(a.pod), 0);
  if (total < target) {
    for (let i = 0; base.length > 0; i++) {
      const pod = base[rng.int(base.length)]!;
      if (total + pod.gpuMilli > target) break;
      total += gpuDemand(pod);
      order.push({ name: `${pod.name}${TUNED_SUFFIX}${i}`, pod });
    }
  } else {
    while (total > target && order.length > 0) {
      const [gone] = order.splice(rng.int(order.length), 1);
      total -= gpuDemand(gone!.pod);
    }
  }
  return order;
}

export interface ReplayDeps {
  sim: Simulator;
  store: ClusterStore;
  rng: Rng;
}

/** Adds the trace's nodes now and schedules the pods' arrivals (and departures in timed mode). */
export function startTrace(source: TraceSource, deps: ReplayDeps): void {
  const { sim, store } = deps;
  const vector = (m: Map<string, number>): Float64Array => {
    const v = store.resources.vector();
    for (const [k, amount] of m) v[store.resources.lookup(k)!] = amount;
    return v;
  };
  let capacity = 0;
  for (const n of byName(source.nodes)) {
    const node = store.addNode({ name: n.name, labels: traceNodeLabels(n), taints: [], unschedulable: false, allocatable: vector(traceNodeAllocatable(n)), images: [], pool: 'trace' });
    store.record('NodeAdded', node.name, node.name, node.zone);
    capacity += n.gpus * MILLI_PER_GPU;
  }
  const specs = new TraceSpecs(store.resources);
  if (source.mode === 'fgd') {
    fgdArrivals(source.pods, capacity, source.tune, deps.rng).forEach((a, i) => {
      sim.at(i * FGD_ARRIVAL_SPACING_MS, () => void createPod(store, { name: a.name, namespace: 'default', labels: {}, spec: specs.spec(a.pod, 'Always') }));
    });
    return;
  }
  for (const p of byName(source.pods)) {
    if (!Number.isFinite(p.creationS)) continue;
    const atMs = Math.round(p.creationS * 1000);
    const runMs = Number.isFinite(p.deletionS) && p.deletionS > p.creationS ? Math.round((p.deletionS - p.creationS) * 1000) : -1;
    sim.at(atMs, () => void createPod(store, { name: p.name, namespace: 'default', labels: {}, spec: specs.spec(p, runMs >= 0 ? 'Never' : 'Always'), runDurationMs: runMs }));
  }
}
