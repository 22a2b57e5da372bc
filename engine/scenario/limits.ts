/**
 * Resource guards checked before t=0: the number of nodes a scenario expands into and an estimate
 * of the pods it will create (Deployment/ReplicaSet replicas + Job completions + bare Pods + the
 * expected arrivals of every generator times the pods per arrival). A scenario above a limit is
 * refused with a message that names the limit and the flag that raises it.
 */
import { SimError, SimErrors } from '../core/errors.js';
import { SCENARIO_LIMITS } from './read-scenario.js';
import type { Generator, Scenario } from './types.js';

export interface Limits {
  maxNodes: number;
  maxPods: number;
}

/** Defaults from SCENARIO_LIMITS (read-scenario.ts); --max-nodes / --max-pods raise them. */
export function defaultLimits(): Limits {
  return { maxNodes: SCENARIO_LIMITS.maxNodes, maxPods: SCENARIO_LIMITS.maxGeneratedPods };
}

export function nodeCount(s: Scenario): number {
  return s.nodePools.reduce((n, p) => n + p.count, 0) + s.nodes.length;
}

/** Expected number of objects a generator emits before its stop (or the end of the run). */
export function expectedArrivals(g: Generator, durationMs: number): number {
  const span = Math.max(0, Math.min(g.stopMs, durationMs) - g.startMs);
  const n = g.arrival.type === 'fixed' ? Math.floor(span / g.arrival.intervalMs) + 1 : span / g.arrival.meanIntervalMs;
  return Math.min(g.maxCount, n);
}

/** Pods a scenario is expected to create (failed Job pods that get replaced are not counted). */
export function estimatePods(s: Scenario): number {
  let n = s.pods.length;
  for (const d of s.deployments) n += d.replicas;
  for (const rs of s.replicaSets) n += rs.replicas;
  for (const j of s.jobs) n += j.completions;
  for (const g of s.generators) n += expectedArrivals(g, s.durationMs) * (g.job ? g.job.completions : 1);
  return Math.ceil(n);
}

/** Throws E_LIMIT naming the limit and the flag when the scenario is too big. */
export function checkLimits(s: Scenario, limits: Limits = defaultLimits()): void {
  const problems: SimError[] = [];
  const nodes = nodeCount(s);
  if (nodes > limits.maxNodes) {
    problems.push(new SimError('E_LIMIT', `the scenario has ${nodes} nodes, more than the limit of ${limits.maxNodes}`, { location: { file: s.file }, hint: `raise the limit with --max-nodes ${nodes} if this is intended` }));
  }
  const pods = estimatePods(s);
  if (pods > limits.maxPods) {
    problems.push(new SimError('E_LIMIT', `the scenario is expected to create about ${pods} pods, more than the limit of ${limits.maxPods}`, { location: { file: s.file }, hint: `shorten spec.duration, slow the generators, or raise the limit with --max-pods ${pods}` }));
  }
  if (problems.length > 0) throw new SimErrors(problems);
}
