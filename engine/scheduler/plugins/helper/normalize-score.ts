/** Shared score helpers (pkg/scheduler/framework/plugins/helper/normalize_score.go) and Go integer math. */
import { MAX_NODE_SCORE } from '../../framework/interfaces.js';

/**
 * DefaultNormalizeScore: scales scores to 0..maxPriority by the maximum (never by max - min); with
 * `reverse`, higher raw scores end lower. All scores 0: unchanged, or all maxPriority when reversed.
 */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: number[]): void {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  if (max === 0) {
    if (reverse) scores.fill(maxPriority);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    const s = goDiv(maxPriority * scores[i]!, max);
    scores[i] = reverse ? maxPriority - s : s;
  }
}

export function normalizeToMax(scores: number[], reverse: boolean): void {
  defaultNormalizeScore(MAX_NODE_SCORE, reverse, scores);
}

/** Go integer division (truncates toward zero). */
export function goDiv(a: number, b: number): number {
  return Math.trunc(a / b);
}

/** Go math.Round: half away from zero. */
export function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}
