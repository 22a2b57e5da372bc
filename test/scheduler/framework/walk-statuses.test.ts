/** A fused walk's statuses, one per position, read as the map of node name to status it replaces. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WalkStatuses } from '../../../engine/scheduler/framework/walk-statuses.js';
import { Status } from '../../../engine/scheduler/framework/status.js';
import type { Node } from '../../../engine/cluster/node.js';

const CPU = Status.unschedulable('Insufficient cpu').withPlugin('NodeResourcesFit');
const TAINT = Status.unresolvable('untolerated taint').withPlugin('TaintToleration');

describe('walk statuses', () => {
  const nodes = ['a', 'b', 'c', 'd'].map((name) => ({ name }) as Node);
  const byPosition = [CPU, TAINT, CPU, TAINT];
  for (const start of [0, 1, 3]) {
    it(`iterates in walk order from position ${start}, as the map built during the walk`, () => {
      const map = new Map<string, Status>();
      for (let i = 0; i < nodes.length; i++) {
        const at = (start + i) % nodes.length;
        map.set(nodes[at]!.name, byPosition[at]!);
      }
      const w = WalkStatuses.of(nodes, start, byPosition);
      assert.deepEqual([...w], [...map]);
      assert.deepEqual([...w.keys()], [...map.keys()]);
      assert.deepEqual([...w.values()], [...map.values()]);
      const seen: string[] = [];
      w.forEach((_v, k) => seen.push(k));
      assert.deepEqual(seen, [...map.keys()]);
    });
  }

  it('looks nodes up by name', () => {
    const w = WalkStatuses.of(nodes, 2, byPosition);
    assert.equal(w.size, 4);
    assert.equal(w.get('b'), TAINT);
    assert.equal(w.get('c'), CPU);
    assert.equal(w.get('zz'), undefined);
    assert.ok(w.has('d') && !w.has('zz'));
  });

  it('counts each distinct status once per node that has it', () => {
    const w = WalkStatuses.of(nodes, 1, byPosition);
    assert.deepEqual(w.counts(), [[CPU, 2], [TAINT, 2]]);
    assert.equal(w.statusAt(1), TAINT);
  });
});
