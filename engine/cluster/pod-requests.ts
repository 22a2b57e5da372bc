/**
 * Effective pod requests, as component-helpers/resource PodRequests computes them:
 * max(sum of regular containers + sidecars, each init container + the sidecars started before it) + overhead.
 * Scoring uses the same rule with the per-container non-zero defaults for missing cpu/memory keys
 * (pkg/scheduler/util/pod_resources.go); filtering uses the actual values.
 */
import type { Container } from './pod.js';
import type { ResourceNames, ResourceVector } from './resources.js';
import { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST } from './resources.js';

type Defaults = ReadonlyMap<string, number> | undefined;

function containerVector(c: Container, names: ResourceNames, defaults: Defaults): Map<string, number> {
  const out = new Map(c.requests);
  if (defaults) for (const [k, v] of defaults) if (!out.has(k)) out.set(k, v);
  return out;
}

function addMap(into: Map<string, number>, m: ReadonlyMap<string, number>): void {
  for (const [k, v] of m) into.set(k, (into.get(k) ?? 0) + v);
}

function maxMap(into: Map<string, number>, m: ReadonlyMap<string, number>): void {
  for (const [k, v] of m) if (v > (into.get(k) ?? 0)) into.set(k, v);
}

export function podRequestMap(
  containers: readonly Container[],
  initContainers: readonly Container[],
  overhead: ReadonlyMap<string, number>,
  names: ResourceNames,
  defaults?: Defaults,
): Map<string, number> {
  const reqs = new Map<string, number>();
  for (const c of containers) addMap(reqs, containerVector(c, names, defaults));
  const sidecars = new Map<string, number>();
  const initMax = new Map<string, number>();
  for (const ic of initContainers) {
    const own = containerVector(ic, names, defaults);
    if (ic.restartPolicyAlways) {
      addMap(sidecars, own);
      maxMap(initMax, sidecars);
    } else {
      const withSidecars = new Map(own);
      addMap(withSidecars, sidecars);
      maxMap(initMax, withSidecars);
    }
  }
  addMap(reqs, sidecars);
  maxMap(reqs, initMax);
  addMap(reqs, overhead);
  return reqs;
}

export const NON_ZERO_DEFAULTS: ReadonlyMap<string, number> = new Map([
  ['cpu', DEFAULT_MILLI_CPU_REQUEST],
  ['memory', DEFAULT_MEMORY_REQUEST],
]);

export function toVector(map: ReadonlyMap<string, number>, names: ResourceNames): ResourceVector {
  const v = names.vector();
  for (const [k, amount] of map) {
    const i = names.lookup(k);
    if (i !== undefined) v[i] = amount;
  }
  return v;
}

/** Requests vector plus the non-zero cpu/memory figures used by the scoring plugins. */
export function computeRequests(
  containers: readonly Container[],
  initContainers: readonly Container[],
  overhead: ReadonlyMap<string, number>,
  names: ResourceNames,
): { requests: ResourceVector; nonZeroCpu: number; nonZeroMemory: number } {
  const actual = podRequestMap(containers, initContainers, overhead, names);
  const nonZero = containers.length + initContainers.length === 0 ? new Map<string, number>() : podRequestMap(containers, initContainers, overhead, names, NON_ZERO_DEFAULTS);
  return {
    requests: toVector(actual, names),
    nonZeroCpu: nonZero.get('cpu') ?? 0,
    nonZeroMemory: nonZero.get('memory') ?? 0,
  };
}
