/**
 * Failing cycles, remembered (PERFORMANCE.md lesson 4). A backlog of pods that cannot fit is retried on
 * every cluster event that might help (the scheduling queue's requeue rules): thousands of attempts
 * between two changes of the cluster, each walking every node to the same statuses. A failing cycle's
 * statuses depend only on the pod's spec (and, through PodTopologySpread and InterPodAffinity, on its
 * labels and namespace) and on the cluster: pods bound, terminating or gone, nodes, and nominations. So
 * the first failure at a cluster version is remembered, and a later attempt of a pod with the same spec,
 * the same PreFilter outcome, and the same labels (unless both label-reading filters were Skipped) at the
 * same version gets the same statuses without the walk. Every store pod or node event, and every change
 * of a nomination, is a new version. Only the fused path uses it; explain and the plugin-by-plugin path
 * always walk (test/scheduler/fast-path.test.ts compares the two).
 */
import type { Labels } from '../../cluster/labels.js';
import type { Node } from '../../cluster/node.js';
import type { Pod, PodSpec } from '../../cluster/pod.js';
import type { ClusterVersion } from '../framework/cluster-version.js';
import type { CycleState } from '../framework/interfaces.js';
import type { Status } from '../framework/status.js';
import { nodeIndexes } from './node-indexes.js';
import { withChanges } from '../framework/status-overlay.js';

interface Remembered {
  /** The node list the walk went over (a near miss needs the same one). */
  nodes: readonly Node[] | null;
  storeVersion: number;
  nominatorVersion: number;
  /** The labels the statuses were computed with, or null when no filter that reads labels ran. */
  labels: Labels | null;
  namespace: string;
  skip: number;
  statuses: ReadonlyMap<string, Status>;
  /** When a label-reading filter ran: what it read besides the node (NearMissPath.labelFingerprint). */
  fingerprint: readonly number[] | null;
  /** The nodes that carried nominated pods then (their statuses came from the two-pass filter). */
  nominated: readonly Node[];
  /**
   * False when the failing pod was itself nominated: its own nomination did not count on its node, as it
   * would for any other pod, so only a near miss (which filters nodes with nominations again) may reuse it.
   */
  exact: boolean;
  /** The failing pod's labels and owner, whatever its filters read (PreFilter may read them: replay()). */
  podLabels: Labels;
  owner: Pod['owner'];
}

/** A remembered failure as replay() hands it out: what PreFilter gave, and the statuses. */
export interface Replayable {
  readonly skip: number;
  readonly statuses: ReadonlyMap<string, Status>;
  readonly podLabels: Labels;
  readonly owner: Pod['owner'];
}

export class FailureMemo {
  nearHits = 0;
  /** Near hits of cycles in which PodTopologySpread read the pod's labels (a fingerprint matched). */
  nearHitsWithLabels = 0;
  private readonly bySpec = new Map<PodSpec, Remembered>();
  hits = 0;

  /** Per node index, the near() call that listed it (dedupe without a Set). */
  private listed = new Uint32Array(0);
  private calls = 0;

  constructor(private readonly cluster: ClusterVersion) {}

  /** Specs remembered (tests). */
  get size(): number {
    return this.bySpec.size;
  }

  /** Marks the node for this call; false when it was already marked. */
  private list(node: Node, stamp: number): boolean {
    const i = node.index;
    if (i >= this.listed.length) {
      const grown = new Uint32Array(Math.max(i + 1, this.listed.length * 2));
      grown.set(this.listed);
      this.listed = grown;
    }
    if (this.listed[i] === stamp) return false;
    this.listed[i] = stamp;
    return true;
  }

  private get storeVersion(): number {
    return this.cluster.version;
  }

  /**
   * The remembered statuses of a failing cycle for this pod at the current version, or undefined. `skip` is the
   * cycle's PreFilter Skip pattern (bit f = filter f skipped); `readsLabels` whether a filter reading the pod's labels runs.
   */
  get(pod: Pod, nominatorVersion: number, skip: number, readsLabels: boolean): ReadonlyMap<string, Status> | undefined {
    const r = this.entryFor(pod, nominatorVersion, skip);
    if (r === undefined || !r.exact || r.storeVersion !== this.storeVersion) return undefined;
    if (readsLabels ? r.labels !== pod.labels : r.labels !== null) return undefined;
    this.hits++;
    return r.statuses;
  }

