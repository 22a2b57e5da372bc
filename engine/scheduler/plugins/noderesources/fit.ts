/**
 * NodeResourcesFit (plugins/noderesources/fit.go). Filter: fitsRequest, actual requests
 * (init-container and overhead rules are in PodSpec.requests): the pod count always; cpu, memory,
 * ephemeral-storage and scalar resources only when requested, with args.ignoredResources and
 * ignoredResourceGroups applying to extended resources only. Score: the configured scoring strategy
 * over the configured resources with the non-zero request rules.
 */
import type { Node } from '../../../cluster/node.js';
import type { Pod, PodSpec } from '../../../cluster/pod.js';
import { PODS } from '../../../cluster/resources.js';
import type { ResourceNames } from '../../../cluster/resources.js';
import type { CycleState, FilterPlugin, Handle, PreScorePlugin, ScorePlugin } from '../../framework/interfaces.js';
import { Status } from '../../framework/status.js';
import type { ResourceSpec } from './resource-allocation.js';
import { DEFAULT_RESOURCES, ResourceAllocation } from './resource-allocation.js';
import type { Scorer, UtilizationShapePoint } from './strategies.js';
import { leastAllocated, mostAllocated, requestedToCapacityRatio } from './strategies.js';
import type { ClusterEventWithHint } from '../../framework/queueing-hint.js';
import { FIT_EVENTS } from './fit-hints.js';

export const NAME = 'NodeResourcesFit';
export const SCORING_STRATEGIES = ['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio'] as const;
export type ScoringStrategyType = (typeof SCORING_STRATEGIES)[number];

/** NodeResourcesFitArgs (kubescheduler.config.k8s.io/v1). */
export interface NodeResourcesFitArgs {
  ignoredResources: readonly string[];
  ignoredResourceGroups: readonly string[];
  scoringStrategy: {
    type: ScoringStrategyType;
    resources: readonly ResourceSpec[];
    requestedToCapacityRatio?: { shape: readonly UtilizationShapePoint[] };
  };
}

/** Defaults from apis/config/v1/defaults.go SetDefaults_NodeResourcesFitArgs. */
export const DEFAULT_NODE_RESOURCES_FIT_ARGS: NodeResourcesFitArgs = Object.freeze({
  ignoredResources: Object.freeze([]),
  ignoredResourceGroups: Object.freeze([]),
  scoringStrategy: Object.freeze({ type: 'LeastAllocated', resources: DEFAULT_RESOURCES }),
});

/** v1helper.IsExtendedResourceName: has a '/', and is not in the kubernetes.io/ namespace. */
export function isExtendedResourceName(name: string): boolean {
  return name.includes('/') && !name.includes('kubernetes.io/') && !name.startsWith('requests.');
}

export function insufficientReasons(pod: Pod, node: Node, names: ResourceNames, ignored?: ArrayLike<boolean>): string[] {
  const reasons: string[] = [];
  const req = pod.spec.requests;
  const alloc = node.allocatable;
  const used = node.requested;
  if (node.podCount + 1 > (alloc[PODS] ?? 0)) reasons.push('Too many pods');
  for (let i = 0; i < req.length; i++) {
    if (i === PODS) continue;
    const r = req[i]!;
    if (r <= 0 || (ignored !== undefined && ignored[i])) continue;
    if (r > (alloc[i] ?? 0) - (used[i] ?? 0)) reasons.push(`Insufficient ${names.name(i)}`);
  }
  return reasons;
}

function scorerFor(args: NodeResourcesFitArgs): Scorer {
  switch (args.scoringStrategy.type) {
    case 'MostAllocated':
      return mostAllocated;
    case 'RequestedToCapacityRatio':
      return requestedToCapacityRatio(args.scoringStrategy.requestedToCapacityRatio?.shape ?? []);
    default:
      return leastAllocated;
  }
}

