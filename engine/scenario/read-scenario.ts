/** Reads the `kind: Scenario` wrapper (apiVersion kubesim.io/v1alpha1). */
import { ResourceNames } from '../cluster/resources.js';
import { didYouMean } from '../core/errors.js';
import { policyNames } from '../scheduler/policies.js';
import type { Reader } from './reader.js';
import type { Collected } from './k8s/manifests.js';
import { readAllocatable, readJob, readManifest, readTaints, readTemplate } from './k8s/manifests.js';
import { readMeta, readStringMap, readTypeMeta } from './k8s/meta.js';
import type { Arrival, Generator, NodePool, Scenario } from './types.js';
import { DEFAULT_SCENARIO } from './types.js';
import { readTraceSource } from './traces/alibaba-gpu-2023.js';
import { internTraceResources } from './traces/replay.js';
import { GPU_MODEL_LABEL, GPU_RESOURCE } from '../cluster/gpu.js';
import { TIE_BREAKS, UNSCHEDULABLE_POD_MODES } from '../scheduler/node-rank.js';
import { readSchedulerFeatureGates } from './feature-gates.js';
import { readAttemptCost } from './attempt-cost.js';
import type { TieBreak, UnschedulablePods } from '../scheduler/node-rank.js';
import { readFaults, readNodeLifecycle } from './read-faults.js';
import { scenarioNodeInfos } from './node-infos.js';

export const SCENARIO_API_VERSION = 'kubesim.io/v1alpha1';

/** What a generator's template may be (apiVersion optional there, checked when given). */
const GENERATOR_KINDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['Job', ['batch/v1']],
  ['Pod', ['v1']],
]);

const SPEC_FIELDS = ['seed', 'duration', 'sampleInterval', 'scheduler', 'kubelet', 'nodes', 'manifests', 'manifestFiles', 'generators', 'faults', 'controllers', 'source'];

/** Limits on what one scenario may expand into (hardening); raise them with --max-nodes / --max-pods. */
export const SCENARIO_LIMITS = { maxNodes: 200_000, maxGeneratedPods: 5_000_000 };

export interface ReadContext {
  /** Reads a manifest file named in spec.manifestFiles (resolved by the loader). */
  includeFile(path: string, from: Reader, out: Collected): void;
  /** Folder of the scenario file: trace paths in spec.source are relative to it. */
  baseDir?: string;
  /** Current limits (SCENARIO_LIMITS raised by --max-nodes / --max-pods). */
  limits?: { maxNodes: number; maxPods: number };
}

export function emptyCollected(): Collected {
  let uid = 1;
  return { nodes: [], pods: [], deployments: [], replicaSets: [], jobs: [], statefulSets: [], daemonSets: [], pdbs: [], priorityClasses: [], resources: new ResourceNames(), schedulerConfigs: [], nextUid: () => uid++, specs: [], names: [] };
}

