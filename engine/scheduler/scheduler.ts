/**
 * The scheduler: pops pods from the scheduling queue one cycle at a time, runs the profile's plugins
 * over the nodes (pkg/scheduler/schedule_one.go), and binds through the cluster store. It meets the
 * controllers only through the store's change events.
 */
import { nodeAdmits } from './queue/precheck.js';
import { ClusterVersion } from './framework/cluster-version.js';
import type { Node } from '../cluster/node.js';
import type { Pod } from '../cluster/pod.js';
import { podKey } from '../cluster/pod.js';
import type { PodEventType } from '../cluster/store-events.js';
import { EVENT_PRIORITY } from '../cluster/priorities.js';
import type { ClusterStore } from '../cluster/store.js';
import type { Rng } from '../core/rng.js';
import type { Simulator } from '../core/simulator.js';
import type { CycleState, Handle, PluginFactory } from './framework/interfaces.js';
import { runFilterPlugins, runFilterPluginsWithNominatedPods } from './framework/node-simulation.js';
import type { FilterProfile } from './framework/node-simulation.js';
import { FrameworkRuntime } from './framework/runtime.js';
import type { CycleOptions } from './framework/runtime.js';
import { nodeTreeOrder } from './framework/node-tree.js';
import { FailureSummaries } from './failure-summary.js';
import type { FailureSummary } from './failure-summary.js';
import type { Status } from './framework/status.js';
import type { PdbLister } from './preemption/pdb.js';
import { NO_PDBS } from './preemption/pdb.js';
import { PriorityCounts } from './preemption/priority-counts.js';
import { BindLog } from './preemption/bind-log.js';
import type { PreemptionHandle } from './preemption/evaluator.js';
import type { StandingHits } from './fastpath/default-profile.js';
import type { Profile, ProfileOptions } from './profile.js';
import { REGISTRY, buildProfile } from './profile.js';
import type { QueueConfig } from './queue/scheduling-queue.js';
import type { QueuedPodInfo } from './queue/scheduling-queue.js';
import { SchedulingQueue } from './queue/scheduling-queue.js';
import { DEFAULT_POD_INITIAL_BACKOFF_MS, DEFAULT_POD_MAX_BACKOFF_MS, DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION_MS } from './queue/backoff.js';
import { nodeClusterEvent, podClusterEvent } from './queue/cluster-events.js';
import { observedNodeEvent, observedPodEvent, pluginHints } from './queue/queueing-hints.js';
import { Nominator } from './queue/nominator.js';
import type { TieBreak, UnschedulablePods } from './node-rank.js';

export interface SchedulerOptions {
  profiles: ProfileOptions[];
  /** Global percentageOfNodesToScore (0 = adaptive), used by profiles that set none. */
  percentageOfNodesToScore?: number;
  /** Backoff settings of a KubeSchedulerConfiguration, in seconds. */
  podInitialBackoffSeconds?: number;
  podMaxBackoffSeconds?: number;
  /** The same in ms (tests); win over the seconds. Defaults DEFAULT_POD_INITIAL_BACKOFF_MS (1 s), DEFAULT_POD_MAX_BACKOFF_MS (10 s). */
  podInitialBackoffMs?: number;
  podMaxBackoffMs?: number;
  /** Feature gate SchedulerPopFromBackoffQ; default true (beta, on in v1.33). */
  popFromBackoffQ?: boolean;
  /** Feature gate SchedulerQueueingHints; default true (beta, on since v1.32). */
  queueingHints?: boolean;
  /** Out-of-tree plugin factories by name (custom plugins loaded by the CLI). */
  plugins?: ReadonlyMap<string, PluginFactory>;
  /** Use the fused loop for the default plugin set (default true; false forces per-plugin calls). */
  fastPath?: boolean;
  /** Among nodes with the top score: `random` (upstream, default) or `nodeRank` (a per-seed node permutation). */
  tieBreak?: TieBreak;
  /** `wait` (upstream, default): retry when the cluster changes; `fail`: a bare pod (no owner) fails at once (PodFailed, Unschedulable). */
  unschedulablePods?: UnschedulablePods;
  /**
   * `series` (default): a pod's failed attempt is logged as PodUnschedulable unless it repeats the pod's
   * previous message within UNSCHEDULABLE_SERIES_MS (the events API folds such repeats into an
   * EventSeries); `every-attempt`: one row per failed attempt (queue tests).
   */
  unschedulableEvents?: 'series' | 'every-attempt';
  /** Simulated time each scheduling attempt keeps the scheduler busy; undefined = none (the default). */
  attemptCost?: AttemptCost;
}

