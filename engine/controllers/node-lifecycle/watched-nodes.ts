/**
 * The nodes a monitor pass looks at, in node index order. The order is kept between passes: during a
 * zone outage thousands of nodes stay watched for many passes, and sorting them again on every pass
 * was most of the pass. Nodes leaving only filter the order; nodes joining sort it again.
 */
import type { Node } from '../../cluster/node.js';

export class WatchedNodes {
  private readonly set = new Set<Node>();
  /** The members by index, or null after a join; never changed in place (a pass iterates it). */
  private order: Node[] | null = [];
  private left = false;

  get size(): number {
    return this.set.size;
  }

  add(node: Node): void {
    if (this.set.has(node)) return;
    this.set.add(node);
    this.order = null;
  }

  delete(node: Node): void {
    if (this.set.delete(node)) this.left = true;
  }

  /** The members in index order (a snapshot: later adds and deletes do not change it). */
  inOrder(): readonly Node[] {
    if (this.order === null) {
      this.order = [...this.set].sort((a, b) => a.index - b.index);
      this.left = false;
    } else if (this.left) {
      this.order = this.order.filter((n) => this.set.has(n));
      this.left = false;
    }
    return this.order;
  }
}
