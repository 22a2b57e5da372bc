/**
 * The cluster store: current state of nodes and pods with the indexes everybody needs (pods by node,
 * requested resources per node), and the change events that the scheduler, the controllers and the
 * metrics subscribe to. Like the API server, it is the only place components meet.
 */
import type { Simulator } from '../core/simulator.js';
import type { ContainerImage, Node } from './node.js';
import { LABEL_HOSTNAME, zoneOf } from './node.js';
import type { Pod, PodPhase } from './pod.js';
import { isTerminal, podKey } from './pod.js';
import type { Labels } from './labels.js';
import type { ResourceNames, ResourceVector } from './resources.js';
import { CPU, MEMORY, PODS } from './resources.js';
import type { Taint } from './taints.js';
import { StoreEvents } from './store-events.js';
import type { TypicalPod } from './gpu.js';
import { GPU_RESOURCE, applyGpus, defaultGpuChoice, newNodeGpus } from './gpu.js';
import type { PodDisruptionBudget } from './workloads.js';

export interface NodeInit {
  name: string;
  labels: Labels;
  taints: Taint[];
  unschedulable: boolean;
  allocatable: ResourceVector;
  images: readonly ContainerImage[];
  pool: string;
}

/** What podsOn returns for a node that never had a pod. */
const NO_PODS: ReadonlySet<Pod> = new Set<Pod>();

export class ClusterStore {
  readonly events = new StoreEvents();
  /** All nodes ever added, by index (deleted ones stay with `deleted = true`). */
  readonly nodes: Node[] = [];
  private readonly nodeByName = new Map<string, Node>();
  /** Pods holding resources on each node; a node's Set is made on its first bind (idle nodes share NO_PODS). */
  private readonly podsByNode: (Set<Pod> | undefined)[] = [];
  private readonly terminalByNode: (Set<Pod> | undefined)[] = [];
  private readonly podByKey = new Map<string, Pod>();
  /** Every pod ever created, by uid order (removed ones included, for reports). */
  readonly allPods: Pod[] = [];
  private nextUid = 1;
  liveNodeCount = 0;
  /** The workload's typical pods (FGD's distribution T), set before t=0 when the workload is known. */
  gpuTypicalPods: readonly TypicalPod[] = [];
  /** PodDisruptionBudgets with the status kept by the disruption controller; read by eviction and preemption (see pdb.ts). */
  readonly pdbs: PodDisruptionBudget[] = [];
  /** spec.replicas of scalable controllers (ReplicaSet, StatefulSet) by uid: the disruption controller's expected counts. */
  readonly controllerScales = new Map<number, number>();

  constructor(
    readonly sim: Simulator,
    readonly resources: ResourceNames,
  ) {}

  get now(): number {
    return this.sim.now;
  }

  newUid(): number {
    return this.nextUid++;
  }

  /** Makes later uids larger than `uid` (objects read from the scenario carry uids of their own). */
  reserveUids(uid: number): void {
    if (uid >= this.nextUid) this.nextUid = uid + 1;
  }

  // ---- nodes ----

  addNode(init: NodeInit): Node {
    if (this.nodeByName.has(init.name)) throw new Error(`node ${init.name} already exists`);
    const labels = init.labels[LABEL_HOSTNAME] === undefined ? { ...init.labels, [LABEL_HOSTNAME]: init.name } : init.labels;
    const node: Node = {
      index: this.nodes.length,
      name: init.name,
      labels,
      taints: init.taints,
      unschedulable: init.unschedulable,
      allocatable: init.allocatable,
      images: init.images,
      pool: init.pool,
      zone: zoneOf(labels),
      ready: 'True',
      createdMs: this.now,
      deleted: false,
      requested: this.resources.vector(),
      nonZeroCpu: 0,
      nonZeroMemory: 0,
      podCount: 0,
      accountingVersion: 0,
      gpus: this.nodeGpus(init.allocatable, labels),
    };
    this.nodes.push(node);
    this.podsByNode.push(undefined);
    this.nodeByName.set(node.name, node);
    this.liveNodeCount++;
    this.events.emitNode('NodeAdded', node);
    return node;
  }

  private nodeGpus(allocatable: ResourceVector, labels: Labels): Node['gpus'] {
    const i = this.resources.lookup(GPU_RESOURCE);
    return i === undefined ? undefined : newNodeGpus(allocatable[i] ?? 0, labels);
  }

  node(name: string): Node | undefined {
    const n = this.nodeByName.get(name);
    return n && !n.deleted ? n : undefined;
  }

  /** Live (not deleted) nodes in index order. */
  liveNodes(): Node[] {
    return this.nodes.filter((n) => !n.deleted);
  }

  setNodeTaints(node: Node, taints: Taint[]): void {
    const previous = node.taints;
    node.taints = taints;
    this.events.emitNode('NodeTaintsChanged', node, { taints: previous });
  }

  setNodeUnschedulable(node: Node, unschedulable: boolean): void {
    if (node.unschedulable === unschedulable) return;
    node.unschedulable = unschedulable;
    this.events.emitNode('NodeTaintsChanged', node, { unschedulable: !unschedulable });
  }

  setNodeLabels(node: Node, labels: Labels): void {
    const previous = node.labels;
    node.labels = labels;
    this.events.emitNode('NodeLabelsChanged', node, { labels: previous });
  }

  setNodeReady(node: Node, ready: Node['ready']): void {
    if (node.ready === ready) return;
    node.ready = ready;
    this.events.emitNode('NodeReadyChanged', node);
  }

