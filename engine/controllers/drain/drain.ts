/**
 * `kubectl drain` (staging/src/k8s.io/kubectl/pkg/drain/drain.go) as a controller. On the store event
 * NodeDrainRequested (the fault injector cordons the node first) it lists the node's pods, skips
 * DaemonSet pods (--ignore-daemonsets) and evicts every other pod in parallel through the Eviction API
 * (unmanaged pods too, as with --force). A refused eviction (429, a PodDisruptionBudget) is retried every
 * 5 s without a timeout (--timeout=0); an accepted one is then polled every 1 s until the pod object is
 * gone. When every pod is gone the node is recorded NodeDrained.
 */
import { evictPod } from '../../cluster/eviction.js';
import type { Node } from '../../cluster/node.js';
import type { Pod } from '../../cluster/pod.js';
import { isTerminal } from '../../cluster/pod.js';
import { EVENT_PRIORITY } from '../../cluster/priorities.js';
import type { ClusterStore } from '../../cluster/store.js';
import type { Simulator } from '../../core/simulator.js';

export interface DrainConfig {
  /** Wait after a 429 before the next eviction attempt of the same pod. */
  evictionRetryMs: number;
  /** waitForDelete poll interval. */
  deletePollMs: number;
}

/** kubectl drain: 5 s between eviction retries, 1 s delete polling (drain.go). */
export const DEFAULT_DRAIN: Readonly<DrainConfig> = Object.freeze({ evictionRetryMs: 5_000, deletePollMs: 1_000 });

interface DrainState {
  node: Node;
  waiting: number;
  startedMs: number;
}

export class DrainController {
  private readonly active = new Map<number, DrainState>();

  constructor(
    private readonly sim: Simulator,
    private readonly store: ClusterStore,
    private readonly config: DrainConfig = DEFAULT_DRAIN,
  ) {
    store.events.onNode((type, node) => {
      if (type === 'NodeDrainRequested') this.sim.at(this.sim.now, () => this.start(node), undefined, EVENT_PRIORITY.controller);
    });
  }

  /** Nodes being drained right now (node index -> pods left). */
  draining(): ReadonlyMap<number, { waiting: number }> {
    return this.active;
  }

  private start(node: Node): void {
    if (node.deleted || this.active.has(node.index)) return;
    const pods = this.podsToEvict(node);
    const st: DrainState = { node, waiting: pods.length, startedMs: this.sim.now };
    this.active.set(node.index, st);
    this.store.record('NodeDrainStarted', node.name, node.name, `pods=${pods.length}`);
    if (pods.length === 0) return this.done(st);
    for (const pod of pods) this.evict(st, pod);
  }

  /** Every pod object bound to the node (finished ones too, as the field-selector list), DaemonSet pods left out. */
  private podsToEvict(node: Node): Pod[] {
    const pods = [...this.store.podsOn(node)];
    for (const p of this.store.allPods) if (p.nodeIndex === node.index && !p.removed && isTerminal(p)) pods.push(p);
    return pods.filter((p) => p.owner?.kind !== 'DaemonSet').sort((a, b) => a.uid - b.uid);
  }

  private evict(st: DrainState, pod: Pod): void {
    if (st.node.deleted) return this.abort(st);
    const result = evictPod(this.store, pod, 'drain');
    if (result.code === 429) {
      this.store.record('EvictionRefused', pod.key, st.node.name, result.reason);
      this.sim.after(this.config.evictionRetryMs, () => this.evict(st, pod), undefined, EVENT_PRIORITY.controller);
      return;
    }
    if (result.code === 500) return this.abort(st, result.reason); // kubectl reports the error and the drain fails
    this.waitForDelete(st, pod); // 200 evicted, 404 already gone

  }

  private waitForDelete(st: DrainState, pod: Pod): void {
    if (!this.active.has(st.node.index)) return;
    if (!pod.removed) {
      this.sim.after(this.config.deletePollMs, () => this.waitForDelete(st, pod), undefined, EVENT_PRIORITY.controller);
      return;
    }
    if (--st.waiting === 0) this.done(st);
  }

  private done(st: DrainState): void {
    this.active.delete(st.node.index);
    this.store.record('NodeDrained', st.node.name, st.node.name, `took_s=${(this.sim.now - st.startedMs) / 1000}`);
  }

  private abort(st: DrainState, reason = 'node deleted'): void {
    if (this.active.delete(st.node.index)) this.store.record('NodeDrainAborted', st.node.name, st.node.name, reason);
  }
}
