/**
 * Static per-spec feasibility for the fused default-profile path (PERFORMANCE.md lesson 4): the filters
 * NodeUnschedulable, NodeName, TaintToleration and NodeAffinity depend only on the pod spec (tolerations,
 * nodeName, nodeSelector, required node affinity) and on the node's name, labels, taints and
 * unschedulable flag. Their conjunction is cached per spec as one byte per node (by node.index), so the
 * node walk costs a byte check per statically infeasible node.
 *
 * Entries are updated incrementally from the store's node events: a taint, unschedulable or label
 * change recomputes just that node's byte in every entry (node failures change taints all the time),
 * NodeAdded grows every entry by the new node; a removed node is never walked again. The cache holds at
 * most MAX_ENTRIES specs (a spec arriving when it is full evicts the oldest entry, which only costs a
 * recomputation later: the bytes never decide anything the filters would not).
 */
import type { Node } from '../../cluster/node.js';
import type { Pod, PodSpec } from '../../cluster/pod.js';
import type { StoreEvents } from '../../cluster/store-events.js';
import type { CycleState } from '../framework/interfaces.js';
import { Code } from '../framework/status.js';
import type { Status } from '../framework/status.js';

/** The filter part of a plugin, as the fused path calls it. */
export interface StaticFilter {
  readonly name: string;
  filter(state: CycleState, pod: Pod, node: Node): Status | null;
}

/** Specs cached at once (scale-5k has a few dozen templates). */
export const MAX_ENTRIES = 256;

const NOT_PINNED: readonly string[] = [];
/** Distinct static rejections shared at most (reasons name taints and labels, not nodes: a few dozen). */
const MAX_INTERNED = 4096;
const pinnedCache = new WeakMap<PodSpec, readonly string[]>();

/**
 * Node names outside of which the spec can never pass NodeName/NodeAffinity (spec.nodeName, or required
 * node affinity whose every term has a matchFields metadata.name In requirement, as DaemonSet pods have),
 * else null. Such specs are one per node: caching them would only evict the shared ones.
 */
export function pinnedNames(spec: PodSpec): readonly string[] | null {
  let out = pinnedCache.get(spec);
  if (out === undefined) {
    out = computePinned(spec);
    pinnedCache.set(spec, out);
  }
  return out === NOT_PINNED ? null : out;
}

function computePinned(spec: PodSpec): readonly string[] {
  if (spec.nodeName !== '') return [spec.nodeName];
  const terms = spec.affinity?.nodeRequired;
  if (terms === undefined || terms.length === 0) return NOT_PINNED;
  const names: string[] = [];
  for (const t of terms) {
    const r = t.matchFields.find((f) => f.key === 'metadata.name' && f.operator === 'In');
    if (r === undefined) return NOT_PINNED;
    names.push(...r.values);
  }
  return names;
}

interface Entry {
  /** A pod of the spec: the filters read only pod.spec. */
  readonly pod: Pod;
  ok: Uint8Array;
  /** The first failing static filter's Status per node index, filled when a cycle finds no node. */
  rejections: (Status | null | undefined)[] | null;
  /** Bumped whenever `ok` changes (in place or replaced): positions below are then recomputed. */
  version: number;
  /** The ascending positions in `posOf` of the nodes with ok = 1, as of `posVersion`. */
  positions: Int32Array | null;
  posOf: readonly Node[] | null;
  posVersion: number;
}

export class StaticFeasibility {
  private readonly entries = new Map<PodSpec, Entry>();
  /** One node array per known index (live or not), so new entries can be filled without the store. */
  private readonly known: (Node | undefined)[] = [];
  private lastNodes: readonly Node[] | null = null;
  private readonly byName = new Map<string, Node>();
  private scratch = new Uint8Array(0);
  /** Without store events the bytes could go stale: every cycle then computes them afresh. */
  private readonly live: boolean;

  /** `filters` are the static filters in profile order; `state` an empty CycleState (they read none). */
  constructor(
    private readonly filters: readonly StaticFilter[],
    private readonly state: CycleState,
    events?: StoreEvents,
  ) {
    this.live = events !== undefined;
    events?.onNode((type, node) => {
      if (type === 'NodeAdded' || type === 'NodeTaintsChanged' || type === 'NodeLabelsChanged') this.nodeChanged(node);
    });
  }

  /** True when every static filter passes `node` for `pod` (a fresh computation, no cache). */
  passes(pod: Pod, node: Node): boolean {
    const state = this.state;
    for (const f of this.filters) {
      const s = f.filter(state, pod, node);
      if (s !== null && s.code !== Code.Success) return false;
    }
    return true;
  }

