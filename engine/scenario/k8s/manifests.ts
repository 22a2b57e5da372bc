/** Reads Kubernetes manifests (Node, Pod, Deployment, ReplicaSet, Job, PriorityClass, List) into a scenario. */
import { matchesSelector } from '../../cluster/labels.js';
import type { PodSpec } from '../../cluster/pod.js';
import type { TaintEffect } from '../../cluster/taints.js';
import type { Job, ObjectMeta, PodTemplate } from '../../cluster/workloads.js';
import type { Reader } from '../reader.js';
import type { ResourceNames } from '../../cluster/resources.js';
import { GPU_MILLI_ANNOTATION, GPU_RESOURCE, gpuRequestFrom, gpuRequestProblems } from '../../cluster/gpu.js';
import { DURATION_ANNOTATION, parseRunDuration } from '../run-duration.js';
import type { Scenario } from '../types.js';
import { readLabelSelector, readMeta, readTypeMeta } from './meta.js';
import { readDaemonSet, readPodDisruptionBudget, readStatefulSet } from './apps.js';
import type { PodSpecContext } from './podspec.js';
import { readPodSpec } from './podspec.js';

export const MANIFEST_KINDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['Node', ['v1']],
  ['Pod', ['v1']],
  ['Deployment', ['apps/v1']],
  ['ReplicaSet', ['apps/v1']],
  ['Job', ['batch/v1']],
  ['StatefulSet', ['apps/v1']],
  ['DaemonSet', ['apps/v1']],
  ['PodDisruptionBudget', ['policy/v1']],
  ['PriorityClass', ['scheduling.k8s.io/v1']],
  ['List', ['v1']],
  ['KubeSchedulerConfiguration', ['kubescheduler.config.k8s.io/v1']],
]);

/** Kinds that a `kubectl get -o yaml` dump contains but that kubesim does not simulate: skipped. */
export const SKIPPED_KINDS = new Set(['Service', 'ConfigMap', 'Secret', 'Namespace', 'ServiceAccount', 'Endpoints', 'EndpointSlice', 'Event', 'Lease']);

export type Collected = Pick<Scenario, 'nodes' | 'pods' | 'deployments' | 'replicaSets' | 'jobs' | 'priorityClasses' | 'resources' | 'statefulSets' | 'daemonSets' | 'pdbs'> & {
  schedulerConfigs: { value: unknown; reader: Reader }[];
  nextUid: () => number;
  /** Pod specs with their readers, and object names with theirs, for cross-checks. */
  specs: { spec: PodSpec; reader: Reader }[];
  names: { key: string; reader: Reader }[];
};

const TOP_LEVEL: Record<string, readonly string[]> = {
  List: ['apiVersion', 'kind', 'items', 'metadata'],
  PriorityClass: ['apiVersion', 'kind', 'metadata', 'value', 'globalDefault', 'preemptionPolicy', 'description'],
  KubeSchedulerConfiguration: [
    'apiVersion', 'kind', 'profiles', 'percentageOfNodesToScore', 'podInitialBackoffSeconds', 'podMaxBackoffSeconds', 'parallelism',
    'leaderElection', 'clientConnection', 'extenders', 'delayCacheUntilActive', 'healthzBindAddress', 'metricsBindAddress',
    'enableProfiling', 'enableContentionProfiling', 'featureGates',
  ],
};
const OBJECT_TOP_LEVEL = ['apiVersion', 'kind', 'metadata', 'spec', 'status'];

export function readManifest(r: Reader, out: Collected): void {
  if (!r.present) return;
  const kindText = r.child('kind').value;
  if (typeof kindText === 'string' && SKIPPED_KINDS.has(kindText)) return;
  if (!r.object(TOP_LEVEL[typeof kindText === 'string' ? kindText : ''] ?? OBJECT_TOP_LEVEL)) return;
  const kind = readTypeMeta(r, MANIFEST_KINDS);
  switch (kind) {
    case 'List':
      for (const item of r.child('items').items()) readManifest(item, out);
      return;
    case 'Node':
      return readNode(r, out);
    case 'Pod':
      return readPod(r, out);
    case 'Deployment':
    case 'ReplicaSet':
      return readReplicated(r, out, kind);
    case 'Job':
      out.jobs.push(readJob(r, out, 0));
      return;
    case 'PriorityClass':
      return readPriorityClass(r, out);
    case 'StatefulSet':
      return readStatefulSet(r, out);
    case 'DaemonSet':
      return readDaemonSet(r, out);
    case 'PodDisruptionBudget':
      return readPodDisruptionBudget(r, out);
    case 'KubeSchedulerConfiguration':
      out.schedulerConfigs.push({ value: r.value, reader: r });
      return;
  }
}

function objectMeta(r: Reader, out: Collected, kind: string, namespaced = true): ObjectMeta {
  const meta = { ...readMeta(r, { namespaced }), uid: out.nextUid() };
  out.names.push({ key: `${kind} ${namespaced ? `${meta.namespace}/` : ''}${meta.name}`, reader: r.child('metadata').child('name') });
  return meta;
}