export class NodeResourcesFit implements FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = NAME;
  /** EventsToRegister with queueing hints (fit-hints.ts). */
  eventsToRegister(): readonly ClusterEventWithHint[] {
    return FIT_EVENTS;
  }
  private readonly names: ResourceNames;
  private ignored: boolean[] | null = null;
  private checkedSpec: PodSpec | null = null;
  private checked = new Int32Array(0);
  private readonly alloc: ResourceAllocation;
  private readonly scorer: Scorer;

  constructor(
    handle: Handle,
    readonly args: NodeResourcesFitArgs,
  ) {
    this.names = handle.store.resources;
    this.alloc = new ResourceAllocation(args.scoringStrategy.resources, this.names, false);
    this.scorer = scorerFor(args);
  }

  /** Which resource indices the filter skips (computed once the resource names are final). */
  private ignoredIndices(): boolean[] {
    if (this.ignored && this.ignored.length === this.names.size) return this.ignored;
    const { ignoredResources, ignoredResourceGroups } = this.args;
    const out: boolean[] = [];
    for (let i = 0; i < this.names.size; i++) {
      const n = this.names.name(i);
      out.push(i > PODS && isExtendedResourceName(n) && (ignoredResources.includes(n) || ignoredResourceGroups.includes(n.split('/')[0]!)));
    }
    this.ignored = out;
    return out;
  }

  /** Whether the pod fits (the Filter's verdict without building reasons; no allocation). */
  fits(pod: Pod, node: Node): boolean {
    const alloc = node.allocatable;
    if (node.podCount + 1 > (alloc[PODS] ?? 0)) return false;
    const spec = pod.spec;
    if (spec !== this.checkedSpec) this.prepareChecks(spec);
    const idx = this.checked;
    const req = spec.requests;
    const used = node.requested;
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k]!;
      if (req[i]! > (alloc[i] ?? 0) - (used[i] ?? 0)) return false;
    }
    return true;
  }

  /** The resources the filter checks for a spec: requested (> 0), not pods, not ignored. */
  private prepareChecks(spec: PodSpec): void {
    const ignored = this.ignoredIndices();
    const out: number[] = [];
    for (let i = 0; i < spec.requests.length; i++) if (i !== PODS && spec.requests[i]! > 0 && !ignored[i]) out.push(i);
    this.checked = Int32Array.from(out);
    this.checkedSpec = spec;
  }

  filter(_state: CycleState, pod: Pod, node: Node): Status | null {
    if (this.fits(pod, node)) return null;
    const reasons = insufficientReasons(pod, node, this.names, this.ignoredIndices());
    return reasons.length === 0 ? null : this.rejection(reasons);
  }

  /**
   * One Status per distinct list of reasons (a Status is never changed once made, and this plugin names
   * itself on each): a backlog's failing walk over thousands of full nodes allocates no Status per node,
   * and its statuses table (walk-statuses.ts) and FitError counts have a few entries, not one per node.
   */
  private readonly rejections = new Map<string, Status>();

  private rejection(reasons: string[]): Status {
    const key = reasons.length === 1 ? reasons[0]! : reasons.join('\n');
    let s = this.rejections.get(key);
    if (s === undefined) {
      s = Status.unschedulable(...reasons);
      this.rejections.set(key, s);
    }
    return s;
  }

  preScore(_state: CycleState, pod: Pod): Status | null {
    this.alloc.podRequestList(pod.spec);
    return null;
  }

  score(_state: CycleState, pod: Pod, node: Node): number {
    this.alloc.collect(pod.spec, node);
    return this.scorer(this.alloc.requested, this.alloc.allocatable, this.alloc.weights);
  }
}

export function newNodeResourcesFit(args: unknown, handle: Handle): NodeResourcesFit {
  return new NodeResourcesFit(handle, (args as NodeResourcesFitArgs | undefined) ?? DEFAULT_NODE_RESOURCES_FIT_ARGS);
}
