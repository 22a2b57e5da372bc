/**
 * The scheduler: pops pods from the scheduling queue one cycle at a time, runs the profile's plugins
 * over the nodes (pkg/scheduler/schedule_one.go), and binds through the cluster store. It meets the
 * controllers only through the store's change events.
 */
import type { Node } from '../cluster/node.js';
import type { Pod } from '../cluster/pod.js';
import { podKey } from '../cluster/pod.js';
import type { PodEventType } from '../cluster/store-events.js';
import { EVENT_PRIORITY } from '../cluster/priorities.js';
import type { ClusterStore } from '../cluster/store.js';
import type { Rng } from '../core/rng.js';
import type { Simulator } from '../core/simulator.js';
import { CycleState } from './framework/interfaces.js';
import type { Handle } from './framework/interfaces.js';
import { runFilterPlugins, runFilterPluginsWithNominatedPods } from './framework/node-simulation.js';
import type { Status } from './framework/status.js';
import type { PdbLister } from './preemption/pdb.js';
import { NO_PDBS } from './preemption/pdb.js';
import { PriorityCounts } from './preemption/priority-counts.js';
import type { PreemptionHandle } from './preemption/evaluator.js';
import { pluginError } from './framework/plugin-error.js';
import type { Profile, PluginRef } from './profile.js';
import { buildProfile } from './profile.js';
import type { QueueConfig } from './queue/scheduling-queue.js';
import type { QueuedPodInfo } from './queue/scheduling-queue.js';
import { SchedulingQueue } from './queue/scheduling-queue.js';
import { DEFAULT_POD_INITIAL_BACKOFF_MS, DEFAULT_POD_MAX_BACKOFF_MS, DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION_MS } from './queue/backoff.js';
import { nodeClusterEvent, podClusterEvent } from './queue/cluster-events.js';
import { Nominator } from './queue/nominator.js';

export interface SchedulerOptions {
  profiles: { schedulerName: string; plugins: readonly PluginRef[]; percentageOfNodesToScore?: number }[];
  /** podInitialBackoffSeconds in ms; default DEFAULT_POD_INITIAL_BACKOFF_MS (1 s). */
  podInitialBackoffMs?: number;
  /** podMaxBackoffSeconds in ms; default DEFAULT_POD_MAX_BACKOFF_MS (10 s). */
  podMaxBackoffMs?: number;
  /** Feature gate SchedulerPopFromBackoffQ; default true (beta, on in v1.33). */
  popFromBackoffQ?: boolean;
}

/** The queue settings of the options, with upstream defaults. */
export function queueConfig(o: SchedulerOptions): QueueConfig {
  return {
    podInitialBackoffMs: o.podInitialBackoffMs ?? DEFAULT_POD_INITIAL_BACKOFF_MS,
    podMaxBackoffMs: o.podMaxBackoffMs ?? DEFAULT_POD_MAX_BACKOFF_MS,
    popFromBackoffQ: o.popFromBackoffQ ?? true,
    podMaxInUnschedulablePodsDurationMs: DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION_MS,
  };
}

export interface SchedulerStats {
  attempts: number;
  scheduled: number;
  unschedulable: number;
  /** Pods evicted by preemption (PodPreempted events). */
  preemptions: number;
}

export class Scheduler {
  readonly queue: SchedulingQueue;
  readonly nominator = new Nominator();
  readonly stats: SchedulerStats = { attempts: 0, scheduled: 0, unschedulable: 0, preemptions: 0 };
  private pdbs: PdbLister = NO_PDBS;
  /** Priorities of the pods holding node resources, so preemption can tell at once that no victim exists. */
  private readonly boundPriorities = new PriorityCounts();
  private readonly profiles = new Map<string, Profile>();
  private cyclePending = false;
  private nodes: Node[] = [];
  private nodesDirty = true;
  private readonly handle: PreemptionHandle;

