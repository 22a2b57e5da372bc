/**
 * Priority classes of simulated events that fall on the same millisecond: lower runs first, and
 * equal keys run in insertion order. Faults land first, so that every component reacts to a crash
 * in the same instant; metrics sample last, after the instant has settled.
 */
export const EVENT_PRIORITY = Object.freeze({
  fault: 0,
  nodeLifecycle: 10,
  kubelet: 20,
  controller: 30,
  scheduler: 40,
  metrics: 90,
});
