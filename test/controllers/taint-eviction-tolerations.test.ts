/** Which toleration times a pod gets on NoExecute taints (GetMatchingTolerations + getMinTolerationTime). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchingTolerations, minTolerationMs } from '../../engine/controllers/taint-eviction/taint-eviction.js';
import type { Taint, Toleration } from '../../engine/cluster/taints.js';

const taint = (key: string): Taint => ({ key, value: '', effect: 'NoExecute' });
const tol = (key: string, seconds?: number): Toleration => ({ key, operator: 'Exists', value: '', effect: 'NoExecute', tolerationSeconds: seconds });

const CASES: { name: string; taints: Taint[]; tolerations: Toleration[]; ms: number | 'evict-now' }[] = [
  { name: 'no toleration -> evicted at once', taints: [taint('a')], tolerations: [], ms: 'evict-now' },
  { name: 'one taint not tolerated among two -> evicted at once', taints: [taint('a'), taint('b')], tolerations: [tol('a')], ms: 'evict-now' },
  { name: 'tolerated without tolerationSeconds -> forever', taints: [taint('a')], tolerations: [tol('a')], ms: -1 },
  { name: 'tolerationSeconds 60 -> 60 s', taints: [taint('a')], tolerations: [tol('a', 60)], ms: 60_000 },
  { name: 'tolerationSeconds 0 -> now', taints: [taint('a')], tolerations: [tol('a', 0)], ms: 0 },
  { name: 'negative tolerationSeconds -> now', taints: [taint('a')], tolerations: [tol('a', -5)], ms: 0 },
  { name: 'two taints, 300 s and 60 s -> the smallest, 60 s', taints: [taint('a'), taint('b')], tolerations: [tol('a', 300), tol('b', 60)], ms: 60_000 },
  { name: 'two taints, forever and 60 s -> 60 s', taints: [taint('a'), taint('b')], tolerations: [tol('a'), tol('b', 60)], ms: 60_000 },
  { name: 'one taint, two matching tolerations -> the first one listed is used (120 s, not 30 s)', taints: [taint('a')], tolerations: [tol('a', 120), tol('', 30)], ms: 120_000 },
];

for (const c of CASES) {
  test(`taint eviction: ${c.name}`, () => {
    const used = matchingTolerations(c.taints, c.tolerations);
    if (c.ms === 'evict-now') assert.equal(used, undefined);
    else assert.equal(minTolerationMs(used!), c.ms);
  });
}
