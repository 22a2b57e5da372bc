/**
 * The `nodeRank` tie-break: at the first scheduling cycle, the live nodes (sorted by name) get a rank
 * from one uniform random permutation drawn from the scheduler stream; among nodes with the highest
 * score the smallest rank wins. Nodes added later rank after all earlier ones, in arrival order.
 * This is the FGD experiment's protocol (fgd-experiment.md sec. 2 step 5); `random` is upstream's
 * reservoir sampling among ties (schedule_one.go selectHost).
 */
import type { Node } from '../cluster/node.js';
import type { Rng } from '../core/rng.js';

export type TieBreak = 'random' | 'nodeRank';
export const TIE_BREAKS: readonly TieBreak[] = ['random', 'nodeRank'];
export type UnschedulablePods = 'wait' | 'fail';
export const UNSCHEDULABLE_POD_MODES: readonly UnschedulablePods[] = ['wait', 'fail'];

export class NodeRanking {
  private ranks = new Int32Array(0);
  private next = 0;
  private drawn = false;

  constructor(private readonly rng: Rng) {}

  /** Draws the permutation over the current live nodes, once (the first scheduling cycle). */
  prepare(liveNodes: readonly Node[]): void {
    if (!this.drawn) this.draw(liveNodes);
  }

  /** Rank of a node; nodes unknown at the draw rank after the others. */
  rank(node: Node): number {
    if (node.index >= this.ranks.length) this.grow(node.index + 1);
    if (this.ranks[node.index]! < 0) this.ranks[node.index] = this.next++;
    return this.ranks[node.index]!;
  }

  private grow(size: number): void {
    const r = new Int32Array(Math.max(size, this.ranks.length * 2)).fill(-1);
    r.set(this.ranks);
    this.ranks = r;
  }

  private draw(liveNodes: readonly Node[]): void {
    this.drawn = true;
    const byName = [...liveNodes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const perm = Array.from(byName.keys());
    for (let i = perm.length - 1; i > 0; i--) {
      const j = this.rng.int(i + 1);
      const t = perm[i]!;
      perm[i] = perm[j]!;
      perm[j] = t;
    }
    this.grow(byName.reduce((m, n) => Math.max(m, n.index + 1), 1));
    byName.forEach((n, i) => (this.ranks[n.index] = perm[i]!));
    this.next = byName.length;
  }
}
