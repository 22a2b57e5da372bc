/**
 * How long a pod's work lasts, written as the pod-template annotation `kubesim.io/duration`
 * (annotations keep the manifest a valid Kubernetes object). Forms, with durations in Go syntax:
 *   5m                      fixed
 *   exponential(5m)         exponential with that mean
 *   uniform(1m, 10m)        uniform between the two
 *   normal(5m, 1m)          normal(mean, stddev), clamped at 0
 *   lognormal(5m, 0.5)      lognormal with that median and sigma (of the underlying normal)
 *   weibull(1.5, 10m)       Weibull(shape, scale)
 */
import type { DistributionSpec, Rng } from '../core/rng.js';
import { sample } from '../core/rng.js';
import { parseDuration } from '../core/time.js';
import { SimError } from '../core/errors.js';
import type { RunDuration } from '../cluster/pod.js';

export const DURATION_ANNOTATION = 'kubesim.io/duration';

const HINT = 'write a duration (5m) or exponential(5m), uniform(1m, 10m), normal(5m, 1m), lognormal(5m, 0.5), weibull(1.5, 10m)';

function num(s: string): number {
  if (!/^\d+(\.\d+)?$/.test(s)) throw new SimError('E_DURATION', `"${s}" is not a number`, { hint: HINT });
  return Number(s);
}

export function parseRunDuration(text: string): RunDuration {
  const t = text.trim();
  const m = /^([a-z]+)\((.*)\)$/.exec(t);
  if (!m) return { kind: 'fixed', ms: parseDuration(t) };
  const fn = m[1]!;
  const args = m[2]!.split(',').map((a) => a.trim());
  const want = (n: number): void => {
    if (args.length !== n) throw new SimError('E_DURATION', `${fn}() takes ${n} argument${n > 1 ? 's' : ''}, got ${args.length}`, { hint: HINT });
  };
  let spec: DistributionSpec;
  switch (fn) {
    case 'exponential':
      want(1);
      spec = { kind: 'exponential', mean: parseDuration(args[0]!) };
      break;
    case 'uniform': {
      want(2);
      const [min, max] = [parseDuration(args[0]!), parseDuration(args[1]!)];
      if (max < min) throw new SimError('E_DURATION', `uniform(${args[0]}, ${args[1]}): the maximum is below the minimum`, { hint: 'swap the two bounds' });
      spec = { kind: 'uniform', min, max };
      break;
    }
    case 'normal':
      want(2);
      spec = { kind: 'normal', mean: parseDuration(args[0]!), stddev: parseDuration(args[1]!) };
      break;
    case 'lognormal':
      want(2);
      spec = { kind: 'lognormal', mu: Math.log(Math.max(1, parseDuration(args[0]!))), sigma: num(args[1]!) };
      break;
    case 'weibull':
      want(2);
      spec = { kind: 'weibull', shape: num(args[0]!), scale: parseDuration(args[1]!) };
      if (spec.shape <= 0) throw new SimError('E_DURATION', 'weibull shape must be above 0', { hint: HINT });
      break;
    default:
      throw new SimError('E_DURATION', `unknown distribution "${fn}"`, { hint: HINT });
  }
  return { kind: 'sampled', spec, text: t };
}

/** Concrete ms for one pod (at least 1 ms), drawn from the given stream. */
export function drawRunDuration(d: RunDuration, rng: Rng): number {
  if (d.kind === 'fixed') return d.ms;
  return Math.max(1, Math.round(sample(rng, d.spec)));
}
