/**
 * The lowest priority among the pods on each node, remembered per node until its accounting changes. The
 * store adds a pod to a node's set and removes it only together with an accounting change (bind, release),
 * and every accounting change bumps node.accountingVersion, so an entry computed at the current version
 * is the set's minimum. A dry run asks it first: a node without a lower-priority pod has no victims, and
 * a backlog of service pods retried against a zone full of service pods asks it thousands of times.
 */
import type { Node } from '../../cluster/node.js';
import type { Pod } from '../../cluster/pod.js';

export class LowestPriority {
  private lowest = new Float64Array(0);
  /** node.accountingVersion + 1 at which `lowest` was computed; 0 = never. */
  private version = new Float64Array(0);

  constructor(private readonly podsOn: (node: Node) => Iterable<Pod>) {}

  /** Lowest spec.priority among the node's pods, Infinity when it has none. */
  of(node: Node): number {
    const i = node.index;
    if (i >= this.version.length) this.grow(i + 1);
    const v = node.accountingVersion + 1;
    if (this.version[i] === v) return this.lowest[i]!;
    let min = Infinity;
    for (const p of this.podsOn(node)) if (p.spec.priority < min) min = p.spec.priority;
    this.lowest[i] = min;
    this.version[i] = v;
    return min;
  }

  private grow(size: number): void {
    const n = Math.max(size, this.version.length * 2);
    const lowest = new Float64Array(n);
    lowest.set(this.lowest);
    const version = new Float64Array(n);
    version.set(this.version);
    this.lowest = lowest;
    this.version = version;
  }
}
