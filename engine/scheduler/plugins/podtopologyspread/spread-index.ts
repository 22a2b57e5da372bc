/**
 * The PodTopologySpread index: per selector (Constraint.cacheKey, namespace) the matching pods per
 * node, and per (selector, node view) the matching pods per domain with their minimum, all kept up to
 * date from store events (PERFORMANCE.md lesson 4), so PreFilter and PreScore cost O(constraints) and
 * O(candidates) instead of a walk over every node.
 *
 * Counted pods are those countPodsMatchSelector sees in the scheduler cache: on a node (bound, not
 * terminal, not removed; store.podsOn) and not terminating. Node changes move one node between
 * domains (NodeView.refresh): taint changes only touch views that honour taints.
 */
import type { Node } from '../../../cluster/node.js';
import type { Pod, PodSpec } from '../../../cluster/pod.js';
import type { LabelSelector, Labels } from '../../../cluster/labels.js';
import type { ClusterStore } from '../../../cluster/store.js';
import type { NodeEventType } from '../../../cluster/store-events.js';
import { countMatching, selectorMatches } from './common.js';
import type { NodeCounts } from './domain-view.js';
import { DenseFlags } from '../../../core/dense-flags.js';
import { DomainCounts, NodeView } from './domain-view.js';

/**
 * Matching counted pods per node for one selector in one namespace, dense by node index (a Score walk
 * reads one entry per candidate; 4 bytes per node and selector).
 */
export class SelectorLine implements NodeCounts {
  /** Count per node index; indexes past the end count 0. */
  counts: Int32Array;
  readonly aggs: DomainCounts[] = [];

  constructor(
    readonly selector: LabelSelector | null,
    readonly namespace: string,
    nodes = 0,
  ) {
    this.counts = new Int32Array(Math.max(64, nodes));
  }

  countAt(nodeIndex: number): number {
    return nodeIndex < this.counts.length ? this.counts[nodeIndex]! : 0;
  }

  add(nodeIndex: number, delta: number): void {
    if (nodeIndex >= this.counts.length) {
      const grown = new Int32Array(Math.max(nodeIndex + 1, this.counts.length * 2));
      grown.set(this.counts);
      this.counts = grown;
    }
    this.counts[nodeIndex] = this.counts[nodeIndex]! + delta;
    for (const a of this.aggs) {
      const view = a.view;
      if (view.eligible[nodeIndex] === 1) a.change(view.valueOf[nodeIndex]!, delta);
    }
  }
}

interface LinesMemo {
  /** lineList[0 .. checked) have been matched against the labels. */
  checked: number;
  lines: SelectorLine[];
}

/** Key of the lines whose selector is nil (they match nothing). */
const NIL_SELECTOR = {};
/** Key of views that honour no spec. */
const NO_SPEC = {};

export class SpreadIndex {
  private readonly lines = new Map<object, Map<string, SelectorLine>>();
  private readonly lineList: SelectorLine[] = [];
  private readonly views = new Map<string, Map<object, NodeView>>();
  private readonly viewList: NodeView[] = [];
  private readonly taintViews: NodeView[] = [];
  /** The counted pods, by uid. */
  private readonly counted = new DenseFlags();
  /** The lines matching a labels object (pods of a template share one), extended as lines are added. */
  private readonly memo = new WeakMap<Labels, LinesMemo>();

  constructor(private readonly store: ClusterStore) {
    for (const node of store.nodes) for (const p of store.podsOn(node)) if (p.deletionMs < 0) this.counted.add(p.uid);
    store.events.onPod((_type, pod) => this.onPod(pod));
    store.events.onNode((type, node) => this.onNode(type, node));
  }

  /** The line of a selector source in a namespace, built from the store on first use. */
  line(key: object | null, selector: LabelSelector | null, namespace: string): SelectorLine {
    const k = key ?? selector ?? NIL_SELECTOR;
    let byNs = this.lines.get(k);
    if (!byNs) this.lines.set(k, (byNs = new Map()));
    let line = byNs.get(namespace);
    if (!line) {
      line = new SelectorLine(selector, namespace, this.store.nodes.length);
      const nodes = this.store.nodes;
      for (let n = 0; n < nodes.length; n++) {
        const c = countMatching(this.store.podsOn(nodes[n]!), selector, namespace);
        if (c !== 0) line.add(n, c);
      }
      byNs.set(namespace, line);
      this.lineList.push(line);
    }
    return line;
  }

  /** The view of a topology key over nodes with every required key, honouring the given specs. */
  view(topologyKey: string, requiredKeys: readonly string[], affinityOf: PodSpec | null, tolerationsOf: PodSpec | null): NodeView {
    const key = `${topologyKey}\u0000${affinityOf === null ? '-' : 'A'}${tolerationsOf === null ? '-' : 'T'}\u0000${requiredKeys.join('\u0000')}`;
    let bySpec = this.views.get(key);
    if (!bySpec) this.views.set(key, (bySpec = new Map()));
    const specKey = affinityOf ?? tolerationsOf ?? NO_SPEC;
    let view = bySpec.get(specKey);
    if (!view) {
      view = new NodeView(topologyKey, requiredKeys, affinityOf, tolerationsOf);
      for (const node of this.store.nodes) view.refresh(node);
      bySpec.set(specKey, view);
      this.viewList.push(view);
      if (view.honorsTaints) this.taintViews.push(view);
    }
    return view;
  }

  /** Matching pods per domain of a view for a line. */
  domainCounts(line: SelectorLine, view: NodeView): DomainCounts {
    for (const a of line.aggs) if (a.view === view) return a;
    const a = new DomainCounts(view, line);
    line.aggs.push(a);
    view.aggs.push(a);
    return a;
  }

  private onPod(pod: Pod): void {
    const was = this.counted.has(pod.uid);
    const node = pod.nodeIndex >= 0 ? this.store.nodes[pod.nodeIndex] : undefined;
    const now = node !== undefined && pod.deletionMs < 0 && this.store.podsOn(node).has(pod);
    if (was === now) return;
    if (now) this.counted.add(pod.uid);
    else this.counted.delete(pod.uid);
    if (this.lineList.length === 0) return;
    const delta = now ? 1 : -1;
    for (const line of this.linesFor(pod.labels)) if (line.namespace === pod.namespace) line.add(pod.nodeIndex, delta);
  }

  private linesFor(labels: Labels): SelectorLine[] {
    let m = this.memo.get(labels);
    if (m === undefined) this.memo.set(labels, (m = { checked: 0, lines: [] }));
    const all = this.lineList;
    for (; m.checked < all.length; m.checked++) {
      const line = all[m.checked]!;
      if (selectorMatches(line.selector, labels)) m.lines.push(line);
    }
    return m.lines;
  }

  private onNode(type: NodeEventType, node: Node): void {
    if (type === 'NodeReadyChanged' || type === 'NodeDrainRequested') return;
    const views = type === 'NodeTaintsChanged' ? this.taintViews : this.viewList;
    for (const v of views) v.refresh(node);
  }
}
