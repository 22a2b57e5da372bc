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
import type { Handle, PluginFactory } from './framework/interfaces.js';
import type { Status } from './framework/status.js';
import { FrameworkRuntime } from './framework/runtime.js';
import { nodeTreeOrder } from './framework/node-tree.js';
import type { Profile, ProfileOptions } from './profile.js';
import { REGISTRY, buildProfile } from './profile.js';
import type { QueuedPodInfo } from './queue/scheduling-queue.js';
import { SchedulingQueue } from './queue/scheduling-queue.js';

export interface SchedulerOptions {
  profiles: ProfileOptions[];
  /** Global percentageOfNodesToScore (0 = adaptive), used by profiles that set none. */
  percentageOfNodesToScore?: number;
  /** Backoff settings for the scheduling queue (KubeSchedulerConfiguration). */
  podInitialBackoffSeconds?: number;
  podMaxBackoffSeconds?: number;
  /** Out-of-tree plugin factories by name (custom plugins loaded by the CLI). */
  plugins?: ReadonlyMap<string, PluginFactory>;
  /** Use the fused loop for the default plugin set (default true; false forces per-plugin calls). */
  fastPath?: boolean;
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
  /** The filter/score cycle; set runtime.explain to record attempts for `kubesim explain`. */
  readonly runtime: FrameworkRuntime;

  constructor(
    private readonly sim: Simulator,
    private readonly store: ClusterStore,
    rng: Rng,
    options: SchedulerOptions,
  ) {
    this.handle = { store, rng };
    this.runtime = new FrameworkRuntime(rng);
    const registry = options.plugins ? new Map([...REGISTRY, ...options.plugins]) : REGISTRY;
    for (const p of options.profiles) this.profiles.set(p.schedulerName, buildProfile(p, this.handle, options.percentageOfNodesToScore ?? 0, registry, options.fastPath ?? true));
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
      this.nodes = nodeTreeOrder(this.store.liveNodes());
      this.nodesDirty = false;
    }
    return this.nodes;
  }

  scheduleOne(info: QueuedPodInfo): void {
    const pod = info.pod;
    const profile = this.profiles.get(pod.spec.schedulerName)!;
    pod.attempts++;
    this.stats.attempts++;
    const nodes = this.liveNodes();
    const { node: chosen, statuses } = this.runtime.schedule(profile, pod, nodes, this.sim.now);
    if (chosen === null) {
      this.stats.unschedulable++;
      const plugins = new Set<string>([...statuses.values()].map((s) => s.plugin));
      this.store.record('PodUnschedulable', podKey(pod), '', summarize(statuses, nodes.length));
      this.queue.addUnschedulable(info, this.sim.now, plugins);
      return;
    }
    this.store.bindPod(pod, chosen);
    this.stats.scheduled++;
    this.store.record('PodScheduled', podKey(pod), chosen.name, `attempt ${pod.attempts}`);
  }
}

/** "0/3 nodes are available: 3 Insufficient cpu." in kube-scheduler's style. */
export function summarize(statuses: ReadonlyMap<string, Status>, total: number): string {
  const counts = new Map<string, number>();
  for (const s of statuses.values()) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const parts = [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([r, n]) => `${n} ${r}`);
  return `0/${total} nodes are available: ${parts.join(', ')}.`;
}