function readNode(r: Reader, out: Collected): void {
  const meta = readMeta(r, { namespaced: false });
  out.names.push({ key: `Node ${meta.name}`, reader: r.child('metadata').child('name') });
  const spec = r.child('spec');
  spec.object(['taints', 'unschedulable'], ['podCIDR', 'podCIDRs', 'providerID', 'configSource', 'externalID']);
  const status = r.child('status');
  status.object(['allocatable', 'capacity', 'images'], ['conditions', 'addresses', 'daemonEndpoints', 'nodeInfo', 'phase', 'volumesAttached', 'volumesInUse', 'config', 'runtimeHandlers', 'features']);
  const allocReader = status.child('allocatable').present ? status.child('allocatable') : status.child('capacity');
  if (!allocReader.present) status.fail('a Node needs status.allocatable (or status.capacity)', 'add status: {allocatable: {cpu: "8", memory: 32Gi, pods: "110"}}');
  const allocatable = readAllocatable(allocReader, out);
  const images = status.child('images').items().map((img) => {
    img.object(['names', 'sizeBytes']);
    return { names: img.child('names').items().map((n) => n.str() ?? ''), sizeBytes: img.child('sizeBytes').int({ min: 0 }) ?? 0 };
  });
  out.nodes.push({ name: meta.name, labels: meta.labels, taints: readTaints(spec.child('taints')), unschedulable: spec.child('unschedulable').bool() ?? false, allocatable, images });
}

export function readAllocatable(r: Reader, out: Pick<Collected, 'resources'>): Map<string, number> {
  const m = new Map<string, number>();
  for (const [name, v] of r.entries()) {
    const q = v.quantity(name);
    if (q === undefined) continue;
    out.resources.intern(name);
    m.set(name, q);
  }
  return m;
}

export function readTaints(r: Reader): { key: string; value: string; effect: TaintEffect }[] {
  return r.items().map((t) => {
    t.object(['key', 'value', 'effect'], ['timeAdded'], ['key', 'effect']);
    return { key: t.child('key').str({ required: true }) ?? '', value: t.child('value').str() ?? '', effect: (t.child('effect').str({ required: true, oneOf: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] }) ?? 'NoSchedule') as TaintEffect };
  });
}

function withDuration(template: Reader, spec: PodSpec, annotations: Record<string, string>): PodSpec {
  const text = annotations[DURATION_ANNOTATION];
  if (text === undefined) return spec;
  const d = template.child('metadata').child('annotations').child(DURATION_ANNOTATION).guard(() => parseRunDuration(text));
  // In place: the spec is the one registered for the cross-checks (priorityClassName sets its priority).
  if (d) spec.runDuration = d;
  return spec;
}

/** The GPU request of a pod (engine/cluster/gpu.ts): nvidia.com/gpu plus the gpu-milli and gpu-models annotations. */
function withGpu(template: Reader, spec: PodSpec, annotations: Record<string, string>, names: ResourceNames): PodSpec {
  const i = names.lookup(GPU_RESOURCE);
  const count = i === undefined ? 0 : (spec.requests[i] ?? 0);
  const milliText = annotations[GPU_MILLI_ANNOTATION];
  if (count === 0 && milliText === undefined) return spec;
  const problems = gpuRequestProblems(count, milliText);
  for (const p of problems) template.child('metadata').child('annotations').child(GPU_MILLI_ANNOTATION).fail(p, 'e.g. kubesim.io/gpu-milli: "500" for half of one GPU');
  if (problems.length > 0) return spec;
  const gpu = gpuRequestFrom(count, annotations);
  if (gpu) spec.gpu = gpu; // in place, as withDuration
  return spec;
}

function readPod(r: Reader, out: Collected): void {
  const meta = objectMeta(r, out, 'Pod');
  r.child('status'); // status of a dumped pod is ignored: bound pods (spec.nodeName) are taken as Running.
  if (!r.child('spec').present) r.fail('missing required field "spec"', 'add spec: {containers: [{name: app, image: ...}]}');
  const spec = withGpu(r, withDuration(r, readPodSpec(r.child('spec'), { resources: out.resources, specs: out.specs }), meta.annotations), meta.annotations, out.resources);
  out.pods.push({ meta, spec });
}

export function readTemplate(r: Reader, ctx: PodSpecContext, typeMeta = false): PodTemplate {
  r.object(typeMeta ? ['apiVersion', 'kind', 'metadata', 'spec'] : ['metadata', 'spec'], [], ['spec']);
  const m = r.child('metadata');
  m.object(['labels', 'annotations', 'name', 'namespace'], ['creationTimestamp']);
  const meta = readMeta(r, { namespaced: false, nameRequired: false });
  const spec = withGpu(r, withDuration(r, readPodSpec(r.child('spec'), ctx), meta.annotations), meta.annotations, ctx.resources);
  return { labels: meta.labels, annotations: meta.annotations, spec };
}

