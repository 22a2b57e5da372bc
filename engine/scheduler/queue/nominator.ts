/**
 * The nominator (pkg/scheduler/backend/queue/nominator.go): pods that preempted others and wait for
 * their victims to go, by nominated node. Other pods of equal or higher priority are filtered as if
 * the nominated pods were already on that node.
 */
import type { Pod } from '../../cluster/pod.js';

export class Nominator {
  private readonly byNode = new Map<string, Pod[]>();
  private readonly nodeOf = new Map<number, string>();
  /** Bumped whenever a nomination is added or removed (part of the cluster version failing cycles key on). */
  version = 0;

  /** Nominates `pod` to `nodeName` (replacing any earlier nomination) and sets status.nominatedNodeName. */
  add(pod: Pod, nodeName: string): void {
    this.delete(pod);
    pod.nominatedNodeName = nodeName;
    if (nodeName === '') return;
    this.version++;
    this.nodeOf.set(pod.uid, nodeName);
    const list = this.byNode.get(nodeName);
    if (list) list.push(pod);
    else this.byNode.set(nodeName, [pod]);
  }

  /** Clears the pod's nomination and status.nominatedNodeName (bound, deleted, or cleared by a preemptor). */
  delete(pod: Pod): void {
    pod.nominatedNodeName = '';
    const node = this.nodeOf.get(pod.uid);
    if (node === undefined) return;
    this.version++;
    this.nodeOf.delete(pod.uid);
    const list = this.byNode.get(node)!;
    const i = list.indexOf(pod);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.byNode.delete(node);
  }

  /** Pods nominated to the node, in nomination order. */
  podsFor(nodeName: string): readonly Pod[] {
    return this.byNode.get(nodeName) ?? NONE;
  }

  /** Names of the nodes that have nominated pods (in first-nomination order). */
  nodeNames(): IterableIterator<string> {
    return this.byNode.keys();
  }

  get size(): number {
    return this.nodeOf.size;
  }
}

const NONE: readonly Pod[] = Object.freeze([]);
