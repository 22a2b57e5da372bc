import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventQueue } from '../../engine/core/queue.js';
import type { SimEvent } from '../../engine/core/queue.js';

const noop = (): void => {};

function drain(q: EventQueue): unknown[] {
  const out: unknown[] = [];
  for (let ev = q.pop(); ev !== undefined; ev = q.pop()) out.push(ev.data);
  return out;
}

describe('EventQueue', () => {
  const orderings: Array<{ name: string; pushes: Array<[number, number, string]>; expected: string[] }> = [
    {
      name: 'events run in ascending time',
      pushes: [[30, 0, 'c'], [10, 0, 'a'], [20, 0, 'b']],
      expected: ['a', 'b', 'c'],
    },
    {
      name: 'at equal time the lower priority runs first',
      pushes: [[10, 2, 'late'], [10, -1, 'first'], [10, 0, 'middle']],
      expected: ['first', 'middle', 'late'],
    },
    {
      name: 'events with equal time and priority run in insertion order',
      pushes: [[5, 1, 'p1'], [5, 1, 'p2'], [5, 1, 'p3'], [5, 1, 'p4'], [5, 1, 'p5']],
      expected: ['p1', 'p2', 'p3', 'p4', 'p5'],
    },
    {
      name: 'time outranks priority, priority outranks insertion order',
      pushes: [[2, 0, 'd'], [1, 5, 'b'], [1, 5, 'c'], [1, 0, 'a']],
      expected: ['a', 'b', 'c', 'd'],
    },
  ];
  for (const { name, pushes, expected } of orderings) {
    it(name, () => {
      const q = new EventQueue();
      for (const [time, priority, data] of pushes) q.push(time, priority, noop, data);
      assert.deepEqual(drain(q), expected);
    });
  }

  it('keeps FIFO among 1000 equal keys pushed between other events', () => {
    const q = new EventQueue();
    for (let i = 0; i < 1000; i++) {
      q.push(7, 0, noop, i);
      q.push(1000 - (i % 13), 0, noop, -1);
    }
    const sevens = drain(q).filter((d) => d !== -1);
    assert.deepEqual(sevens, Array.from({ length: 1000 }, (_, i) => i));
  });

  it('assigns increasing seq numbers', () => {
    const q = new EventQueue();
    const seqs = [q.push(3, 0, noop, null), q.push(1, 0, noop, null), q.push(2, 0, noop, null)].map((e) => e.seq);
    assert.deepEqual(seqs, [0, 1, 2]);
  });

  it('pop skips cancelled events', () => {
    const q = new EventQueue();
    q.push(1, 0, noop, 'a');
    const b = q.push(2, 0, noop, 'b');
    q.push(3, 0, noop, 'c');
    b.cancelled = true;
    assert.deepEqual(drain(q), ['a', 'c']);
  });

  it('peekTime reports the first non-cancelled event', () => {
    const q = new EventQueue();
    const first = q.push(1, 0, noop, 'a');
    q.push(4, 0, noop, 'b');
    first.cancelled = true;
    assert.equal(q.peekTime(), 4);
    assert.equal(q.pop()?.data, 'b');
    assert.equal(q.peekTime(), undefined);
  });

  it('size counts cancelled events until they are discarded', () => {
    const q = new EventQueue();
    const events: SimEvent[] = [1, 2, 3].map((t) => q.push(t, 0, noop, t));
    events[0]!.cancelled = true;
    assert.equal(q.size, 3);
    q.peekTime();
    assert.equal(q.size, 2);
  });

  it('pop on an empty or all-cancelled queue returns undefined', () => {
    const q = new EventQueue();
    assert.equal(q.pop(), undefined);
    q.push(1, 0, noop, null).cancelled = true;
    assert.equal(q.pop(), undefined);
    assert.equal(q.size, 0);
  });

  it('popDue leaves events later than the limit in place', () => {
    const q = new EventQueue();
    q.push(5, 0, noop, 'a');
    q.push(10, 0, noop, 'b');
    assert.equal(q.popDue(7)?.data, 'a');
    assert.equal(q.popDue(7), undefined);
    assert.equal(q.size, 1);
    assert.equal(q.popDue(10)?.data, 'b');
  });
});