  constructor(
    private readonly sim: Simulator,
    private readonly store: ClusterStore,
    rng: Rng,
    options: SchedulerOptions,
  ) {
    this.queue = new SchedulingQueue(sim, queueConfig(options), () => this.kick(), EVENT_PRIORITY.scheduler);
    this.handle = {
      store,
      rng,
      nominator: this.nominator,
      pdbLister: () => this.pdbs(),
      nodes: () => this.liveNodes(),
      filterProfile: (pod: Pod) => this.profiles.get(pod.spec.schedulerName)!,
      lowestBoundPriority: () => this.boundPriorities.min(),
    };
    for (const p of options.profiles) this.profiles.set(p.schedulerName, buildProfile(p.schedulerName, p.plugins, this.handle as Handle, p.percentageOfNodesToScore));
    this.watchClusterEvents();
  }

  /** The handle plugins get (with the nominator and the preemption hooks), for tests and tools. */
  get frameworkHandle(): PreemptionHandle {
    return this.handle;
  }

  /** Where PodDisruptionBudgets come from (none until a PDB source is wired in). */
  setPdbLister(lister: PdbLister): void {
    this.pdbs = lister;
  }

  // ---- queue handling: cluster events, failed attempts, nominated pods ----

  private watchClusterEvents(): void {
    this.store.events.onPod((type, pod) => this.onPodEvent(type, pod));
    this.store.events.onNode((type) => {
      if (type === 'NodeAdded' || type === 'NodeRemoved') this.nodesDirty = true;
      const event = nodeClusterEvent(type);
      if (event !== undefined) this.queue.onClusterEvent(event);
    });
  }

  private onPodEvent(type: PodEventType, pod: Pod): void {
    if (type === 'PodAdded') {
      if (pod.nodeIndex < 0 && this.profiles.has(pod.spec.schedulerName)) this.queue.add(pod);
      return;
    }
    if (pod.nodeIndex < 0) {
      // An unscheduled pod being deleted or finished leaves the queue and its nomination.
      if (type === 'PodRemoved' || type === 'PodDeleting' || type === 'PodPhaseChanged') {
        this.queue.delete(pod);
        this.nominator.delete(pod);
      }
      return;
    }
    if (type === 'PodBound') {
      this.nominator.delete(pod);
      this.queue.delete(pod);
    }
    const event = podClusterEvent(type, pod);
    if (event === 'AssignedPodAdd') this.boundPriorities.add(pod.spec.priority);
    else if (event === 'AssignedPodDelete') this.boundPriorities.remove(pod.spec.priority);
    if (event !== undefined) this.queue.onClusterEvent(event);
  }

  /**
   * After a failed attempt: PostFilter (preemption) may nominate a node and evict victims; then the
   * pod goes back to the queue (handleSchedulingFailure + AddUnschedulableIfNotPresent).
   */
  private handleSchedulingFailure(profile: Profile, state: CycleState, info: QueuedPodInfo, statuses: ReadonlyMap<string, Status>, total: number): void {
    const pod = info.pod;
    this.stats.unschedulable++;
    const plugins = new Set<string>();
    for (const s of statuses.values()) plugins.add(s.plugin);
    this.store.record('PodUnschedulable', podKey(pod), '', summarize(statuses, total));
    for (const pf of profile.postFilter) {
      const { result, status } = pf.postFilter(state, pod, statuses);
      if (result !== null) this.applyNomination(pod, result.nominatedNode, result.victims.length);
      if (status === null) break; // Success: stop at the first plugin that made the pod schedulable
    }
    this.queue.addUnschedulable(info, plugins);
  }

  private applyNomination(pod: Pod, nodeName: string, victims: number): void {
    if (nodeName === '') {
      this.nominator.delete(pod);
      return;
    }
    this.nominator.add(pod, nodeName);
    this.stats.preemptions += victims;
    this.store.record('PodNominated', podKey(pod), nodeName, `victims ${victims}`);
  }

  /** A pod nominated to a node tries that node first; if it passes, it is chosen without scoring. */
  private evaluateNominatedNode(profile: Profile, state: CycleState, pod: Pod): Node | undefined {
    if (pod.nominatedNodeName === '') return undefined;
    const node = this.store.node(pod.nominatedNodeName);
    if (node === undefined) return undefined;
    return this.filterNode(profile, state, pod, node) === null ? node : undefined;
  }

