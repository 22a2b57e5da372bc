/**
 * PodTopologySpread's queueing hints (plugins/podtopologyspread/plugin.go, v1.33: EventsToRegister,
 * isSchedulableAfterPodChange, isSchedulableAfterNodeChange), read over the pod's hard constraints
 * (DoNotSchedule, or the defaults): an assigned pod in the pod's namespace whose labels a constraint
 * selects was added or deleted, or changed labels so that a selector's answer flips; a node that has
 * every topology key was added or deleted, or an update changed whether it has them, or (while it has
 * them) its labels or taints.
 */
import type { Labels } from '../../../cluster/labels.js';
import type { Pod } from '../../../cluster/pod.js';
import type { Taint } from '../../../cluster/taints.js';
import type { ClusterEventWithHint, ObservedEvent, QueueingHint } from '../../framework/queueing-hint.js';
import type { Constraint, PodTopologySpreadArgs } from './common.js';
import { nodeHasAllKeys, podConstraints, selectorMatchesSelf } from './common.js';

export interface SpreadHints {
  pod: (pod: Pod, e: ObservedEvent) => QueueingHint;
  node: (pod: Pod, e: ObservedEvent) => QueueingHint;
}

/** involvedInTopologySpreading: the pod itself, or an assigned pod of the same namespace. */
function involved(incoming: Pod, target: Pod): boolean {
  return incoming.uid === target.uid || (incoming.nodeIndex >= 0 && incoming.namespace === target.namespace);
}

function labelsMatchAny(constraints: readonly Constraint[], labels: Labels): boolean {
  for (const c of constraints) if (selectorMatchesSelf(c.selector, labels)) return true;
  return false;
}

function sameLabels(a: Labels, b: Labels): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (a[k] !== b[k]) return false;
  return true;
}

function sameTaints(a: readonly Taint[], b: readonly Taint[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.key !== y.key || x.value !== y.value || x.effect !== y.effect) return false;
  }
  return true;
}

export function spreadHints(args: PodTopologySpreadArgs): SpreadHints {
  // Constraints depend only on the pod (spec, labels, owner): computed once per pending pod.
  const cache = new WeakMap<Pod, readonly Constraint[]>();
  const constraintsOf = (pod: Pod): readonly Constraint[] => {
    let c = cache.get(pod);
    if (c === undefined) cache.set(pod, (c = podConstraints(pod, 'DoNotSchedule', args)));
    return c;
  };
  const pod = (target: Pod, e: ObservedEvent): QueueingHint => {
    const { oldPod, newPod } = e;
    if (oldPod === undefined && newPod === undefined) return 'Queue';
    if ((newPod !== undefined && !involved(newPod, target)) || (oldPod !== undefined && !involved(oldPod, target))) return 'QueueSkip';
    const constraints = constraintsOf(target);
    if (oldPod !== undefined && newPod !== undefined) {
      // (A new toleration on the target itself is not modelled: pending pods' specs never change.)
      if (sameLabels(oldPod.labels, newPod.labels)) return 'QueueSkip';
      for (const c of constraints) if (selectorMatchesSelf(c.selector, oldPod.labels) !== selectorMatchesSelf(c.selector, newPod.labels)) return 'Queue';
      return 'QueueSkip';
    }
    const changed = (newPod ?? oldPod)!;
    return labelsMatchAny(constraints, changed.labels) ? 'Queue' : 'QueueSkip';
  };
  const node = (target: Pod, e: ObservedEvent): QueueingHint => {
    const { oldNode, newNode } = e;
    if (oldNode === undefined && newNode === undefined) return 'Queue';
    const constraints = constraintsOf(target);
    const oldMatching = oldNode !== undefined && nodeHasAllKeys(oldNode, constraints);
    const newMatching = newNode !== undefined && nodeHasAllKeys(newNode, constraints);
    if (oldNode !== undefined && newNode !== undefined) {
      if (oldMatching !== newMatching) return 'Queue';
      // v1.33 queues on any label or taint change of a node that has every topology key (plugin_test.go
      // "node that match topologySpreadConstraints adds non-related label": Queue); later releases narrow
      // the labels to the topology keys' values (checkTopologyKeyLabelsChanged).
      if (newMatching && (!sameLabels(oldNode.labels, newNode.labels) || !sameTaints(oldNode.taints, newNode.taints))) return 'Queue';
      return 'QueueSkip';
    }
    return (newNode !== undefined ? newMatching : oldMatching) ? 'Queue' : 'QueueSkip';
  };
  return { pod, node };
}

/** EventsToRegister with hints on: assigned Pod add / label update / delete; Node add / delete / label / taint update. */
export function spreadEvents(args: PodTopologySpreadArgs): readonly ClusterEventWithHint[] {
  const h = spreadHints(args);
  return [
    { events: ['AssignedPodAdd', 'AssignedPodUpdate', 'AssignedPodDelete'], hint: h.pod },
    { events: ['NodeAdd', 'NodeDelete', 'NodeLabelChange', 'NodeTaintChange'], hint: h.node },
  ];
}
