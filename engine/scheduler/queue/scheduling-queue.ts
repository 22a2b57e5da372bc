/**
 * The scheduling queue (pkg/scheduler/backend/queue/scheduling_queue.go, v1.33): activeQ ordered by
 * PrioritySort, backoffQ ordered by backoff expiry (then PrioritySort within a 1 s window), and the
 * unschedulable pool whose pods move back on the cluster events their rejecting plugins registered.
 * Timers are simulator events armed for the next pod due, never per-pod polling.
 */
import type { Pod } from '../../cluster/pod.js';
import type { SimEvent } from '../../core/queue.js';
import type { Simulator } from '../../core/simulator.js';
import type { BackoffConfig } from './backoff.js';
import { backoffExpiryMs, backoffReleaseTickMs, isBackingOff, unschedulableReleaseTickMs } from './backoff.js';
import type { ClusterEvent } from './cluster-events.js';
import { isEventRelevant } from './cluster-events.js';
import type { ObservedEvent } from '../framework/queueing-hint.js';
import type { PluginHints, QueueingHintMap } from './queueing-hints.js';
import { isPodWorthRequeuing, isRegistered } from './queueing-hints.js';
import { UnschedulablePool } from './unschedulable-pool.js';
import { LazyHeap } from './lazy-heap.js';

export type QueueName = 'activeQ' | 'backoffQ' | 'errorBackoffQ' | 'unschedulablePods' | 'inFlight' | 'none';

export interface QueuedPodInfo {
  pod: Pod;
  /** Time the pod was last (re)added to the queue: PrioritySort's tie-break and the backoff origin. */
  timestampMs: number;
  /** Scheduling attempts so far (incremented at each pop). */
  attempts: number;
  /** Plugins that rejected the pod in its last attempt (empty after an error). */
  unschedulablePlugins: ReadonlySet<string>;
  where: QueueName;
  gen: number;
  /** Links of the unschedulable pool (unschedulable-pool.ts). */
  poolPrev: QueuedPodInfo | null;
  poolNext: QueuedPodInfo | null;
  inPool: boolean;
}

export interface QueueConfig extends BackoffConfig {
  podMaxInUnschedulablePodsDurationMs: number;
  /**
   * Feature gate SchedulerQueueingHints (on by default since v1.32): a parked pod moves only when a
   * rejecting plugin's hint answers Queue (queueing-hints.ts); off, any event a rejecting plugin
   * registered moves it (cluster-events.ts) and node updates go through preCheck.
   */
  queueingHints: boolean;
}

/** The in-flight event list before any event arrives (never written). */
const NO_EVENTS: ObservedEvent[] = [];

/** A pod's rejecting plugins before its first failure (only ever replaced, never added to). */
const NO_PLUGINS: ReadonlySet<string> = new Set();

export class SchedulingQueue {
  private readonly activeQ = new LazyHeap<QueuedPodInfo>();
  private readonly backoffQ = new LazyHeap<QueuedPodInfo>();
  /** Pods whose last attempt ended in an error, not a plugin's rejection (v1.33 split it out); never popped early. */
  private readonly errorBackoffQ = new LazyHeap<QueuedPodInfo>();
  /** In insertion order, which is timestamp order: every (re)insert deletes first. */
  private readonly unschedulablePods = new UnschedulablePool();
  private readonly byUid = new Map<number, QueuedPodInfo>();
  private inFlight: QueuedPodInfo | undefined;
  /** Events seen while a pod was in flight, replayed through the hints when it fails. */
  /** Events seen while a pod was in flight (NO_EVENTS until the first: most attempts see none). */
  private inFlightEvents: ObservedEvent[] = NO_EVENTS;
  private hintMap: QueueingHintMap = new Map();
  private backoffTimer: SimEvent | undefined;
  /** Bumped when a pod is parked: invalidates caresMemo (pods leaving the pool only make it care less). */
  private poolVersion = 0;
  private readonly caresMemo = new Map<ClusterEvent, { version: number; cares: boolean }>();
  private unschedulableTimer: SimEvent | undefined;

