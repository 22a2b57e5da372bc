/**
 * The node lifecycle controller (pkg/controller/nodelifecycle/node_lifecycle_controller.go).
 *
 * Monitor passes run on the 5 s grid (t = 0, 5 s, 10 s, ...) but only while some node is unhealthy or
 * about to be (PERFORMANCE.md lesson 2): a pass over healthy nodes changes nothing, so skipping it is
 * unobservable. A silent node's probe timestamp is the first pass at or after its last heartbeat; the node
 * turns Unknown at the first pass strictly after probe + grace. NoSchedule condition taints follow the
 * Ready condition at once (the event-driven worker); NoExecute taints go through per-zone rate-limited
 * queues, decided from the Ready condition read at the start of a pass, and taken every 100 ms.
 */
import type { NodeHeartbeats } from '../../cluster/heartbeats.js';
import type { Node, NodeReadyStatus } from '../../cluster/node.js';
import { EVENT_PRIORITY } from '../../cluster/priorities.js';
import type { ClusterStore } from '../../cluster/store.js';
import type { Taint } from '../../cluster/taints.js';
import { TAINT_NOT_READY, TAINT_UNREACHABLE } from '../../cluster/taints.js';
import { isNoExecuteCondition, setTaintsRecorded, withConditionTaints } from './condition-taints.js';
import type { Simulator } from '../../core/simulator.js';
import type { NodeLifecycleConfig, ZoneState } from './config.js';
import { LABEL_EXCLUDE_DISRUPTION, TAINTING_PERIOD_MS, computeZoneState, zoneRate } from './config.js';
import { ZoneTainter } from './rate-limited-queue.js';
import { WatchedNodes } from './watched-nodes.js';

interface Zone {
  name: string;
  size: number;
  notReady: number;
  state: ZoneState;
  tainter: ZoneTainter;
  attemptAtMs: number;
  /** The zone's tainting attempt, as an event handler (one per zone, not one per scheduling). */
  attempt: () => void;
}

export class NodeLifecycleController {
  private readonly zones = new Map<string, Zone>();
  private readonly watched = new WatchedNodes();
  private readonly probeResetMs: number[] = [];
  /** Ready as last seen per node index, to keep the zone counts exact. */
  private readonly lastReady: NodeReadyStatus[] = [];
  private passScheduled = false;
  private lastPassMs = -1;

  constructor(
    private readonly sim: Simulator,
    private readonly store: ClusterStore,
    private readonly heartbeats: NodeHeartbeats,
    readonly config: NodeLifecycleConfig,
  ) {
    for (const n of store.nodes) if (!n.deleted) this.nodeAdded(n);
    store.events.onNode((type, node) => {
      if (type === 'NodeAdded') this.nodeAdded(node);
      else if (type === 'NodeRemoved') this.nodeRemoved(node);
      else if (type === 'NodeReadyChanged') this.readyChanged(node);
    });
    heartbeats.on((node) => this.watch(node));
  }

  /** Zone states, for reports and tests. */
  zoneStates(): Map<string, ZoneState> {
    return new Map([...this.zones.values()].map((z) => [z.name, z.state]));
  }

  /** One zone's state ('' for a zone never seen). */
  zoneState(zone: string): string {
    return this.zones.get(zone)?.state ?? '';
  }

  private zone(node: Node): Zone {
    let z = this.zones.get(node.zone);
    if (!z) {
      const zone: Zone = { name: node.zone, size: 0, notReady: 0, state: 'Normal', tainter: new ZoneTainter(this.config.evictionRate), attemptAtMs: -1, attempt: () => this.taintingAttempt(zone) };
      z = zone;
      this.zones.set(node.zone, z);
    }
    return z;
  }

  private counted(node: Node): boolean {
    return node.labels[LABEL_EXCLUDE_DISRUPTION] === undefined;
  }

  private nodeAdded(node: Node): void {
    const z = this.zone(node);
    this.lastReady[node.index] = node.ready;
    if (!this.counted(node)) return;
    z.size++;
    if (node.ready !== 'True') z.notReady++;
  }

