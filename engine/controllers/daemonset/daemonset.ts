/**
 * The DaemonSet controller (pkg/controller/daemon): one pod per eligible node. Eligibility is
 * NodeShouldRunDaemonPod: the node name, nodeSelector and required node affinity fit, and every
 * NoSchedule/NoExecute taint is tolerated by the pod with the DaemonSet tolerations added
 * (daemon/util/daemonset_util.go). A pod already on a node stays while only NoSchedule taints are
 * untolerated (shouldContinueRunning) and is deleted when a NoExecute taint is not tolerated.
 * Pods go through the scheduler: each carries a required node affinity term matchFields
 * metadata.name In [node] (ReplaceDaemonSetPodNodeNameNodeAffinity). Pods on a deleted node are left
 * to PodGC, as upstream (an unscheduled pod
 * aimed at a deleted node is deleted by the controller); terminal daemon pods are deleted and recreated.
 */
import { matchesNodeSelectorTerms, matchesSelector } from '../../cluster/labels.js';
import type { Node } from '../../cluster/node.js';
import { isPodReady } from '../../cluster/pdb.js';
import type { Pod, PodSpec } from '../../cluster/pod.js';
import { isActive, isTerminal } from '../../cluster/pod.js';
import { createPod, nameSuffix } from '../../cluster/pod-factory.js';
import { EVENT_PRIORITY } from '../../cluster/priorities.js';
import type { ClusterStore } from '../../cluster/store.js';
import type { Taint } from '../../cluster/taints.js';
import { toleratesAny } from '../../cluster/taints.js';
import type { DaemonSet } from '../../cluster/workloads.js';
import type { Simulator } from '../../core/simulator.js';
import { withDaemonSetTolerations } from './tolerations.js';

interface DsState {
  ds: DaemonSet;
  /** Template spec with the DaemonSet tolerations added (shared by all its pods before affinity). */
  baseSpec: PodSpec;
  /** Active pods by node index. */
  podsByNode: Map<number, Pod>;
  /** Per-node specs (with the node affinity term), cached. */
  specs: Map<number, PodSpec>;
  created: number;
  syncPending: boolean;
  /**
   * Node indexes whose node or daemon pod changed since the last sync (null: all of them). A node
   * nothing happened to was left settled by the previous sync, so the sync only walks these (the
   * actions and their order are those of a full walk).
   */
  dirty: Set<number> | null;
  /** Creation ordinal of each active pod (the order of podsByNode) and its target node index, by pod uid. */
  ordinal: Map<number, number>;
  target: Map<number, number>;
}

export class DaemonSetController {
  private readonly sets: DsState[] = [];
  private readonly byUid = new Map<number, DsState>();

  constructor(
    private readonly sim: Simulator,
    private readonly store: ClusterStore,
  ) {
    store.events.onPod((type, pod) => {
      if (pod.owner?.kind !== 'DaemonSet' || type === 'PodAdded' || type === 'PodBound') return;
      const st = this.byUid.get(pod.owner.uid);
      if (!st) return;
      const index = st.target.get(pod.uid);
      if (index !== undefined) st.dirty?.add(index);
      this.enqueue(st);
    });
    store.events.onNode((type, node) => {
      if (type === 'NodeReadyChanged' || type === 'NodeDrainRequested') return;
      for (const st of this.sets) {
        st.dirty?.add(node.index);
        this.enqueue(st);
      }
    });
  }

  addDaemonSet(ds: DaemonSet): void {
    const spec = ds.template.spec;
    const baseSpec: PodSpec = { ...spec, tolerations: withDaemonSetTolerations(spec.tolerations, ds.hostNetwork) };
    const st: DsState = { ds, baseSpec, podsByNode: new Map(), specs: new Map(), created: 0, syncPending: false, dirty: null, ordinal: new Map(), target: new Map() };
    this.sets.push(st);
    this.byUid.set(ds.meta.uid, st);
    this.enqueue(st);
  }

  /** Desired (eligible nodes) and ready daemon pods of every DaemonSet (availability metrics). */
  *daemonSets(): IterableIterator<{ ds: DaemonSet; desired: number; ready: number }> {
    for (const st of this.sets) {
      let desired = 0;
      let ready = 0;
      for (const node of this.store.liveNodes()) if (this.shouldRun(st, node)) desired++;
      for (const p of st.podsByNode.values()) if (isPodReady(this.store, p)) ready++;
      yield { ds: st.ds, desired, ready };
    }
  }

  private enqueue(st: DsState): void {
    if (st.syncPending) return;
    st.syncPending = true;
    this.sim.at(this.sim.now, () => this.sync(st), undefined, EVENT_PRIORITY.controller);
  }

