/**
 * NodePorts (plugins/nodeports/node_ports.go): a pod's host ports must be free on the node. PreFilter
 * returns Skip for pods without container ports. Conflicts follow HostPortInfo.CheckConflict: an empty
 * hostIP means 0.0.0.0, which conflicts with the same protocol/port on any IP.
 */
import type { Node } from '../../../cluster/node.js';
import type { ContainerPort, Pod, PodSpec } from '../../../cluster/pod.js';
import type { ClusterStore } from '../../../cluster/store.js';
import type { CycleState, FilterPlugin, Handle, PreFilterPlugin } from '../../framework/interfaces.js';
import { Status } from '../../framework/status.js';
import type { ClusterEventWithHint } from '../../framework/queueing-hint.js';
import { NODE_PORTS_EVENTS } from './hints.js';

export const NAME = 'NodePorts';
export const ERR_REASON = "node(s) didn't have free ports for the requested pod ports";
const BIND_ALL = '0.0.0.0';

const portCache = new WeakMap<PodSpec, ContainerPort[]>();

/** Ports of the regular containers (as v1.33's getContainerPorts). */
export function containerPorts(spec: PodSpec): ContainerPort[] {
  let out = portCache.get(spec);
  if (!out) {
    out = spec.containers.flatMap((c) => c.ports);
    portCache.set(spec, out);
  }
  return out;
}

export function conflicts(want: ContainerPort, used: ContainerPort): boolean {
  if (want.hostPort <= 0 || used.hostPort !== want.hostPort) return false;
  if ((want.protocol || 'TCP') !== (used.protocol || 'TCP')) return false;
  const a = want.hostIP || BIND_ALL;
  const b = used.hostIP || BIND_ALL;
  return a === BIND_ALL || b === BIND_ALL || a === b;
}

export class NodePorts implements PreFilterPlugin, FilterPlugin {
  readonly name = NAME;
  /** EventsToRegister with queueing hints (hints.ts). */
  eventsToRegister(): readonly ClusterEventWithHint[] {
    return NODE_PORTS_EVENTS;
  }
  constructor(private readonly store: ClusterStore) {}

  preFilter(_state: CycleState, pod: Pod): Status | null {
    return containerPorts(pod.spec).length === 0 ? Status.skip() : null;
  }

  filter(_state: CycleState, pod: Pod, node: Node): Status | null {
    const wanted = containerPorts(pod.spec);
    for (const other of this.store.podsOn(node)) {
      for (const used of containerPorts(other.spec)) {
        for (const w of wanted) if (conflicts(w, used)) return Status.unschedulable(ERR_REASON);
      }
    }
    return null;
  }
}

export function newNodePorts(_args: unknown, handle: Handle): NodePorts {
  return new NodePorts(handle.store);
}
