/**
 * The node side of the PodTopologySpread index: which nodes count for a constraint (eligible: live,
 * carrying every required topology key, passing the inclusion policies) and which domain (topology
 * value) each node belongs to. A view is shared by every selector that spreads over the same key with
 * the same inclusion; its DomainCounts hold the per-domain matching pod counts of one selector.
 */
import type { Node } from '../../../cluster/node.js';
import type { PodSpec } from '../../../cluster/pod.js';
import { firstUntoleratedTaint } from '../../../cluster/taints.js';
import { matchesRequiredNodeAffinityOf } from '../helper/required-node-affinity.js';

/** The per-node matching pod counts of one selector (see SelectorLine in spread-index.ts). */
export interface NodeCounts {
  countAt(nodeIndex: number): number;
}

export class NodeView {
  /** Topology value id per node index (value = label, or '' when the node lacks the key). */
  readonly valueOf: number[] = [];
  /** 1 when the node carries the topology key, per node index. */
  readonly hasKey: number[] = [];
  /** 1 when the node counts for the constraint, per node index. */
  readonly eligible: number[] = [];
  readonly values: string[] = [];
  /** Eligible nodes per value id: a domain exists while it has one. */
  readonly nodesIn: number[] = [];
  readonly aggs: DomainCounts[] = [];
  private readonly ids = new Map<string, number>();

  constructor(
    readonly topologyKey: string,
    readonly requiredKeys: readonly string[],
    /** The spec whose nodeSelector / required node affinity is honoured, or null. */
    readonly affinityOf: PodSpec | null,
    /** The spec whose tolerations are honoured against node taints, or null. */
    readonly tolerationsOf: PodSpec | null,
  ) {}

  get honorsTaints(): boolean {
    return this.tolerationsOf !== null;
  }

  /** The id of a topology value, undefined when no node has had it. */
  idOf(value: string): number | undefined {
    return this.ids.get(value);
  }

  valueId(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
      this.nodesIn.push(0);
      for (const a of this.aggs) a.grow();
    }
    return id;
  }

  private admits(node: Node): boolean {
    if (node.deleted) return false;
    const labels = node.labels;
    for (const k of this.requiredKeys) if (labels[k] === undefined) return false;
    if (this.affinityOf !== null && !matchesRequiredNodeAffinityOf(this.affinityOf, node)) return false;
    return this.tolerationsOf === null || firstUntoleratedTaint(node.taints, this.tolerationsOf.tolerations) === undefined;
  }

  /** Re-reads a node (new, deleted, relabelled, retainted) and moves its pods between domains. */
  refresh(node: Node): void {
    const n = node.index;
    const was = n < this.eligible.length ? this.eligible[n]! : 0;
    const oldId = n < this.valueOf.length ? this.valueOf[n]! : -1;
    while (this.eligible.length <= n) {
      this.eligible.push(0);
      this.valueOf.push(-1);
      this.hasKey.push(0);
    }
    const value = node.labels[this.topologyKey];
    this.hasKey[n] = value === undefined ? 0 : 1;
    const id = this.valueId(value ?? '');
    const now = this.admits(node) ? 1 : 0;
    if (was === now && oldId === id) return;
    if (was === 1) this.detach(n, oldId);
    this.valueOf[n] = id;
    this.eligible[n] = now;
    if (now === 1) this.attach(n, id);
  }

  private detach(n: number, id: number): void {
    for (const a of this.aggs) a.change(id, -a.line.countAt(n));
    if (--this.nodesIn[id]! === 0) for (const a of this.aggs) a.domainGone(id);
  }

  private attach(n: number, id: number): void {
    if (this.nodesIn[id]!++ === 0) for (const a of this.aggs) a.domainAppeared(id);
    for (const a of this.aggs) a.change(id, a.line.countAt(n));
  }
}

/** MaxInt32: the minimum of a constraint without domains (filtering.go). */
export const MAX_INT32 = 2147483647;

/**
 * Matching pods per domain of a view for one selector, and the minimum over existing domains kept
 * with a histogram of domain counts (counts move by small steps, so the minimum moves cheaply).
 */
let nextId = 1;

export class DomainCounts {
  /** Unique per object, and bumped on every change of count, domains or min (a failure memo compares them). */
  readonly id = nextId++;
  version = 0;
  /** Matching pods per value id, summed over the view's eligible nodes. */
  readonly count: number[] = [];
  /** Cycle stamp per value id (PreScore: the domain is among the candidates). */
  readonly seen: number[] = [];
  /** Number of existing domains per count. */
  private readonly hist: number[] = [0];
  domains = 0;
  min = MAX_INT32;

  constructor(
    readonly view: NodeView,
    readonly line: NodeCounts,
  ) {
    this.grow();
    const v = view;
    for (let id = 0; id < v.values.length; id++) if (v.nodesIn[id]! > 0) this.domainAppeared(id);
    for (let n = 0; n < v.eligible.length; n++) if (v.eligible[n] === 1) this.change(v.valueOf[n]!, line.countAt(n));
  }

  grow(): void {
    while (this.count.length < this.view.values.length) {
      this.count.push(0);
      this.seen.push(0);
    }
  }

  /** Adds delta matching pods to an existing domain. */
  change(id: number, delta: number): void {
    if (delta === 0) return;
    this.version++;
    const old = this.count[id]!;
    const now = old + delta;
    this.count[id] = now;
    this.hist[old]!--;
    while (this.hist.length <= now) this.hist.push(0);
    this.hist[now]!++;
    if (now < this.min) this.min = now;
    else if (old === this.min && this.hist[old] === 0) this.rescanMin(old);
  }

  domainAppeared(id: number): void {
    this.version++;
    const c = this.count[id]!;
    this.domains++;
    this.hist[c]!++;
    if (c < this.min) this.min = c;
  }

  domainGone(id: number): void {
    this.version++;
    const c = this.count[id]!;
    this.domains--;
    this.hist[c]!--;
    if (c === this.min && this.hist[c] === 0) this.rescanMin(c);
  }

  private rescanMin(from: number): void {
    if (this.domains === 0) {
      this.min = MAX_INT32;
      return;
    }
    let m = from;
    while (this.hist[m] === 0) m++;
    this.min = m;
  }
}
