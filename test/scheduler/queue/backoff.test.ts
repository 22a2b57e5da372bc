import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BackoffConfig } from '../../../engine/scheduler/queue/backoff.js';
import { alignToWindow, backoffDurationMs, backoffExpiryMs, backoffReleaseTickMs, isBackingOff, unschedulableReleaseTickMs } from '../../../engine/scheduler/queue/backoff.js';

const GATE_ON: BackoffConfig = { podInitialBackoffMs: 1000, podMaxBackoffMs: 10000, popFromBackoffQ: true };
const GATE_OFF: BackoffConfig = { ...GATE_ON, popFromBackoffQ: false };

describe('backoff duration (calculateBackoffDuration)', () => {
  // backoff_queue_test.go TestBackoffQueue_calculateBackoffDuration
  const cases: [string, number, BackoffConfig, number][] = [
    ['no backoff before the first attempt', 0, GATE_ON, 0],
    ['1 s after attempt 1', 1, GATE_ON, 1000],
    ['2 s after attempt 2', 2, GATE_ON, 2000],
    ['4 s after attempt 3', 3, GATE_ON, 4000],
    ['8 s after attempt 4', 4, GATE_ON, 8000],
    ['capped at 10 s after attempt 5', 5, GATE_ON, 10000],
    ['still 10 s after attempt 50', 50, GATE_ON, 10000],
    ['initial 2 s max 5 s: attempt 3 capped', 3, { ...GATE_ON, podInitialBackoffMs: 2000, podMaxBackoffMs: 5000 }, 5000],
    ['initial equal to max', 4, { ...GATE_ON, podInitialBackoffMs: 3000, podMaxBackoffMs: 3000 }, 3000],
  ];
  for (const [name, attempts, c, want] of cases) it(name, () => assert.equal(backoffDurationMs(attempts, c), want));
});

describe('backoff expiry and the 1 s ordering window', () => {
  it('with SchedulerPopFromBackoffQ the expiry is truncated to the whole second', () => {
    assert.equal(backoffExpiryMs(1_500, 1, GATE_ON), 2_000);
    assert.equal(alignToWindow(2_999, GATE_ON), 2_000);
  });
  it('without the gate the expiry is exact', () => assert.equal(backoffExpiryMs(1_500, 1, GATE_OFF), 2_500));
  it('a pod never tried does not back off', () => assert.equal(isBackingOff(backoffExpiryMs(0, 0, GATE_ON), 0, GATE_ON), false));
  it('with the gate a pod whose expiry is in the current window still backs off', () => {
    assert.equal(isBackingOff(2_000, 2_400, GATE_ON), true);
    assert.equal(isBackingOff(2_000, 3_000, GATE_ON), false);
  });
  it('without the gate a pod backs off until its expiry', () => {
    assert.equal(isBackingOff(2_500, 2_499, GATE_OFF), true);
    assert.equal(isBackingOff(2_500, 2_500, GATE_OFF), false);
  });
  it('the flush tick that releases a pod: the next whole second after its window (gate on)', () => assert.equal(backoffReleaseTickMs(2_000, GATE_ON), 3_000));
  it('the flush tick that releases a pod: the first whole second at or after expiry (gate off)', () => {
    assert.equal(backoffReleaseTickMs(2_500, GATE_OFF), 3_000);
    assert.equal(backoffReleaseTickMs(3_000, GATE_OFF), 3_000);
  });
});

describe('unschedulable pool flush tick', () => {
  const cases: [number, number][] = [
    [0, 330_000],
    [10_000, 330_000],
    [29_999, 330_000],
    [30_000, 360_000],
  ];
  for (const [parked, tick] of cases) {
    it(`a pod parked at ${parked} ms leaves at the 30 s tick ${tick} ms (waited > 5 min)`, () => {
      assert.equal(unschedulableReleaseTickMs(parked, 300_000), tick);
      assert.ok(tick - parked > 300_000 && tick - parked <= 330_000);
    });
  }
});
