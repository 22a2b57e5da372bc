/** Public API of engine/core: time, event queue, simulator loop, seeded rng streams, errors. */
export { SimError, SimErrors, didYouMean } from './errors.js';
export type { SimErrorCode, SimErrorLocation } from './errors.js';
export {
  MAX_DURATION_MS,
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  MS_PER_SECOND,
  formatDuration,
  formatSeconds,
  parseDuration,
  parseDurationOrNumberSeconds,
} from './time.js';
export type { TimeMs } from './time.js';
export { EventQueue } from './queue.js';
export type { EventHandler, SimEvent } from './queue.js';
export { Simulator } from './simulator.js';
export type { EveryOptions, Periodic } from './simulator.js';
export { Rng, RngStreams, sample } from './rng.js';
export type { DistributionSpec } from './rng.js';
