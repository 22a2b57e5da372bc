/**
 * Cluster events that can make an unschedulable pod schedulable, and which plugins care about which
 * (each plugin's EventsToRegister in pkg/scheduler/framework/plugins/<name>/). A pod parked in the
 * unschedulable pool moves only on an event registered by one of the plugins that rejected it.
 * EVENTS_TO_REGISTER is the registration with the SchedulerQueueingHints gate off (every registered
 * event answers Queue); with the gate on (the default) each plugin's eventsToRegister() and its hints
 * decide (queueing-hints.ts).
 */
import type { NodeEventType, PodEventType } from '../../cluster/store-events.js';
import type { Pod } from '../../cluster/pod.js';
import { isTerminal } from '../../cluster/pod.js';

export type ClusterEvent =
  | 'NodeAdd'
  | 'NodeDelete'
  | 'NodeAllocatableChange'
  | 'NodeTaintChange'
  | 'NodeLabelChange'
  | 'AssignedPodAdd'
  | 'AssignedPodUpdate'
  | 'AssignedPodDelete'
  /** Wildcard: the 5-minute flush of the unschedulable pool (framework.EventUnschedulableTimeout). */
  | 'UnschedulableTimeout';

/** Events each in-tree plugin registers with SchedulerQueueingHints off (v1.33). */
export const EVENTS_TO_REGISTER: ReadonlyMap<string, readonly ClusterEvent[]> = new Map<string, readonly ClusterEvent[]>([
  // noderesources/fit.go: assigned Pod delete (and scale-down), Node add / allocatable change.
  ['NodeResourcesFit', ['AssignedPodDelete', 'NodeAdd', 'NodeAllocatableChange']],
  // tainttoleration/taint_toleration.go: Node add / taint change.
  ['TaintToleration', ['NodeAdd', 'NodeTaintChange']],
  // nodeaffinity/node_affinity.go: Node add / label change.
  ['NodeAffinity', ['NodeAdd', 'NodeLabelChange']],
  // nodeunschedulable/node_unschedulable.go: Node add / taint change (spec.unschedulable counts as one).
  ['NodeUnschedulable', ['NodeAdd', 'NodeTaintChange']],
  // nodeports/node_ports.go: assigned Pod delete, Node add.
  ['NodePorts', ['AssignedPodDelete', 'NodeAdd']],
  // nodename/node_name.go: Node add.
  ['NodeName', ['NodeAdd']],
  // podtopologyspread/plugin.go: Pod add / update / delete, Node add / delete / label change (+ taint change).
  ['PodTopologySpread', ['AssignedPodAdd', 'AssignedPodUpdate', 'AssignedPodDelete', 'NodeAdd', 'NodeDelete', 'NodeLabelChange', 'NodeTaintChange']],
  // interpodaffinity/plugin.go: Pod add / update / delete, Node add / label change.
  ['InterPodAffinity', ['AssignedPodAdd', 'AssignedPodUpdate', 'AssignedPodDelete', 'NodeAdd', 'NodeDelete', 'NodeLabelChange']],
  // defaultpreemption: registers Pod delete but its hint always answers QueueSkip.
  ['DefaultPreemption', []],
]);

/**
 * True when `event` may help a pod rejected by `plugins`. An empty set (a pod that failed with an
 * error) and plugins missing from the table match every event; UnschedulableTimeout matches all.
 */
export function isEventRelevant(event: ClusterEvent, plugins: ReadonlySet<string>): boolean {
  if (event === 'UnschedulableTimeout' || plugins.size === 0) return true;
  for (const p of plugins) {
    const events = EVENTS_TO_REGISTER.get(p);
    if (events === undefined || events.includes(event)) return true;
  }
  return false;
}

/** The scheduler-visible event for a store node change, or undefined when no plugin registers it. */
export function nodeClusterEvent(type: NodeEventType): ClusterEvent | undefined {
  switch (type) {
    case 'NodeAdded':
      return 'NodeAdd';
    case 'NodeRemoved':
      return 'NodeDelete';
    case 'NodeTaintsChanged':
      return 'NodeTaintChange';
    case 'NodeLabelsChanged':
      return 'NodeLabelChange';
    default:
      return undefined; // Ready condition changes reach plugins as taints (node lifecycle controller).
  }
}

/**
 * The event for a store pod change of an assigned pod: bound = add, terminal or removed = delete (the
 * scheduler cache drops terminal pods), deletion started = update. Unassigned pods give undefined.
 */
export function podClusterEvent(type: PodEventType, pod: Pod): ClusterEvent | undefined {
  if (pod.nodeIndex < 0) return undefined;
  switch (type) {
    case 'PodBound':
      return 'AssignedPodAdd';
    case 'PodPhaseChanged':
      return isTerminal(pod) ? 'AssignedPodDelete' : undefined;
    case 'PodRemoved':
      return isTerminal(pod) ? undefined : 'AssignedPodDelete'; // a terminal pod was already dropped
    case 'PodDeleting':
      return 'AssignedPodUpdate';
    default:
      return undefined;
  }
}
