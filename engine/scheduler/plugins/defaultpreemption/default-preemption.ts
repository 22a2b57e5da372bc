/**
 * DefaultPreemption, the PostFilter plugin (plugins/defaultpreemption/default_preemption.go): when no
 * node fits, evict the fewest, least important lower-priority pods on the best node and nominate it.
 */
import type { Pod } from '../../../cluster/pod.js';
import type { CycleState, Handle, PostFilterPlugin, PostFilterResult } from '../../framework/interfaces.js';
import type { Status } from '../../framework/status.js';
import type { CandidateLimits, PreemptionHandle } from '../../preemption/evaluator.js';
import { isPreemptionHandle, preempt } from '../../preemption/evaluator.js';
import type { ClusterEventWithHint } from '../../framework/queueing-hint.js';
import { DEFAULT_PREEMPTION_EVENTS } from './hints.js';

export const NAME = 'DefaultPreemption';

/** DefaultPreemptionArgs defaults (pkg/scheduler/apis/config/v1/defaults.go SetDefaults_DefaultPreemptionArgs). */
export const DEFAULT_PREEMPTION_ARGS: Readonly<CandidateLimits> = Object.freeze({
  minCandidateNodesPercentage: 10,
  minCandidateNodesAbsolute: 100,
});

/**
 * Merges and validates the args (ValidateDefaultPreemptionArgs: percentage in [0, 100], absolute >= 0,
 * not both 0). Throws an Error naming the field; the configuration reader turns it into a SimError.
 */
export function defaultPreemptionArgs(raw: unknown): CandidateLimits {
  const a = (raw ?? {}) as Partial<Record<keyof CandidateLimits, unknown>>;
  const out = { ...DEFAULT_PREEMPTION_ARGS };
  for (const key of ['minCandidateNodesPercentage', 'minCandidateNodesAbsolute'] as const) {
    const v = a[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v)) throw new Error(`${key}: must be an integer`);
    out[key] = v;
  }
  if (out.minCandidateNodesPercentage < 0 || out.minCandidateNodesPercentage > 100) throw new Error('minCandidateNodesPercentage: not in valid range [0, 100]');
  if (out.minCandidateNodesAbsolute < 0) throw new Error('minCandidateNodesAbsolute: not in valid range [0, inf)');
  if (out.minCandidateNodesPercentage === 0 && out.minCandidateNodesAbsolute === 0) throw new Error('minCandidateNodesPercentage: cannot be zero at the same time as minCandidateNodesAbsolute');
  return out;
}

export class DefaultPreemption implements PostFilterPlugin {
  readonly name = NAME;
  /** EventsToRegister with queueing hints (hints.ts). */
  eventsToRegister(): readonly ClusterEventWithHint[] {
    return DEFAULT_PREEMPTION_EVENTS;
  }
  constructor(
    private readonly handle: PreemptionHandle,
    readonly args: CandidateLimits,
  ) {}

  postFilter(state: CycleState, pod: Pod, statuses: ReadonlyMap<string, Status>): { result: PostFilterResult | null; status: Status | null } {
    return preempt(this.handle, this.args, state, pod, statuses, NAME);
  }
}

export function newDefaultPreemption(args: unknown, handle: Handle): DefaultPreemption {
  const validated = defaultPreemptionArgs(args);
  if (!isPreemptionHandle(handle)) {
    // A profile built outside a Scheduler (tools, tests that inspect profiles) can list the plugin but not run it.
    return { name: NAME, postFilter: () => { throw new Error('DefaultPreemption needs the scheduler handle with a nominator'); } } as unknown as DefaultPreemption;
  }
  return new DefaultPreemption(handle, validated);
}
