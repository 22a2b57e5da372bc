/**
 * PodTopologySpread (plugins/podtopologyspread): hard constraints (DoNotSchedule) in PreFilter/Filter,
 * soft ones (ScheduleAnyway) in PreScore/Score; system default constraints for pods without any.
 */
import type { Node } from '../../../cluster/node.js';
import type { Pod } from '../../../cluster/pod.js';
import type { ClusterStore } from '../../../cluster/store.js';
import type { CycleState, FilterPlugin, Handle, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interfaces.js';
import { Status } from '../../framework/status.js';
import type { PodTopologySpreadArgs } from './common.js';
import { DEFAULT_POD_TOPOLOGY_SPREAD_ARGS, podConstraints, selectorMatchesSelf } from './common.js';
import type { PreFilterState } from './filtering.js';
import { minMatchNum, preFilterState } from './filtering.js';
import { NodeCountCache } from './count-cache.js';
import type { PreScoreState } from './scoring.js';
import { normalize, preScoreState, scoreNode } from './scoring.js';

export const NAME = 'PodTopologySpread';
export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;
const PRE_FILTER_KEY = `PreFilter${NAME}`;
const PRE_SCORE_KEY = `PreScore${NAME}`;

export class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = NAME;
  private readonly cache: NodeCountCache;
  constructor(
    private readonly store: ClusterStore,
    private readonly args: PodTopologySpreadArgs,
  ) {
    this.cache = new NodeCountCache(store);
  }

  preFilter(state: CycleState, pod: Pod): Status | null {
    const constraints = podConstraints(pod, 'DoNotSchedule', this.args);
    if (constraints.length === 0) return Status.skip();
    state.write(PRE_FILTER_KEY, preFilterState(this.store, this.cache, pod, constraints));
    return null;
  }

  filter(state: CycleState, pod: Pod, node: Node): Status | null {
    const s = state.read<PreFilterState>(PRE_FILTER_KEY);
    if (!s || s.constraints.length === 0) return null;
    for (let i = 0; i < s.constraints.length; i++) {
      const c = s.constraints[i]!;
      const value = node.labels[c.topologyKey];
      if (value === undefined) return Status.unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH);
      const min = minMatchNum(s, i);
      const self = selectorMatchesSelf(c.selector, pod.labels) ? 1 : 0;
      const match = s.tpValueToMatchNum[i]!.get(value) ?? 0;
      if (match + self - min > c.maxSkew) return Status.unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH);
    }
    return null;
  }

  preScore(state: CycleState, pod: Pod, nodes: readonly Node[]): Status | null {
    if (nodes.length === 0) return null;
    const constraints = podConstraints(pod, 'ScheduleAnyway', this.args);
    if (constraints.length === 0) return Status.skip();
    const requireAll = pod.spec.topologySpreadConstraints.length > 0 || this.args.defaultingType !== 'System';
    state.write(PRE_SCORE_KEY, preScoreState(this.store, this.cache, pod, constraints, nodes, requireAll));
    return null;
  }

  score(state: CycleState, pod: Pod, node: Node): number {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    return s ? scoreNode(this.cache, s, pod, node) : 0;
  }

  normalizeScore(state: CycleState, _pod: Pod, nodes: readonly Node[], scores: number[]): Status | null {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    if (s) normalize(s, nodes, scores);
    return null;
  }
}

export function newPodTopologySpread(args: unknown, handle: Handle): PodTopologySpread {
  return new PodTopologySpread(handle.store, (args as PodTopologySpreadArgs | undefined) ?? DEFAULT_POD_TOPOLOGY_SPREAD_ARGS);
}