  private sync(st: DsState): void {
    st.syncPending = false;
    const dirty = st.dirty;
    st.dirty = new Set();
    if (dirty === null) return this.syncAll(st);
    // The pods of the changed nodes in podsByNode order (creation order), then the nodes in index order.
    const pods: Pod[] = [];
    for (const index of dirty) {
      const pod = st.podsByNode.get(index);
      if (pod) pods.push(pod);
    }
    pods.sort((a, b) => st.ordinal.get(a.uid)! - st.ordinal.get(b.uid)!);
    for (const pod of pods) this.reconcilePod(st, st.target.get(pod.uid)!, pod);
    const indexes = [...dirty].sort((a, b) => a - b);
    for (const index of indexes) {
      const node = this.store.nodes[index];
      if (node && !node.deleted) this.reconcileNode(st, node);
    }
  }

  private syncAll(st: DsState): void {
    for (const [index, pod] of st.podsByNode) this.reconcilePod(st, index, pod);
    for (const node of this.store.nodes) if (!node.deleted) this.reconcileNode(st, node);
  }

  private reconcilePod(st: DsState, index: number, pod: Pod): void {
    if (isTerminal(pod) && pod.deletionMs < 0) this.store.markDeleting(pod); // failed or succeeded: delete, recreate
    // An unscheduled pod aimed at a node that no longer exists is deleted (getUnscheduledPodsWithoutNode).
    if (pod.nodeIndex < 0 && this.store.nodes[index]!.deleted && pod.deletionMs < 0) this.store.markDeleting(pod);
    if (!isActive(pod)) this.forget(st, index, pod);
  }

  private reconcileNode(st: DsState, node: Node): void {
    const pod = st.podsByNode.get(node.index);
    if (!pod && this.shouldRun(st, node)) this.create(st, node);
    else if (pod && !this.shouldContinueRunning(st, node)) {
      this.store.markDeleting(pod);
      this.forget(st, node.index, pod);
    }
  }

  private forget(st: DsState, index: number, pod: Pod): void {
    st.podsByNode.delete(index);
    st.ordinal.delete(pod.uid);
    st.target.delete(pod.uid);
  }

  private fitsNode(st: DsState, node: Node): boolean {
    const spec = st.ds.template.spec;
    if (spec.nodeName && spec.nodeName !== node.name) return false;
    if (!matchesSelector({ matchLabels: spec.nodeSelector, matchExpressions: [] }, node.labels)) return false;
    const req = spec.affinity?.nodeRequired;
    return req === undefined || matchesNodeSelectorTerms(req, node.labels, node.name);
  }

  private shouldRun(st: DsState, node: Node): boolean {
    return this.fitsNode(st, node) && untolerated(st.baseSpec, node.taints, false) === undefined;
  }

  private shouldContinueRunning(st: DsState, node: Node): boolean {
    return this.fitsNode(st, node) && untolerated(st.baseSpec, node.taints, true) === undefined;
  }

  private create(st: DsState, node: Node): void {
    const { ds } = st;
    let name: string;
    do name = `${ds.meta.name}-${nameSuffix(ds.meta.name, st.created++)}`;
    while (this.store.hasPodName(ds.meta.namespace, name));
    const pod = createPod(this.store, {
      name,
      namespace: ds.meta.namespace,
      labels: ds.template.labels,
      spec: this.specFor(st, node),
      owner: { kind: 'DaemonSet', name: ds.meta.name, uid: ds.meta.uid, controller: true },
    });
    st.podsByNode.set(node.index, pod);
    st.ordinal.set(pod.uid, st.created);
    st.target.set(pod.uid, node.index);
  }

  private specFor(st: DsState, node: Node): PodSpec {
    let spec = st.specs.get(node.index);
    if (!spec) {
      const term = { matchExpressions: [], matchFields: [{ key: 'metadata.name', operator: 'In' as const, values: [node.name] }] };
      const base = st.baseSpec.affinity;
      const affinity = base
        ? { ...base, nodeRequired: [term] }
        : { nodeRequired: [term], nodePreferred: [], podRequired: [], podPreferred: [], antiRequired: [], antiPreferred: [] };
      spec = { ...st.baseSpec, affinity };
      st.specs.set(node.index, spec);
    }
    return spec;
  }
}

/** First NoSchedule/NoExecute taint (NoExecute only when `executeOnly`) the spec does not tolerate. */
function untolerated(spec: PodSpec, taints: readonly Taint[], executeOnly: boolean): Taint | undefined {
  for (const t of taints) {
    if (t.effect === 'PreferNoSchedule' || (executeOnly && t.effect !== 'NoExecute')) continue;
    if (!toleratesAny(spec.tolerations, t)) return t;
  }
  return undefined;
}