  private nodeRemoved(node: Node): void {
    const z = this.zone(node);
    z.tainter.remove(node);
    this.watched.delete(node);
    if (!this.counted(node)) return;
    z.size--;
    if (node.ready !== 'True') z.notReady--;
  }

  /** Zone counts, and the NoSchedule condition taints (the event-driven worker: no rate limit). */
  private readyChanged(node: Node): void {
    const was = this.lastReady[node.index] ?? 'True';
    this.lastReady[node.index] = node.ready;
    if (this.counted(node) && (was === 'True') !== (node.ready === 'True')) this.zone(node).notReady += node.ready === 'True' ? -1 : 1;
    this.setTaints(node, withConditionTaints(node.taints, node.ready));
    this.watch(node);
  }

  private setTaints(node: Node, taints: Taint[]): void {
    setTaintsRecorded(this.store, node, taints);
  }

  private watch(node: Node): void {
    if (node.deleted) return;
    this.watched.add(node);
    if (this.passScheduled) return;
    const p = this.config.monitorPeriodMs;
    let at = Math.ceil(this.sim.now / p) * p;
    if (at <= this.lastPassMs) at = this.lastPassMs + p;
    this.schedulePass(at);
  }

  private schedulePass(at: number): void {
    this.passScheduled = true;
    this.sim.at(at, () => this.monitorPass(), undefined, EVENT_PRIORITY.nodeLifecycle);
  }

  /** monitorNodeHealth over the nodes that can change, then handleDisruption. */
  private monitorPass(): void {
    const now = this.sim.now;
    this.passScheduled = false;
    this.lastPassMs = now;
    const nodes = this.watched.inOrder();
    for (const node of nodes) this.updateNode(node, now);
    this.handleDisruption(now);
    for (const node of nodes) if (this.settled(node) || this.stable(node)) this.watched.delete(node);
    const quiet = this.watched.size === 0 && [...this.zones.values()].every((z) => z.state === 'Normal' || z.size === 0);
    if (!quiet && !this.passScheduled) this.schedulePass(now + this.config.monitorPeriodMs);
  }

  private settled(node: Node): boolean {
    return node.deleted || (this.heartbeats.flowing(node) && node.ready === 'True' && !node.taints.some(isNoExecuteCondition) && !this.zone(node).tainter.has(node));
  }

  /**
   * A not-Ready node that already carries the NoExecute taint of its condition and sits in its zone's set, and
   * whose condition cannot change by itself (False while the kubelet posts it, Unknown while it is silent):
   * further passes change nothing until its heartbeats or its Ready condition change (both re-watch it).
   */
  private stable(node: Node): boolean {
    if (node.ready === 'True') return false;
    // False is final only while the kubelet reports it; a silent node is final once Unknown.
    if ((node.ready === 'False') !== this.heartbeats.flowing(node)) return false;
    const key = node.ready === 'False' ? TAINT_NOT_READY : TAINT_UNREACHABLE;
    return hasNoExecute(node, key) && this.zone(node).tainter.has(node);
  }

  private updateNode(node: Node, now: number): void {
    if (node.deleted) return;
    const observed = node.ready;
    if (!this.heartbeats.flowing(node)) {
      const posted = this.heartbeats.everPosted(node);
      const last = posted ? this.heartbeats.lastHeartbeatMs(node) : node.createdMs;
      const p = this.config.monitorPeriodMs;
      const probe = Math.max(posted ? Math.ceil(last / p) * p : last, this.probeResetMs[node.index] ?? -1);
      const grace = posted ? this.config.gracePeriodMs : this.config.startupGracePeriodMs;
      if (now > probe + grace && observed !== 'Unknown') {
        if (observed === 'True') this.store.record('NodeNotReady', node.name, node.name, 'NodeStatusUnknown');
        this.store.setNodeReady(node, 'Unknown');
      }
    }
    this.processTaintBaseEviction(node, observed, now);
  }

