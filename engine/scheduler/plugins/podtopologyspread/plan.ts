/**
 * A pod's spread constraints resolved once per (spec, labels, owner kind, namespace): pods of one
 * workload share their spec and labels objects, so every cycle after the first finds its constraints,
 * their index entries and its scratch arrays here without allocating.
 */
import type { Labels } from '../../../cluster/labels.js';
import type { Pod, PodSpec } from '../../../cluster/pod.js';
import type { Constraint, PodTopologySpreadArgs } from './common.js';
import { LABEL_HOSTNAME, ownerSelects, podConstraints, selectorMatchesSelf } from './common.js';
import type { DomainCounts, NodeView } from './domain-view.js';
import type { SelectorLine, SpreadIndex } from './spread-index.js';

/** PreFilter/Filter: the hard constraints (DoNotSchedule). */
export interface HardPlan {
  readonly constraints: readonly Constraint[];
  /** Matching pods per domain over the nodes that count, per constraint. */
  readonly counts: readonly DomainCounts[];
  /** 1 when the incoming pod matches the constraint's own selector, per constraint. */
  readonly self: readonly number[];
  /** The global minimum per constraint, written by each PreFilter (scratch). */
  readonly minMatch: number[];
}

/** PreScore/Score: the soft constraints (ScheduleAnyway). */
export interface SoftPlan {
  readonly constraints: readonly Constraint[];
  /** Candidates must carry every constraint's key (false for the system defaults). */
  readonly requireAll: boolean;
  readonly lines: readonly SelectorLine[];
  /** Matching pods per domain, per constraint; null for hostname constraints (counted per node in Score). */
  readonly counts: readonly (DomainCounts | null)[];
  /** For hostname constraints, the view that says which nodes carry the key; null for the others. */
  readonly hostViews: readonly (NodeView | null)[];
  /** Scratch per constraint, written by each PreScore. */
  readonly weights: number[];
  readonly topoSize: number[];
}

interface Plan {
  hard: HardPlan | undefined;
  soft: SoftPlan | undefined;
}

function keysOf(constraints: readonly Constraint[]): string[] {
  const keys: string[] = [];
  for (const c of constraints) if (!keys.includes(c.topologyKey)) keys.push(c.topologyKey);
  return keys;
}

function hasNodeAffinity(spec: PodSpec): boolean {
  return Object.keys(spec.nodeSelector).length > 0 || spec.affinity?.nodeRequired !== undefined;
}

export class SpreadPlans {
  /** [owner kind without default constraints, with] -> spec -> labels -> namespace -> plan. */
  private readonly plans = [new WeakMap<PodSpec, WeakMap<Labels, Map<string, Plan>>>(), new WeakMap<PodSpec, WeakMap<Labels, Map<string, Plan>>>()] as const;

  constructor(
    private readonly index: SpreadIndex,
    private readonly args: PodTopologySpreadArgs,
  ) {}

  hard(pod: Pod): HardPlan {
    const plan = this.plan(pod);
    return (plan.hard ??= this.buildHard(pod));
  }

  soft(pod: Pod): SoftPlan {
    const plan = this.plan(pod);
    return (plan.soft ??= this.buildSoft(pod));
  }

  private plan(pod: Pod): Plan {
    const bySpec = this.plans[ownerSelects(pod) ? 1 : 0];
    let byLabels = bySpec.get(pod.spec);
    if (!byLabels) bySpec.set(pod.spec, (byLabels = new WeakMap()));
    let byNs = byLabels.get(pod.labels);
    if (!byNs) byLabels.set(pod.labels, (byNs = new Map()));
    let plan = byNs.get(pod.namespace);
    if (!plan) byNs.set(pod.namespace, (plan = { hard: undefined, soft: undefined }));
    return plan;
  }

  private buildHard(pod: Pod): HardPlan {
    const constraints = podConstraints(pod, 'DoNotSchedule', this.args);
    const keys = keysOf(constraints);
    const counts = constraints.map((c) => this.index.domainCounts(this.lineOf(c, pod), this.viewOf(c, pod.spec, keys)));
    const self = constraints.map((c) => (selectorMatchesSelf(c.selector, pod.labels) ? 1 : 0));
    return { constraints, counts, self, minMatch: constraints.map(() => 0) };
  }

  private buildSoft(pod: Pod): SoftPlan {
    const constraints = podConstraints(pod, 'ScheduleAnyway', this.args);
    const requireAll = pod.spec.topologySpreadConstraints.length > 0 || this.args.defaultingType !== 'System';
    const keys = requireAll ? keysOf(constraints) : [];
    const lines = constraints.map((c) => this.lineOf(c, pod));
    const counts = constraints.map((c, i) => (c.topologyKey === LABEL_HOSTNAME ? null : this.index.domainCounts(lines[i]!, this.viewOf(c, pod.spec, keys))));
    const hostViews = constraints.map((c) => (c.topologyKey === LABEL_HOSTNAME ? this.index.view(c.topologyKey, [], null, null) : null));
    return { constraints, requireAll, lines, counts, hostViews, weights: constraints.map(() => 0), topoSize: constraints.map(() => 0) };
  }

  private lineOf(c: Constraint, pod: Pod): SelectorLine {
    return this.index.line(c.cacheKey, c.selector, pod.namespace);
  }

  private viewOf(c: Constraint, spec: PodSpec, requiredKeys: readonly string[]) {
    const affinityOf = c.nodeAffinityPolicy === 'Honor' && hasNodeAffinity(spec) ? spec : null;
    const tolerationsOf = c.nodeTaintsPolicy === 'Honor' ? spec : null;
    return this.index.view(c.topologyKey, requiredKeys, affinityOf, tolerationsOf);
  }
}
