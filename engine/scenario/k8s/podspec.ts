/** Reads a v1 PodSpec into the shared PodSpec of engine/cluster. */
import type { Affinity, Container, ContainerPort, PodAffinityTerm, PodSpec, TopologySpreadConstraint, WeightedPodAffinityTerm } from '../../cluster/pod.js';
import { computeRequests } from '../../cluster/pod-requests.js';
import type { ResourceNames } from '../../cluster/resources.js';
import type { TaintEffect, Toleration } from '../../cluster/taints.js';
import type { Reader } from '../reader.js';
import { readLabelSelector, readNodeSelectorTerm, readStringMap } from './meta.js';

const PODSPEC_KNOWN = [
  'containers', 'initContainers', 'nodeName', 'nodeSelector', 'affinity', 'tolerations', 'topologySpreadConstraints', 'priority',
  'priorityClassName', 'preemptionPolicy', 'schedulerName', 'restartPolicy', 'terminationGracePeriodSeconds', 'overhead',
];
/** Real PodSpec fields that do not affect scheduling or lifecycle in kubesim: accepted and ignored. */
const PODSPEC_IGNORED = [
  'activeDeadlineSeconds', 'automountServiceAccountToken', 'dnsConfig', 'dnsPolicy', 'enableServiceLinks', 'ephemeralContainers',
  'hostAliases', 'hostIPC', 'hostNetwork', 'hostPID', 'hostUsers', 'hostname', 'imagePullSecrets', 'os', 'readinessGates',
  'resourceClaims', 'resources', 'runtimeClassName', 'schedulingGates', 'securityContext', 'serviceAccount', 'serviceAccountName',
  'setHostnameAsFQDN', 'shareProcessNamespace', 'subdomain', 'volumes',
];
const CONTAINER_KNOWN = ['name', 'image', 'resources', 'ports', 'restartPolicy'];
const CONTAINER_IGNORED = [
  'args', 'command', 'env', 'envFrom', 'imagePullPolicy', 'lifecycle', 'livenessProbe', 'readinessProbe', 'resizePolicy', 'securityContext',
  'startupProbe', 'stdin', 'stdinOnce', 'terminationMessagePath', 'terminationMessagePolicy', 'tty', 'volumeDevices', 'volumeMounts', 'workingDir',
];

/** Default terminationGracePeriodSeconds (k8s.io/api/core/v1 DefaultTerminationGracePeriodSeconds). */
export const DEFAULT_TERMINATION_GRACE_SECONDS = 30;
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

export interface PodSpecContext {
  resources: ResourceNames;
  /** Restart policy allowed by the owning controller (Deployments: Always only; Jobs: OnFailure/Never). */
  restartPolicies?: readonly PodSpec['restartPolicy'][];
  defaultRestartPolicy?: PodSpec['restartPolicy'];
  /** Every spec read is listed here with its reader, for cross-checks once all documents are read. */
  specs?: { spec: PodSpec; reader: Reader }[];
}

function readResourceMap(r: Reader, ctx: PodSpecContext): Map<string, number> {
  const out = new Map<string, number>();
  for (const [name, v] of r.entries()) {
    if (name === 'pods') {
      v.fail('"pods" cannot be requested by a container', 'remove it; the pod count is checked against the node for every pod');
      continue;
    }
    const amount = v.quantity(name);
    if (amount === undefined) continue;
    ctx.resources.intern(name);
    out.set(name, amount);
  }
  return out;
}

function readContainer(r: Reader, ctx: PodSpecContext, init: boolean): Container {
  r.object(CONTAINER_KNOWN, CONTAINER_IGNORED, ['name']);
  const res = r.child('resources');
  res.object(['requests', 'limits'], ['claims']);
  const limits = readResourceMap(res.child('limits'), ctx);
  let requests = readResourceMap(res.child('requests'), ctx);
  // Kubernetes defaults a missing request to the limit (k8s.io/kubernetes pkg/apis/core/v1/defaults.go).
  if (limits.size > 0) {
    requests = new Map(requests);
    for (const [k, v] of limits) if (!requests.has(k)) requests.set(k, v);
  }
  for (const [k, v] of requests) {
    const lim = limits.get(k);
    if (lim !== undefined && v > lim) res.child('requests').child(k).fail(`request ${v} is above the limit ${lim}`, 'a request must not exceed its limit');
  }
  const ports: ContainerPort[] = [];
  for (const p of r.child('ports').items()) {
    p.object(['containerPort', 'hostPort', 'protocol', 'hostIP'], ['name']);
    ports.push({
      containerPort: p.child('containerPort').int({ required: true, min: 1, max: 65535 }) ?? 0,
      hostPort: p.child('hostPort').int({ min: 0, max: 65535 }) ?? 0,
      protocol: p.child('protocol').str({ oneOf: ['TCP', 'UDP', 'SCTP'] }) ?? 'TCP',
      hostIP: p.child('hostIP').str() ?? '',
    });
  }
  const rp = r.child('restartPolicy').str({ oneOf: ['Always'] });
  if (rp && !init) r.child('restartPolicy').fail('restartPolicy on a container is only allowed on init containers (sidecars)');
  return { name: r.child('name').str({ required: true }) ?? '', image: r.child('image').str() ?? '', requests, limits, ports, restartPolicyAlways: rp === 'Always' };
}

