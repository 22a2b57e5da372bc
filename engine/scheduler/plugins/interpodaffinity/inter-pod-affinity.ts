/**
 * InterPodAffinity (plugins/interpodaffinity): required pod affinity / anti-affinity of the incoming
 * pod and existing pods' required anti-affinity in Filter; preferred terms in both directions and
 * existing pods' required affinity (hardPodAffinityWeight) in Score.
 */
import type { Node } from '../../../cluster/node.js';
import type { Pod } from '../../../cluster/pod.js';
import type { ClusterStore } from '../../../cluster/store.js';
import type { CycleState, FilterPlugin, Handle, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interfaces.js';
import { Status } from '../../framework/status.js';
import type { AffinityIndex } from './affinity-index.js';
import { affinityIndexFor } from './affinity-index.js';
import type { PreFilterState } from './filtering.js';
import { existingAntiAffinityMatches, preFilterState, satisfyExistingPodsAntiAffinity, satisfyPodAffinity, satisfyPodAntiAffinity } from './filtering.js';
import type { ScoreMap } from './scoring.js';
import { normalize, scoreMap, scoreNode } from './scoring.js';
import { incomingTerms, podTerms } from './terms.js';
import type { ClusterEventWithHint } from '../../framework/queueing-hint.js';
import { INTER_POD_AFFINITY_EVENTS } from './hints.js';

export const NAME = 'InterPodAffinity';
export const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
const PRE_FILTER_KEY = `PreFilter${NAME}`;
const PRE_SCORE_KEY = `PreScore${NAME}`;

/** InterPodAffinityArgs (kubescheduler.config.k8s.io/v1). */
export interface InterPodAffinityArgs {
  hardPodAffinityWeight: number;
  ignorePreferredTermsOfExistingPods: boolean;
}

/** apis/config/v1/defaults.go: hardPodAffinityWeight 1. */
export const DEFAULT_INTER_POD_AFFINITY_ARGS: InterPodAffinityArgs = Object.freeze({ hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: false });

/** The fixed Filter outcomes: shared, so that a rejected node allocates nothing (nothing mutates them). */
const AFFINITY_REJECTED = Status.unresolvable(ERR_REASON_AFFINITY).withPlugin(NAME);
const ANTI_AFFINITY_REJECTED = Status.unschedulable(ERR_REASON_ANTI_AFFINITY).withPlugin(NAME);
const EXISTING_ANTI_AFFINITY_REJECTED = Status.unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY).withPlugin(NAME);

export class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = NAME;
  /** EventsToRegister with queueing hints (hints.ts). */
  eventsToRegister(): readonly ClusterEventWithHint[] {
    return INTER_POD_AFFINITY_EVENTS;
  }
  /** Live pods grouped by labels, namespace and affinity, with counts per topology domain. */
  private readonly index: AffinityIndex;

  constructor(
    store: ClusterStore,
    private readonly args: InterPodAffinityArgs,
  ) {
    this.index = affinityIndexFor(store);
  }

  preFilter(state: CycleState, pod: Pod, _nodes: readonly Node[]): Status | null {
    const own = incomingTerms(podTerms(pod));
    if (this.skipsWithoutState(pod, own)) return Status.skip();
    const s = preFilterState(this.index, pod, own);
    if (s.existingAntiAffinityCounts.keys.length === 0 && s.requiredAffinity.length === 0 && s.requiredAnti.length === 0) return Status.skip();
    state.write(PRE_FILTER_KEY, s);
    return null;
  }

  /** No required terms of its own and no existing pod's required anti-affinity matches it: PreFilter Skips. */
  skipsWithoutState(pod: Pod, own = incomingTerms(podTerms(pod))): boolean {
    return own.requiredAffinity.length === 0 && own.requiredAnti.length === 0 && !existingAntiAffinityMatches(this.index, pod);
  }

  filter(state: CycleState, _pod: Pod, node: Node): Status | null {
    const s = state.read<PreFilterState>(PRE_FILTER_KEY);
    if (!s) return null;
    if (!satisfyPodAffinity(s, node)) return AFFINITY_REJECTED;
    if (!satisfyPodAntiAffinity(s, node)) return ANTI_AFFINITY_REJECTED;
    if (!satisfyExistingPodsAntiAffinity(s, node)) return EXISTING_ANTI_AFFINITY_REJECTED;
    return null;
  }

  preScore(state: CycleState, pod: Pod, nodes: readonly Node[]): Status | null {
    return this.preScoreOf(state, pod, nodes.length);
  }

  /** PreScore for `candidates` nodes: it reads only how many there are (the scores come from the index). */
  preScoreOf(state: CycleState, pod: Pod, candidates: number): Status | null {
    if (candidates === 0) return null;
    const own = incomingTerms(podTerms(pod));
    const hasConstraints = own.preferredAffinity.length + own.preferredAnti.length > 0;
    if (!hasConstraints && (this.args.ignorePreferredTermsOfExistingPods || this.index.withTerms.size === 0)) return Status.skip();
    const m = scoreMap(this.index, pod, own, this.args.hardPodAffinityWeight);
    if (m.keys.length === 0) return Status.skip();
    state.write(PRE_SCORE_KEY, m);
    return null;
  }

  score(state: CycleState, _pod: Pod, node: Node): number {
    const m = state.read<ScoreMap>(PRE_SCORE_KEY);
    return m ? scoreNode(m, node) : 0;
  }

  normalizeScore(state: CycleState, _pod: Pod, _nodes: readonly Node[], scores: number[]): Status | null {
    if (state.read<ScoreMap>(PRE_SCORE_KEY)) normalize(scores);
    return null;
  }
}

export function newInterPodAffinity(args: unknown, handle: Handle): InterPodAffinity {
  return new InterPodAffinity(handle.store, (args as InterPodAffinityArgs | undefined) ?? DEFAULT_INTER_POD_AFFINITY_ARGS);
}
