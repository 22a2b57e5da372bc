/**
 * InterPodAffinity's queueing hints (plugins/interpodaffinity/plugin.go, v1.33: EventsToRegister,
 * isSchedulableAfterPodChange, isSchedulableAfterNodeChange). Pod events (assigned pods only): an added
 * pod that matches all the pod's required affinity terms, a deleted pod that matches all its required
 * anti-affinity terms, or an update that makes the first true or the second false. Node events: the node
 * has the topology key of one of the pod's required (anti-)affinity terms. Upstream does not queue a pod
 * blocked by an existing pod's anti-affinity when that pod goes (only the target's own terms are read).
 */
import type { Pod } from '../../../cluster/pod.js';
import type { ClusterEventWithHint, ObservedEvent, QueueingHint } from '../../framework/queueing-hint.js';
import type { AffinityTerm } from './terms.js';
import { matchesAllTerms, podTerms } from './terms.js';

export function interPodAffinityPodHint(pod: Pod, e: ObservedEvent): QueueingHint {
  const { oldPod, newPod } = e;
  if (oldPod === undefined && newPod === undefined) return 'Queue';
  if ((newPod !== undefined && newPod.nodeIndex < 0) || (oldPod !== undefined && oldPod.nodeIndex < 0)) return 'QueueSkip';
  const { requiredAffinity: terms, requiredAnti: antiTerms } = podTerms(pod);
  if (oldPod !== undefined && newPod !== undefined) {
    if (!matchesAllTerms(terms, oldPod) && matchesAllTerms(terms, newPod)) return 'Queue';
    if (matchesAllTerms(antiTerms, oldPod) && !matchesAllTerms(antiTerms, newPod)) return 'Queue';
    return 'QueueSkip';
  }
  if (newPod !== undefined) return matchesAllTerms(terms, newPod) ? 'Queue' : 'QueueSkip';
  return matchesAllTerms(antiTerms, oldPod!) ? 'Queue' : 'QueueSkip';
}

function hasTopologyKey(terms: readonly AffinityTerm[], labels: Readonly<Record<string, string>>): boolean {
  for (const t of terms) if (labels[t.topologyKey] !== undefined) return true;
  return false;
}

export function interPodAffinityNodeHint(pod: Pod, e: ObservedEvent): QueueingHint {
  if (e.newNode === undefined) return 'Queue';
  const { requiredAffinity, requiredAnti } = podTerms(pod);
  return hasTopologyKey(requiredAffinity, e.newNode.labels) || hasTopologyKey(requiredAnti, e.newNode.labels) ? 'Queue' : 'QueueSkip';
}

/** EventsToRegister: assigned Pod add / label update / delete; Node add / label / taint update. */
export const INTER_POD_AFFINITY_EVENTS: readonly ClusterEventWithHint[] = Object.freeze([
  { events: ['AssignedPodAdd', 'AssignedPodUpdate', 'AssignedPodDelete'], hint: interPodAffinityPodHint },
  { events: ['NodeAdd', 'NodeLabelChange', 'NodeTaintChange'], hint: interPodAffinityNodeHint },
]);
