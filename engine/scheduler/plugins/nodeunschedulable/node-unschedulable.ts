/** NodeUnschedulable (plugins/nodeunschedulable): rejects nodes with spec.unschedulable unless tolerated. */
import type { Node } from '../../../cluster/node.js';
import type { Pod } from '../../../cluster/pod.js';
import { TAINT_UNSCHEDULABLE, toleratesAny } from '../../../cluster/taints.js';
import type { Taint } from '../../../cluster/taints.js';
import type { CycleState, FilterPlugin } from '../../framework/interfaces.js';
import { Status } from '../../framework/status.js';
import type { ClusterEventWithHint } from '../../framework/queueing-hint.js';
import { NODE_UNSCHEDULABLE_EVENTS } from './hints.js';

export const NAME = 'NodeUnschedulable';
export const ERR_REASON_UNSCHEDULABLE = "node(s) were unschedulable";
const UNSCHEDULABLE_TAINT: Taint = Object.freeze({ key: TAINT_UNSCHEDULABLE, value: '', effect: 'NoSchedule' });

export class NodeUnschedulable implements FilterPlugin {
  readonly name = NAME;
  /** EventsToRegister with queueing hints (hints.ts). */
  eventsToRegister(): readonly ClusterEventWithHint[] {
    return NODE_UNSCHEDULABLE_EVENTS;
  }
  filter(_state: CycleState, pod: Pod, node: Node): Status | null {
    if (!node.unschedulable) return null;
    if (toleratesAny(pod.spec.tolerations, UNSCHEDULABLE_TAINT)) return null;
    return Status.unresolvable(ERR_REASON_UNSCHEDULABLE);
  }
}

export function newNodeUnschedulable(): NodeUnschedulable {
  return new NodeUnschedulable();
}
