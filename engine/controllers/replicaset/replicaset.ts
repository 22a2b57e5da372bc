/**
 * ReplicaSet and Deployment controllers. A Deployment owns one ReplicaSet named <deployment>-<hash>;
 * a ReplicaSet keeps `replicas` active pods, where a terminating pod no longer counts (controller.FilterActivePods),
 * so a replacement is created as soon as a pod starts terminating.
 */
import type { OwnerRef, Pod } from '../../cluster/pod.js';
import { isActive } from '../../cluster/pod.js';
import { isPodReady } from '../../cluster/pdb.js';
import { createPod, nameSuffix } from '../../cluster/pod-factory.js';
import { EVENT_PRIORITY } from '../../cluster/priorities.js';
import type { ClusterStore } from '../../cluster/store.js';
import type { Deployment, ReplicaSet } from '../../cluster/workloads.js';
import type { Simulator } from '../../core/simulator.js';
import { activePodsWithRanks } from './ranking.js';
import { FailureBackoff } from '../helper/failure-backoff.js';
import { DenseFlags } from '../../core/dense-flags.js';

interface RsState {
  rs: ReplicaSet;
  /** Its pods not yet removed, in creation order. */
  pods: Set<Pod>;
  /** How many of them are active (isActive), kept from the pod events: a sync does not count 4,000 pods again. */
  active: number;
  created: number;
  syncPending: boolean;
  /** Replacements of pods that failed on their own wait (helper/failure-backoff.ts). */
  backoff: FailureBackoff;
  /** The owner reference all its pods share (made on the first pod). */
  owner?: OwnerRef;
}

export class ReplicaSetController {
  private readonly sets = new Map<number, RsState>();
  /** Uids of the pods counted in their ReplicaSet's `active`. */
  private readonly counted = new DenseFlags();

  constructor(
    private readonly sim: Simulator,
    private readonly store: ClusterStore,
  ) {
    store.events.onPod((type, pod) => {
      if (type !== 'PodPhaseChanged' && type !== 'PodDeleting' && type !== 'PodRemoved') return;
      const owner = pod.owner;
      if (owner?.kind !== 'ReplicaSet') return;
      const st = this.sets.get(owner.uid);
      if (!st) return;
      if (type === 'PodPhaseChanged') st.backoff.note(pod, this.sim.now);
      if (!isActive(pod) && this.counted.delete(pod.uid)) st.active--;
      if (type === 'PodRemoved') st.pods.delete(pod);
      this.enqueue(st);
    });
  }

  addDeployment(d: Deployment): ReplicaSet {
    const hash = nameSuffix(`${d.meta.namespace}/${d.meta.name}`, 0).slice(0, 5) + nameSuffix(d.meta.name, 1);
    const rs: ReplicaSet = {
      kind: 'ReplicaSet',
      meta: { ...d.meta, name: `${d.meta.name}-${hash}`, uid: this.store.newUid(), labels: { ...d.template.labels, 'pod-template-hash': hash } },
      replicas: d.replicas,
      selector: d.selector,
      template: { ...d.template, labels: { ...d.template.labels, 'pod-template-hash': hash } },
      ownerDeployment: d.meta.name,
    };
    return this.addReplicaSet(rs);
  }

  addReplicaSet(rs: ReplicaSet): ReplicaSet {
    const st: RsState = { rs, pods: new Set(), active: 0, created: 0, syncPending: false, backoff: new FailureBackoff() };
    this.sets.set(rs.meta.uid, st);
    this.store.controllerScales.set(rs.meta.uid, rs.replicas);
    this.enqueue(st);
    return rs;
  }

  /** All replica sets with their current desired and active counts (for availability metrics). */
  *replicaSets(): IterableIterator<{ rs: ReplicaSet; active: number; ready: number }> {
    for (const st of this.sets.values()) {
      let active = 0;
      let ready = 0;
      for (const p of st.pods) {
        if (!isActive(p)) continue;
        active++;
        if (isPodReady(this.store, p)) ready++;
      }
      yield { rs: st.rs, active, ready };
    }
  }

  private enqueue(st: RsState): void {
    if (st.syncPending) return;
    st.syncPending = true;
    this.sim.at(Math.max(this.sim.now, st.backoff.notBeforeMs), () => this.sync(st), undefined, EVENT_PRIORITY.controller);
  }

  private sync(st: RsState): void {
    st.syncPending = false;
    const diff = st.rs.replicas - st.active;
    for (let i = 0; i < diff; i++) this.createReplica(st);
    if (diff < 0) {
      // (the active pods are listed only to scale down: a sync after each replacement counts them)
      const active: Pod[] = [];
      for (const p of st.pods) if (isActive(p)) active.push(p);
      // Scale down: ActivePodsWithRanks order (ranking.ts); a stable sort keeps ties in creation order.
      active.sort(activePodsWithRanks(active, this.sim.now, (p) => isPodReady(this.store, p)));
      for (const p of active.slice(0, -diff)) this.store.markDeleting(p);
    }
  }

  private createReplica(st: RsState): void {
    const { rs } = st;
    let name: string;
    do name = `${rs.meta.name}-${nameSuffix(rs.meta.name, st.created++)}`;
    while (this.store.hasPodName(rs.meta.namespace, name));
    const pod = createPod(this.store, {
      name,
      namespace: rs.meta.namespace,
      labels: rs.template.labels,
      spec: rs.template.spec,
      owner: (st.owner ??= { kind: 'ReplicaSet', name: rs.meta.name, uid: rs.meta.uid, controller: true }),
    });
    st.pods.add(pod);
    // (a pod bound by spec.nodeName that its kubelet refused is Failed already)
    if (isActive(pod) && this.counted.add(pod.uid)) st.active++;
  }
}

