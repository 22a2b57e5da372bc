/**
 * spec.scheduler.attemptCost: simulated time a scheduling attempt keeps the scheduler busy (off by
 * default: attempts take no simulated time). kube-scheduler schedules one pod at a time, so its CPU
 * bounds its attempts per second; with a cost, pods that become schedulable while it is busy wait, and a
 * backlog is retried as often as the scheduler could, not once per cluster event (docs/performance.md).
 *
 *   attemptCost: {perAttempt: 400us, perNode: 2us}
 *
 * An attempt costs perAttempt plus perNode for every node it filters as kube-scheduler would (all nodes
 * when it fails, the sampled walk when it succeeds). Values are microseconds: a whole number with us, ms
 * or s.
 */
import type { AttemptCost } from '../scheduler/scheduler.js';
import type { Reader } from './reader.js';

const MICROS: Readonly<Record<string, number>> = Object.freeze({ us: 1, 'µs': 1, ms: 1000, s: 1_000_000 });
const HINT = 'write a whole number with a unit, e.g. 400us, 2us or 1ms';

/** Reads spec.scheduler.attemptCost; undefined when absent. */
export function readAttemptCost(r: Reader): AttemptCost | undefined {
  if (!r.object(['perAttempt', 'perNode'])) return undefined;
  const perAttemptUs = micros(r.child('perAttempt')) ?? 0;
  const perNodeUs = micros(r.child('perNode')) ?? 0;
  return { perAttemptUs, perNodeUs };
}

function micros(r: Reader): number | undefined {
  const text = r.str();
  if (text === undefined) return undefined;
  const m = /^(\d+)\s*(us|µs|ms|s)$/.exec(text.trim());
  if (m === null) return r.fail(`invalid duration "${text}"`, HINT);
  const v = Number(m[1]) * MICROS[m[2]!]!;
  if (!Number.isSafeInteger(v) || v > 60_000_000) return r.fail(`duration "${text}" is longer than a minute`, HINT);
  return v;
}
