/**
 * A failing cycle's statuses as "the previous cycle's, with these nodes changed" (a near miss,
 * fastpath/failure-memo.ts): a read-only map over a base map and the few changed entries, instead of a
 * copy of thousands of entries per near miss. Same keys as the base, in the base's order; values from the
 * changes where given. Overlays of overlays are flattened onto the first base, and one that has changed
 * many entries becomes a plain map again. Nobody writes to a cycle's statuses once it is over.
 */
import type { Status } from './status.js';

export class StatusOverlay implements ReadonlyMap<string, Status> {
  constructor(
    /** A plain map (never an overlay). */
    readonly base: ReadonlyMap<string, Status>,
    /** Changed entries, each for a key of the base. */
    readonly changes: ReadonlyMap<string, Status>,
  ) {}

  get size(): number {
    return this.base.size;
  }

  get(key: string): Status | undefined {
    return this.changes.get(key) ?? this.base.get(key);
  }

  has(key: string): boolean {
    return this.base.has(key);
  }

  forEach(fn: (value: Status, key: string, map: ReadonlyMap<string, Status>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }

  *entries(): MapIterator<[string, Status]> {
    const changes = this.changes;
    for (const [k, v] of this.base) yield [k, changes.get(k) ?? v];
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
}

/** `statuses` with names[i] now given statuses[i] (each name a key of it). */
export function withChanges(statuses: ReadonlyMap<string, Status>, names: readonly string[], values: readonly Status[]): ReadonlyMap<string, Status> {
  const base = statuses instanceof StatusOverlay ? statuses.base : statuses;
  const changes = new Map(statuses instanceof StatusOverlay ? statuses.changes : undefined);
  for (let i = 0; i < names.length; i++) changes.set(names[i]!, values[i]!);
  if (changes.size <= base.size >> 3) return new StatusOverlay(base, changes);
  // Many changes: a plain map again (lookups then cost one get).
  const plain = new Map(base);
  for (const [k, v] of changes) plain.set(k, v);
  return plain;
}
