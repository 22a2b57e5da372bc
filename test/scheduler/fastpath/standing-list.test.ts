/** A standing list's window (standing-list.ts) must be what the walk from the rotating start would find. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Standing } from '../../../engine/scheduler/fastpath/standing-list.js';
import type { WindowExtra } from '../../../engine/scheduler/fastpath/standing-list.js';
import type { Node } from '../../../engine/cluster/node.js';
import type { PodSpec } from '../../../engine/cluster/pod.js';

const FIT = { most: false, wCpu: 1, wMem: 1 };
const SPEC = { nonZeroCpu: 100, nonZeroMemory: 1 << 20, requests: [100, 1 << 20] } as unknown as PodSpec;

function nodes(n: number): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < n; i++) out.push({ index: (i * 7) % n, allocatable: [4000, 1 << 30], requested: [0, 0], nonZeroCpu: 0, nonZeroMemory: 0 } as unknown as Node);
  return out;
}

/** The walk: positions from start, cyclically, that pass (and pass `extra`), until toFind; processed as the walk counts. */
function walk(ok: readonly boolean[], start: number, toFind: number, extra: ((p: number) => boolean) | null): { positions: number[]; processed: number } {
  const n = ok.length;
  const positions: number[] = [];
  let last = start;
  for (let v = 0, p = start; v < n && positions.length < toFind; v++, p = (p + 1) % n) {
    if (!ok[p] || (extra !== null && !extra(p))) continue;
    positions.push(p);
    last = p;
  }
  return { positions, processed: positions.length === toFind ? ((last - start + n) % n) + 1 : n };
}

describe('standing list window', () => {
  it('gives the walk’s nodes, order and processed count after any sequence of verdict changes, with and without a filter asked each cycle', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(39), fc.boolean(), fc.nat(39), fc.integer({ min: 1, max: 45 }), fc.nat(5)), { maxLength: 30 }),
        fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        (n, initial, steps, domainOk) => {
          const list = nodes(n);
          const ok = initial.slice(0, n);
          const s = new Standing(SPEC, list, 0);
          for (let p = 0; p < n; p++) if (ok[p]) s.set(p, true, FIT);
          s.index();
          for (const [at, passes, start, toFind, mod] of steps) {
            const p = at % n;
            s.set(p, passes, FIT);
            ok[p] = passes;
            // mod 0: no extra filter; 1-3: one that rejects the positions divisible by mod + 1; 4-5: verdicts per
            // domain (node index mod 3) read inline, known for every node (4) or only the lower half of the indexes (5)
            const indexes = Int32Array.from(list, (node) => node.index);
            const byPosition = (q: number): boolean => q % (mod + 1) !== 0;
            const known = mod === 5 ? n >> 1 : n;
            const domainOnly = mod < 4 ? null : { hasKey: Array.from({ length: known }, (_, i) => (i % 4 === 3 ? 0 : 1)), valueOf: Array.from({ length: known }, (_, i) => i % 3), ok: Uint8Array.from(domainOk, Number) };
            const keeps = domainOnly === null ? byPosition : (q: number): boolean => {
              const i = indexes[q]!;
              return i < known ? domainOnly.hasKey[i] === 1 && domainOnly.ok[domainOnly.valueOf[i]!] === 1 : byPosition(q);
            };
            // (with verdicts per domain, keeps() is only for nodes they do not know)
            const asked = (q: number): boolean => (domainOnly !== null && indexes[q]! < known ? assert.fail('asked of a node the verdicts know') : byPosition(q));
            const extra: WindowExtra | null = mod === 0 ? null : { keeps: asked, domainOnly, indexes };
            const processed = s.scan(start % n, toFind, extra);
            const want = walk(ok, start % n, toFind, mod === 0 ? null : keeps);
            assert.deepEqual(want.positions.map((_, k) => s.posAt(k)), want.positions);
            if (extra === null) assert.deepEqual(want.positions.map((q) => s.indexOf(q)), want.positions.map((_, k) => k));
            assert.deepEqual([...s.positions().subarray(0, s.windowSize)], want.positions);
            assert.deepEqual(s.windowNodes(), want.positions.map((q) => list[q]));
            assert.deepEqual(want.positions.map((_, k) => s.nodeAt(k)), want.positions.map((q) => list[q]));
            assert.equal(processed, want.processed);
            if (extra === null) assert.equal(s.windowFull, want.positions.length === ok.filter(Boolean).length);
            else assert.equal(s.windowFull, false);
          }
        },
      ),
    );
  });
});
