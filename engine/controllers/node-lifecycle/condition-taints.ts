/** The node condition taints the node lifecycle controller manages, and taint updates recorded in events.csv. */
import type { Node, NodeReadyStatus } from '../../cluster/node.js';
import type { ClusterStore } from '../../cluster/store.js';
import type { Taint } from '../../cluster/taints.js';
import { TAINT_NOT_READY, TAINT_UNREACHABLE, taintKey } from '../../cluster/taints.js';

export const isNoExecuteCondition = (t: Taint): boolean => t.effect === 'NoExecute' && (t.key === TAINT_UNREACHABLE || t.key === TAINT_NOT_READY);

/**
 * The taints with the NoSchedule condition taint matching Ready (False -> not-ready, Unknown -> unreachable,
 * True -> none), the other one removed: what the NLC's event-driven worker reconciles (doNoScheduleTaintingPass).
 */
export function withConditionTaints(taints: readonly Taint[], ready: NodeReadyStatus): Taint[] {
  const want = ready === 'False' ? TAINT_NOT_READY : ready === 'Unknown' ? TAINT_UNREACHABLE : '';
  const keep = taints.filter((t) => !(t.effect === 'NoSchedule' && (t.key === TAINT_NOT_READY || t.key === TAINT_UNREACHABLE) && t.key !== want));
  if (want && !keep.some((t) => t.key === want && t.effect === 'NoSchedule')) keep.push({ key: want, value: '', effect: 'NoSchedule' });
  return keep;
}

/** Sets a node's taints if their keys changed, recording NodeTainted / NodeUntainted for each difference. */
export function setTaintsRecorded(store: ClusterStore, node: Node, taints: Taint[]): void {
  const before = new Set(node.taints.map(taintKey));
  const after = new Set(taints.map(taintKey));
  if (before.size === after.size && [...after].every((k) => before.has(k))) return;
  store.setNodeTaints(node, taints);
  for (const k of after) if (!before.has(k)) store.record('NodeTainted', node.name, node.name, k);
  for (const k of before) if (!after.has(k)) store.record('NodeUntainted', node.name, node.name, k);
}