  /**
   * The remembered failure a later attempt of `pod` would repeat without running PreFilter: same spec,
   * namespace, cluster and nominations, a pod not nominated itself, and `samePreFilter` vouching that
   * PreFilter would answer as it did (the same labels and owner, or plugins that do not read them);
   * else undefined. The caller then owes PreFilter's state to whoever reads it (a dry run).
   */
  replay(pod: Pod, nominatorVersion: number, samePreFilter: (pod: Pod, r: Replayable) => boolean): Replayable | undefined {
    if (pod.nominatedNodeName !== '') return undefined;
    const r = this.bySpec.get(pod.spec);
    if (r === undefined || !r.exact || r.storeVersion !== this.storeVersion || r.nominatorVersion !== nominatorVersion || r.namespace !== pod.namespace) return undefined;
    if (r.labels !== null && r.labels !== pod.labels) return undefined; // a label-reading filter ran: same labels only
    if (!samePreFilter(pod, r)) return undefined;
    this.hits++;
    return r;
  }

  /**
   * A near miss: the spec failed at an older version over the same nodes. Either no label-reading filter
   * ran (`fingerprint` null) or one did and read the same state as then (the same labels and an equal
   * fingerprint), so only some nodes can answer differently: those changed since, and those that carry
   * nominated pods now or did then (a nomination counts on its node only, through the two-pass filter).
   * Returns the remembered statuses and those nodes, or undefined.
   */
  near(pod: Pod, skip: number, nodes: readonly Node[], fingerprint: readonly number[] | null, nominated: readonly Node[]): { statuses: ReadonlyMap<string, Status>; changed: Node[] } | undefined {
    const r = this.bySpec.get(pod.spec);
    if (r === undefined || r.skip !== skip || r.namespace !== pod.namespace) return undefined;
    // Changes only accumulate: an entry too old for a near miss now stays so (and so does one for another
    // node list, which only ever changes into a new one); dropped, so later pods of the spec skip the count.
    if (r.nodes !== nodes) return this.stale(pod.spec, r);
    if (fingerprint === null ? r.labels !== null : r.labels !== pod.labels || !sameNumbers(r.fingerprint, fingerprint)) return undefined;
    const changed: Node[] = [];
    const since = r.storeVersion;
    // More changed nodes than this and the near miss is not worth it (nearMiss walks instead).
    const max = nodes.length / 8;
    // The recent changes, when few enough (else every node's last change; the order does not matter).
    const listed = this.cluster.changedSince(since, max, changed);
    if (listed >= 0) changed.length = listed;
    else {
      changed.length = 0;
      const changedAt = this.cluster.changedAt;
      const indexes = nodeIndexes(nodes);
      for (let i = 0; i < indexes.length; i++) {
        if ((changedAt[indexes[i]!] ?? 0) <= since) continue;
        if (changed.length >= max) return this.stale(pod.spec, r);
        changed.push(nodes[i]!);
      }
    }
    if (r.nominated.length > 0 || nominated.length > 0) {
      const stamp = ++this.calls;
      for (const node of changed) this.list(node, stamp);
      for (const list of [r.nominated, nominated]) {
        for (const node of list) if (!node.deleted && this.list(node, stamp)) changed.push(node);
      }
    }
    return { statuses: r.statuses, changed };
  }

  /** Forgets a remembered failure no near miss can start from any more (undefined, for near()). */
  private stale(spec: PodSpec, r: Remembered): undefined {
    // An exact hit needs the same version, which an entry with changes since never sees again either.
    if (r.storeVersion !== this.storeVersion) this.bySpec.delete(spec);
    return undefined;
  }

  /** The spec's remembered failure when it was for the same namespace, Skip pattern and nominations (version). */
  private entryFor(pod: Pod, nominatorVersion: number, skip: number): Remembered | undefined {
    const r = this.bySpec.get(pod.spec);
    if (r === undefined || r.nominatorVersion !== nominatorVersion || r.skip !== skip || r.namespace !== pod.namespace) return undefined;
    return r;
  }

  /**
   * `nodes`: the walk, when a later near miss may start from these statuses; `fingerprint`: what the
   * label-reading filters read, when one ran and can say (else a near miss needs the same version);
   * `nominated`: the nodes that carried nominated pods during the walk.
   */
  remember(pod: Pod, nominatorVersion: number, skip: number, readsLabels: boolean, statuses: ReadonlyMap<string, Status>, nodes: readonly Node[] | null = null, fingerprint: readonly number[] | null = null, nominated: readonly Node[] = NONE): void {
    if (this.bySpec.size >= MAX_SPECS && !this.bySpec.has(pod.spec)) this.bySpec.delete(this.bySpec.keys().next().value!);
    if (readsLabels && fingerprint === null) nodes = null;
    const copy = nominated.length === 0 ? NONE : nominated.slice();
    this.bySpec.set(pod.spec, { nodes, storeVersion: this.storeVersion, nominatorVersion, labels: readsLabels ? pod.labels : null, namespace: pod.namespace, skip, statuses, fingerprint: readsLabels ? fingerprint : null, nominated: copy, exact: pod.nominatedNodeName === '', podLabels: pod.labels, owner: pod.owner });
  }
}

