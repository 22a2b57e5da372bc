/**
 * GPU-related parts of assembling a run: the scheduler options a scenario adds to its policy
 * (tie-break, unschedulable pods) and the workload's typical-pod distribution for FGD and the
 * fragmentation metric.
 */
import type { TypicalPod } from '../cluster/gpu.js';
import type { PodShape } from '../metrics/fragmentation.js';
import { typicalPods } from '../metrics/fragmentation.js';
import type { SchedulerOptions } from '../scheduler/scheduler.js';
import { podShape } from './traces/replay.js';
import type { Scenario } from './types.js';
import { featureGateOptions } from './feature-gates.js';

/** Annotation of pods that `kubesim import` cloned to tune the demand (left out of the typical pods). */
export const TUNED_FROM_ANNOTATION = 'kubesim.io/tuned-from';

/** Scenario settings win over the policy's; a trace in fgd mode fails unschedulable pods at once. */
export function schedulerOptionsFor(scenario: Scenario, fromPolicy: SchedulerOptions): SchedulerOptions {
  const tieBreak = scenario.scheduler.tieBreak ?? fromPolicy.tieBreak;
  const unschedulablePods = scenario.scheduler.unschedulablePods ?? fromPolicy.unschedulablePods ?? (scenario.source?.mode === 'fgd' ? 'fail' : undefined);
  return { ...fromPolicy, ...(tieBreak ? { tieBreak } : {}), ...(unschedulablePods ? { unschedulablePods } : {}), ...featureGateOptions(scenario.scheduler.featureGates), ...(scenario.scheduler.attemptCost ? { attemptCost: scenario.scheduler.attemptCost } : {}) };
}

/**
 * The typical pods of the workload: the trace's original pods, or the scenario's Pod manifests
 * (clones made by `kubesim import` excluded) when any of them asks for GPUs; else none.
 */
export function workloadTypicalPods(scenario: Scenario): TypicalPod[] {
  if (scenario.source) return typicalPods(scenario.source.pods.map(podShape)).pods;
  if (!scenario.pods.some((p) => p.spec.gpu)) return [];
  const shapes: PodShape[] = [];
  for (const p of scenario.pods) {
    if (p.meta.annotations[TUNED_FROM_ANNOTATION] !== undefined) continue;
    const g = p.spec.gpu;
    shapes.push({ cpuMillis: p.spec.requests[0]!, gpuMilli: g ? g.milli : 0, gpuCount: g ? g.count : 0, modelsText: g ? g.modelsText : '' });
  }
  return typicalPods(shapes).pods;
}
