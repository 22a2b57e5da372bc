/** Zone states, zone rates, the per-zone token bucket and the lease schedule. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_NODE_LIFECYCLE, computeZoneState, zoneRate } from '../../engine/controllers/node-lifecycle/config.js';
import { ZoneTainter } from '../../engine/controllers/node-lifecycle/rate-limited-queue.js';
import { DEFAULT_LEASE, lastRenewalBefore, nextRenewalAtOrAfter, renewalMs } from '../../engine/controllers/kubelet/lease.js';
import type { Node } from '../../engine/cluster/node.js';

const ZONE_CASES: [number, number, string][] = [
  // [size, notReady, state]: mirrors ComputeZoneState (0 ready -> Full; > 2 not ready and >= 55 % -> Partial)
  [3, 0, 'Normal'],
  [3, 3, 'FullDisruption'],
  [3, 2, 'Normal'],
  [4, 3, 'PartialDisruption'],
  [10, 5, 'Normal'],
  [10, 6, 'PartialDisruption'],
  [1, 1, 'FullDisruption'],
];
for (const [size, notReady, state] of ZONE_CASES) {
  test(`computeZoneState: ${notReady} of ${size} not ready -> ${state}`, () => {
    assert.equal(computeZoneState(size, notReady, 0.55), state);
  });
}

test('zoneRate: Normal and FullDisruption 0.1/s; PartialDisruption 0.01/s above 50 nodes, 0 at or below', () => {
  const c = DEFAULT_NODE_LIFECYCLE;
  assert.equal(zoneRate('Normal', 10, c), 0.1);
  assert.equal(zoneRate('FullDisruption', 10, c), 0.1);
  assert.equal(zoneRate('PartialDisruption', 51, c), 0.01);
  assert.equal(zoneRate('PartialDisruption', 50, c), 0);
});

const node = (i: number): Node => ({ index: i, name: `n${i}` }) as Node;

test('token bucket, burst 1: the first take is immediate, the next one 1/rate later', () => {
  const q = new ZoneTainter(0.1);
  assert.equal(q.tryAccept(1000), true);
  assert.equal(q.tryAccept(10_999), false);
  assert.equal(q.tryAccept(11_000), true);
});

test('unique queue: a processed node stays in the set until removed', () => {
  const q = new ZoneTainter(0.1);
  const n1 = node(1);
  assert.equal(q.add(n1), true);
  const seen: string[] = [];
  q.tryProcess(0, (n) => seen.push(n.name));
  assert.deepEqual(seen, ['n1']);
  assert.equal(q.add(n1), false);
  q.remove(n1);
  assert.equal(q.add(n1), true);
});

/** UniqueQueue as upstream keeps it: a set, and a FIFO of the queued names (Remove takes a node out of both). */
class ReferenceQueue {
  readonly set = new Set<number>();
  fifo: number[] = [];
  add(i: number): boolean {
    if (this.set.has(i)) return false;
    this.set.add(i);
    this.fifo.push(i);
    return true;
  }
  remove(i: number): void {
    if (!this.set.delete(i)) return;
    this.fifo = this.fifo.filter((x) => x !== i);
  }
}

test('unique queue: add, remove, requeue (remove then add) and processing agree with a plain set and FIFO', () => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('add' as const), i: fc.integer({ min: 0, max: 40 }) }),
    fc.record({ kind: fc.constant('remove' as const), i: fc.integer({ min: 0, max: 40 }) }),
    fc.record({ kind: fc.constant('requeue' as const), i: fc.integer({ min: 0, max: 40 }) }),
    fc.record({ kind: fc.constant('process' as const), i: fc.integer({ min: 1, max: 5 }) }),
  );
  fc.assert(
    fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
      const q = new ZoneTainter(1000); // a token every ms
      const ref = new ReferenceQueue();
      const nodes = Array.from({ length: 41 }, (_, i) => node(i));
      let now = 0;
      for (const o of ops) {
        if (o.kind === 'add') assert.equal(q.add(nodes[o.i]!), ref.add(o.i));
        else if (o.kind === 'remove') {
          q.remove(nodes[o.i]!);
          ref.remove(o.i);
        } else if (o.kind === 'requeue') {
          q.requeue(nodes[o.i]!);
          ref.remove(o.i);
          ref.add(o.i);
        } else {
          // o.i tokens: o.i nodes off the head (they stay in the set)
          const got: number[] = [];
          for (let k = 0; k < o.i; k++) q.tryProcess(now++, (n) => got.push(n.index));
          const want = ref.fifo.splice(0, Math.min(o.i, ref.fifo.length));
          assert.deepEqual(got, want);
        }
        assert.equal(q.length, ref.fifo.length);
        for (const i of [0, 7, 40]) assert.equal(q.has(nodes[i]!), ref.set.has(i));
      }
    }),
    { numRuns: 200 },
  );
});

test('swapLimiter: the new bucket starts full if the old one had a token, empty otherwise; rate 0 never yields', () => {
  const full = new ZoneTainter(0.1);
  full.swapLimiter(0.01, 5000);
  assert.equal(full.tryAccept(5000), true);
  const empty = new ZoneTainter(0.1);
  empty.tryAccept(0);
  empty.swapLimiter(0.01, 5000);
  assert.equal(empty.nextTokenMs, 105_000);
  const never = new ZoneTainter(0.1);
  never.swapLimiter(0, 0);
  assert.equal(never.tryAccept(1e12), false);
  never.swapLimiter(0.1, 20_000);
  assert.equal(never.nextTokenMs, 30_000, 'after rate 0 the first token takes a full interval');
});

test('lease schedule: renewals 9.6-10.4 s apart; last-before and next-at-or-after bracket any time', () => {
  const s = { anchorMs: 3_456, seed: 12345 };
  for (let k = -5; k < 50; k++) {
    const gap = renewalMs(s, k + 1) - renewalMs(s, k);
    assert.ok(gap >= DEFAULT_LEASE.renewIntervalMs - DEFAULT_LEASE.jitterMs && gap <= DEFAULT_LEASE.renewIntervalMs + DEFAULT_LEASE.jitterMs);
  }
  for (const t of [0, 1, 3_456, 10_000, 123_457, 500_000]) {
    const before = lastRenewalBefore(s, t);
    const after = nextRenewalAtOrAfter(s, t);
    assert.ok(before < t && after >= t && after - before <= DEFAULT_LEASE.renewIntervalMs + DEFAULT_LEASE.jitterMs);
  }
});