  private processTaintBaseEviction(node: Node, observed: NodeReadyStatus, now: number): void {
    if (observed === 'True') return this.markNodeAsReachable(node);
    const want = observed === 'False' ? TAINT_NOT_READY : TAINT_UNREACHABLE;
    const opposite = observed === 'False' ? TAINT_UNREACHABLE : TAINT_NOT_READY;
    if (hasNoExecute(node, opposite)) {
      this.swapNoExecute(node, want, opposite, now); // immediate, no token
      return;
    }
    const z = this.zone(node);
    // markNodeForTainting: Remove (unless already tainted) then Add.
    if (!hasNoExecute(node, want) ? z.tainter.requeue(node) : z.tainter.add(node)) this.scheduleAttempt(z, now);
  }

  private markNodeAsReachable(node: Node): void {
    this.setTaints(node, node.taints.filter((t) => !isNoExecuteCondition(t)));
    this.zone(node).tainter.remove(node);
  }

  private swapNoExecute(node: Node, add: string, remove: string, now: number): void {
    const taints = node.taints.filter((t) => !(t.effect === 'NoExecute' && (t.key === remove || t.key === add)));
    taints.push({ key: add, value: '', effect: 'NoExecute', timeAddedMs: now });
    this.setTaints(node, taints);
  }

  /** The 100 ms tainting loop, run only when a zone has a queued node and a token is (or will be) there. */
  private scheduleAttempt(z: Zone, now: number): void {
    if (z.tainter.length === 0 || z.tainter.nextTokenMs === Infinity) return;
    const at = Math.ceil(Math.max(now, z.tainter.nextTokenMs) / TAINTING_PERIOD_MS) * TAINTING_PERIOD_MS;
    if (z.attemptAtMs >= now && z.attemptAtMs <= at) return;
    z.attemptAtMs = at;
    this.sim.at(at, z.attempt, undefined, EVENT_PRIORITY.nodeLifecycle + 1);
  }

  private taintingAttempt(z: Zone): void {
    const now = this.sim.now;
    if (z.attemptAtMs !== now) return; // superseded
    z.attemptAtMs = -1;
    z.tainter.tryProcess(now, this.taintNoExecute);
    this.scheduleAttempt(z, now + TAINTING_PERIOD_MS);
  }

  /** A node the tainter let through: the NoExecute taint of its condition (the other one swapped out). */
  private readonly taintNoExecute = (node: Node): void => {
    if (node.deleted) return;
    const now = this.sim.now;
    if (node.ready === 'False') this.swapNoExecute(node, TAINT_NOT_READY, TAINT_UNREACHABLE, now);
    else if (node.ready === 'Unknown') this.swapNoExecute(node, TAINT_UNREACHABLE, TAINT_NOT_READY, now);
  };

  private handleDisruption(now: number): void {
    const zones = [...this.zones.values()].filter((z) => z.size > 0);
    if (zones.length === 0) return;
    const next = zones.map((z) => computeZoneState(z.size, z.notReady, this.config.unhealthyZoneThreshold));
    const allAre = next.every((s) => s === 'FullDisruption');
    const allWere = zones.every((z) => z.state === 'FullDisruption');
    if (allAre && allWere) return;
    if (allAre) {
      // Master disruption mode: the control plane is probably the one cut off; stop every eviction.
      for (const n of this.store.nodes) {
        if (n.deleted) continue;
        this.markNodeAsReachable(n);
        if (n.ready !== 'True') this.watched.add(n);
      }
      for (const z of zones) {
        z.tainter.swapLimiter(0, now);
        z.state = 'FullDisruption';
      }
      this.store.record('ZoneDisruption', '*', '', 'master disruption mode: all zones FullDisruption');
      return;
    }
    if (allWere) for (const n of this.store.nodes) this.probeResetMs[n.index] = now;
    zones.forEach((z, i) => {
      const state = next[i]!;
      if (!allWere && state === z.state) return;
      if (state !== z.state) this.store.record('ZoneDisruption', z.name, '', state);
      z.state = state;
      z.tainter.swapLimiter(zoneRate(state, z.size, this.config), now);
      this.scheduleAttempt(z, now);
    });
  }
}

/** Whether the node carries the NoExecute taint with this key (every monitor pass asks, per watched node). */
function hasNoExecute(node: Node, key: string): boolean {
  for (const t of node.taints) if (t.effect === 'NoExecute' && t.key === key) return true;
  return false;
}
