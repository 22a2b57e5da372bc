/**
 * How far V8 lets the heap grow past what a garbage collection kept alive. A long run allocates
 * gigabytes of short-lived objects (failing scheduling attempts, dry runs) around a live set of ~100 MB;
 * with V8's default growing factor the old space then settles near four times the live set, and the
 * peak RSS follows it. A smaller factor collects a little more often and keeps the peak near twice the
 * live set, at no measurable cost in wall time (docs/performance.md, "Memory"). Nothing about the
 * simulation depends on it. Set once at start; a user who passes their own V8 heap flag keeps it.
 */
import { setFlagsFromString } from 'node:v8';

/** --heap-growing-percent: the old space may grow by this percentage of the live set between collections. */
export const HEAP_GROWING_PERCENT = 50;

export function applyHeapPolicy(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  const given = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)];
  if (given.some((a) => /^--(heap[-_]growing[-_]percent|max[-_]old[-_]space[-_]size)/.test(a))) return false;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
