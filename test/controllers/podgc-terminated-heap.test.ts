/** The terminated-pod pass deletes in byEvictionAndCreationTimestamp order: the heap pops as a full sort would. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../engine/cluster/pod.js';
import { TerminatedHeap } from '../../engine/controllers/podgc/terminated-heap.js';
import { Rng } from '../../engine/core/rng.js';

let uid = 0;
function pod(name: string, createdMs: number, removed = false): Pod {
  return { uid: ++uid, name, createdMs, removed } as Pod;
}
const uids = (list: (Pod | undefined)[]): (number | undefined)[] => list.map((p) => p?.uid);

describe('PodGC terminated-pod order (TerminatedHeap)', () => {
  it('evicted pods first, then oldest, then by name, then in the order they became terminal', () => {
    const h = new TerminatedHeap();
    const a = pod('a', 10);
    const b = pod('b', 5);
    const c = pod('c', 30);
    const b2 = pod('b', 5);
    h.push(a, 1);
    h.push(b, 1);
    h.push(c, 0);
    h.push(b2, 1);
    assert.deepEqual(uids([h.popLive(), h.popLive(), h.popLive(), h.popLive(), h.popLive()]), uids([c, b, b2, a, undefined]));
  });

  it('skips pods already removed from the store', () => {
    const h = new TerminatedHeap();
    const gone = pod('a', 1, true);
    const kept = pod('b', 2);
    h.push(gone, 1);
    h.push(kept, 1);
    assert.equal(h.popLive(), kept);
  });

  it('pops 2,000 random pods in the order of a stable sort', () => {
    const rng = new Rng('terminated-heap');
    const h = new TerminatedHeap();
    const pods: { p: Pod; evicted: number }[] = [];
    for (let i = 0; i < 2000; i++) {
      const p = pod(`p${rng.intBetween(0, 50)}`, rng.intBetween(0, 200));
      const evicted = rng.intBetween(0, 1);
      pods.push({ p, evicted });
      h.push(p, evicted);
    }
    const sorted = [...pods].sort((x, y) => x.evicted - y.evicted || x.p.createdMs - y.p.createdMs || (x.p.name < y.p.name ? -1 : x.p.name > y.p.name ? 1 : 0)).map((x) => x.p);
    const popped: Pod[] = [];
    for (let q = h.popLive(); q !== undefined; q = h.popLive()) popped.push(q);
    assert.deepEqual(uids(popped), uids(sorted));
  });
});