  constructor(
    private readonly sim: Simulator,
    readonly config: QueueConfig,
    /** Called when a pod became poppable (upstream's cond.Broadcast). */
    private readonly onActivated: () => void,
    private readonly timerPriority = 0,
  ) {}

  /** The registrations of every profile's plugins (set once by the scheduler). */
  setQueueingHintMap(map: QueueingHintMap): void {
    this.hintMap = map;
  }

  get activeLength(): number {
    return this.activeQ.size;
  }

  get backoffLength(): number {
    return this.backoffQ.size + this.errorBackoffQ.size;
  }

  get unschedulableLength(): number {
    return this.unschedulablePods.size;
  }

  /** Pods waiting in any sub-queue (for metrics). */
  get pendingCount(): number {
    return this.activeQ.size + this.backoffQ.size + this.errorBackoffQ.size + this.unschedulablePods.size;
  }

  /** Whether Pop would return a pod now (activeQ, or backoffQ with SchedulerPopFromBackoffQ). */
  get hasPoppable(): boolean {
    return this.activeQ.size > 0 || (this.config.popFromBackoffQ && this.backoffQ.size > 0);
  }

  where(pod: Pod): QueueName {
    return this.byUid.get(pod.uid)?.where ?? 'none';
  }

  info(pod: Pod): QueuedPodInfo | undefined {
    return this.byUid.get(pod.uid);
  }

  /** A new unscheduled pod: straight to activeQ (PriorityQueue.Add). */
  add(pod: Pod): void {
    if (this.byUid.has(pod.uid)) return;
    const info: QueuedPodInfo = { pod, timestampMs: this.sim.now, attempts: 0, unschedulablePlugins: NO_PLUGINS, where: 'none', gen: 0, poolPrev: null, poolNext: null, inPool: false };
    this.byUid.set(pod.uid, info);
    this.moveToActiveQ(info);
    this.onActivated();
  }

  /** Head of activeQ; when it is empty and the gate is on, the head of backoffQ early. */
  pop(): QueuedPodInfo | undefined {
    const info = this.activeQ.pop() ?? (this.config.popFromBackoffQ ? this.backoffQ.pop() : undefined);
    if (info === undefined) return undefined;
    info.attempts++;
    info.where = 'inFlight';
    this.inFlight = info;
    this.inFlightEvents = NO_EVENTS;
    return info;
  }

  /** The popped pod left the queue for good (bound): forget it. */
  done(info: QueuedPodInfo): void {
    if (this.inFlight === info) this.inFlight = undefined;
    info.where = 'none';
    this.byUid.delete(info.pod.uid);
  }

  /**
   * After a failed attempt (AddUnschedulableIfNotPresent): the pod is parked, unless an event that
   * matters to its rejecting plugins arrived while it was in flight, or it failed with an error
   * (no rejecting plugin); then it goes to backoffQ (activeQ if its backoff is already over).
   */
  addUnschedulable(info: QueuedPodInfo, plugins: ReadonlySet<string>): void {
    if (this.inFlight === info) this.inFlight = undefined;
    info.unschedulablePlugins = plugins;
    info.timestampMs = this.sim.now;
    const events = this.inFlightEvents;
    this.inFlightEvents = NO_EVENTS;
    if (plugins.size === 0 || (events.length > 0 && events.some((e) => this.worthRequeuing(info, e)))) {
      this.requeueAfterBackoff(info);
      return;
    }
    this.park(info);
  }