export function readTolerations(r: Reader): Toleration[] {
  return r.items().map((t) => {
    t.object(['key', 'operator', 'value', 'effect', 'tolerationSeconds']);
    const operator = (t.child('operator').str({ oneOf: ['Exists', 'Equal'] }) ?? 'Equal') as Toleration['operator'];
    const key = t.child('key').str() ?? '';
    const value = t.child('value').str() ?? '';
    if (operator === 'Exists' && value !== '') t.child('value').fail('value must be empty when operator is Exists');
    if (key === '' && operator !== 'Exists') t.child('operator').fail('an empty key needs operator Exists');
    const effect = (t.child('effect').str({ oneOf: ['NoSchedule', 'PreferNoSchedule', 'NoExecute', ''] }) ?? '') as TaintEffect | '';
    const tolerationSeconds = t.child('tolerationSeconds').int();
    const tol: Toleration = { key, operator, value, effect };
    if (tolerationSeconds !== undefined) tol.tolerationSeconds = tolerationSeconds;
    return tol;
  });
}

function readPodAffinityTerm(r: Reader): PodAffinityTerm {
  r.object(['labelSelector', 'namespaces', 'namespaceSelector', 'topologyKey', 'matchLabelKeys', 'mismatchLabelKeys'], [], ['topologyKey']);
  return {
    labelSelector: readLabelSelector(r.child('labelSelector')),
    namespaces: r.child('namespaces').items().map((n) => n.str() ?? ''),
    namespaceSelector: readLabelSelector(r.child('namespaceSelector')),
    topologyKey: r.child('topologyKey').str({ required: true }) ?? '',
    matchLabelKeys: r.child('matchLabelKeys').items().map((n) => n.str() ?? ''),
    mismatchLabelKeys: r.child('mismatchLabelKeys').items().map((n) => n.str() ?? ''),
  };
}

function readWeightedPodTerms(r: Reader): WeightedPodAffinityTerm[] {
  return r.items().map((w) => {
    w.object(['weight', 'podAffinityTerm'], [], ['weight', 'podAffinityTerm']);
    return { weight: w.child('weight').int({ required: true, min: 1, max: 100 }) ?? 1, term: readPodAffinityTerm(w.child('podAffinityTerm')) };
  });
}

function readAffinity(r: Reader): Affinity | undefined {
  if (!r.present) return undefined;
  r.object(['nodeAffinity', 'podAffinity', 'podAntiAffinity']);
  const na = r.child('nodeAffinity');
  na.object(['requiredDuringSchedulingIgnoredDuringExecution', 'preferredDuringSchedulingIgnoredDuringExecution']);
  const req = na.child('requiredDuringSchedulingIgnoredDuringExecution');
  req.object(['nodeSelectorTerms'], [], ['nodeSelectorTerms']);
  const pa = r.child('podAffinity');
  const anti = r.child('podAntiAffinity');
  const podKeys = ['requiredDuringSchedulingIgnoredDuringExecution', 'preferredDuringSchedulingIgnoredDuringExecution'];
  pa.object(podKeys);
  anti.object(podKeys);
  return {
    nodeRequired: req.present ? req.child('nodeSelectorTerms').items().map(readNodeSelectorTerm) : undefined,
    nodePreferred: na.child('preferredDuringSchedulingIgnoredDuringExecution').items().map((w) => {
      w.object(['weight', 'preference'], [], ['weight', 'preference']);
      return { weight: w.child('weight').int({ required: true, min: 1, max: 100 }) ?? 1, preference: readNodeSelectorTerm(w.child('preference')) };
    }),
    podRequired: pa.child(podKeys[0]!).items().map(readPodAffinityTerm),
    podPreferred: readWeightedPodTerms(pa.child(podKeys[1]!)),
    antiRequired: anti.child(podKeys[0]!).items().map(readPodAffinityTerm),
    antiPreferred: readWeightedPodTerms(anti.child(podKeys[1]!)),
  };
}

