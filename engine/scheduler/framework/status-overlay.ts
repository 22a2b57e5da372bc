/**
 * A failing cycle's statuses as "the previous cycle's, with these nodes changed" (a near miss,
 * fastpath/failure-memo.ts): a read-only map over a base map and the few changed entries, instead of a
 * copy of thousands of entries per near miss. Same keys as the base, in the base's order; values from the
 * changes where given. A near miss after a near miss chains a new overlay over the previous one (its own
 * changes only; a chain is merged every few levels), and one that has changed many entries becomes a plain
 * map again. Nobody writes to a cycle's statuses once it is over.
 */
import type { Status } from './status.js';

export class StatusOverlay implements ReadonlyMap<string, Status> {
  constructor(
    /** The statuses this overlay changes: the base, or a shallower overlay over the same base. */
    readonly parent: ReadonlyMap<string, Status>,
    /** Changed entries relative to the parent, each for a key of the base. */
    readonly changes: ReadonlyMap<string, Status>,
    /** The plain map at the bottom (never an overlay). */
    readonly base: ReadonlyMap<string, Status>,
    /** Overlays from this one down to the base (1 over the base itself). */
    readonly depth: number,
    /** Changed entries along the chain, counted with repeats (when to flatten). */
    readonly changedUpTo: number,
  ) {}

  get size(): number {
    return this.base.size;
  }

  get(key: string): Status | undefined {
    return this.changes.get(key) ?? this.parent.get(key);
  }

  has(key: string): boolean {
    return this.base.has(key);
  }

  forEach(fn: (value: Status, key: string, map: ReadonlyMap<string, Status>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }

  *entries(): MapIterator<[string, Status]> {
    for (const [k, v] of this.base) yield [k, this.changedValue(k) ?? v];
  }

  keys(): MapIterator<string> {
    return this.base.keys();
  }

  *values(): MapIterator<Status> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[string, Status]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'StatusOverlay';
  }

  /** The value some overlay of the chain gives `key`, or undefined (the base's then). */
  private changedValue(key: string): Status | undefined {
    const v = this.changes.get(key);
    if (v !== undefined) return v;
    return this.parent instanceof StatusOverlay ? this.parent.changedValue(key) : undefined;
  }
}

/** Overlays chained at most before they are merged into one over the base (reads walk the chain). */
const MAX_DEPTH = 8;

/**
 * `statuses` with names[i] now given values[i] (each name a key of it): an overlay over it that holds
 * only these changes (a near miss after a near miss copies nothing), merged into one overlay over the
 * base every MAX_DEPTH levels, and a plain map again once more than an eighth of the entries changed.
 */
export function withChanges(statuses: ReadonlyMap<string, Status>, names: readonly string[], values: readonly Status[]): ReadonlyMap<string, Status> {
  const changes = new Map<string, Status>();
  for (let i = 0; i < names.length; i++) changes.set(names[i]!, values[i]!);
  if (!(statuses instanceof StatusOverlay)) return over(statuses, changes);
  const changed = statuses.changedUpTo + changes.size;
  if (statuses.depth < MAX_DEPTH && changed <= statuses.base.size >> 3) return new StatusOverlay(statuses, changes, statuses.base, statuses.depth + 1, changed);
  // Merge the chain, the deepest first so that later changes win.
  const chain: StatusOverlay[] = [];
  for (let o: ReadonlyMap<string, Status> = statuses; o instanceof StatusOverlay; o = o.parent) chain.push(o);
  const merged = new Map<string, Status>();
  for (let i = chain.length - 1; i >= 0; i--) for (const [k, v] of chain[i]!.changes) merged.set(k, v);
  for (const [k, v] of changes) merged.set(k, v);
  return over(statuses.base, merged);
}

/** An overlay of `changes` over a plain map, or a plain copy when many entries changed (lookups then cost one get). */
function over(base: ReadonlyMap<string, Status>, changes: Map<string, Status>): ReadonlyMap<string, Status> {
  if (changes.size <= base.size >> 3) return new StatusOverlay(base, changes, base, 1, changes.size);
  const plain = new Map(base);
  for (const [k, v] of changes) plain.set(k, v);
  return plain;
}
