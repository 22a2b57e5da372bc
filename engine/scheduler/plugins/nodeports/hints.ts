/**
 * NodePorts' queueing hint (plugins/nodeports/node_ports.go, v1.33: EventsToRegister,
 * isSchedulableAfterPodDeleted): a deleted pod helps only if it was assigned (or nominated) and held a
 * host port the pod wants. Node add is registered without a hint (Queue); with hints on no node update.
 */
import type { Pod } from '../../../cluster/pod.js';
import type { ClusterEventWithHint, ObservedEvent, QueueingHint } from '../../framework/queueing-hint.js';
import { conflicts, containerPorts } from './node-ports.js';

export function nodePortsPodDeletedHint(pod: Pod, e: ObservedEvent): QueueingHint {
  const deleted = e.oldPod;
  if (deleted === undefined) return 'Queue';
  if (deleted.nodeIndex < 0 && deleted.nominatedNodeName === '') return 'QueueSkip';
  const used = containerPorts(deleted.spec).filter((p) => p.hostPort > 0);
  if (used.length === 0) return 'QueueSkip';
  for (const w of containerPorts(pod.spec)) for (const u of used) if (conflicts(w, u)) return 'Queue';
  return 'QueueSkip';
}

export const NODE_PORTS_EVENTS: readonly ClusterEventWithHint[] = Object.freeze([
  { events: ['AssignedPodDelete'], hint: nodePortsPodDeletedHint },
  { events: ['NodeAdd'] },
]);
