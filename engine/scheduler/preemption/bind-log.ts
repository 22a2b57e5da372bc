/**
 * The latest binds, numbered from 0 in order: each one's node index and pod priority. A cached answer
 * "no pod below priority p on these nodes" stays true until a pod below p is bound on one of them; with
 * the binds since the answer at hand, only those are checked, not every node again (a backlog's dry runs
 * ask about the same full nodes while Jobs keep binding elsewhere).
 */
const SIZE = 1024;

export class BindLog {
  /** Binds so far. */
  count = 0;
  private readonly nodes = new Int32Array(SIZE);
  private readonly priorities = new Float64Array(SIZE);

  add(nodeIndex: number, priority: number): void {
    const at = this.count % SIZE;
    this.nodes[at] = nodeIndex;
    this.priorities[at] = priority;
    this.count++;
  }

  /** Whether bind number `k` (k < count) is still in the log. */
  holds(k: number): boolean {
    return k >= this.count - SIZE;
  }

  nodeAt(k: number): number {
    return this.nodes[k % SIZE]!;
  }

  priorityAt(k: number): number {
    return this.priorities[k % SIZE]!;
  }
}