export function readScenario(r: Reader, ctx: ReadContext): Omit<Scenario, 'file'> & { collected: Collected } {
  r.object(['apiVersion', 'kind', 'metadata', 'spec'], [], ['metadata', 'spec']);
  readTypeMeta(r, new Map([['Scenario', [SCENARIO_API_VERSION]]]));
  const meta = readMeta(r, { namespaced: false });
  const spec = r.child('spec');
  spec.object(SPEC_FIELDS);
  const out = emptyCollected();

  const sched = spec.child('scheduler');
  sched.object(['policy', 'config', 'configFile', 'plugins', 'tieBreak', 'unschedulablePods', 'featureGates', 'attemptCost']);
  const customPlugins = sched.child('plugins').items().map((c) => {
    c.object(['name', 'path'], [], ['name', 'path']);
    return { name: c.child('name').str({ required: true }) ?? '', path: c.child('path').str({ required: true }) ?? '' };
  });
  if (sched.child('config').present) out.schedulerConfigs.push({ value: sched.child('config').value, reader: sched.child('config') });
  const configFile = sched.child('configFile').str();
  if (configFile) ctx.includeFile(configFile, sched.child('configFile'), out);


  const kubelet = spec.child('kubelet');
  kubelet.object(['podStartupDelay']);

  const limits = ctx.limits ?? { maxNodes: SCENARIO_LIMITS.maxNodes, maxPods: SCENARIO_LIMITS.maxGeneratedPods };
  const nodePools = spec.child('nodes').items().map((n) => readPool(n, out, limits.maxNodes));
  let expanded = 0;
  for (const [i, p] of nodePools.entries()) {
    if ((expanded += p.count) > limits.maxNodes) break; // refused by checkLimits; do not expand names
    for (let k = 0; k < p.count; k++) out.names.push({ key: `Node ${poolNodeName(p.pool, k)}`, reader: spec.child('nodes').child(i).child('pool') });
  }
  for (const m of spec.child('manifests').items()) readManifest(m, out);
  for (const f of spec.child('manifestFiles').items()) {
    const path = f.str({ required: true });
    if (path) ctx.includeFile(path, f, out);
  }
  const durationMs = spec.child('duration').duration() ?? DEFAULT_SCENARIO.durationMs;
  const generators = spec.child('generators').items().map((g) => readGenerator(g, out, durationMs, limits.maxPods));
  const source = readTraceSource(spec.child('source'), ctx.baseDir ?? '.');
  if (source) internTraceResources(out.resources);
  for (const [i, g] of generators.entries()) out.names.push({ key: `Generator ${g.name}`, reader: spec.child('generators').child(i).child('name') });
  const faults = readFaults(spec.child('faults'), scenarioNodeInfos(nodePools, out.nodes, source?.nodes), nodePools.map((p) => p.pool), durationMs);
  const nodeLifecycle = readNodeLifecycle(spec.child('controllers'));
  return {
    name: meta.name,
    seed: spec.child('seed').int({ min: 0, max: 2 ** 32 - 1 }) ?? DEFAULT_SCENARIO.seed,
    durationMs,
    sampleIntervalMs: spec.child('sampleInterval').duration() ?? DEFAULT_SCENARIO.sampleIntervalMs,
    scheduler: {
      policy: sched.child('policy').str({ oneOf: policyNames() }) ?? DEFAULT_SCENARIO.policy,
      config: undefined,
      configFile: undefined,
      customPlugins,
      tieBreak: sched.child('tieBreak').str({ oneOf: TIE_BREAKS }) as TieBreak | undefined,
      unschedulablePods: sched.child('unschedulablePods').str({ oneOf: UNSCHEDULABLE_POD_MODES }) as UnschedulablePods | undefined,
      featureGates: readSchedulerFeatureGates(sched.child('featureGates')),
      attemptCost: readAttemptCost(sched.child('attemptCost')),
    },
    kubelet: { podStartupMs: kubelet.child('podStartupDelay').duration() ?? DEFAULT_SCENARIO.podStartupMs },
    nodePools,
    ...pick(out),
    generators,
    faults,
    nodeLifecycle,
    resources: out.resources,
    ...(source ? { source } : {}),
    collected: out,
  };
}

/** Nodes of a pool are named <pool>-<index>, index from 0. */
export function poolNodeName(pool: string, index: number): string {
  return `${pool}-${index}`;
}

function pick(out: Collected): Pick<Scenario, 'nodes' | 'pods' | 'deployments' | 'replicaSets' | 'jobs' | 'statefulSets' | 'daemonSets' | 'pdbs' | 'priorityClasses'> {
  return { nodes: out.nodes, pods: out.pods, deployments: out.deployments, replicaSets: out.replicaSets, jobs: out.jobs, statefulSets: out.statefulSets, daemonSets: out.daemonSets, pdbs: out.pdbs, priorityClasses: out.priorityClasses };
}

function readPool(r: Reader, out: Collected, maxNodes: number): NodePool {
  r.object(['pool', 'count', 'zones', 'allocatable', 'labels', 'taints', 'gpus'], [], ['pool', 'count', 'allocatable']);
  const zones = r.child('zones').items().map((z) => z.str() ?? '');
  if (r.child('zones').present && zones.length === 0) r.child('zones').fail('zones is empty', 'list at least one zone or drop the field');
  const allocatable = readAllocatable(r.child('allocatable'), out);
  if (r.child('allocatable').present && !allocatable.has('pods')) allocatable.set('pods', 110); // kubelet maxPods default
  const gpus = readPoolGpus(r.child('gpus'), out);
  if (gpus) allocatable.set(GPU_RESOURCE, gpus.count);
  return {
    pool: r.child('pool').name() ?? '',
    count: limitedInt(r.child('count'), maxNodes, 'nodes', '--max-nodes') ?? 0,
    zones,
    allocatable,
    labels: gpus?.model ? { ...readStringMap(r.child('labels')), [GPU_MODEL_LABEL]: gpus.model } : readStringMap(r.child('labels')),
    taints: readTaints(r.child('taints')),
  };
}

