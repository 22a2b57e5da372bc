/**
 * Node health as the kubelet lives it: host down (crash), network partition from the control plane, and a
 * kubelet that reports Ready=False. Heartbeats are derived from these changes (lease.ts), never simulated
 * one by one.
 *
 * - Host down: the pods' containers die at once, but the API still shows them Running until they are
 *   evicted or deleted; the last heartbeat is the last lease renewal before the crash.
 * - Partition: the pods keep running; the control plane hears nothing. Completions, deletions and new
 *   bindings wait until the kubelet is back.
 * - Back (partition healed, or host rebooted): the first heartbeat is the next lease renewal (a rebooted
 *   kubelet starts a new renewal schedule), and with it the status post (Ready=True, or False while a
 *   notReady fault lasts). At that moment the kubelet syncs its pods: pods deleted meanwhile are
 *   finalized (removed: at once after a crash, after their grace period after a partition), pods
 *   bound meanwhile start, completions made meanwhile are reported. After a crash the containers are
 *   gone: pods with restartPolicy Never become Failed (ContainerStatusUnknown), others are restarted in
 *   place and a finite run starts over.
 * - NotReady: the kubelet keeps renewing its lease and posts Ready=False at its next status sync; the
 *   pods keep running (and are evicted for real after the 300 s toleration, since the kubelet is alive).
 */
import type { NodeHeartbeats } from '../../cluster/heartbeats.js';
import type { Node } from '../../cluster/node.js';
import type { Pod } from '../../cluster/pod.js';
import { podKey } from '../../cluster/pod.js';
import { EVENT_PRIORITY } from '../../cluster/priorities.js';
import type { ClusterStore } from '../../cluster/store.js';
import type { SimEvent } from '../../core/queue.js';
import type { Rng } from '../../core/rng.js';
import type { Simulator } from '../../core/simulator.js';
import type { Kubelets } from './kubelet.js';
import type { LeaseSchedule } from './lease.js';
import { DEFAULT_LEASE, lastRenewalBefore, nextRenewalAtOrAfter } from './lease.js';

interface Agent {
  lease: LeaseSchedule;
  down: number;
  partitioned: number;
  notReady: number;
  /** Heartbeats reach the API server (set at the first status post after a failure). */
  connected: boolean;
  /** The host went down since the kubelet last talked to the API server. */
  crashed: boolean;
  post: SimEvent | undefined;
}

export type NodeFaultKind = 'down' | 'partitioned' | 'notReady';

export class NodeAgents {
  private readonly agents: Agent[] = [];

  constructor(
    private readonly sim: Simulator,
    private readonly store: ClusterStore,
    private readonly kubelets: Kubelets,
    private readonly heartbeats: NodeHeartbeats,
    private readonly rng: Rng,
  ) {
    kubelets.link = { connected: (i) => this.agents[i]?.connected ?? true };
    store.events.onNode((type, node) => {
      if (type === 'NodeAdded') this.addAgent(node);
    });
    for (const n of store.nodes) this.addAgent(n);
  }

  private addAgent(node: Node): void {
    if (this.agents[node.index]) return;
    // Two draws per node from the 'kubelet' stream, in node order: the renewal phase and the jitter seed.
    const phase = Math.floor(this.rng.next() * DEFAULT_LEASE.renewIntervalMs);
    const seed = Math.floor(this.rng.next() * 2 ** 32);
    this.agents[node.index] = { lease: { anchorMs: node.createdMs + phase, seed }, down: 0, partitioned: 0, notReady: 0, connected: true, crashed: false, post: undefined };
  }

  /** Applies (+1) or lifts (-1) one fault of a kind on a node; faults of one kind nest. */
  change(node: Node, kind: NodeFaultKind, delta: 1 | -1): void {
    const a = this.agents[node.index];
    if (!a) return;
    const wasFlowing = a.down === 0 && a.partitioned === 0;
    a[kind] = Math.max(0, a[kind] + delta);
    const flowing = a.down === 0 && a.partitioned === 0;
    if (kind === 'down' && delta > 0 && a.down === 1) this.crash(node, a);
    if (wasFlowing && !flowing) this.stopHeartbeats(node, a);
    else if (!wasFlowing && flowing) {
      if (a.crashed) a.lease = { anchorMs: this.sim.now, seed: a.lease.seed };
      this.schedulePost(node, a);
    } else if (flowing && kind === 'notReady') this.schedulePost(node, a);
  }

  isDown(node: Node): boolean {
    return (this.agents[node.index]?.down ?? 0) > 0;
  }

  private crash(node: Node, a: Agent): void {
    a.crashed = true;
    for (const pod of this.store.podsOn(node)) this.kubelets.killLocally(pod);
  }

  private stopHeartbeats(node: Node, a: Agent): void {
    if (a.post) this.sim.cancel(a.post);
    a.post = undefined;
    if (!a.connected) return; // still silent since an earlier failure: the last heartbeat stays
    a.connected = false;
    // A node added during the run registered (and posted its status) when it was created.
    const last = lastRenewalBefore(a.lease, this.sim.now);
    this.heartbeats.stop(node, node.createdMs > 0 ? Math.max(last, node.createdMs) : last);
  }

  /** The next status post happens at the next lease renewal (status sync and lease share the 10 s cadence here). */
  private schedulePost(node: Node, a: Agent): void {
    if (a.post) return;
    const at = nextRenewalAtOrAfter(a.lease, this.sim.now);
    a.post = this.sim.at(at, () => this.post(node, a), undefined, EVENT_PRIORITY.kubelet);
  }

  private post(node: Node, a: Agent): void {
    a.post = undefined;
    if (node.deleted) return;
    if (!a.connected) {
      a.connected = true;
      this.heartbeats.resume(node, this.sim.now);
      this.syncPods(node, a.crashed);
      a.crashed = false;
    }
    const ready = a.notReady > 0 ? 'False' : 'True';
    if (node.ready === ready) return;
    this.store.record(ready === 'True' ? 'NodeReady' : 'NodeNotReady', node.name, node.name, ready === 'True' ? 'KubeletReady' : 'KubeletNotReady');
    this.store.setNodeReady(node, ready);
  }

  private syncPods(node: Node, crashed: boolean): void {
    const pods: Pod[] = [...this.store.podsOn(node)];
    for (const pod of pods) {
      if (pod.deletionMs >= 0) {
        if (crashed) this.kubelets.remove(pod);
        else this.kubelets.terminateAfterGrace(pod);
      } else if (this.kubelets.doneLocally.has(pod)) this.kubelets.succeed(pod);
      else if (pod.phase === 'Pending') this.kubelets.scheduleStart(pod);
      else if (crashed && pod.phase === 'Running') this.restartOrFail(pod);
    }
  }

  private restartOrFail(pod: Pod): void {
    if (pod.spec.restartPolicy === 'Never') {
      this.store.setPodPhase(pod, 'Failed', 'ContainerStatusUnknown');
      this.store.record('PodFailed', podKey(pod), this.store.nodeOf(pod)?.name ?? '', 'ContainerStatusUnknown');
      return;
    }
    this.kubelets.scheduleFinish(pod, pod.runDurationMs);
  }
}
