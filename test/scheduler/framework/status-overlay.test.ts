/** A near miss's statuses: the previous map with a few nodes changed, read as one map. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StatusOverlay, withChanges } from '../../../engine/scheduler/framework/status-overlay.js';
import { Status } from '../../../engine/scheduler/framework/status.js';

const CPU = Status.unschedulable('Insufficient cpu').withPlugin('NodeResourcesFit');
const MEM = Status.unschedulable('Insufficient memory').withPlugin('NodeResourcesFit');
const TAINT = Status.unresolvable('untolerated taint').withPlugin('TaintToleration');

function base(n: number): Map<string, Status> {
  return new Map(Array.from({ length: n }, (_, i) => [`n${i}`, CPU]));
}

describe('status overlay', () => {
  it('reads like the copy it replaces: same keys in the same order, changed values', () => {
    const b = base(40);
    const o = withChanges(b, ['n3', 'n7'], [MEM, TAINT]);
    assert.ok(o instanceof StatusOverlay);
    const copy = new Map(b);
    copy.set('n3', MEM).set('n7', TAINT);
    assert.deepEqual([...o], [...copy]);
    assert.deepEqual([...o.keys()], [...copy.keys()]);
    assert.deepEqual([...o.values()], [...copy.values()]);
    assert.equal(o.size, 40);
    assert.equal(o.get('n3'), MEM);
    assert.equal(o.get('n4'), CPU);
    assert.equal(o.get('nope'), undefined);
    assert.ok(o.has('n7') && !o.has('nope'));
    const seen: string[] = [];
    o.forEach((v, k) => seen.push(`${k}=${v.reasons[0]}`));
    assert.equal(seen[3], 'n3=Insufficient memory');
    assert.deepEqual([...b.values()].every((s) => s === CPU), true, 'the base is untouched');
  });

  it('chains an overlay of an overlay (its own changes only), the later change winning', () => {
    const b = base(40);
    const first = withChanges(b, ['n3'], [MEM]) as StatusOverlay;
    const o = withChanges(first, ['n3', 'n5'], [TAINT, MEM]) as StatusOverlay;
    assert.equal(o.parent, first);
    assert.equal(o.base, b);
    assert.deepEqual([...o.changes], [['n3', TAINT], ['n5', MEM]]);
    assert.equal(o.get('n3'), TAINT);
    assert.equal(first.get('n3'), MEM, 'the earlier overlay is untouched');
    const copy = new Map(b).set('n3', TAINT).set('n5', MEM);
    assert.deepEqual([...o], [...copy]);
  });

  it('merges a long chain into one overlay over the base, reading the same', () => {
    const b = base(400);
    let o: ReadonlyMap<string, Status> = b;
    const copy = new Map(b);
    for (let i = 0; i < 20; i++) {
      const change = i % 2 === 0 ? MEM : TAINT;
      o = withChanges(o, [`n${i % 7}`, `n${100 + i}`], [change, change]);
      copy.set(`n${i % 7}`, change).set(`n${100 + i}`, change);
      assert.ok(o instanceof StatusOverlay && o.depth <= 8, `depth at step ${i}`);
      assert.deepEqual([...o], [...copy]);
    }
  });

  it('becomes a plain map again when many entries changed', () => {
    const b = base(16);
    const o = withChanges(b, ['n1', 'n2', 'n3'], [MEM, MEM, MEM]);
    assert.ok(o instanceof Map);
    assert.equal(o.get('n2'), MEM);
    assert.equal(b.get('n2'), CPU);
  });
});
