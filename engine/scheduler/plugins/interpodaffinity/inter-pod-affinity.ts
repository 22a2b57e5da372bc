/**
 * InterPodAffinity (plugins/interpodaffinity): required pod affinity / anti-affinity of the incoming
 * pod and existing pods' required anti-affinity in Filter; preferred terms in both directions and
 * existing pods' required affinity (hardPodAffinityWeight) in Score.
 */
import type { Node } from '../../../cluster/node.js';
import type { Pod } from '../../../cluster/pod.js';
import { isTerminal } from '../../../cluster/pod.js';
import type { ClusterStore } from '../../../cluster/store.js';
import type { CycleState, FilterPlugin, Handle, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interfaces.js';
import { Status } from '../../framework/status.js';
import { forEachLiveNode } from '../helper/nodes.js';
import type { PreFilterState } from './filtering.js';
import { preFilterState, satisfyExistingPodsAntiAffinity, satisfyPodAffinity, satisfyPodAntiAffinity } from './filtering.js';
import type { ScoreMap } from './scoring.js';
import { incomingPreferred, normalize, processExistingPod, scoreNode } from './scoring.js';
import { podTerms } from './terms.js';

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

export class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = NAME;
  /** Bound pods with any pod (anti-)affinity (the cache's PodsWithAffinity), pruned lazily. */
  private readonly withAffinity = new Set<Pod>();

  constructor(
    private readonly store: ClusterStore,
    private readonly args: InterPodAffinityArgs,
  ) {
    for (const p of store.allPods) if (p.nodeIndex >= 0) this.track(p);
    store.events.onPod((type, pod) => {
      if (type === 'PodBound') this.track(pod);
    });
  }

  private track(pod: Pod): void {
    if (podTerms(pod).any) this.withAffinity.add(pod);
  }

  /** Whether any live tracked pod has affinity (or required anti-affinity): the cheap Skip test. */
  private anyLive(requiredAntiOnly: boolean): boolean {
    if (this.withAffinity.size === 0) return false;
    for (const _ of this.live(requiredAntiOnly)) return true;
    return false;
  }

  private *live(requiredAntiOnly: boolean): Iterable<Pod> {
    for (const p of this.withAffinity) {
      if (p.removed || isTerminal(p) || p.nodeIndex < 0 || this.store.nodeOf(p)?.deleted) {
        this.withAffinity.delete(p);
        continue;
      }
      if (!requiredAntiOnly || podTerms(p).requiredAnti.length > 0) yield p;
    }
  }

  preFilter(state: CycleState, pod: Pod, nodes: readonly Node[]): Status | null {
    const own = podTerms(pod);
    if (own.requiredAffinity.length === 0 && own.requiredAnti.length === 0 && !this.anyLive(true)) return Status.skip();
    const s = preFilterState(this.store, pod, this.live(true), nodes);
    if (s.existingAntiAffinityCounts.size === 0 && s.requiredAffinity.length === 0 && s.requiredAnti.length === 0) return Status.skip();
    state.write(PRE_FILTER_KEY, s);
    return null;
  }

  filter(state: CycleState, _pod: Pod, node: Node): Status | null {
    const s = state.read<PreFilterState>(PRE_FILTER_KEY);
    if (!s) return null;
    if (!satisfyPodAffinity(s, node)) return Status.unresolvable(ERR_REASON_AFFINITY);
    if (!satisfyPodAntiAffinity(s, node)) return Status.unschedulable(ERR_REASON_ANTI_AFFINITY);
    if (!satisfyExistingPodsAntiAffinity(s, node)) return Status.unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY);
    return null;
  }

  preScore(state: CycleState, pod: Pod, nodes: readonly Node[]): Status | null {
    if (nodes.length === 0) return null;
    const own = podTerms(pod);
    if (own.preferredAffinity.length === 0 && own.preferredAnti.length === 0 && (this.args.ignorePreferredTermsOfExistingPods || !this.anyLive(false))) return Status.skip();
    const incoming = incomingPreferred(pod);
    const hasConstraints = incoming.affinity.length + incoming.anti.length > 0;
    if (this.args.ignorePreferredTermsOfExistingPods && !hasConstraints) return Status.skip();
    const m: ScoreMap = new Map();
    const weight = this.args.hardPodAffinityWeight;
    if (hasConstraints) {
      forEachLiveNode(this.store, (node) => {
        for (const existing of this.store.podsOn(node)) processExistingPod(m, incoming, existing, node, pod, weight);
      });
    } else {
      for (const existing of this.live(false)) processExistingPod(m, incoming, existing, this.store.nodeOf(existing)!, pod, weight);
    }
    if (m.size === 0) return Status.skip();
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