function sameNumbers(a: readonly number[] | null, b: readonly number[]): boolean {
  if (a === null || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const NONE: readonly Node[] = Object.freeze([]);

/** Specs remembered at once (one entry each, the latest failure). */
const MAX_SPECS = 256;

/** The PreFilter Skip pattern as bits (the default profile has 9 filters). */
export function skipBits(skip: readonly boolean[]): number {
  let bits = 0;
  for (let i = 0; i < skip.length; i++) if (skip[i]) bits |= 1 << i;
  return skip.length <= 30 ? bits : Number.NaN; // NaN never equals itself: no reuse
}

/** What a near miss needs of the fused path. */
export interface NearMissPath {
  readonly failures: FailureMemo | undefined;
  statusOf(state: CycleState, pod: Pod, node: Node, skip: readonly boolean[]): Status | null;
}

/**
 * The cycle's label fingerprint for the memo: null when no label-reading filter runs, else what they read
 * (undefined when one runs that cannot say: no near miss then).
 */
export type LabelFingerprint = readonly number[] | null | undefined;

/** A cycle as a near miss sees it. */
export interface NearMissCycle {
  /** The walk (all nodes, in order). */
  walk: readonly Node[];
  nominatorVersion: number;
  /** The PreFilter Skip pattern, as bits and per filter. */
  skipKey: number;
  skip: readonly boolean[];
  fingerprint: readonly number[] | null;
  /** The nodes that carry nominated pods, marked by index, and their two-pass filter (none: empty, null). */
  nominated: readonly Node[];
  mark: Uint8Array | null;
  override: ((state: CycleState, pod: Pod, node: Node) => Status | null) | null;
}

/**
 * A failing cycle rebuilt from the spec's previous failure (FailureMemo.near): only the nodes that may
 * answer differently are filtered again (nodes with nominated pods through the two-pass filter); if none
 * of them passes now, the pod fails with the previous statuses updated for those nodes (the same result
 * as a full walk, which finds no node either). Undefined: walk.
 */
export function nearMiss(fast: NearMissPath, state: CycleState, pod: Pod, c: NearMissCycle): ReadonlyMap<string, Status> | undefined {
  const memo = fast.failures!;
  const near = memo.near(pod, c.skipKey, c.walk, c.fingerprint, c.nominated);
  if (near === undefined || near.changed.length > c.walk.length / 8) return undefined;
  const updates: Status[] = [];
  let same = true;
  for (const node of near.changed) {
    const s = c.mark !== null && c.mark[node.index] === 1 ? c.override!(state, pod, node) : fast.statusOf(state, pod, node, c.skip);
    if (s === null) return undefined; // a changed node admits the pod now: the real walk decides
    updates.push(s);
    if (same && !sameStatus(s, near.statuses.get(node.name))) same = false;
  }
  const readsLabels = c.fingerprint !== null;
  memo.nearHits++;
  if (readsLabels) memo.nearHitsWithLabels++;
  if (same) {
    // The changed nodes reject the pod as before (e.g. the freed room was taken again): the very same map,
    // so the FitError text and preemption's candidates, cached per map, are reused too.
    memo.remember(pod, c.nominatorVersion, c.skipKey, readsLabels, near.statuses, c.walk, c.fingerprint, c.nominated);
    return near.statuses;
  }
  // The previous statuses with the changed nodes' new ones: an overlay, not a copy of every entry.
  const statuses = withChanges(near.statuses, near.changed.map((n) => n.name), updates);
  memo.remember(pod, c.nominatorVersion, c.skipKey, readsLabels, statuses, c.walk, c.fingerprint, c.nominated);
  return statuses;
}

/** Same code, plugin and reasons: the statuses would read the same everywhere they are used. */
function sameStatus(a: Status, b: Status | undefined): boolean {
  if (b === undefined || a.code !== b.code || a.plugin !== b.plugin || a.reasons.length !== b.reasons.length) return false;
  for (let i = 0; i < a.reasons.length; i++) if (a.reasons[i] !== b.reasons[i]) return false;
  return true;
}
