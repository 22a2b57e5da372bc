/**
 * NodeAffinity (plugins/nodeaffinity/node_affinity.go). Filter: the pod's nodeSelector AND its required
 * node affinity (terms ORed), plus the scheduler-enforced args.addedAffinity. Score: the sum of the
 * weights of the matching preferred terms (the pod's and addedAffinity's), normalized by the maximum.
 * PreFilter returns Skip when there is nothing to check (PreScore: nothing to score), and a PreFilterResult
 * naming the nodes when every required term pins metadata.name with In (DaemonSet pods).
 */
import type { Node } from '../../../cluster/node.js';
import type { Labels, NodeSelectorTerm } from '../../../cluster/labels.js';
import { matchesAnyTerm as matchesNodeSelectorTerms, matchesTerm as matchesNodeSelectorTerm } from '../helper/node-selector.js';
import type { Pod, WeightedNodeSelectorTerm } from '../../../cluster/pod.js';
import type { CycleState, FilterPlugin, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interfaces.js';
import { MAX_NODE_SCORE } from '../../framework/interfaces.js';
import { PreFilterResult, Status } from '../../framework/status.js';
import { defaultNormalizeScore } from '../helper/normalize-score.js';
import type { ClusterEventWithHint } from '../../framework/queueing-hint.js';
import { nodeAffinityEvents } from './hints.js';

export const NAME = 'NodeAffinity';
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_ENFORCED = "node(s) didn't match scheduler-enforced node affinity";
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

/** NodeAffinityArgs (kubescheduler.config.k8s.io/v1). */
export interface NodeAffinityArgs {
  addedAffinity?: {
    required: readonly NodeSelectorTerm[] | undefined;
    preferred: readonly WeightedNodeSelectorTerm[];
  };
}

export const DEFAULT_NODE_AFFINITY_ARGS: NodeAffinityArgs = Object.freeze({});

/** No own keys (without the array Object.keys makes on every call). */
function isEmpty(labels: Labels): boolean {
  for (const _key in labels) return false;
  return true;
}

function matchesNodeSelector(selector: Labels, labels: Labels): boolean {
  for (const key in selector) if (labels[key] !== selector[key]) return false;
  return true;
}

export class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = NAME;
  /** EventsToRegister with queueing hints (hints.ts). */
  eventsToRegister(): readonly ClusterEventWithHint[] {
    return nodeAffinityEvents(this.addedRequired);
  }
  private readonly addedRequired: readonly NodeSelectorTerm[] | undefined;
  private readonly addedPreferred: readonly WeightedNodeSelectorTerm[] | undefined;

  constructor(args: NodeAffinityArgs) {
    this.addedRequired = args.addedAffinity?.required;
    this.addedPreferred = args.addedAffinity ? args.addedAffinity.preferred : undefined;
  }

  preFilter(_state: CycleState, pod: Pod): Status | PreFilterResult | null {
    const required = pod.spec.affinity?.nodeRequired;
    if (required === undefined && this.addedRequired === undefined && isEmpty(pod.spec.nodeSelector)) return Status.skip();
    if (required === undefined) return null;
    // Terms that all pin metadata.name with In but to disjoint sets can never match.
    let names: Set<string> | undefined;
    for (const t of required) {
      let termNames: Set<string> | undefined;
      for (const r of t.matchFields) {
        if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
        const s = new Set(r.values);
        termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
      }
      if (termNames === undefined) return null;
      names = new Set([...(names ?? []), ...termNames]);
    }
    if (names !== undefined && names.size === 0) return Status.unresolvable(ERR_REASON_CONFLICT);
    // Every term pins metadata.name: only those nodes are candidates.
    return names !== undefined ? new PreFilterResult(names) : null;
  }

  filter(_state: CycleState, pod: Pod, node: Node): Status | null {
    if (this.addedRequired !== undefined && !matchesNodeSelectorTerms(this.addedRequired, node.labels, node.name)) return Status.unresolvable(ERR_REASON_ENFORCED);
    if (!matchesNodeSelector(pod.spec.nodeSelector, node.labels)) return Status.unresolvable(ERR_REASON_POD);
    const required = pod.spec.affinity?.nodeRequired;
    if (required !== undefined && !matchesNodeSelectorTerms(required, node.labels, node.name)) return Status.unresolvable(ERR_REASON_POD);
    return null;
  }

  preScore(_state: CycleState, pod: Pod): Status | null {
    const preferred = pod.spec.affinity?.nodePreferred ?? [];
    return preferred.length === 0 && this.addedPreferred === undefined ? Status.skip() : null;
  }

  score(_state: CycleState, pod: Pod, node: Node): number {
    let count = 0;
    for (const t of pod.spec.affinity?.nodePreferred ?? []) if (t.weight !== 0 && matchesNodeSelectorTerm(t.preference, node.labels, node.name)) count += t.weight;
    for (const t of this.addedPreferred ?? []) if (t.weight !== 0 && matchesNodeSelectorTerm(t.preference, node.labels, node.name)) count += t.weight;
    return count;
  }

  normalizeScore(_state: CycleState, _pod: Pod, _nodes: readonly Node[], scores: number[]): Status | null {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
    return null;
  }
}

export function newNodeAffinity(args: unknown): NodeAffinity {
  return new NodeAffinity((args as NodeAffinityArgs | undefined) ?? DEFAULT_NODE_AFFINITY_ARGS);
}