  /**
   * The byte array of `pod.spec` over node indexes (1 = passes the static filters), computed for `nodes`
   * when the spec is new. Valid for the nodes of the cycle: they are live, so the events kept them current.
   */
  forPod(pod: Pod, nodes: readonly Node[]): Uint8Array {
    if (nodes !== this.lastNodes) {
      this.lastNodes = nodes;
      for (const n of nodes) if (this.known[n.index] !== n) this.remember(n);
    }
    const pinned = pinnedNames(pod.spec);
    if (pinned !== null) return this.forPinned(pod, pinned);
    const e = this.live ? this.entries.get(pod.spec) : undefined;
    if (e !== undefined && e.ok.length >= this.known.length) return e.ok;
    const ok = new Uint8Array(this.known.length);
    for (let i = 0; i < this.known.length; i++) {
      const node = this.known[i];
      if (node !== undefined && !node.deleted && this.passes(pod, node)) ok[i] = 1;
    }
    if (!this.live) return ok;
    if (e !== undefined) {
      e.ok = ok;
      e.rejections = null;
      e.version++;
      return ok;
    }
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(pod.spec, { pod, ok, rejections: null, version: 0, positions: null, posOf: null, posVersion: -1 });
    return ok;
  }

  /**
   * The ascending positions in `nodes` of the nodes that pass the static filters for `pod`, remembered
   * per spec while neither its bytes nor the list change; null when the spec is not cached (pinned
   * specs, or no store events), then the caller walks the bytes. Call after forPod(pod, nodes).
   * A pod that fits one pool of several walks only that pool's nodes.
   */
  positions(pod: Pod, nodes: readonly Node[], indexes: Int32Array): Int32Array | null {
    const e = this.live ? this.entries.get(pod.spec) : undefined;
    if (e === undefined || e.ok.length < this.known.length) return null;
    if (e.positions !== null && e.posOf === nodes && e.posVersion === e.version) return e.positions;
    const ok = e.ok;
    let count = 0;
    for (let at = 0; at < indexes.length; at++) if (ok[indexes[at]!] === 1) count++;
    const pos = e.positions !== null && e.positions.length === count ? e.positions : new Int32Array(count);
    let k = 0;
    for (let at = 0; at < indexes.length; at++) if (ok[indexes[at]!] === 1) pos[k++] = at;
    e.positions = pos;
    e.posOf = nodes;
    e.posVersion = e.version;
    return pos;
  }

  /**
   * The Status of the first static filter that rejects `node` (plugin name set), or null: what the
   * plugin-by-plugin walk would return for them. Cached per spec and node (Status values are not changed
   * once made), so a pod that fails again and again does not rebuild its static rejections.
   */
  rejection(pod: Pod, node: Node): Status | null {
    const e = this.live ? this.entries.get(pod.spec) : undefined;
    if (e === undefined || e.ok.length <= node.index) return this.firstRejection(pod, node);
    if (e.ok[node.index] === 1) return null;
    const cached = (e.rejections ??= [])[node.index];
    if (cached !== undefined) return cached;
    const s = this.shared(this.firstRejection(pod, node));
    e.rejections[node.index] = s;
    return s;
  }

  /** Equal rejections (code, plugin, reasons) as one object, so a failing walk's table of statuses stays small. */
  private readonly interned = new Map<string, Status>();

  private shared(s: Status | null): Status | null {
    if (s === null) return null;
    const key = `${s.code}\n${s.plugin}\n${s.reasons.join('\n')}`;
    const known = this.interned.get(key);
    if (known !== undefined) return known;
    if (this.interned.size < MAX_INTERNED) this.interned.set(key, s);
    return s;
  }

  private firstRejection(pod: Pod, node: Node): Status | null {
    const state = this.state;
    for (const f of this.filters) {
      const s = f.filter(state, pod, node);
      if (s !== null && s.code !== Code.Success) return s.withPlugin(f.name);
    }
    return null;
  }

  /** A spec pinned to a few node names (DaemonSet pods): a scratch array with just those nodes checked. */
  private forPinned(pod: Pod, names: readonly string[]): Uint8Array {
    if (this.scratch.length < this.known.length) this.scratch = new Uint8Array(this.known.length);
    const ok = this.scratch;
    ok.fill(0);
    for (const name of names) {
      const node = this.byName.get(name);
      if (node !== undefined && !node.deleted && this.passes(pod, node)) ok[node.index] = 1;
    }
    return ok;
  }

  /** Number of cached specs (tests). */
  get size(): number {
    return this.entries.size;
  }

  /** Forgets every entry (tests, or a store without events). */
  clear(): void {
    this.entries.clear();
  }

  private remember(node: Node): void {
    if (this.known.length <= node.index) this.known.length = node.index + 1;
    this.known[node.index] = node;
    this.byName.set(node.name, node);
  }

  private nodeChanged(node: Node): void {
    this.remember(node);
    const i = node.index;
    for (const e of this.entries.values()) {
      let ok = e.ok;
      if (ok.length <= i) {
        ok = new Uint8Array(Math.max(i + 1, ok.length * 2));
        ok.set(e.ok);
        e.ok = ok;
      }
      const v = this.passes(e.pod, node) ? 1 : 0;
      if (ok[i] !== v) e.version++;
      ok[i] = v;
      if (e.rejections !== null) e.rejections[i] = undefined;
    }
  }
}
