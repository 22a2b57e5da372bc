/** unschedulablePods as a list through the pods' queue records: the order and semantics of the Map it replaced. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { UnschedulablePool } from '../../../engine/scheduler/queue/unschedulable-pool.js';
import type { QueuedPodInfo } from '../../../engine/scheduler/queue/scheduling-queue.js';

function info(uid: number): QueuedPodInfo {
  return { pod: { uid } as QueuedPodInfo['pod'], timestampMs: 0, attempts: 0, unschedulablePlugins: new Set(), where: 'none', gen: 0, poolPrev: null, poolNext: null, inPool: false };
}

const uids = (pool: UnschedulablePool): number[] => [...pool.values()].map((i) => i.pod.uid);

describe('unschedulable pool', () => {
  it('keeps the order of a Map under random appends, re-appends and deletes', () => {
    const pool = new UnschedulablePool();
    const map = new Map<number, QueuedPodInfo>();
    const infos = Array.from({ length: 20 }, (_, i) => info(i));
    let seed = 7;
    const next = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let step = 0; step < 2000; step++) {
      const x = infos[next(infos.length)]!;
      if (next(3) === 0) {
        assert.equal(pool.delete(x), map.delete(x.pod.uid));
      } else {
        pool.append(x);
        map.delete(x.pod.uid);
        map.set(x.pod.uid, x);
      }
      assert.deepEqual(uids(pool), [...map.keys()]);
      assert.equal(pool.size, map.size);
      assert.equal(pool.first()?.pod.uid, map.keys().next().value);
    }
  });

  it('lets the visited pod be deleted during iteration and goes on with its successor', () => {
    const pool = new UnschedulablePool();
    const infos = [1, 2, 3, 4, 5].map(info);
    for (const i of infos) pool.append(i);
    const seen: number[] = [];
    for (const i of pool.values()) {
      seen.push(i.pod.uid);
      if (i.pod.uid % 2 === 1) pool.delete(i);
    }
    assert.deepEqual(seen, [1, 2, 3, 4, 5]);
    assert.deepEqual(uids(pool), [2, 4]);
  });

  it('visits pods appended during the iteration', () => {
    const pool = new UnschedulablePool();
    const [a, b, c] = [1, 2, 3].map(info);
    pool.append(a!);
    pool.append(b!);
    const seen: number[] = [];
    for (const i of pool.values()) {
      seen.push(i.pod.uid);
      if (i === b) pool.append(c!);
    }
    assert.deepEqual(seen, [1, 2, 3]);
  });
});