/** An attempt costs perAttemptUs + perNodeUs per node it filtered (FrameworkRuntime.walked), in microseconds. */
export interface AttemptCost {
  perAttemptUs: number;
  perNodeUs: number;
}

/** client-go tools/events finishTime: an isomorphic event not seen again for 6 minutes ends its series. */
export const UNSCHEDULABLE_SERIES_MS = 6 * 60_000;

function ms(explicitMs: number | undefined, seconds: number | undefined, fallback: number): number {
  return explicitMs ?? (seconds !== undefined ? seconds * 1000 : fallback);
}

/** The queue settings of the options, with upstream defaults. */
export function queueConfig(o: SchedulerOptions): QueueConfig {
  return {
    podInitialBackoffMs: ms(o.podInitialBackoffMs, o.podInitialBackoffSeconds, DEFAULT_POD_INITIAL_BACKOFF_MS),
    podMaxBackoffMs: ms(o.podMaxBackoffMs, o.podMaxBackoffSeconds, DEFAULT_POD_MAX_BACKOFF_MS),
    popFromBackoffQ: o.popFromBackoffQ ?? true,
    podMaxInUnschedulablePodsDurationMs: DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION_MS,
    queueingHints: o.queueingHints ?? true,
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
  /** Per pending pod (uid): its last PodUnschedulable message and when it was last seen (event series). */
  private readonly lastFailure = new Map<number, { text: string; atMs: number }>();
  private readonly summaries = new FailureSummaries();
  readonly queue: SchedulingQueue;
  readonly nominator = new Nominator();
  readonly stats: SchedulerStats = { attempts: 0, scheduled: 0, unschedulable: 0, preemptions: 0 };
  private pdbs: PdbLister = NO_PDBS;
  /** Priorities of the pods holding node resources, so preemption can tell at once that no victim exists. */
  private readonly boundPriorities = new PriorityCounts();
  /** Every bind's node and priority: preemption's "no lower-priority pod on these nodes" holds while none lands there. */
  private readonly binds = new BindLog();
  private readonly profiles = new Map<string, Profile>();
  private cyclePending = false;
  /** When the last attempt ends, in microseconds of simulated time (attemptCost; 0 without one). */
  private busyUntilUs = 0;
  private readonly attemptCost: AttemptCost | undefined;
  private nodes: Node[] = [];
  private nodesDirty = true;
  private readonly handle: PreemptionHandle;
  /** The filter/score cycle; set runtime.explain to record attempts for `kubesim explain`. */
  readonly runtime: FrameworkRuntime;
  private readonly failUnschedulable: boolean;
  private readonly everyAttempt: boolean;

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
      binds: this.binds,
      cluster: new ClusterVersion(store),
    };
    this.runtime = new FrameworkRuntime(rng, options.tieBreak);
    this.failUnschedulable = options.unschedulablePods === 'fail';
    this.everyAttempt = options.unschedulableEvents === 'every-attempt';
    this.attemptCost = options.attemptCost !== undefined && options.attemptCost.perAttemptUs + options.attemptCost.perNodeUs > 0 ? options.attemptCost : undefined;
    const registry = options.plugins ? new Map([...REGISTRY, ...options.plugins]) : REGISTRY;
    for (const p of options.profiles) {
      this.profiles.set(p.schedulerName, buildProfile(p, this.handle as Handle, options.percentageOfNodesToScore ?? 0, registry, options.fastPath ?? true));
    }
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
    this.queue.setQueueingHintMap(new Map([...this.profiles].map(([name, p]) => [name, pluginHints(p.plugins)])));
    this.store.events.onPod((type, pod) => this.onPodEvent(type, pod));
    this.store.events.onNode((type, node, previous) => {
      if (type === 'NodeAdded' || type === 'NodeRemoved') this.nodesDirty = true;
      const event = nodeClusterEvent(type);
      if (event === undefined) return;
      // SchedulerQueueingHints on: the rejecting plugins' hints judge the change (no preCheck).
      if (this.queue.config.queueingHints) return this.queue.onClusterEvent(observedNodeEvent(event, node, previous));
      // A node update (taints, labels, cordon) moves only the parked pods the node now admits
      // (preCheckForNode, gate off only). Node adds still move every parked pod that registered NodeAdd.
      const admits = event === 'NodeTaintChange' || event === 'NodeLabelChange' ? (info: QueuedPodInfo): boolean => nodeAdmits(info.pod, node) : undefined;
      this.queue.onClusterEvent(event, admits);
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
        this.lastFailure.delete(pod.uid);
      }
      return;
    }
    if (type === 'PodBound') {
      this.nominator.delete(pod);
      this.queue.delete(pod);
      this.lastFailure.delete(pod.uid);
    }
    const event = podClusterEvent(type, pod);
    if (event === 'AssignedPodAdd') {
      this.boundPriorities.add(pod.spec.priority);
      this.binds.add(pod.nodeIndex, pod.spec.priority);
    }
    else if (event === 'AssignedPodDelete') this.boundPriorities.remove(pod.spec.priority);
    if (event !== undefined) this.queue.onClusterEvent(this.queue.config.queueingHints ? observedPodEvent(event, pod) : event);
  }

  /**
   * After a failed attempt: PostFilter (preemption) may nominate a node and evict victims; then the
   * pod goes back to the queue (handleSchedulingFailure + AddUnschedulableIfNotPresent).
   */
  private handleSchedulingFailure(profile: Profile, state: CycleState, info: QueuedPodInfo, statuses: ReadonlyMap<string, Status>, total: number, preFilterMsg: string): void {
    const pod = info.pod;
    this.stats.unschedulable++;
    const { plugins, text } = this.failureSummary(statuses, total, preFilterMsg);
    if (this.logsFailure(pod, text)) this.store.record('PodUnschedulable', podKey(pod), '', text);
    // unschedulablePods: fail (FGD protocol), bare pods only: a controller would replace a failed pod
    // at once, forever, in the same instant.
    if (this.failUnschedulable && !pod.owner) {
      this.queue.done(info);
      this.store.setPodPhase(pod, 'Failed', 'Unschedulable');
      this.store.record('PodFailed', podKey(pod), '', 'Unschedulable');
      return;
    }
    for (const pf of profile.postFilter) {
      const { result, status } = pf.postFilter(state, pod, statuses);
      if (result !== null) this.applyNomination(pod, result.nominatedNode, result.victims.length);
      if (status === null) break; // Success: stop at the first plugin that made the pod schedulable
    }
    this.queue.addUnschedulable(info, plugins);
  }

  /** Whether this failure starts a new PodUnschedulable row (not a repeat folded into the pod's series). */
  private logsFailure(pod: Pod, text: string): boolean {
    if (this.everyAttempt) return true;
    const now = this.sim.now;
    const last = this.lastFailure.get(pod.uid);
    if (last !== undefined && last.text === text && now - last.atMs <= UNSCHEDULABLE_SERIES_MS) {
      last.atMs = now;
      return false;
    }
    this.lastFailure.set(pod.uid, { text, atMs: now });
    return true;
  }

  /** The rejecting plugins and the FitError text, once per statuses map (failure-summary.ts). */
  private failureSummary(statuses: ReadonlyMap<string, Status>, total: number, preFilterMsg: string): FailureSummary {
    return this.summaries.of(statuses, total, preFilterMsg);
  }

  /** How many failing cycles reused a remembered walk (fastpath/failure-memo.ts); for tests and profiling. */
  failureMemoHits(): { exact: number; near: number; nearWithLabels: number } {
    let exact = 0;
    let near = 0;
    let nearWithLabels = 0;
    for (const p of this.profiles.values()) {
      exact += p.fast?.failures?.hits ?? 0;
      near += p.fast?.failures?.nearHits ?? 0;
      nearWithLabels += p.fast?.failures?.nearHitsWithLabels ?? 0;
    }
    return { exact, near, nearWithLabels };
  }

  /** Cycles whose walk a standing list replaced, those scored from it and ranked by blocks, lists built (fastpath/standing-list.ts). */
  standingHits(): StandingHits {
    const out = { reused: 0, scored: 0, blocks: 0, built: 0 };
    for (const p of this.profiles.values()) {
      const h = p.fast?.standingHits;
      if (h === undefined) continue;
      out.reused += h.reused;
      out.scored += h.scored;
      out.blocks += h.blocks;
      out.built += h.built;
    }
    return out;
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

  /**
   * The queue side of a cycle: the nominated node is tried first, and while pods are nominated they
   * count on their node for pods of lower or equal priority (two passes, RunFilterPluginsWithNominatedPods).
   */
  private cycleOptions(pod: Pod): CycleOptions {
    const opts: CycleOptions = { nominatorVersion: this.nominator.version };
    if (pod.nominatedNodeName !== '') opts.nominatedNode = this.store.node(pod.nominatedNodeName);
    if (this.nominator.size > 0) {
      opts.filterNode = this.nominatedFilter;
      opts.nominatedNodes = this.nodesWithNominatedPods();
    }
    return opts;
  }

  private readonly nominatedNodes: Node[] = [];

  /** Live nodes with nominated pods: only they need the two-pass filter (the fused path does the rest). */
  private nodesWithNominatedPods(): Node[] {
    const out = this.nominatedNodes;
    out.length = 0;
    for (const name of this.nominator.nodeNames()) {
      const node = this.store.node(name);
      if (node !== undefined) out.push(node);
    }
    return out;
  }

  private readonly nominatedFilter = (profile: FilterProfile, state: CycleState, pod: Pod, node: Node): Status | null =>
    this.nominator.size === 0 ? runFilterPlugins(profile, state, pod, node) : runFilterPluginsWithNominatedPods(profile, state, pod, node, this.nominator.podsFor(node.name));

  // ---- scheduling cycle ----

  private kick(): void {
    if (this.cyclePending || !this.queue.hasPoppable) return;
    this.cyclePending = true;
    // While the previous attempt still occupies the scheduler (attemptCost), the next one waits for it.
    const now = this.sim.now;
    const at = this.busyUntilUs > now * 1000 ? Math.ceil(this.busyUntilUs / 1000) : now;
    this.sim.at(at, () => this.cycle(), undefined, EVENT_PRIORITY.scheduler);
  }

  /** Ends the attempt that started now (or when the previous one ended, within the last millisecond). */
  private chargeAttempt(cost: AttemptCost): void {
    const nowUs = this.sim.now * 1000;
    const start = this.busyUntilUs > nowUs - 1000 ? this.busyUntilUs : nowUs;
    this.busyUntilUs = start + cost.perAttemptUs + cost.perNodeUs * this.runtime.walked;
  }

  private cycle(): void {
    this.cyclePending = false;
    for (;;) {
      const info = this.queue.pop();
      if (info) this.scheduleOne(info);
      // The next attempt's event would run right after this one (same time, nothing due before it; one
      // kicked meanwhile is due before it): it runs here instead, in the same order, without the event heap.
      if (this.attemptCost !== undefined || !this.queue.hasPoppable || !this.sim.nextIsOwn(EVENT_PRIORITY.scheduler)) break;
    }
    this.kick();
  }

  private liveNodes(): Node[] {
    if (this.nodesDirty) {
      this.nodes = nodeTreeOrder(this.store.liveNodes());
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
    const nodes = this.liveNodes();
    const { node, statuses, state, preFilterMsg } = this.runtime.schedule(profile, pod, nodes, this.sim.now, this.cycleOptions(pod));
    if (this.attemptCost !== undefined) this.chargeAttempt(this.attemptCost);
    if (node === null) {
      this.handleSchedulingFailure(profile, state, info, statuses, nodes.length, preFilterMsg);
      return;
    }
    this.bind(profile, state, info, node);
  }

  private bind(profile: Profile, state: CycleState, info: QueuedPodInfo, node: Node): void {
    const pod = info.pod;
    for (const r of profile.reserve) r.reserve(state, pod, node);
    this.queue.done(info);
    this.store.bindPod(pod, node);
    this.stats.scheduled++;
    this.store.record('PodScheduled', podKey(pod), node.name, `attempt ${pod.attempts}`);
  }
}
