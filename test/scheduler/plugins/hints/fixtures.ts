/**
 * Small builders for queueing-hint tests, shaped like upstream's st.MakePod() / st.MakeNode()
 * (pkg/scheduler/testing/wrappers.go): only the fields hints read.
 */
import type { LabelSelector, Labels, NodeSelectorTerm } from '../../../../engine/cluster/labels.js';
import type { Affinity, ContainerPort, Pod, PodAffinityTerm, TopologySpreadConstraint } from '../../../../engine/cluster/pod.js';
import type { Taint, Toleration } from '../../../../engine/cluster/taints.js';
import type { GpuRequest } from '../../../../engine/cluster/gpu.js';
import type { NodeState, ObservedEvent, QueueingHintFn } from '../../../../engine/scheduler/framework/queueing-hint.js';
import type { ClusterEvent } from '../../../../engine/scheduler/queue/cluster-events.js';

/** Resource vector indexes (cluster/resources.ts): cpu millis, memory bytes, ephemeral-storage, pods, then extended. */
export const CPU = 0;
export const MEMORY = 1;
export const PODS = 3;
export const EXT_A = 4;
export const EXT_B = 5;

/** st.MakeNode().Capacity(...) gives 32 pods unless told otherwise. */
const DEFAULT_PODS = 32;

export interface PodOptions {
  uid?: number;
  namespace?: string;
  labels?: Labels;
  /** st.MakePod().Node(name): assigned. */
  assigned?: boolean;
  nominatedNodeName?: string;
  requests?: Record<number, number>;
  tolerations?: Toleration[];
  nodeName?: string;
  nodeSelector?: Labels;
  nodeRequired?: NodeSelectorTerm[];
  podRequired?: PodAffinityTerm[];
  antiRequired?: PodAffinityTerm[];
  spread?: TopologySpreadConstraint[];
  ports?: ContainerPort[];
  gpu?: GpuRequest;
  owner?: { kind: string; name: string };
}

let nextUid = 1000;

export function pod(o: PodOptions = {}): Pod {
  const requests: number[] = [0, 0, 0, 0, 0, 0];
  for (const [i, v] of Object.entries(o.requests ?? {})) requests[Number(i)] = v;
  const affinity: Affinity | undefined =
    o.nodeRequired || o.podRequired || o.antiRequired
      ? { nodeRequired: o.nodeRequired, nodePreferred: [], podRequired: o.podRequired ?? [], podPreferred: [], antiRequired: o.antiRequired ?? [], antiPreferred: [] }
      : undefined;
  return {
    uid: o.uid ?? nextUid++,
    name: `p${nextUid}`,
    namespace: o.namespace ?? 'default',
    labels: o.labels ?? {},
    nodeIndex: o.assigned ? 0 : -1,
    nominatedNodeName: o.nominatedNodeName ?? '',
    owner: o.owner ? { ...o.owner, uid: 1, controller: true } : undefined,
    spec: {
      requests,
      tolerations: o.tolerations ?? [],
      nodeName: o.nodeName ?? '',
      nodeSelector: o.nodeSelector ?? {},
      affinity,
      topologySpreadConstraints: o.spread ?? [],
      containers: [{ name: 'c', image: 'i', requests: new Map(), limits: new Map(), ports: o.ports ?? [], restartPolicyAlways: false }],
      gpu: o.gpu,
      schedulerName: 'default-scheduler',
    },
  } as unknown as Pod;
}

export interface NodeOptions {
  name?: string;
  labels?: Labels;
  taints?: Taint[];
  unschedulable?: boolean;
  capacity?: Record<number, number>;
}

export function node(o: NodeOptions = {}): NodeState {
  const allocatable: number[] = [0, 0, 0, DEFAULT_PODS, 0, 0];
  for (const [i, v] of Object.entries(o.capacity ?? {})) allocatable[Number(i)] = v;
  return { name: o.name ?? 'node-a', labels: o.labels ?? {}, taints: o.taints ?? [], unschedulable: o.unschedulable ?? false, allocatable: Float64Array.from(allocatable) };
}

/** st.MakeLabelSelector().Exists(key). */
export function exists(key: string): LabelSelector {
  return { matchLabels: {}, matchExpressions: [{ key, operator: 'Exists', values: [] }] };
}

/** st.MakePod().SpreadConstraint(maxSkew, key, whenUnsatisfiable, selector, ...). */
export function spread(topologyKey: string, selector: LabelSelector, whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway' = 'DoNotSchedule'): TopologySpreadConstraint {
  return { maxSkew: 1, topologyKey, whenUnsatisfiable, labelSelector: selector, minDomains: undefined, nodeAffinityPolicy: 'Honor', nodeTaintsPolicy: 'Ignore', matchLabelKeys: [] };
}

/** A required pod (anti-)affinity term selecting `selector` over `topologyKey` in the pod's namespace. */
export function term(selector: LabelSelector, topologyKey: string): PodAffinityTerm {
  return { labelSelector: selector, namespaces: [], namespaceSelector: undefined, topologyKey, matchLabelKeys: [], mismatchLabelKeys: [] };
}

export function taint(key: string, value: string, effect: Taint['effect'] = 'NoSchedule'): Taint {
  return { key, value, effect };
}

export function toleration(key: string, value: string, effect: Toleration['effect'] = 'NoSchedule'): Toleration {
  return { key, operator: 'Equal', value, effect };
}

/** Node events: add (new only), delete (old only), update (both). */
export function nodeEvent(event: ClusterEvent, oldNode: NodeState | undefined, newNode: NodeState | undefined): ObservedEvent {
  return { event, ...(oldNode ? { oldNode } : {}), ...(newNode ? { newNode } : {}) };
}

export function podEvent(event: ClusterEvent, oldPod: Pod | undefined, newPod: Pod | undefined): ObservedEvent {
  return { event, ...(oldPod ? { oldPod } : {}), ...(newPod ? { newPod } : {}) };
}

/** The event a case's old/new objects describe (add, delete or update). */
export function nodeChange(oldNode: NodeState | undefined, newNode: NodeState | undefined, update: ClusterEvent = 'NodeLabelChange'): ObservedEvent {
  return nodeEvent(oldNode === undefined ? 'NodeAdd' : newNode === undefined ? 'NodeDelete' : update, oldNode, newNode);
}

export function podChange(oldPod: Pod | undefined, newPod: Pod | undefined): ObservedEvent {
  return podEvent(oldPod === undefined ? 'AssignedPodAdd' : newPod === undefined ? 'AssignedPodDelete' : 'AssignedPodUpdate', oldPod, newPod);
}

export type Hint = QueueingHintFn;
