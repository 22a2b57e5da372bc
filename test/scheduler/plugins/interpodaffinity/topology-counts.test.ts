/** TopologyCounts: borrowed group counts times their factors read as the sums a copied map would hold. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TopologyCounts } from '../../../../engine/scheduler/plugins/interpodaffinity/filtering.js';

const HOST = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';

describe('TopologyCounts', () => {
  const a = new Map([['n1', 2], ['n2', 1]]);
  const b = new Map([['n2', 3], ['n3', 1]]);
  const cases: [string, [string, Map<string, number>, number][], [string, string, number][]][] = [
    ['one group, weighted', [[HOST, a, -100]], [[HOST, 'n1', -200], [HOST, 'n2', -100], [HOST, 'n3', 0]]],
    ['the same group twice (its own term and the incoming pod\'s)', [[HOST, a, -100], [HOST, a, 5]], [[HOST, 'n1', -190], [HOST, 'n2', -95]]],
    ['two groups under one key: the sums', [[HOST, a, 1], [HOST, b, 2]], [[HOST, 'n1', 2], [HOST, 'n2', 7], [HOST, 'n3', 2]]],
    ['two keys apart', [[HOST, a, 1], [ZONE, b, 1]], [[HOST, 'n2', 1], [ZONE, 'n2', 3]]],
  ];
  for (const [name, adds, reads] of cases) {
    it(name, () => {
      const c = new TopologyCounts();
      for (const [key, m, f] of adds) c.addAll(key, m, f);
      for (const [key, v, want] of reads) assert.equal(c.countAt(c.keys.indexOf(key), v) + 0, want, `${key}=${v}`);
      assert.deepEqual([...a], [['n1', 2], ['n2', 1]], 'the borrowed maps are never written');
      assert.deepEqual([...b], [['n2', 3], ['n3', 1]]);
    });
  }

  it('get() gives the counts with their factor applied', () => {
    const c = new TopologyCounts();
    c.addAll(HOST, a, 1);
    c.addAll(HOST, a, 1);
    assert.deepEqual([...c.get(HOST)], [['n1', 4], ['n2', 2]]);
    assert.equal(c.countAt(0, 'n1'), 4);
  });
});