/** A pool's `gpus: {count, model}`: allocatable nvidia.com/gpu and the kubesim.io/gpu-model label. */
function readPoolGpus(r: Reader, out: Collected): { count: number; model: string } | undefined {
  if (!r.present) return undefined;
  r.object(['count', 'model'], [], ['count']);
  const count = r.child('count').int({ required: true, min: 0, max: 64 });
  if (count === undefined) return undefined;
  out.resources.intern(GPU_RESOURCE);
  return { count, model: r.child('model').str() ?? '' };
}

function readArrival(r: Reader): Arrival | undefined {
  r.object(['type', 'meanInterval', 'interval', 'ratePerMinute'], [], ['type']);
  const type = r.child('type').str({ required: true, oneOf: ['poisson', 'fixed'] });
  if (type === 'poisson') {
    const rate = r.child('ratePerMinute').num({ min: 0, exclusiveMin: true });
    const mean = r.child('meanInterval').duration();
    if (rate === undefined && mean === undefined) return r.fail('a poisson arrival needs meanInterval (e.g. 30s) or ratePerMinute', 'add meanInterval: 30s');
    const meanIntervalMs = mean ?? 60_000 / rate!;
    if (meanIntervalMs < 1) return r.fail('arrivals faster than one per millisecond are not supported');
    return { type, meanIntervalMs };
  }
  if (type === 'fixed') {
    const intervalMs = r.child('interval').duration(true);
    if (intervalMs === 0) return r.child('interval').fail('interval must be above 0');
    return intervalMs === undefined ? undefined : { type, intervalMs };
  }
  return undefined;
}

function readGenerator(r: Reader, out: Collected, durationMs: number, maxPods: number): Generator {
  r.object(['name', 'arrival', 'start', 'stop', 'maxCount', 'template'], [], ['name', 'arrival', 'template']);
  const name = r.child('name').name() ?? '';
  const t = r.child('template');
  const kind = t.child('kind').str({ required: true, oneOf: [...GENERATOR_KINDS.keys()] });
  const apiVersion = t.child('apiVersion').str();
  const allowed = kind ? GENERATOR_KINDS.get(kind) : undefined;
  if (apiVersion !== undefined && allowed && !allowed.includes(apiVersion)) t.child('apiVersion').fail(`apiVersion "${apiVersion}" is not valid for kind ${kind}`, `use ${allowed.join(' or ')}, or leave it out`);
  let job: Generator['job'];
  let pod: Generator['pod'];
  let namespace = 'default';
  if (kind === 'Job') {
    t.object(['apiVersion', 'kind', 'metadata', 'spec'], [], ['spec']);
    job = readJob(t, out, 0, false);
    namespace = job.meta.namespace;
  } else if (kind === 'Pod') {
    pod = readTemplate(t, { resources: out.resources, specs: out.specs }, true);
    namespace = (t.child('metadata').child('namespace').str() ?? 'default') || 'default';
  }
  const startMs = r.child('start').duration() ?? 0;
  const stopMs = r.child('stop').duration() ?? durationMs;
  if (stopMs < startMs) r.child('stop').fail('stop is before start');
  return {
    name,
    kind: kind === 'Pod' ? 'Pod' : 'Job',
    namespace,
    arrival: readArrival(r.child('arrival')) ?? { type: 'fixed', intervalMs: 60_000 },
    startMs,
    stopMs,
    maxCount: limitedInt(r.child('maxCount'), maxPods, 'pods', '--max-pods') ?? Number.POSITIVE_INFINITY, // the pod estimate (limits.ts) bounds it
    job,
    pod,
  };
}

/** A count bounded by a limit that a flag raises (the message names both). */
function limitedInt(r: Reader, max: number, what: string, flag: string): number | undefined {
  const n = r.int({ required: what === 'nodes', min: 0 });
  if (n === undefined || n <= max) return n;
  return r.fail(`${n} ${what} is more than the limit of ${max}`, `raise the limit with ${flag} ${n} if this is intended`, 'E_LIMIT');
}

export function suggestKind(kind: string, kinds: readonly string[]): string | undefined {
  return didYouMean(kind, kinds);
}
