/**
 * Pods. Pods created from one template share one PodSpec object (PERFORMANCE.md lesson 4): requests,
 * tolerations and affinity are parsed once per spec; the Pod itself holds only per-instance state.
 */
import type { GpuRequest } from './gpu.js';
import type { LabelSelector, Labels, NodeSelectorTerm } from './labels.js';
import type { ResourceVector } from './resources.js';
import type { Toleration } from './taints.js';
import type { DistributionSpec } from '../core/rng.js';

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';
export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

export interface ContainerPort {
  containerPort: number;
  hostPort: number;
  protocol: string;
  hostIP: string;
}

export interface Container {
  name: string;
  image: string;
  requests: ReadonlyMap<string, number>;
  limits: ReadonlyMap<string, number>;
  ports: readonly ContainerPort[];
  /** restartPolicy: Always on an init container makes it a sidecar. */
  restartPolicyAlways: boolean;
}

export interface WeightedNodeSelectorTerm {
  weight: number;
  preference: NodeSelectorTerm;
}

export interface PodAffinityTerm {
  labelSelector: LabelSelector | undefined;
  namespaces: readonly string[];
  namespaceSelector: LabelSelector | undefined;
  topologyKey: string;
  matchLabelKeys: readonly string[];
  mismatchLabelKeys: readonly string[];
}

export interface WeightedPodAffinityTerm {
  weight: number;
  term: PodAffinityTerm;
}

export interface Affinity {
  nodeRequired: readonly NodeSelectorTerm[] | undefined;
  nodePreferred: readonly WeightedNodeSelectorTerm[];
  podRequired: readonly PodAffinityTerm[];
  podPreferred: readonly WeightedPodAffinityTerm[];
  antiRequired: readonly PodAffinityTerm[];
  antiPreferred: readonly WeightedPodAffinityTerm[];
}

export interface TopologySpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  labelSelector: LabelSelector | undefined;
  minDomains: number | undefined;
  nodeAffinityPolicy: 'Honor' | 'Ignore';
  nodeTaintsPolicy: 'Honor' | 'Ignore';
  matchLabelKeys: readonly string[];
}

/** How long a pod's main work runs once it is Running; undefined = until deleted. */
export type RunDuration =
  | { kind: 'fixed'; ms: number }
  | { kind: 'sampled'; spec: DistributionSpec; text: string };

export interface PodSpec {
  containers: readonly Container[];
  initContainers: readonly Container[];
  overhead: ReadonlyMap<string, number>;
  /** Effective request vector: max(sum(containers), each init container) + overhead, actual values. */
  requests: ResourceVector;
  /** cpu millis / memory bytes with the per-container scoring defaults applied. */
  nonZeroCpu: number;
  nonZeroMemory: number;
  nodeSelector: Labels;
  affinity: Affinity | undefined;
  tolerations: readonly Toleration[];
  topologySpreadConstraints: readonly TopologySpreadConstraint[];
  priority: number;
  priorityClassName: string;
  preemptionPolicy: 'PreemptLowerPriority' | 'Never';
  schedulerName: string;
  restartPolicy: RestartPolicy;
  terminationGracePeriodMs: number;
  hostPorts: readonly ContainerPort[];
  runDuration: RunDuration | undefined;
  /** Pinned node (spec.nodeName in the manifest): bound without scheduling. */
  nodeName: string;
  /** GPU devices asked for (engine/cluster/gpu.ts), undefined for none. */
  gpu?: GpuRequest;
}

export interface OwnerRef {
  kind: string;
  name: string;
  uid: number;
  controller: boolean;
}

export interface Pod {
  readonly uid: number;
  readonly name: string;
  readonly namespace: string;
  /** namespace/name, the store's key and the object column of events.csv (made once: podKey). */
  readonly key: string;
  labels: Labels;
  readonly spec: PodSpec;
  readonly owner: OwnerRef | undefined;
  phase: PodPhase;
  /** Index of the node the pod is bound to, or -1. */
  nodeIndex: number;
  nominatedNodeName: string;
  createdMs: number;
  scheduledMs: number;
  runningMs: number;
  finishedMs: number;
  /** deletionTimestamp: set when deletion starts (the pod is Terminating until removed). */
  deletionMs: number;
  /** Set when the pod object is gone from the API. */
  removed: boolean;
  attempts: number;
  /** Concrete run time for this instance, drawn at creation from the durations stream. */
  runDurationMs: number;
  /** Free-form reason for the terminal phase (e.g. Completed, Evicted, Preempted, NodeLost). */
  reason: string;
  /** Indices of the node's GPUs this pod holds (set by a Reserve plugin or at bind), while bound. */
  gpus?: readonly number[];
}

export function podKey(p: Pod): string {
  return p.key;
}

export function isTerminating(p: Pod): boolean {
  return p.deletionMs >= 0 && !p.removed;
}

export function isTerminal(p: Pod): boolean {
  return p.phase === 'Succeeded' || p.phase === 'Failed';
}

/** controller.IsPodActive: not terminal and not being deleted. */
export function isActive(p: Pod): boolean {
  return !isTerminal(p) && p.deletionMs < 0 && !p.removed;
}
