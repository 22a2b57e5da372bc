/**
 * How many nodes carry a PreferNoSchedule taint, and how many report images, kept from the store's
 * node events (taints change only through store.setNodeTaints, which emits NodeTaintsChanged; images
 * are fixed when the node is added). The fused score pass reads each candidate's taints and images
 * arrays only while some node has them: with none anywhere, every TaintToleration raw score is 0
 * (normalized to MaxNodeScore) and ImageLocality gives every candidate the pod's no-image score, which
 * is what reading them would find. Two fewer objects touched per candidate and cycle.
 */
import type { Node } from '../../cluster/node.js';
import type { FastPathStore } from './default-profile.js';

export class NodeScoreFlags {
  /**
   * Nodes with a PreferNoSchedule taint / with images; removed nodes still count (a candidate list is
   * never supposed to hold one, but counting them costs only speed).
   */
  preferNoSchedule = 0;
  withImages = 0;
  /** Per node index: 1 bit = counted in preferNoSchedule, 2 bit = counted in withImages. */
  private counted = new Uint8Array(64);

  constructor(store: FastPathStore) {
    for (const node of store.nodes) this.update(node);
    store.events.onNode((_type, node) => this.update(node));
  }

  /** Re-reads one node (added, retainted, relabelled, removed). */
  update(node: Node): void {
    const n = node.index;
    if (n >= this.counted.length) {
      const grown = new Uint8Array(Math.max(n + 1, this.counted.length * 2));
      grown.set(this.counted);
      this.counted = grown;
    }
    const was = this.counted[n]!;
    const now = (hasPreferNoSchedule(node) ? 1 : 0) | (node.images.length !== 0 ? 2 : 0);
    this.preferNoSchedule += (now & 1) - (was & 1);
    this.withImages += ((now & 2) - (was & 2)) >> 1;
    this.counted[n] = now;
  }
}

function hasPreferNoSchedule(node: Node): boolean {
  for (const t of node.taints) if (t.effect === 'PreferNoSchedule') return true;
  return false;
}
