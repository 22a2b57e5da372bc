/**
 * Extension points shaped like kube-scheduler's (pkg/scheduler/framework/interface.go). Plugins see the
 * cluster only through the handle's read-only store view; they never import each other.
 */
import type { Node } from '../../cluster/node.js';
import type { Pod } from '../../cluster/pod.js';
import type { ClusterStore } from '../../cluster/store.js';
import type { Rng } from '../../core/rng.js';
import type { PreFilterResult, Status } from './status.js';
import type { EnqueueExtensions } from './queueing-hint.js';

/** MaxNodeScore / MinNodeScore (framework/interface.go). */
export const MAX_NODE_SCORE = 100;
export const MIN_NODE_SCORE = 0;

/** Per-cycle scratch space that PreFilter/PreScore fill and Filter/Score read. */
export class CycleState {
  /** Keys and values side by side: a cycle writes a handful of keys, so a scan beats a Map per cycle. */
  private data: unknown[] | null = null;
  /** Fills the state on its first read (a replayed failing cycle's PreFilter, run only if something reads it). */
  private fill: ((state: CycleState) => void) | null = null;

  /** A state that `fill` writes on the first read, before that read is answered. */
  static deferred(fill: (state: CycleState) => void): CycleState {
    const s = new CycleState();
    s.fill = fill;
    return s;
  }

  read<T>(key: string): T | undefined {
    if (this.fill !== null) {
      const fill = this.fill;
      this.fill = null;
      fill(this);
    }
    const d = this.data;
    if (d === null) return undefined;
    for (let i = 0; i < d.length; i += 2) if (d[i] === key) return d[i + 1] as T;
    return undefined;
  }
  write(key: string, value: unknown): void {
    const d = this.data;
    if (d === null) {
      // (an exact-size literal: most cycles write one key, and a first push would reserve 17 slots)
      this.data = [key, value];
      return;
    }
    for (let i = 0; i < d.length; i += 2) {
      if (d[i] === key) {
        d[i + 1] = value;
        return;
      }
    }
    d.push(key, value);
  }
}

export interface Handle {
  readonly store: ClusterStore;
  /** The scheduler's own seeded stream (tie-breaks, sampling offsets). */
  readonly rng: Rng;
}

export interface Plugin {
  readonly name: string;
}

export interface PreFilterPlugin extends Plugin {
  /** null (Success), a Status (Skip or a rejection), or a PreFilterResult narrowing the nodes. */
  preFilter(state: CycleState, pod: Pod, nodes: readonly Node[]): Status | PreFilterResult | null;
}

export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: Pod, node: Node): Status | null;
}

export interface PostFilterResult {
  nominatedNode: string;
  victims: Pod[];
}

export interface PostFilterPlugin extends Plugin {
  postFilter(state: CycleState, pod: Pod, statuses: ReadonlyMap<string, Status>): { result: PostFilterResult | null; status: Status | null };
}

export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: Pod, nodes: readonly Node[]): Status | null;
}

export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: Pod, node: Node): number;
  /** Optional NormalizeScore over the scores of the feasible nodes, in place. */
  normalizeScore?(state: CycleState, pod: Pod, nodes: readonly Node[], scores: number[]): Status | null;
}

export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: Pod, node: Node): Status | null;
  unreserve(state: CycleState, pod: Pod, node: Node): void;
}

export type AnyPlugin = Partial<PreFilterPlugin & FilterPlugin & PostFilterPlugin & PreScorePlugin & ScorePlugin & ReservePlugin & EnqueueExtensions> & Plugin;

/** A plugin factory gets its args (already validated) and the handle. */
export type PluginFactory = (args: unknown, handle: Handle) => AnyPlugin;
