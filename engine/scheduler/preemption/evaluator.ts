/**
 * The preemption evaluator (Evaluator.Preempt in pkg/scheduler/framework/preemption/preemption.go):
 * eligibility, candidates from the nodes that failed with Unschedulable, a dry run from a random
 * offset until enough candidates are found, the pick, then the graceful eviction of the victims.
 */
import { fitErrorMessage as fitErrorText } from '../framework/fit-error.js';
import type { Node } from '../../cluster/node.js';
import type { Pod } from '../../cluster/pod.js';
import { isTerminating, podKey } from '../../cluster/pod.js';
import type { Handle, CycleState, PostFilterResult } from '../framework/interfaces.js';
import type { ClusterVersion } from '../framework/cluster-version.js';
import type { FilterProfile } from '../framework/node-simulation.js';
import { Code, Status } from '../framework/status.js';
import type { Nominator } from '../queue/nominator.js';
import type { Candidate } from './candidates.js';
import { pickOneNodeForPreemption } from './candidates.js';
import type { PdbLister } from './pdb.js';
import type { DryRunContext } from './victims.js';
import { NO_VICTIMS, liveVerdictsHold, selectVictimsOnNode } from './victims.js';
import { fruitlessKey, knownFruitless, rememberFruitless } from './fruitless.js';
import type { BindLog } from './bind-log.js';
import { LowestPriority } from './lowest-priority.js';
import { StatusOverlay } from '../framework/status-overlay.js';
import { WalkStatuses } from '../framework/walk-statuses.js';
import { StatusTally } from '../framework/status-tally.js';

/** What preemption needs from the scheduler beyond the plain Handle. */
export interface PreemptionHandle extends Handle {
  readonly nominator: Nominator;
  readonly pdbLister: PdbLister;
  /** Live nodes in the scheduler's order. */
  nodes(): readonly Node[];
  /** The filters of the profile that schedules `pod`. */
  filterProfile(pod: Pod): FilterProfile;
  /** Lowest priority among pods bound to nodes (Infinity when none): a shortcut, never a change of result. */
  lowestBoundPriority?(): number;
  /** Every bind, in order (bind-log.ts): what no longer needs a walk of the nodes after one. */
  readonly binds?: BindLog;
  /** The cluster's version as filters see it, shared with the fused path's failure memo; with it, fruitless dry runs are remembered. */
  readonly cluster?: ClusterVersion;
}

export function isPreemptionHandle(h: Handle): h is PreemptionHandle {
  const p = h as Partial<PreemptionHandle>;
  return p.nominator !== undefined && typeof p.nodes === 'function' && typeof p.filterProfile === 'function';
}

export interface CandidateLimits {
  minCandidateNodesPercentage: number;
  minCandidateNodesAbsolute: number;
}

/** Reason recorded on victims: the DisruptionTarget condition's PreemptionByScheduler. */
export const PREEMPTED_REASON = 'Preempted';

export interface PreemptOutcome {
  result: PostFilterResult | null;
  status: Status | null;
}

/** calculateNumCandidates: n·pct/100, at least the absolute minimum, at most n. */
export function numCandidates(numNodes: number, limits: CandidateLimits): number {
  let n = Math.trunc((numNodes * limits.minCandidateNodesPercentage) / 100);
  if (n < limits.minCandidateNodesAbsolute) n = limits.minCandidateNodesAbsolute;
  if (n > numNodes) n = numNodes;
  return n;
}

