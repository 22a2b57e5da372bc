/**
 * NodeResourcesFit scoring strategies (least_allocated.go, most_allocated.go,
 * requested_to_capacity_ratio.go) with Go integer arithmetic: truncation per resource, then the
 * weighted average truncated; RequestedToCapacityRatio rounds the average half away from zero.
 */
import { MAX_NODE_SCORE } from '../../framework/interfaces.js';
import { goDiv, goRound } from '../helper/normalize-score.js';

export type Scorer = (requested: Float64Array, allocatable: Float64Array, weights: Float64Array) => number;

export interface UtilizationShapePoint {
  utilization: number;
  score: number;
}

/** MaxCustomPriorityScore (apis/config/types.go): RTCR shape scores run 0..10. */
export const MAX_CUSTOM_PRIORITY_SCORE = 10;
const MAX_UTILIZATION = 100;

export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return goDiv((capacity - requested) * MAX_NODE_SCORE, capacity);
}

export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  return goDiv(Math.min(requested, capacity) * MAX_NODE_SCORE, capacity);
}

export const leastAllocated: Scorer = (requested, allocatable, weights) => {
  let score = 0;
  let weightSum = 0;
  for (let k = 0; k < requested.length; k++) {
    const cap = allocatable[k]!;
    if (cap === 0) continue;
    const req = requested[k]!;
    score += (req > cap ? 0 : goDiv((cap - req) * MAX_NODE_SCORE, cap)) * weights[k]!;
    weightSum += weights[k]!;
  }
  return weightSum === 0 ? 0 : goDiv(score, weightSum);
};

export const mostAllocated: Scorer = (requested, allocatable, weights) => {
  let score = 0;
  let weightSum = 0;
  for (let k = 0; k < requested.length; k++) {
    const cap = allocatable[k]!;
    if (cap === 0) continue;
    score += goDiv(Math.min(requested[k]!, cap) * MAX_NODE_SCORE, cap) * weights[k]!;
    weightSum += weights[k]!;
  }
  return weightSum === 0 ? 0 : goDiv(score, weightSum);
};

/** helper.BuildBrokenLinearFunction over points with scores already scaled to 0..100. */
export function brokenLinear(shape: readonly UtilizationShapePoint[]): (p: number) => number {
  return (p) => {
    for (let i = 0; i < shape.length; i++) {
      const cur = shape[i]!;
      if (p <= cur.utilization) {
        if (i === 0) return cur.score;
        const prev = shape[i - 1]!;
        return prev.score + goDiv((cur.score - prev.score) * (p - prev.utilization), cur.utilization - prev.utilization);
      }
    }
    return shape[shape.length - 1]!.score;
  };
}

export function requestedToCapacityRatio(shape: readonly UtilizationShapePoint[]): Scorer {
  const f = brokenLinear(shape.map((p) => ({ utilization: p.utilization, score: p.score * (MAX_NODE_SCORE / MAX_CUSTOM_PRIORITY_SCORE) })));
  const resourceScore = (requested: number, capacity: number): number =>
    capacity === 0 || requested > capacity ? f(MAX_UTILIZATION) : f(goDiv(requested * MAX_UTILIZATION, capacity));
  return (requested, allocatable, weights) => {
    let score = 0;
    let weightSum = 0;
    for (let k = 0; k < requested.length; k++) {
      if (allocatable[k] === 0) continue;
      const s = resourceScore(requested[k]!, allocatable[k]!);
      if (s > 0) {
        score += s * weights[k]!;
        weightSum += weights[k]!;
      }
    }
    return weightSum === 0 ? 0 : goRound(score / weightSum);
  };
}

/** balancedResourceScorer: 100 x (1 - standard deviation of the requested fractions), truncated. */
export function balancedResourceScore(requested: Float64Array, allocatable: Float64Array): number {
  let n = 0;
  let total = 0;
  let f0 = 0;
  let f1 = 0;
  for (let k = 0; k < requested.length; k++) {
    if (allocatable[k] === 0) continue;
    const f = Math.min(requested[k]! / allocatable[k]!, 1);
    if (n === 0) f0 = f;
    else if (n === 1) f1 = f;
    total += f;
    n++;
  }
  let std = 0;
  if (n === 2) std = Math.abs((f0 - f1) / 2);
  else if (n > 2) {
    const mean = total / n;
    let sum = 0;
    for (let k = 0; k < requested.length; k++) {
      if (allocatable[k] === 0) continue;
      const d = Math.min(requested[k]! / allocatable[k]!, 1) - mean;
      sum += d * d;
    }
    std = Math.sqrt(sum / n);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}
