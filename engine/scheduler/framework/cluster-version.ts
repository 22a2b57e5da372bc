/**
 * A version of the cluster as filters see it: bumped by every store pod or node event that can change a
 * filter's answer (a pending pod's creation and a bound pod starting to run change none; a Ready change
 * reaches the filters as taints), with the version at which each node (by index) last changed. Caches of
 * failing cycles key on it (fastpath/failure-memo.ts, preemption's dry-run memo); it never decides anything.
 */
import type { Node } from '../../cluster/node.js';
import { isTerminal } from '../../cluster/pod.js';
import type { ClusterStore } from '../../cluster/store.js';

/** Node changes remembered in order (changedSince reads them instead of scanning every node). */
const RECENT = 4096;

export class ClusterVersion {
  version = 0;
  /** The version at which each node (by index) last changed in a way a filter can see. */
  readonly changedAt: number[] = [];
  /** The last RECENT node changes: node and version, in a ring; `changes` counts every change ever. */
  private readonly recentNode: (Node | undefined)[] = new Array<Node | undefined>(RECENT);
  private readonly recentVersion = new Float64Array(RECENT);
  private changes = 0;
  /** Per node index, the changedSince call that listed it (dedupe without a Set). */
  private listedBy: Uint32Array = new Uint32Array(0);
  private calls = 0;

  constructor(store: Pick<ClusterStore, 'events' | 'nodes'>) {
    store.events.onPod((type, pod) => {
      if (type === 'PodAdded' || (type === 'PodPhaseChanged' && !isTerminal(pod))) return;
      this.version++;
      if (pod.nodeIndex >= 0) this.nodeChanged(store.nodes[pod.nodeIndex]!);
    });
    store.events.onNode((type, node) => {
      if (type === 'NodeReadyChanged') return;
      this.version++;
      this.nodeChanged(node);
    });
  }

  private nodeChanged(node: Node): void {
    this.changedAt[node.index] = this.version;
    const slot = this.changes % RECENT;
    this.recentNode[slot] = node;
    this.recentVersion[slot] = this.version;
    this.changes++;
  }

  /**
   * The live nodes changed after version `since`, each once, into out[0..count); returns count, or -1
   * when more than `max` changes happened since, or when they are older than the ring remembers. The
   * entries past count are left as they were: a list emptied by `length = 0` loses its storage in V8,
   * and this runs every cycle.
   */
  changedSince(since: number, max: number, out: Node[]): number {
    const call = ++this.calls;
    let seen = 0;
    let count = 0;
    for (let k = this.changes - 1; k >= 0; k--) {
      if (this.changes - k > RECENT) return -1; // overwritten: older than the ring remembers
      const slot = k % RECENT;
      if (this.recentVersion[slot]! <= since) return count;
      if (++seen > max) return -1;
      const node = this.recentNode[slot]!;
      if (node.deleted) continue;
      if (this.listedBy.length <= node.index) this.growListed(node.index + 1);
      if (this.listedBy[node.index] === call) continue;
      this.listedBy[node.index] = call;
      out[count++] = node;
    }
    return count;
  }

  private growListed(size: number): void {
    const grown = new Uint32Array(Math.max(size, this.listedBy.length * 2));
    grown.set(this.listedBy);
    this.listedBy = grown;
  }
}
