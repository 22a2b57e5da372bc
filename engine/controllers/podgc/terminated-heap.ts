/**
 * Terminal pods in the order the terminated-pod pass deletes them (byEvictionAndCreationTimestamp:
 * evicted first, then oldest, then by name; ties in the order they became terminal). A binary min-heap,
 * so a pass pops the few pods above the threshold instead of sorting every terminal pod (which made PodGC
 * the most expensive controller once more than 12,500 pods had finished). Removed pods stay until they
 * reach the top and are skipped there.
 */
import type { Pod } from '../../cluster/pod.js';

/** The sort keys are copied in (creation time and name never change): comparisons touch no pod. */
interface Entry {
  pod: Pod;
  evicted: number;
  createdMs: number;
  name: string;
  seq: number;
}

function before(a: Entry, b: Entry): boolean {
  if (a.evicted !== b.evicted) return a.evicted < b.evicted;
  if (a.createdMs !== b.createdMs) return a.createdMs < b.createdMs;
  if (a.name !== b.name) return a.name < b.name;
  return a.seq < b.seq;
}

export class TerminatedHeap {
  private readonly items: Entry[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  /** Adds a pod that just became terminal; `evicted` 0 sorts it before pods with 1. */
  push(pod: Pod, evicted: number): void {
    const items = this.items;
    const e: Entry = { pod, evicted, createdMs: pod.createdMs, name: pod.name, seq: this.seq++ };
    let i = items.length;
    items.push(e);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent]!;
      if (!before(e, p)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = e;
  }

  /** Removes and returns the first pod that is not yet removed from the store, or undefined. */
  popLive(): Pod | undefined {
    for (;;) {
      const top = this.popEntry();
      if (top === undefined || !top.pod.removed) return top?.pod;
    }
  }

  private popEntry(): Entry | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    const n = items.length;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && before(items[right]!, items[child]!)) child = right;
      if (!before(items[child]!, last)) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
    return top;
  }
}
