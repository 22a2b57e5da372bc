/**
 * The scheduler: pops pods from the scheduling queue one cycle at a time, runs the profile's plugins
 * over the nodes (pkg/scheduler/schedule_one.go), and binds through the cluster store. It meets the
 * controllers only through the store's change events.
 */
import type { Node } from '../cluster/node.js';
import type { Pod } from '../cluster/pod.js';
import { isTerminal, podKey } from '../cluster/pod.js';
import { EVENT_PRIORITY } from '../cluster/priorities.js';
import type { ClusterStore } from '../cluster/store.js';
import type { Rng } from '../core/rng.js';
import type { Simulator } from '../core/simulator.js';
import { CycleState } from './framework/interfaces.js';
import type { Handle } from './framework/interfaces.js';
import type { Status } from './framework/status.js';
import { Code } from './framework/status.js';
import type { Profile, PluginRef } from './profile.js';
import { buildProfile } from './profile.js';
import type { QueuedPodInfo } from './queue/scheduling-queue.js';
import { SchedulingQueue } from './queue/scheduling-queue.js';
import { NodeRanking } from './node-rank.js';
import type { TieBreak, UnschedulablePods } from './node-rank.js';

export interface SchedulerOptions {
  profiles: { schedulerName: string; plugins: readonly PluginRef[]; percentageOfNodesToScore?: number }[];
  /** Among nodes with the top score: `random` (upstream, default) or `nodeRank` (a per-seed node permutation). */
  tieBreak?: TieBreak;
  /** `wait` (upstream, default): retry when the cluster changes; `fail`: a bare pod (no owner) fails at once (PodFailed, Unschedulable). */
  unschedulablePods?: UnschedulablePods;
}

export interface SchedulerStats {
  attempts: number;
  scheduled: number;
  unschedulable: number;
}

export class Scheduler {
  readonly queue = new SchedulingQueue();
  readonly stats: SchedulerStats = { attempts: 0, scheduled: 0, unschedulable: 0 };
  private readonly profiles = new Map<string, Profile>();
  private cyclePending = false;
  private nodes: Node[] = [];
  private nodesDirty = true;
  private readonly handle: Handle;
  private readonly ranking: NodeRanking | undefined;
  private readonly failUnschedulable: boolean;

  constructor(
    private readonly sim: Simulator,
    private readonly store: ClusterStore,
    rng: Rng,
    options: SchedulerOptions,
  ) {
    this.handle = { store, rng };
    this.ranking = options.tieBreak === 'nodeRank' ? new NodeRanking(rng) : undefined;
    this.failUnschedulable = options.unschedulablePods === 'fail';
    for (const p of options.profiles) this.profiles.set(p.schedulerName, buildProfile(p.schedulerName, p.plugins, this.handle, p.percentageOfNodesToScore));
    store.events.onPod((type, pod) => this.onPodEvent(type, pod));
    store.events.onNode((type) => {
      if (type === 'NodeAdded' || type === 'NodeRemoved') this.nodesDirty = true;
      if (type !== 'NodeRemoved' && type !== 'NodeReadyChanged') this.requeue();
    });
  }

  private onPodEvent(type: string, pod: Pod): void {
    if (type === 'PodAdded') {
      if (pod.nodeIndex < 0 && this.profiles.has(pod.spec.schedulerName)) {
        this.queue.add(pod, this.sim.now);
        this.kick();
      }
    } else if (type === 'PodRemoved' || (type === 'PodPhaseChanged' && isTerminal(pod))) {
      if (pod.nodeIndex < 0) this.queue.delete(pod);
      else this.requeue(); // an assigned pod went away: resources freed
    }
  }

  private requeue(): void {
    if (this.queue.moveAllToActive(this.sim.now) > 0) this.kick();
  }

  private kick(): void {
    if (this.cyclePending || this.queue.activeLength === 0) return;
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
    const profile = this.profiles.get(pod.spec.schedulerName)!;
    pod.attempts++;
    this.stats.attempts++;
    const state = new CycleState();
    const nodes = this.liveNodes();
    this.ranking?.prepare(nodes);
    const statuses = new Map<string, Status>();
    const feasible: Node[] = [];
    for (const node of nodes) {
      const s = this.runFilters(profile, state, pod, node);
      if (s) statuses.set(node.name, s);
      else feasible.push(node);
    }
    if (feasible.length === 0) {
      this.stats.unschedulable++;
      const plugins = new Set<string>([...statuses.values()].map((s) => s.plugin));
      this.store.record('PodUnschedulable', podKey(pod), '', summarize(statuses, nodes.length));
      // Only bare pods: a controller would replace a failed pod at once, forever, in the same instant.
      if (this.failUnschedulable && !pod.owner) {
        this.store.setPodPhase(pod, 'Failed', 'Unschedulable');
        this.store.record('PodFailed', podKey(pod), '', 'Unschedulable');
        return;
      }
      this.queue.addUnschedulable(info, this.sim.now, plugins);
      return;
    }
    const chosen = feasible.length === 1 ? feasible[0]! : this.selectHost(profile, state, pod, feasible);
    for (const r of profile.reserve) r.reserve(state, pod, chosen);
    this.store.bindPod(pod, chosen);
    this.stats.scheduled++;
    this.store.record('PodScheduled', podKey(pod), chosen.name, `attempt ${pod.attempts}`);
  }

  private runFilters(profile: Profile, state: CycleState, pod: Pod, node: Node): Status | null {
    for (const f of profile.filter) {
      const s = f.filter(state, pod, node);
      if (s !== null && s.code !== Code.Success) return s.withPlugin(f.name);
    }
    return null;
  }

  /** Highest total weighted score; ties broken uniformly at random (reservoir sampling, as upstream). */
  private selectHost(profile: Profile, state: CycleState, pod: Pod, feasible: Node[]): Node {
    const totals = new Array<number>(feasible.length).fill(0);
    for (const { plugin, weight } of profile.score) {
      const scores = feasible.map((n) => plugin.score(state, pod, n));
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
        if (this.ranking) {
          if (this.ranking.rank(feasible[i]!) < this.ranking.rank(feasible[best]!)) best = i;
        } else if (this.handle.rng.int(ties) === 0) best = i;
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
