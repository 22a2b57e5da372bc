/** NodeName (plugins/nodename): a pod naming a node in spec.nodeName fits only that node. */
import type { Node } from '../../../cluster/node.js';
import type { Pod } from '../../../cluster/pod.js';
import type { CycleState, FilterPlugin } from '../../framework/interfaces.js';
import { Status } from '../../framework/status.js';
import type { ClusterEventWithHint } from '../../framework/queueing-hint.js';
import { NODE_NAME_EVENTS } from './hints.js';

export const NAME = 'NodeName';
export const ERR_REASON = "node(s) didn't match the requested node name";

export class NodeName implements FilterPlugin {
  readonly name = NAME;
  /** EventsToRegister with queueing hints (hints.ts). */
  eventsToRegister(): readonly ClusterEventWithHint[] {
    return NODE_NAME_EVENTS;
  }
  filter(_state: CycleState, pod: Pod, node: Node): Status | null {
    const want = pod.spec.nodeName;
    return want === '' || want === node.name ? null : Status.unresolvable(ERR_REASON);
  }
}

export function newNodeName(): NodeName {
  return new NodeName();
}
