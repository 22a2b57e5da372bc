/**
 * PreFilterResult within a cycle (framework.go RunPreFilterPlugins, schedule_one.go findNodesThatFitPod):
 * the intersection of the plugins' node sets, the named nodes in node-tree order, and the status of the
 * nodes left out ("node(s) didn't satisfy plugin(s) [...]", UnschedulableAndUnresolvable).
 */
import type { Node } from '../../cluster/node.js';
import type { PreFilterResult } from './status.js';
import { Status } from './status.js';

export class Narrowing {
  /** This cycle's merged node names (null: every node) and the plugins that narrowed it. */
  names: Set<string> | null = null;
  readonly plugins: string[] = [];
  /** Position of each node name in the last node list seen. */
  private positions = new Map<string, number>();
  private positionsOf: readonly Node[] | null = null;

  reset(): void {
    this.names = null;
    // (every cycle: `length = 0` on a list already empty keeps its storage; a filled one is rare)
    if (this.plugins.length !== 0) this.plugins.length = 0;
  }

  /** PreFilterResult.Merge (intersection); false when no node is left. */
  merge(plugin: string, r: PreFilterResult): boolean {
    if (!this.plugins.includes(plugin)) this.plugins.push(plugin);
    if (this.names === null) this.names = new Set(r.nodeNames);
    else for (const name of this.names) if (!r.nodeNames.has(name)) this.names.delete(name);
    return this.names.size > 0;
  }

  /** The framework's rejection when the plugins' sets leave no node. */
  emptyStatus(): Status {
    const sorted = [...this.plugins].sort();
    const reason = sorted.length === 1 ? `node(s) didn't satisfy plugin ${sorted[0]!}` : `node(s) didn't satisfy plugin(s) [${sorted.join(' ')}] simultaneously`;
    return Status.unresolvable(reason).withPlugin(this.plugins[0]!);
  }

  /** The status of the nodes outside the set. */
  absentStatus(): Status {
    return Status.unresolvable(`node(s) didn't satisfy plugin(s) [${[...this.plugins].sort().join(' ')}]`).withPlugin(this.plugins[0]!);
  }

  /**
   * The named nodes that exist, in node-tree order (upstream walks its set in map order; kubesim keeps
   * the cluster's order so the walk is deterministic).
   */
  walk(nodes: readonly Node[], names: ReadonlySet<string>): Node[] {
    if (this.positionsOf !== nodes) {
      this.positions = new Map(nodes.map((n, i) => [n.name, i]));
      this.positionsOf = nodes;
    }
    const at: number[] = [];
    for (const name of names) {
      const i = this.positions.get(name);
      if (i !== undefined) at.push(i);
    }
    at.sort((a, b) => a - b);
    return at.map((i) => nodes[i]!);
  }
}