  removeNode(node: Node): void {
    if (node.deleted) return;
    node.deleted = true;
    this.nodeByName.delete(node.name);
    this.liveNodeCount--;
    this.events.emitNode('NodeRemoved', node);
  }

  podsOn(node: Node): ReadonlySet<Pod> {
    return this.podsByNode[node.index] ?? NO_PODS;
  }

  /** Succeeded and Failed pods not yet removed, by the node they were bound to (deleted nodes too), in the order they finished. */
  terminalPodsOn(node: Node): ReadonlySet<Pod> {
    return this.terminalByNode[node.index] ?? NO_PODS;
  }

  // ---- pods ----

  pod(namespace: string, name: string): Pod | undefined {
    return this.podByKey.get(`${namespace}/${name}`);
  }

  hasPodName(namespace: string, name: string): boolean {
    return this.podByKey.has(`${namespace}/${name}`);
  }

  addPod(pod: Pod): void {
    const key = podKey(pod);
    if (this.podByKey.has(key)) throw new Error(`pod ${key} already exists`);
    this.podByKey.set(key, pod);
    this.allPods.push(pod);
    this.events.emitPod('PodAdded', pod);
  }

  bindPod(pod: Pod, node: Node): void {
    if (pod.nodeIndex >= 0) throw new Error(`pod ${podKey(pod)} is already bound`);
    pod.nodeIndex = node.index;
    pod.scheduledMs = this.now;
    pod.nominatedNodeName = '';
    (this.podsByNode[node.index] ??= new Set()).add(pod);
    this.account(node, pod, 1);
    this.events.emitPod('PodBound', pod);
  }

  setPodPhase(pod: Pod, phase: PodPhase, reason = ''): void {
    if (pod.phase === phase || pod.removed) return;
    const wasTerminal = isTerminal(pod);
    pod.phase = phase;
    if (reason) pod.reason = reason;
    if (phase === 'Running') pod.runningMs = this.now;
    if (isTerminal(pod) && !wasTerminal) {
      pod.finishedMs = this.now;
      this.release(pod);
      if (pod.nodeIndex >= 0) (this.terminalByNode[pod.nodeIndex] ??= new Set()).add(pod);
    }
    this.events.emitPod('PodPhaseChanged', pod);
  }

  /** Sets deletionTimestamp: the pod is Terminating until removePod. */
  markDeleting(pod: Pod): void {
    if (pod.deletionMs >= 0 || pod.removed) return;
    pod.deletionMs = this.now;
    this.events.emitPod('PodDeleting', pod);
  }

  /** The pod object is gone from the API; its resources are freed if they were still held. */
  removePod(pod: Pod): void {
    if (pod.removed) return;
    pod.removed = true;
    if (pod.deletionMs < 0) pod.deletionMs = this.now;
    if (pod.finishedMs < 0) pod.finishedMs = this.now;
    this.podByKey.delete(podKey(pod));
    this.release(pod);
    if (pod.nodeIndex >= 0) this.terminalByNode[pod.nodeIndex]?.delete(pod);
    this.events.emitPod('PodRemoved', pod);
  }

  /** The node a bound pod sits on (deleted nodes included). */
  nodeOf(pod: Pod): Node | undefined {
    return pod.nodeIndex >= 0 ? this.nodes[pod.nodeIndex] : undefined;
  }

  /** Pods hold node resources from bind until they are terminal or removed (as the scheduler cache). */
  private release(pod: Pod): void {
    if (pod.nodeIndex < 0) return;
    const set = this.podsByNode[pod.nodeIndex];
    if (set === undefined || !set.delete(pod)) return;
    this.account(this.nodes[pod.nodeIndex]!, pod, -1);
  }

  private account(node: Node, pod: Pod, sign: 1 | -1): void {
    adjustNodeAccounting(node, pod, sign);
    const acc = node.requested;
    if (sign < 0 && (acc[CPU]! < 0 || acc[MEMORY]! < 0)) throw new Error(`negative accounting on node ${node.name}`);
    if (pod.spec.gpu && node.gpus) this.accountGpus(node, pod, sign);
  }

  /** GPU devices: bind takes the GPUs a Reserve plugin chose (pod.gpus) or the default choice; release gives them back. */
  private accountGpus(node: Node, pod: Pod, sign: 1 | -1): void {
    const req = pod.spec.gpu!;
    if (sign > 0) pod.gpus = pod.gpus ?? defaultGpuChoice(req, node.gpus!.free) ?? [];
    if (pod.gpus) applyGpus(node.gpus!, pod.gpus, req.milli, sign);
  }

  /** Records a lifecycle event (events.csv vocabulary) for whoever listens. */
  record(event: string, object: string, node: string, detail = ''): void {
    this.events.emitRecord(this.now, event, object, node, detail);
  }
}

/**
 * Adds (+1) or removes (-1) a pod's requests on a node: actual requests and the pod count for filtering,
 * non-zero cpu/memory for scoring. The store's accounting, and preemption's "what if" on a node.
 */
export function adjustNodeAccounting(node: Node, pod: Pod, sign: 1 | -1): void {
  const req = pod.spec.requests;
  const acc = node.requested;
  for (let i = 0; i < req.length; i++) acc[i] = acc[i]! + sign * req[i]!;
  acc[PODS] = acc[PODS]! + sign;
  node.podCount += sign;
  node.nonZeroCpu += sign * pod.spec.nonZeroCpu;
  node.nonZeroMemory += sign * pod.spec.nonZeroMemory;
  node.accountingVersion++;
}