function readSpread(r: Reader): TopologySpreadConstraint[] {
  return r.items().map((c) => {
    c.object(['maxSkew', 'topologyKey', 'whenUnsatisfiable', 'labelSelector', 'minDomains', 'nodeAffinityPolicy', 'nodeTaintsPolicy', 'matchLabelKeys'], [], ['maxSkew', 'topologyKey', 'whenUnsatisfiable']);
    const when = c.child('whenUnsatisfiable').str({ required: true, oneOf: ['DoNotSchedule', 'ScheduleAnyway'] }) ?? 'DoNotSchedule';
    const minDomains = c.child('minDomains').int({ min: 1 });
    if (minDomains !== undefined && when !== 'DoNotSchedule') c.child('minDomains').fail('minDomains is only allowed with whenUnsatisfiable: DoNotSchedule');
    return {
      maxSkew: c.child('maxSkew').int({ required: true, min: 1 }) ?? 1,
      topologyKey: c.child('topologyKey').str({ required: true }) ?? '',
      whenUnsatisfiable: when as TopologySpreadConstraint['whenUnsatisfiable'],
      labelSelector: readLabelSelector(c.child('labelSelector')),
      minDomains,
      nodeAffinityPolicy: (c.child('nodeAffinityPolicy').str({ oneOf: ['Honor', 'Ignore'] }) ?? 'Honor') as 'Honor' | 'Ignore',
      nodeTaintsPolicy: (c.child('nodeTaintsPolicy').str({ oneOf: ['Honor', 'Ignore'] }) ?? 'Ignore') as 'Honor' | 'Ignore',
      matchLabelKeys: c.child('matchLabelKeys').items().map((n) => n.str() ?? ''),
    };
  });
}

export function readPodSpec(r: Reader, ctx: PodSpecContext): PodSpec {
  r.object(PODSPEC_KNOWN, PODSPEC_IGNORED, ['containers']);
  const containerReaders = r.child('containers').items();
  if (r.child('containers').present && containerReaders.length === 0) r.child('containers').fail('a pod needs at least one container');
  const containers = containerReaders.map((c) => readContainer(c, ctx, false));
  const initContainers = r.child('initContainers').items().map((c) => readContainer(c, ctx, true));
  const overhead = readResourceMap(r.child('overhead'), ctx);
  const allowed = ctx.restartPolicies ?? ['Always', 'OnFailure', 'Never'];
  const restartPolicy = (r.child('restartPolicy').str({ oneOf: allowed }) ?? ctx.defaultRestartPolicy ?? 'Always') as PodSpec['restartPolicy'];
  const names = new Set<string>();
  for (const [i, c] of [...containers, ...initContainers].entries()) {
    if (c.name && names.has(c.name)) r.child(i < containers.length ? 'containers' : 'initContainers').fail(`duplicate container name "${c.name}"`, 'give every container a unique name');
    names.add(c.name);
  }
  const { requests, nonZeroCpu, nonZeroMemory } = computeRequests(containers, initContainers, overhead, ctx.resources);
  const spec: PodSpec = {
    containers,
    initContainers,
    overhead,
    requests,
    nonZeroCpu,
    nonZeroMemory,
    nodeSelector: readStringMap(r.child('nodeSelector')),
    affinity: readAffinity(r.child('affinity')),
    tolerations: readTolerations(r.child('tolerations')),
    topologySpreadConstraints: readSpread(r.child('topologySpreadConstraints')),
    priority: r.child('priority').int({ min: -2147483648, max: 1000000000 }) ?? 0,
    priorityClassName: r.child('priorityClassName').str() ?? '',
    preemptionPolicy: (r.child('preemptionPolicy').str({ oneOf: ['PreemptLowerPriority', 'Never'] }) ?? 'PreemptLowerPriority') as PodSpec['preemptionPolicy'],
    schedulerName: r.child('schedulerName').str() ?? DEFAULT_SCHEDULER_NAME,
    restartPolicy,
    terminationGracePeriodMs: (r.child('terminationGracePeriodSeconds').int({ min: 0, max: 86400 * 365 }) ?? DEFAULT_TERMINATION_GRACE_SECONDS) * 1000,
    hostPorts: [...containers, ...initContainers].flatMap((c) => c.ports.filter((p) => p.hostPort > 0)),
    runDuration: undefined,
    nodeName: r.child('nodeName').str() ?? '',
  };
  ctx.specs?.push({ spec, reader: r });
  return spec;
}