  /**
   * A cluster event: moves the parked pods it may help (movePodsToActiveOrBackoffQueue). `preCheck`
   * (node updates, gate off only) can hold a pod back; with hints on the hints decide instead.
   */
  onClusterEvent(event: ClusterEvent | ObservedEvent, preCheck?: (info: QueuedPodInfo) => boolean): void {
    const e = typeof event === 'string' ? { event } : event;
    if (this.inFlight !== undefined) {
      if (this.inFlightEvents === NO_EVENTS) this.inFlightEvents = [];
      this.inFlightEvents.push(e);
    }
    if (this.unschedulablePods.size === 0 || !this.poolCares(e.event)) return;
    const check = this.config.queueingHints ? undefined : preCheck;
    let activated = false;
    // Deleting the visited entry while iterating is safe; moved pods never re-enter the pool here.
    // (the pool's own list, as its values() walks it, without a generator per event)
    let info = this.unschedulablePods.first();
    while (info !== undefined) {
      const cur = info;
      const next = this.unschedulablePods.after(cur);
      if (this.worthRequeuing(cur, e) && (check === undefined || check(cur))) {
        this.unschedulablePods.delete(cur);
        if (this.requeueAfterBackoff(cur, false)) activated = true;
      }
      info = cur.inPool ? this.unschedulablePods.after(cur) : next;
    }
    this.armUnschedulableTimer();
    if (activated) this.onActivated();
  }

  /** The pod is gone (deleted, or bound by someone else): remove it from whichever sub-queue holds it. */
  delete(pod: Pod): void {
    const info = this.byUid.get(pod.uid);
    if (info === undefined) return;
    if (info.where === 'activeQ') this.activeQ.invalidate(info);
    else if (info.where === 'backoffQ') this.backoffQ.invalidate(info);
    else if (info.where === 'errorBackoffQ') this.errorBackoffQ.invalidate(info);
    else if (info.where === 'unschedulablePods') this.unschedulablePods.delete(info);
    if (this.inFlight === info) this.inFlight = undefined;
    info.where = 'none';
    this.byUid.delete(pod.uid);
  }

  /** Backoff expiry of a queued pod (for tests and explain). */
  backoffExpiry(info: QueuedPodInfo): number {
    return backoffExpiryMs(info.timestampMs, info.attempts, this.config);
  }

  /** isEventOfInterest for the pool: is any parked pod's rejecting plugin registered for the event? */
  private poolCares(event: ClusterEvent): boolean {
    const memo = this.caresMemo.get(event);
    if (memo !== undefined && memo.version === this.poolVersion) return memo.cares;
    let cares = false;
    for (const info of this.unschedulablePods.values()) {
      if (this.registered(info, event)) {
        cares = true;
        break;
      }
    }
    this.caresMemo.set(event, { version: this.poolVersion, cares });
    return cares;
  }

  // ---- queueing hints ----

  private hintsFor(info: QueuedPodInfo): PluginHints | undefined {
    return this.hintMap.get(info.pod.spec.schedulerName);
  }

  /** Whether a rejecting plugin of the pod registered the event (gate off: the EVENTS_TO_REGISTER table). */
  private registered(info: QueuedPodInfo, event: ClusterEvent): boolean {
    if (!this.config.queueingHints) return isEventRelevant(event, info.unschedulablePlugins);
    return isRegistered(event, info.unschedulablePlugins, this.hintsFor(info));
  }

  /** isPodWorthRequeuing (gate off: every registered event is worth it). */
  private worthRequeuing(info: QueuedPodInfo, e: ObservedEvent): boolean {
    if (!this.config.queueingHints) return isEventRelevant(e.event, info.unschedulablePlugins);
    return isPodWorthRequeuing(info.pod, info.unschedulablePlugins, e, this.hintsFor(info));
  }

  // ---- moves ----

  private park(info: QueuedPodInfo): void {
    this.poolVersion++;
    info.where = 'unschedulablePods';
    this.unschedulablePods.append(info);
    this.armUnschedulableTimer();
  }

