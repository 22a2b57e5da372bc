/**
 * The StatefulSet controller (pkg/controller/statefulset/stateful_set_control.go): pods named
 * <set>-<ordinal>. A member is created only when no pod object with its name exists, so a Terminating
 * member (for example on an unreachable node) blocks its own replacement until the object is gone: never
 * two pods with one name. OrderedReady (the default) creates ordinal i only when 0..i-1 are Running and
 * Ready and deletes from the highest ordinal one at a time; Parallel creates and deletes without waiting.
 * Failed or Succeeded members are deleted and recreated.
 */
import { isPodReady } from '../../cluster/pdb.js';
import type { Pod } from '../../cluster/pod.js';
import { isTerminal } from '../../cluster/pod.js';
import { createPod } from '../../cluster/pod-factory.js';
import { EVENT_PRIORITY } from '../../cluster/priorities.js';
import type { ClusterStore } from '../../cluster/store.js';
import type { StatefulSet } from '../../cluster/workloads.js';
import type { Simulator } from '../../core/simulator.js';

/** Labels the controller puts on every member (k8s.io/api/apps/v1 types.go). */
export const LABEL_STS_POD_NAME = 'statefulset.kubernetes.io/pod-name';
export const LABEL_POD_INDEX = 'apps.kubernetes.io/pod-index';

interface StsState {
  sts: StatefulSet;
  syncPending: boolean;
  /** One past the highest ordinal ever created: members above replicas-1 are found below it. */
  ordinalLimit: number;
}

export class StatefulSetController {
  private readonly sets = new Map<number, StsState>();

  constructor(
    private readonly sim: Simulator,
    private readonly store: ClusterStore,
  ) {
    store.events.onPod((type, pod) => {
      if (pod.owner?.kind !== 'StatefulSet' || type === 'PodAdded') return;
      const st = this.sets.get(pod.owner.uid);
      if (st) this.enqueue(st);
    });
  }

  addStatefulSet(sts: StatefulSet): void {
    const st: StsState = { sts, syncPending: false, ordinalLimit: 0 };
    this.sets.set(sts.meta.uid, st);
    this.store.controllerScales.set(sts.meta.uid, sts.replicas);
    this.enqueue(st);
  }

  /** Desired and ready members of every StatefulSet (availability metrics). */
  *statefulSets(): IterableIterator<{ sts: StatefulSet; ready: number }> {
    for (const st of this.sets.values()) {
      let ready = 0;
      for (let i = 0; i < st.sts.replicas; i++) {
        const p = this.member(st.sts, i);
        if (p && isPodReady(this.store, p)) ready++;
      }
      yield { sts: st.sts, ready };
    }
  }

  private enqueue(st: StsState): void {
    if (st.syncPending) return;
    st.syncPending = true;
    this.sim.at(this.sim.now, () => this.sync(st), undefined, EVENT_PRIORITY.controller);
  }

  private member(sts: StatefulSet, ordinal: number): Pod | undefined {
    const p = this.store.pod(sts.meta.namespace, `${sts.meta.name}-${ordinal}`);
    return p && p.owner?.uid === sts.meta.uid ? p : undefined;
  }

  private sync(st: StsState): void {
    st.syncPending = false;
    const { sts } = st;
    const ordered = sts.podManagementPolicy === 'OrderedReady';
    for (let i = 0; i < sts.replicas; i++) {
      let pod = this.member(sts, i);
      if (pod && isTerminal(pod) && pod.deletionMs < 0) {
        this.store.markDeleting(pod);
        pod = this.member(sts, i);
      }
      if (!pod) {
        if (this.store.hasPodName(sts.meta.namespace, `${sts.meta.name}-${i}`)) continue; // name held by a foreign pod
        this.create(st, i);
        if (ordered) return;
        continue;
      }
      if (ordered && !isPodReady(this.store, pod)) return; // Pending, Terminating or not ready: wait before the next ordinal
    }
    this.scaleDown(st, ordered);
  }

  /** Members above replicas-1 are deleted from the highest ordinal; OrderedReady waits for each to go. */
  private scaleDown(st: StsState, ordered: boolean): void {
    const { sts } = st;
    const extra: Pod[] = []; // condemned members, highest ordinal first
    for (let i = st.ordinalLimit - 1; i >= sts.replicas; i--) {
      const p = this.member(sts, i);
      if (p) extra.push(p);
    }
    // processCondemned: in OrderedReady, an unready member blocks unless it is the lowest unready one.
    let firstUnhealthy: Pod | undefined;
    for (let i = extra.length - 1; i >= 0 && !firstUnhealthy; i--) if (!isPodReady(this.store, extra[i]!)) firstUnhealthy = extra[i];
    for (const p of extra) {
      if (p.deletionMs >= 0) {
        if (ordered) return;
        continue;
      }
      if (ordered && !isPodReady(this.store, p) && p !== firstUnhealthy) return;
      this.store.markDeleting(p);
      if (ordered) return;
    }
  }

  private create(st: StsState, ordinal: number): void {
    const { sts } = st;
    st.ordinalLimit = Math.max(st.ordinalLimit, ordinal + 1);
    const name = `${sts.meta.name}-${ordinal}`;
    createPod(this.store, {
      name,
      namespace: sts.meta.namespace,
      labels: { ...sts.template.labels, [LABEL_STS_POD_NAME]: name, [LABEL_POD_INDEX]: String(ordinal) },
      spec: sts.template.spec,
      owner: { kind: 'StatefulSet', name: sts.meta.name, uid: sts.meta.uid, controller: true },
    });
  }
}
