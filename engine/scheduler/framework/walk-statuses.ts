/**
 * The statuses of a failing walk over every node, as the fused path makes them: one Status per position of
 * the node list instead of a map entry per node name (a 5,000-node walk made a 5,000-entry map per
 * failing attempt, hundreds of kilobytes each). Reads like that map: the nodes by name, iterated in walk
 * order (from the walk's start, rotating). Node names resolve through one name -> position map per
 * node list. Nobody writes to a cycle's statuses once it is over.
 */
import type { Node } from '../../cluster/node.js';
import type { Status } from './status.js';

const positionsByList = new WeakMap<readonly Node[], Map<string, number>>();

function positionsOf(nodes: readonly Node[]): Map<string, number> {
  let m = positionsByList.get(nodes);
  if (m === undefined || m.size !== nodes.length) {
    m = new Map();
    for (let i = 0; i < nodes.length; i++) m.set(nodes[i]!.name, i);
    positionsByList.set(nodes, m);
  }
  return m;
}

export class WalkStatuses implements ReadonlyMap<string, Status> {
  /** `byPosition[i]`: the status of nodes[i]; the walk started at `start`. */
  constructor(
    readonly nodes: readonly Node[],
    private readonly start: number,
    readonly byPosition: readonly Status[],
  ) {}

  get size(): number {
    return this.nodes.length;
  }

  get(name: string): Status | undefined {
    const at = positionsOf(this.nodes).get(name);
    return at === undefined ? undefined : this.byPosition[at];
  }

  has(name: string): boolean {
    return positionsOf(this.nodes).has(name);
  }

  forEach(fn: (value: Status, key: string, map: ReadonlyMap<string, Status>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }

  *entries(): MapIterator<[string, Status]> {
    const n = this.nodes.length;
    for (let i = 0, at = this.start; i < n; i++, at = at + 1 === n ? 0 : at + 1) yield [this.nodes[at]!.name, this.byPosition[at]!];
  }

  *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<Status> {
    const n = this.nodes.length;
    for (let i = 0, at = this.start; i < n; i++, at = at + 1 === n ? 0 : at + 1) yield this.byPosition[at]!;
  }

  [Symbol.iterator](): MapIterator<[string, Status]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'WalkStatuses';
  }
}
