/** The monitor pass's watched nodes: always the members in index order, and a handed-out order is a snapshot. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Node } from '../../engine/cluster/node.js';
import { WatchedNodes } from '../../engine/controllers/node-lifecycle/watched-nodes.js';

const nodes = Array.from({ length: 12 }, (_, index) => ({ index, name: `n${index}` }) as Node);

describe('WatchedNodes', () => {
  it('lists the members in index order after any adds and deletes', () => {
    const op = fc.record({ add: fc.boolean(), at: fc.integer({ min: 0, max: nodes.length - 1 }), look: fc.boolean() });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const w = new WatchedNodes();
        const model = new Set<Node>();
        for (const { add, at, look } of ops) {
          if (add) {
            w.add(nodes[at]!);
            model.add(nodes[at]!);
          } else {
            w.delete(nodes[at]!);
            model.delete(nodes[at]!);
          }
          if (look) assert.deepEqual(w.inOrder(), [...model].sort((a, b) => a.index - b.index));
        }
        assert.equal(w.size, model.size);
        assert.deepEqual(w.inOrder(), [...model].sort((a, b) => a.index - b.index));
      }),
      { seed: 5, numRuns: 300 },
    );
  });

  it('an order handed out does not change when members join or leave later', () => {
    const w = new WatchedNodes();
    for (const i of [5, 1, 3]) w.add(nodes[i]!);
    const snapshot = w.inOrder();
    w.delete(nodes[1]!);
    w.add(nodes[0]!);
    assert.deepEqual(snapshot.map((n) => n.index), [1, 3, 5]);
    assert.deepEqual(w.inOrder().map((n) => n.index), [0, 3, 5]);
    w.delete(nodes[3]!);
    const after = w.inOrder();
    assert.deepEqual(after.map((n) => n.index), [0, 5]);
    assert.notEqual(after, snapshot);
  });
});
