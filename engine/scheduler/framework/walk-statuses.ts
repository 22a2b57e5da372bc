/**
 * The statuses of a failing walk over every node, as the fused path makes them: per position of the node
 * list, the index of its Status in a small table of the distinct ones, instead of a map entry per node name
 * (a 5,000-node walk made a 5,000-entry map per failing attempt, hundreds of kilobytes each, and the failure
 * memo keeps the latest per spec long enough for the garbage collector to promote them). Reads like that
 * map: the nodes by name, iterated in walk order (from the walk's start, rotating). Node names resolve
 * through one name -> position map per node list. Nobody writes to a cycle's statuses once it is over.
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
  /** `table[ids[i]]`: the status of nodes[i]; the walk started at `start`. */
  constructor(
    readonly nodes: readonly Node[],
    private readonly start: number,
    private readonly ids: Uint16Array | Uint32Array,
    private readonly table: readonly Status[],
  ) {}

  /** From one status per position (tests, small walks). */
  static of(nodes: readonly Node[], start: number, byPosition: readonly Status[]): WalkStatuses {
    const b = new WalkStatusesBuilder(nodes.length);
    for (let i = 0; i < byPosition.length; i++) b.set(i, byPosition[i]!);
    return b.build(nodes, start);
  }

  get size(): number {
    return this.nodes.length;
  }

  /** The status of nodes[position]. */
  statusAt(position: number): Status {
    return this.table[this.ids[position]!]!;
  }

  /** Each distinct status with the number of nodes that have it (order: first seen in position order). */
  counts(): [Status, number][] {
    const n = new Int32Array(this.table.length);
    const ids = this.ids;
    for (let i = 0; i < ids.length; i++) n[ids[i]!]!++;
    return this.table.map((s, id) => [s, n[id]!]);
  }

  get(name: string): Status | undefined {
    const at = positionsOf(this.nodes).get(name);
    return at === undefined ? undefined : this.statusAt(at);
  }

  has(name: string): boolean {
    return positionsOf(this.nodes).has(name);
  }

  forEach(fn: (value: Status, key: string, map: ReadonlyMap<string, Status>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }

  *entries(): MapIterator<[string, Status]> {
    const n = this.nodes.length;
    for (let i = 0, at = this.start; i < n; i++, at = at + 1 === n ? 0 : at + 1) yield [this.nodes[at]!.name, this.statusAt(at)];
  }

  *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<Status> {
    const n = this.nodes.length;
    for (let i = 0, at = this.start; i < n; i++, at = at + 1 === n ? 0 : at + 1) yield this.statusAt(at);
  }

  [Symbol.iterator](): MapIterator<[string, Status]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'WalkStatuses';
  }
}

/** Collects a walk's statuses position by position (any order), then makes the WalkStatuses. */
export class WalkStatusesBuilder {
  private readonly ids: Uint16Array | Uint32Array;
  private readonly table: Status[] = [];
  private readonly idOf = new Map<Status, number>();
  private last: Status | undefined;
  private lastId = 0;

  constructor(size: number) {
    this.ids = size <= 0xffff ? new Uint16Array(size) : new Uint32Array(size);
  }

  set(position: number, s: Status): void {
    if (s !== this.last) {
      let id = this.idOf.get(s);
      if (id === undefined) {
        id = this.table.length;
        this.table.push(s);
        this.idOf.set(s, id);
      }
      this.last = s;
      this.lastId = id;
    }
    this.ids[position] = this.lastId;
  }

  build(nodes: readonly Node[], start: number): WalkStatuses {
    return new WalkStatuses(nodes, start, this.ids, this.table);
  }
}
