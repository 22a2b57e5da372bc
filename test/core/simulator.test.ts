import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SimError } from '../../engine/core/errors.js';
import { Simulator } from '../../engine/core/simulator.js';
import type { SimEvent } from '../../engine/core/queue.js';

function isPastError(err: unknown): boolean {
  return err instanceof SimError && err.code === 'E_PAST';
}

describe('Simulator', () => {
  it('handlers see now equal to their event time, in order', () => {
    const sim = new Simulator();
    const seen: Array<[string, number]> = [];
    const record = (name: string): void => {
      seen.push([name, sim.now]);
    };
    sim.at(20, record, 'b');
    sim.at(10, record, 'a');
    sim.after(30, record, 'c');
    sim.run();
    assert.deepEqual(seen, [['a', 10], ['b', 20], ['c', 30]]);
    assert.equal(sim.now, 30);
    assert.equal(sim.eventsProcessed, 3);
  });

  it('passes data and the event to the handler', () => {
    const sim = new Simulator();
    let got: [unknown, SimEvent | undefined] = [undefined, undefined];
    const ev = sim.at(5, (data: unknown, e: SimEvent) => (got = [data, e]), { id: 1 }, 3);
    sim.run();
    assert.deepEqual(got[0], { id: 1 });
    assert.equal(got[1], ev);
    assert.equal(ev.priority, 3);
  });

  it('run(until) handles events up to and including until, then sets now = until', () => {
    const sim = new Simulator();
    const ran: number[] = [];
    for (const t of [5, 10, 15]) sim.at(t, () => ran.push(t));
    sim.run(10);
    assert.deepEqual(ran, [5, 10]);
    assert.equal(sim.now, 10);
    sim.run(12);
    assert.equal(sim.now, 12);
    assert.deepEqual(ran, [5, 10]);
    sim.run();
    assert.deepEqual(ran, [5, 10, 15]);
  });

  it('run(until) on an empty queue advances now', () => {
    const sim = new Simulator();
    sim.run(1000);
    assert.equal(sim.now, 1000);
  });

  it('events scheduled by a handler at the current time run in the same run', () => {
    const sim = new Simulator();
    const ran: string[] = [];
    sim.at(10, () => {
      ran.push('outer');
      sim.after(0, () => ran.push('inner'));
    });
    sim.run(10);
    assert.deepEqual(ran, ['outer', 'inner']);
  });

  const pastCases: Array<[string, (sim: Simulator) => unknown]> = [
    ['at() before now', (sim) => sim.at(99, () => {})],
    ['after() with a negative delay', (sim) => sim.after(-1, () => {})],
    ['at() with a fractional time', (sim) => sim.at(100.5, () => {})],
    ['at() with NaN', (sim) => sim.at(NaN, () => {})],
    ['run() with until before now', (sim) => sim.run(50)],
  ];
  for (const [name, act] of pastCases) {
    it(`${name} throws E_PAST`, () => {
      const sim = new Simulator();
      sim.run(100);
      assert.throws(() => act(sim), isPastError);
      assert.equal(sim.now, 100);
    });
  }

  it('cancelled events do not run and are not counted', () => {
    const sim = new Simulator();
    const ran: string[] = [];
    const ev = sim.at(1, () => ran.push('cancelled'));
    sim.at(2, () => ran.push('kept'));
    sim.cancel(ev);
    sim.run();
    assert.deepEqual(ran, ['kept']);
    assert.equal(sim.eventsProcessed, 1);
  });

  it('step() runs one event at a time and returns false when none is left', () => {
    const sim = new Simulator();
    sim.at(3, () => {});
    sim.at(7, () => {});
    assert.equal(sim.step(), true);
    assert.equal(sim.now, 3);
    assert.equal(sim.step(), true);
    assert.equal(sim.now, 7);
    assert.equal(sim.step(), false);
    assert.equal(sim.now, 7);
  });

  it('stop() ends run() after the current event and leaves now there', () => {
    const sim = new Simulator();
    const ran: number[] = [];
    sim.at(1, () => ran.push(1));
    sim.at(2, () => {
      ran.push(2);
      sim.stop();
    });
    sim.at(3, () => ran.push(3));
    sim.run(10);
    assert.deepEqual(ran, [1, 2]);
    assert.equal(sim.now, 2);
    sim.run(10);
    assert.deepEqual(ran, [1, 2, 3]);
    assert.equal(sim.now, 10);
  });

  it('onAfterEvent is called after every handled event', () => {
    const sim = new Simulator();
    const log: string[] = [];
    sim.onAfterEvent = (ev) => log.push(`after ${ev.time}`);
    sim.at(1, () => log.push('run 1'));
    sim.at(2, () => log.push('run 2'));
    sim.run();
    assert.deepEqual(log, ['run 1', 'after 1', 'run 2', 'after 2']);
  });

  it('every() ticks at now + period by default and keeps the period', () => {
    const sim = new Simulator();
    const ticks: Array<[number, number]> = [];
    sim.every(10, (i: number) => ticks.push([i, sim.now]));
    sim.run(35);
    assert.deepEqual(ticks, [[0, 10], [1, 20], [2, 30]]);
  });

  it('every() starts at the given start time', () => {
    const sim = new Simulator();
    const ticks: number[] = [];
    sim.every(5, () => ticks.push(sim.now), { start: 0 });
    sim.run(12);
    assert.deepEqual(ticks, [0, 5, 10]);
  });

  it('every() uses its priority against other events at the same time', () => {
    const sim = new Simulator();
    const log: string[] = [];
    sim.at(10, () => log.push('plain'));
    sim.every(10, () => log.push('tick'), { priority: -1 });
    sim.run(10);
    assert.deepEqual(log, ['tick', 'plain']);
  });

  it('stop() on a periodic cancels its pending tick', () => {
    const sim = new Simulator();
    const ticks: number[] = [];
    const periodic = sim.every(10, () => ticks.push(sim.now));
    sim.at(25, () => periodic.stop());
    sim.run(100);
    assert.deepEqual(ticks, [10, 20]);
    assert.equal(sim.queue.peekTime(), undefined);
  });

  it('a periodic handler can stop its own periodic', () => {
    const sim = new Simulator();
    const ticks: number[] = [];
    const periodic = sim.every(4, (i: number) => {
      ticks.push(sim.now);
      if (i === 2) periodic.stop();
    });
    sim.run();
    assert.deepEqual(ticks, [4, 8, 12]);
  });

  const badPeriods = [0, -5, 1.5, NaN];
  for (const period of badPeriods) {
    it(`every() rejects a period of ${period}`, () => {
      const sim = new Simulator();
      assert.throws(() => sim.every(period, () => {}), (err: unknown) => err instanceof SimError && err.code === 'E_DURATION');
    });
  }

  it('time never goes backwards across a mixed schedule', () => {
    const sim = new Simulator();
    let last = 0;
    let bad = 0;
    sim.onAfterEvent = (ev) => {
      if (ev.time < last) bad++;
      last = ev.time;
    };
    const spawn = (depth: number): void => {
      if (depth > 0) for (const d of [0, 3, 1]) sim.after(d, spawn, depth - 1, depth % 2);
    };
    sim.at(0, spawn, 6);
    sim.run();
    assert.equal(bad, 0);
    assert.equal(sim.eventsProcessed, (3 ** 7 - 1) / 2);
  });

  describe('nextIsOwn: whether an event pushed now at this priority would run next', () => {
    const cases: Array<[string, (sim: Simulator) => void, boolean]> = [
      ['nothing else is queued', () => {}, true],
      ['the next event is later', (sim) => sim.at(sim.now + 1, () => {}, undefined, 0), true],
      ['the next event is now with a higher priority number (it runs after)', (sim) => sim.at(sim.now, () => {}, undefined, 41), true],
      ['an event is queued now with the same priority (it was first)', (sim) => sim.at(sim.now, () => {}, undefined, 40), false],
      ['an event is queued now with a lower priority number', (sim) => sim.at(sim.now, () => {}, undefined, 39), false],
      ['the only event queued now is cancelled', (sim) => sim.cancel(sim.at(sim.now, () => {}, undefined, 0)), true],
      ['stop() was called', (sim) => sim.stop(), false],
    ];
    for (const [name, setup, want] of cases) {
      it(name, () => {
        const sim = new Simulator();
        let seen: boolean | undefined;
        sim.at(5, () => {
          setup(sim);
          seen = sim.nextIsOwn(40);
        }, undefined, 40);
        sim.run();
        assert.equal(seen, want);
      });
    }
  });

  it('runSlice handles due events up to a count, says when none is left due, and stops early when asked', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    for (const t of [1, 2, 3, 10]) sim.at(t, () => seen.push(t));
    assert.equal(sim.runSlice(5, 2), false);
    assert.deepEqual(seen, [1, 2]);
    assert.equal(sim.runSlice(5, 10), true);
    assert.deepEqual(seen, [1, 2, 3]);
    assert.equal(sim.now, 3);
    const many = new Simulator();
    let handled = 0;
    for (let i = 0; i < 600; i++) many.at(i, () => handled++);
    assert.equal(many.runSlice(1000, 10_000, () => true), false);
    assert.equal(handled, 256, 'asked every 256 events');
  });
});