/** PodEligibleToPreemptOthers. */
export function podEligibleToPreemptOthers(h: PreemptionHandle, pod: Pod, nominatedStatus: Status | undefined): string | null {
  if (pod.spec.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
  const nom = pod.nominatedNodeName;
  if (nom === '') return null;
  if (nominatedStatus?.code === Code.UnschedulableAndUnresolvable) return null;
  const node = h.store.node(nom);
  if (node === undefined) return null;
  for (const p of h.store.podsOn(node)) {
    if (p.spec.priority < pod.spec.priority && isTerminating(p) && p.reason === PREEMPTED_REASON) {
      return 'not eligible due to a terminating pod on the nominated node.';
    }
  }
  return null;
}

/** Preempt: returns the nominated node (Success) or why preemption cannot help (Unschedulable). */
export function preempt(h: PreemptionHandle, limits: CandidateLimits, state: CycleState, pod: Pod, statuses: ReadonlyMap<string, Status>, pluginName: string): PreemptOutcome {
  // (the nominated node's status only for a nominated pod: a backlog's statuses may be a chain of overlays)
  const notEligible = podEligibleToPreemptOthers(h, pod, pod.nominatedNodeName === '' ? undefined : statuses.get(pod.nominatedNodeName));
  if (notEligible !== null) return { result: null, status: Status.unschedulable(notEligible).withPlugin(pluginName) };
  const nodes = h.nodes();
  const potential = potentialNodes(nodes, statuses);
  if (h.lowestBoundPriority !== undefined && h.lowestBoundPriority() >= pod.spec.priority) {
    // No bound pod anywhere has a lower priority: every potential node would answer "no victims".
    return noCandidate(nodes.length, potential.length, pluginName);
  }
  const known = knownFruitless(h, pod, statuses, nodes);
  if (known !== undefined) {
    // The same dry run at the same cluster version found no candidate: it visits every potential node
    // whatever its random offset, so only the offset's draw is repeated.
    if (potential.length > 0) h.rng.int(potential.length);
    return known;
  }
  const key = fruitlessKey(h, pod, statuses, nodes);
  if (potential.length > 0 && !anyLowerPriority(h, potential, pod.spec.priority)) {
    // No potential node has a pod of lower priority: the dry run would answer "no victims" on each, whatever
    // its random offset (still drawn, as the dry run would).
    h.rng.int(potential.length);
    const outcome = noCandidate(nodes.length, potential.length, pluginName);
    rememberFruitless(h, key, outcome);
    return outcome;
  }
  const dryRun = new StatusTally();
  const candidates = potential.length === 0 ? [] : dryRunPreemption(h, limits, state, pod, potential, dryRun, statuses);
  const best = pickOneNodeForPreemption(candidates);
  if (best === undefined) {
    // A FitError over the dry run's statuses; the nomination is cleared (NominatedNodeName "").
    const message = `preemption: ${fitErrorMessage(nodes, dryRun)}`;
    const outcome: PreemptOutcome = { result: Object.freeze({ nominatedNode: '', victims: Object.freeze([]) as unknown as Pod[] }), status: Status.unschedulable(message).withPlugin(pluginName) };
    rememberFruitless(h, key, outcome);
    return outcome;
  }
  prepareCandidate(h, best, pod);
  return { result: { nominatedNode: best.node.name, victims: best.victims }, status: null };
}

/** Nodes whose filters failed with Unschedulable (not Unresolvable), once per statuses map and node list. */
const potentialCache = new WeakMap<ReadonlyMap<string, Status>, { nodes: readonly Node[]; potential: Node[] }>();

function potentialNodes(nodes: readonly Node[], statuses: ReadonlyMap<string, Status>): Node[] {
  const known = potentialCache.get(statuses);
  if (known !== undefined && known.nodes === nodes) return known.potential;
  // A near miss's overlay whose changed nodes kept their side of Unschedulable has its parent's list.
  let potential: Node[];
  if (statuses instanceof StatusOverlay && sameSides(statuses)) potential = potentialNodes(nodes, statuses.parent);
  else if (statuses instanceof WalkStatuses && statuses.nodes === nodes) potential = nodes.filter((_n, i) => statuses.statusAt(i).code === Code.Unschedulable);
  else potential = nodes.filter((n) => statuses.get(n.name)?.code === Code.Unschedulable);
  potentialCache.set(statuses, { nodes, potential });
  return potential;
}

function sameSides(o: StatusOverlay): boolean {
  for (const [name, now] of o.changes) if ((o.parent.get(name)?.code === Code.Unschedulable) !== (now.code === Code.Unschedulable)) return false;
  return true;
}

/**
 * DryRunPreemption: from a random offset, until enough candidates (one respecting all PDBs). `live`: the
 * failing cycle's statuses, which let a node rejected by a filter that reads no removal skip its walk.
 */
export function dryRunPreemption(h: PreemptionHandle, limits: CandidateLimits, state: CycleState, pod: Pod, potential: readonly Node[], statuses?: StatusSink, live?: ReadonlyMap<string, Status>): Candidate[] {
  const offset = h.rng.int(potential.length);
  const wanted = numCandidates(potential.length, limits);
  const profile = h.filterProfile(pod);
  const ctx: DryRunContext = {
    profile,
    state,
    podsOn: (node) => h.store.podsOn(node),
    nominated: (node) => h.nominator.podsFor(node.name),
    pdbs: h.pdbLister(),
    liveRejections: live !== undefined && liveVerdictsHold(profile) ? live : null,
    lowestPriority: lowestOf(h),
  };
  const nonViolating: Candidate[] = [];
  const violating: Candidate[] = [];
  for (let i = 0; i < potential.length; i++) {
    const node = potential[(offset + i) % potential.length]!;
    const r = selectVictimsOnNode(ctx, pod, node);
    if (r instanceof Status) {
      statuses?.set(node.name, r);
      continue;
    }
    const c: Candidate = { node, victims: r.victims, numPDBViolations: r.numPDBViolations };
    (c.numPDBViolations === 0 ? nonViolating : violating).push(c);
    if (nonViolating.length > 0 && nonViolating.length + violating.length >= wanted) break;
  }
  return [...nonViolating, ...violating];
}

function anyLowerPriority(h: PreemptionHandle, nodes: readonly Node[], priority: number): boolean {
  // A list found without lower-priority pods stays so until a pod of lower priority is bound on one of its
  // nodes (pods leaving cannot add one). Potential lists are kept per statuses map, and a near miss that keeps
  // every node's side shares its parent's: a backlog asks about the same list after each cluster change.
  const log = h.binds;
  const known = noLowerOn.get(nodes);
  if (log !== undefined && known !== undefined && known.priority === priority && noLowerBindSince(log, known, nodes, priority)) {
    known.binds = log.count;
    return false;
  }
  const lowest = lowestOf(h);
  for (const node of nodes) if (lowest(node) < priority) return true;
  if (log !== undefined) noLowerOn.set(nodes, { priority, binds: log.count, mark: known?.mark ?? null });
  return false;
}

interface NoLower {
  priority: number;
  /** The bind count when the list was last known to hold no pod below `priority`. */
  binds: number;
  /** The list's nodes by index (made on the first bind below `priority` since then). */
  mark: Uint8Array | null;
}

/** Potential node lists found without a pod below `priority`. */
const noLowerOn = new WeakMap<readonly Node[], NoLower>();

/** Whether no pod below `priority` was bound on one of `nodes` since `known` (false also when the log no longer tells). */
function noLowerBindSince(log: BindLog, known: NoLower, nodes: readonly Node[], priority: number): boolean {
  if (known.binds === log.count) return true;
  if (!log.holds(known.binds)) return false;
  for (let k = known.binds; k < log.count; k++) {
    if (log.priorityAt(k) >= priority) continue;
    const mark = (known.mark ??= markOf(nodes));
    const i = log.nodeAt(k);
    if (i < mark.length && mark[i] === 1) return false;
  }
  return true;
}

function markOf(nodes: readonly Node[]): Uint8Array {
  let max = -1;
  for (const n of nodes) if (n.index > max) max = n.index;
  const mark = new Uint8Array(max + 1);
  for (const n of nodes) mark[n.index] = 1;
  return mark;
}

/** One LowestPriority per scheduler (its handle). */
const lowestByHandle = new WeakMap<PreemptionHandle, (node: Node) => number>();

function lowestOf(h: PreemptionHandle): (node: Node) => number {
  let f = lowestByHandle.get(h);
  if (f === undefined) {
    const lowest = new LowestPriority((node) => h.store.podsOn(node));
    lowestByHandle.set(h, (f = (node) => lowest.of(node)));
  }
  return f;
}

/**
 * prepareCandidate: victims are deleted gracefully through the store (they stop after their
 * terminationGracePeriod), and lower-priority pods nominated to the same node lose their nomination.
 */
function prepareCandidate(h: PreemptionHandle, c: Candidate, pod: Pod): void {
  const by = podKey(pod);
  for (const v of c.victims) {
    v.reason = PREEMPTED_REASON;
    h.store.record('PodPreempted', podKey(v), c.node.name, `preempted by ${by}`);
    h.store.markDeleting(v);
  }
  for (const np of [...h.nominator.podsFor(c.node.name)]) {
    if (np.spec.priority < pod.spec.priority) h.nominator.delete(np);
  }
}

/**
 * The no-candidate outcome when every potential node has no victims (same text as fitErrorMessage). A
 * backlog retried after every deletion asks for the same one again and again: the last one is reused
 * (nobody changes an outcome once made).
 */
function noCandidate(total: number, potential: number, pluginName: string): PreemptOutcome {
  const last = lastNoCandidate;
  if (last !== null && last.total === total && last.potential === potential && last.pluginName === pluginName) return last.outcome;
  const counts = new Map([[NO_VICTIMS.reasons[0]!, potential], [NOT_HELPFUL, total - potential]]);
  const outcome: PreemptOutcome = { result: Object.freeze({ nominatedNode: '', victims: Object.freeze([]) as unknown as Pod[] }), status: Status.unschedulable(`preemption: ${fitErrorText(total, counts)}`).withPlugin(pluginName) };
  lastNoCandidate = { total, potential, pluginName, outcome };
  return outcome;
}

let lastNoCandidate: { total: number; potential: number; pluginName: string; outcome: PreemptOutcome } | null = null;

/** Preemption is not helpful on nodes outside the dry run (the absent-nodes status). */
const NOT_HELPFUL = 'Preemption is not helpful for scheduling';

/** Where a dry run puts each node's status (a Map, or a tally when only the message is wanted). */
export interface StatusSink {
  set(nodeName: string, s: Status): unknown;
}

/** "0/3 nodes are available: 1 Insufficient cpu, 2 No preemption victims found for incoming pod." */
export function fitErrorMessage(nodes: readonly Node[], statuses: ReadonlyMap<string, Status> | StatusTally): string {
  // The histogram is sorted as text, so the counting order does not matter: statuses first, then the
  // nodes without one (every status is for one of the nodes: the dry run visits a subset of them).
  const counts = (statuses instanceof StatusTally ? statuses : StatusTally.of(statuses.values())).reasonCounts();
  const absent = nodes.length - statuses.size;
  if (absent > 0) counts.set(NOT_HELPFUL, (counts.get(NOT_HELPFUL) ?? 0) + absent);
  return fitErrorText(nodes.length, counts);
}
