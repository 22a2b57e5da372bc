/**
 * The queue's side of queueing hints (pkg/scheduler/backend/queue/scheduling_queue.go, v1.33:
 * isPodWorthRequeuing, isEventOfInterest; the queueingHintMap built from each profile's
 * EventsToRegister in pkg/scheduler/scheduler.go buildQueueingHintMap). A parked pod moves when one of
 * the plugins that rejected it registered the event and its hint answers Queue. A plugin without
 * EventsToRegister (an out-of-tree plugin) is registered for every event with no hint: Queue, as
 * upstream. Used only with the SchedulerQueueingHints gate on; off, cluster-events.ts decides alone.
 */
import type { Node } from '../../cluster/node.js';
import type { Pod } from '../../cluster/pod.js';
import type { NodePrevious } from '../../cluster/store-events.js';
import type { AnyPlugin } from '../framework/interfaces.js';
import type { ClusterEventWithHint, ObservedEvent } from '../framework/queueing-hint.js';
import { hasObjects } from '../framework/queueing-hint.js';
import type { ClusterEvent } from './cluster-events.js';

/** Registrations of one profile, by plugin name. */
export type PluginHints = ReadonlyMap<string, readonly ClusterEventWithHint[]>;
/** queueingHintMap: one PluginHints per profile (scheduler name). */
export type QueueingHintMap = ReadonlyMap<string, PluginHints>;

/** The registrations of a profile's plugins (those implementing EventsToRegister). */
export function pluginHints(plugins: ReadonlyMap<string, AnyPlugin>): PluginHints {
  const out = new Map<string, readonly ClusterEventWithHint[]>();
  for (const [name, p] of plugins) if (typeof p.eventsToRegister === 'function') out.set(name, p.eventsToRegister());
  return out;
}

/** isEventOfInterest for one pod: did any of its rejecting plugins register the event? */
export function isRegistered(event: ClusterEvent, plugins: ReadonlySet<string>, hints: PluginHints | undefined): boolean {
  if (event === 'UnschedulableTimeout' || plugins.size === 0 || hints === undefined) return true;
  for (const p of plugins) {
    const regs = hints.get(p);
    if (regs === undefined) return true;
    for (const r of regs) if (r.events.includes(event)) return true;
  }
  return false;
}

/**
 * isPodWorthRequeuing: true (queueAfterBackoff) when the pod failed with an error (no rejecting
 * plugin), on the wildcard flush, or when a rejecting plugin registered the event and its hint answers
 * Queue (no hint, or an event without objects, counts as Queue); false (queueSkip) otherwise.
 */
export function isPodWorthRequeuing(pod: Pod, plugins: ReadonlySet<string>, e: ObservedEvent, hints: PluginHints | undefined): boolean {
  if (plugins.size === 0 || e.event === 'UnschedulableTimeout' || hints === undefined) return true;
  const plan = eventPlan(plugins, e.event, hints);
  if (plan === true) return true;
  if (plan.length === 0) return false;
  const objects = hasObjects(e);
  for (let i = 0; i < plan.length; i++) {
    const r = plan[i]!;
    if (r.hint === undefined || !objects || r.hint(pod, e) === 'Queue') return true;
  }
  return false;
}

/**
 * What isPodWorthRequeuing asks for a set of rejecting plugins and an event: true when one of them
 * has no EventsToRegister (Queue), else the registrations that list the event, in the order the
 * plugins and their registrations are met. A backlog of pods shares a few sets (one per failure
 * summary), so this is worked out once per set and event instead of once per parked pod.
 */
type EventPlan = true | readonly ClusterEventWithHint[];

const plans = new WeakMap<PluginHints, WeakMap<ReadonlySet<string>, { size: number; byEvent: Map<ClusterEvent, EventPlan> }>>();

function eventPlan(plugins: ReadonlySet<string>, event: ClusterEvent, hints: PluginHints): EventPlan {
  let bySet = plans.get(hints);
  if (bySet === undefined) plans.set(hints, (bySet = new WeakMap()));
  let known = bySet.get(plugins);
  // (a set that changed since is planned afresh)
  if (known === undefined || known.size !== plugins.size) bySet.set(plugins, (known = { size: plugins.size, byEvent: new Map() }));
  let plan = known.byEvent.get(event);
  if (plan === undefined) {
    plan = planOf(plugins, event, hints);
    known.byEvent.set(event, plan);
  }
  return plan;
}

function planOf(plugins: ReadonlySet<string>, event: ClusterEvent, hints: PluginHints): EventPlan {
  const out: ClusterEventWithHint[] = [];
  for (const p of plugins) {
    const regs = hints.get(p);
    if (regs === undefined) return true;
    for (const r of regs) if (r.events.includes(event)) out.push(r);
  }
  return out;
}

/** The event of a store node change with its old and new node (NodeAdd: new only; NodeDelete: old only). */
export function observedNodeEvent(event: ClusterEvent, node: Node, previous?: NodePrevious): ObservedEvent {
  if (event === 'NodeAdd') return { event, newNode: node };
  if (event === 'NodeDelete') return { event, oldNode: node };
  const oldNode = {
    name: node.name,
    labels: previous?.labels ?? node.labels,
    taints: previous?.taints ?? node.taints,
    unschedulable: previous?.unschedulable ?? node.unschedulable,
    allocatable: node.allocatable,
  };
  return { event, oldNode, newNode: node };
}

/** The event of an assigned pod's change: add has the new pod, delete the old, update both (kubesim never changes a pod's labels or requests). */
export function observedPodEvent(event: ClusterEvent, pod: Pod): ObservedEvent {
  if (event === 'AssignedPodAdd') return { event, newPod: pod };
  if (event === 'AssignedPodDelete') return { event, oldPod: pod };
  return { event, oldPod: pod, newPod: pod };
}
