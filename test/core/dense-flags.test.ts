import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DenseFlags } from '../../engine/core/dense-flags.js';

describe('DenseFlags', () => {
  it('answers membership and size as a Set of the same ids does, past its first storage', () => {
    const flags = new DenseFlags();
    const set = new Set<number>();
    for (const [op, id] of [['add', 3], ['add', 3], ['add', 200], ['delete', 3], ['delete', 7], ['add', 0], ['delete', 5000], ['add', 5000]] as const) {
      assert.equal(flags[op](id), set.has(id) !== (op === 'add'), `${op} ${id}`);
      set[op](id);
      assert.equal(flags.size, set.size);
    }
    for (const id of [0, 3, 7, 200, 4999, 5000, 1e6]) assert.equal(flags.has(id), set.has(id), `has ${id}`);
  });
});