  /** Filters with the nominated pods of equal or higher priority counted on the node (two passes). */
  private filterNode(profile: Profile, state: CycleState, pod: Pod, node: Node): Status | null {
    if (this.nominator.size === 0) return runFilterPlugins(profile, state, pod, node);
    return runFilterPluginsWithNominatedPods(profile, state, pod, node, this.nominator.podsFor(node.name));
  }

  // ---- scheduling cycle ----

  private kick(): void {
    if (this.cyclePending || !this.queue.hasPoppable) return;
    this.cyclePending = true;
    this.sim.at(this.sim.now, () => this.cycle(), undefined, EVENT_PRIORITY.scheduler);
  }

  private cycle(): void {
    this.cyclePending = false;
    const info = this.queue.pop();
    if (info) this.scheduleOne(info);
    this.kick();
  }

  private liveNodes(): Node[] {
    if (this.nodesDirty) {
      this.nodes = this.store.liveNodes();
      this.nodesDirty = false;
    }
    return this.nodes;
  }

  scheduleOne(info: QueuedPodInfo): void {
    const pod = info.pod;
    if (pod.removed || pod.nodeIndex >= 0 || pod.deletionMs >= 0) {
      this.queue.done(info); // skipPodSchedule
      return;
    }
    const profile = this.profiles.get(pod.spec.schedulerName)!;
    pod.attempts++;
    this.stats.attempts++;
    const state = new CycleState();
    const nominated = this.evaluateNominatedNode(profile, state, pod);
    if (nominated !== undefined) {
      this.bind(info, nominated);
      return;
    }
    const nodes = this.liveNodes();
    const statuses = new Map<string, Status>();
    const feasible: Node[] = [];
    for (const node of nodes) {
      const s = this.filterNode(profile, state, pod, node);
      if (s) statuses.set(node.name, s);
      else feasible.push(node);
    }
    if (feasible.length === 0) {
      this.handleSchedulingFailure(profile, state, info, statuses, nodes.length);
      return;
    }
    const chosen = feasible.length === 1 ? feasible[0]! : this.selectHost(profile, state, pod, feasible);
    this.bind(info, chosen);
  }

  private bind(info: QueuedPodInfo, node: Node): void {
    const pod = info.pod;
    this.queue.done(info);
    this.store.bindPod(pod, node);
    this.stats.scheduled++;
    this.store.record('PodScheduled', podKey(pod), node.name, `attempt ${pod.attempts}`);
  }

  /** Highest total weighted score; ties broken uniformly at random (reservoir sampling, as upstream). */
  private selectHost(profile: Profile, state: CycleState, pod: Pod, feasible: Node[]): Node {
    const totals = new Array<number>(feasible.length).fill(0);
    for (const { plugin, weight } of profile.score) {
      let scores: number[];
      try {
        scores = feasible.map((n) => plugin.score(state, pod, n));
      } catch (e) {
        throw pluginError(plugin.name, 'Score', pod, undefined, e);
      }
      plugin.normalizeScore?.(state, pod, feasible, scores);
      for (let i = 0; i < scores.length; i++) totals[i]! += scores[i]! * weight;
    }
    let best = 0;
    let ties = 1;
    for (let i = 1; i < feasible.length; i++) {
      if (totals[i]! > totals[best]!) {
        best = i;
        ties = 1;
      } else if (totals[i] === totals[best]) {
        ties++;
        if (this.handle.rng.int(ties) === 0) best = i;
      }
    }
    return feasible[best]!;
  }
}

/** "0/3 nodes are available: 3 Insufficient cpu." in kube-scheduler's style. */
export function summarize(statuses: ReadonlyMap<string, Status>, total: number): string {
  const counts = new Map<string, number>();
  for (const s of statuses.values()) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const parts = [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([r, n]) => `${n} ${r}`);
  return `0/${total} nodes are available: ${parts.join(', ')}.`;
}