function readReplicated(r: Reader, out: Collected, kind: 'Deployment' | 'ReplicaSet'): void {
  const meta = objectMeta(r, out, kind);
  const spec = r.child('spec');
  spec.object(['replicas', 'selector', 'template', 'strategy'], ['minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds', 'paused'], ['selector', 'template']);
  const replicas = spec.child('replicas').int({ min: 0, max: 1_000_000 }) ?? 1;
  const selector = readLabelSelector(spec.child('selector'));
  const template = readTemplate(spec.child('template'), { resources: out.resources, restartPolicies: ['Always'], specs: out.specs });
  if (selector && !matchesSelector(selector, template.labels)) {
    spec.child('selector').fail(`selector does not match the pod template labels ${JSON.stringify(template.labels)}`, 'make spec.selector.matchLabels a subset of spec.template.metadata.labels');
  }
  if (selector && Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0) spec.child('selector').fail('empty selector', 'select the pods by their template labels');
  const sel = selector ?? { matchLabels: {}, matchExpressions: [] };
  if (kind === 'Deployment') {
    const strat = spec.child('strategy');
    strat.object(['type', 'rollingUpdate']);
    const ru = strat.child('rollingUpdate');
    ru.object(['maxSurge', 'maxUnavailable']);
    out.deployments.push({ kind, meta, replicas, selector: sel, template, maxSurge: (ru.child('maxSurge').value as string | number | undefined) ?? '25%', maxUnavailable: (ru.child('maxUnavailable').value as string | number | undefined) ?? '25%' });
  } else {
    out.replicaSets.push({ kind, meta, replicas, selector: sel, template, ownerDeployment: '' });
  }
}

export function readJob(r: Reader, out: Collected, createdMs: number, register = true): Job {
  const meta = register ? objectMeta(r, out, 'Job') : { ...readMeta(r, { namespaced: true, nameRequired: false }), uid: 0 };
  const spec = r.child('spec');
  spec.object(['completions', 'parallelism', 'backoffLimit', 'completionMode', 'podReplacementPolicy', 'template', 'activeDeadlineSeconds'], ['ttlSecondsAfterFinished', 'selector', 'manualSelector', 'suspend', 'backoffLimitPerIndex', 'maxFailedIndexes', 'podFailurePolicy', 'successPolicy', 'managedBy'], ['template']);
  const template = readTemplate(spec.child('template'), { resources: out.resources, restartPolicies: ['OnFailure', 'Never'], defaultRestartPolicy: 'Never', specs: out.specs });
  if (!spec.child('template').child('spec').child('restartPolicy').present) spec.child('template').child('spec').fail('a Job pod template needs restartPolicy OnFailure or Never', 'add restartPolicy: Never');
  if (template.spec.runDuration === undefined) spec.child('template').fail(`Job pods need a run time: the annotation ${DURATION_ANNOTATION} on the template`, `add metadata: {annotations: {${DURATION_ANNOTATION}: "5m"}} to spec.template`);
  const parallelism = spec.child('parallelism').int({ min: 0, max: 100_000 }) ?? 1;
  const deadlineSeconds = spec.child('activeDeadlineSeconds').int({ min: 1, max: 10 * 365 * 86400 });
  return {
    ...(deadlineSeconds !== undefined ? { activeDeadlineMs: deadlineSeconds * 1000 } : {}),
    kind: 'Job',
    meta,
    completions: spec.child('completions').int({ min: 1, max: 1_000_000 }) ?? 1,
    parallelism,
    backoffLimit: spec.child('backoffLimit').int({ min: 0, max: 1_000_000 }) ?? 6,
    completionMode: (spec.child('completionMode').str({ oneOf: ['NonIndexed', 'Indexed'] }) ?? 'NonIndexed') as Job['completionMode'],
    podReplacementPolicy: (spec.child('podReplacementPolicy').str({ oneOf: ['TerminatingOrFailed', 'Failed'] }) ?? 'TerminatingOrFailed') as Job['podReplacementPolicy'],
    template,
    createdMs,
  };
}

function readPriorityClass(r: Reader, out: Collected): void {
  const meta = readMeta(r, { namespaced: false });
  out.names.push({ key: `PriorityClass ${meta.name}`, reader: r.child('metadata').child('name') });
  const value = r.child('value').int({ required: true, min: -2147483648, max: 1_000_000_000 });
  out.priorityClasses.push({
    kind: 'PriorityClass',
    name: meta.name,
    value: value ?? 0,
    globalDefault: r.child('globalDefault').bool() ?? false,
    preemptionPolicy: (r.child('preemptionPolicy').str({ oneOf: ['PreemptLowerPriority', 'Never'] }) ?? 'PreemptLowerPriority') as 'PreemptLowerPriority' | 'Never',
  });
}