  /** requeuePodWithQueueingStrategy(queueAfterBackoff): backoffQ while backing off, else activeQ. */
  private requeueAfterBackoff(info: QueuedPodInfo, notify = true): boolean {
    const expiry = this.backoffExpiry(info);
    let activated: boolean;
    if (isBackingOff(expiry, this.sim.now, this.config)) {
      // No rejecting plugin means the attempt ended in an error (e.g. no nodes at all): errorBackoffQ,
      // which Pop never takes from early.
      const error = info.unschedulablePlugins.size === 0;
      info.where = error ? 'errorBackoffQ' : 'backoffQ';
      (error ? this.errorBackoffQ : this.backoffQ).push(info, expiry, -info.pod.spec.priority, info.timestampMs);
      this.armBackoffTimer();
      activated = !error && this.config.popFromBackoffQ;
    } else {
      this.moveToActiveQ(info);
      activated = true;
    }
    if (activated && notify) this.onActivated();
    return activated;
  }

  private moveToActiveQ(info: QueuedPodInfo): void {
    info.where = 'activeQ';
    this.activeQ.push(info, -info.pod.spec.priority, info.timestampMs, 0);
  }

  // ---- timers ----

  private armBackoffTimer(): void {
    // The backoff queues are keyed by backoff expiry (a pod's timestamp and attempts do not change while it waits there).
    const a = this.backoffQ.peekKey();
    const b = this.errorBackoffQ.peekKey();
    if (a === undefined && b === undefined) return;
    const expiry = Math.min(a ?? Infinity, b ?? Infinity);
    const at = backoffReleaseTickMs(expiry, this.config);
    if (this.backoffTimer !== undefined && !this.backoffTimer.cancelled && this.backoffTimer.time <= at) return;
    if (this.backoffTimer !== undefined) this.sim.cancel(this.backoffTimer);
    this.backoffTimer = this.sim.at(Math.max(at, this.sim.now), this.flushBackoff, undefined, this.timerPriority);
  }

  /** The backoff timer's handler (one function, not one per arming). */
  private readonly flushBackoff = (): void => this.flushBackoffQCompleted();

  /** flushBackoffQCompleted: every pod whose backoff is over moves to activeQ. */
  private flushBackoffQCompleted(): void {
    this.backoffTimer = undefined;
    let moved = false;
    for (const q of [this.backoffQ, this.errorBackoffQ]) {
      for (;;) {
        const expiry = q.peekKey();
        if (expiry === undefined || isBackingOff(expiry, this.sim.now, this.config)) break;
        this.moveToActiveQ(q.pop()!);
        moved = true;
      }
    }
    this.armBackoffTimer();
    if (moved) this.onActivated();
  }

  private armUnschedulableTimer(): void {
    const first = this.unschedulablePods.first();
    if (first === undefined) return;
    const at = unschedulableReleaseTickMs(first.timestampMs, this.config.podMaxInUnschedulablePodsDurationMs);
    if (this.unschedulableTimer !== undefined && !this.unschedulableTimer.cancelled && this.unschedulableTimer.time <= at) return;
    if (this.unschedulableTimer !== undefined) this.sim.cancel(this.unschedulableTimer);
    this.unschedulableTimer = this.sim.at(Math.max(at, this.sim.now), () => this.flushUnschedulablePodsLeftover(), undefined, this.timerPriority);
  }

  /** flushUnschedulablePodsLeftover: pods parked longer than the maximum move as if by a wildcard event. */
  private flushUnschedulablePodsLeftover(): void {
    this.unschedulableTimer = undefined;
    const now = this.sim.now;
    const max = this.config.podMaxInUnschedulablePodsDurationMs;
    const due: QueuedPodInfo[] = [];
    for (const info of this.unschedulablePods.values()) {
      if (now - info.timestampMs <= max) break; // timestamp order: the rest waited less
      due.push(info);
    }
    let activated = false;
    for (const info of due) {
      this.unschedulablePods.delete(info);
      if (this.requeueAfterBackoff(info, false)) activated = true;
    }
    this.armUnschedulableTimer();
    if (activated) this.onActivated();
  }
}
