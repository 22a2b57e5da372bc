/**
 * What `kubesim explain` reports for one scheduling attempt. The runtime fills an ExplainRecord only
 * when an ExplainHook asks for the pod being scheduled, so the numbers are the ones the run used and a
 * run without a hook pays nothing but one null check per cycle.
 */
import type { Pod } from '../../cluster/pod.js';

export interface ExplainScore {
  raw: number;
  normalized: number;
  weighted: number;
}

export interface ExplainNode {
  node: string;
  feasible: boolean;
  /** Filter (or PreFilter) plugin that rejected the node; null when feasible or not evaluated. */
  rejectedBy: string | null;
  reason: string | null;
  /** Status code name of the rejection (Unschedulable, UnschedulableAndUnresolvable, ...). */
  code: string | null;
  scores: Record<string, ExplainScore>;
  total: number | null;
}

export interface ExplainRecord {
  pod: string;
  attempt: number;
  time_s: number;
  nodes: ExplainNode[];
  /** Node names a PreFilterResult narrowed the cycle to (sorted), or null when every node was a candidate. */
  preFilterResult: string[] | null;
  /** Plugins whose PreFilter or PreScore returned Skip in this cycle. */
  skipped: string[];
  selected: string | null;
  nominatedNode: string | null;
  victims: string[];
}

/** Chooses which attempts to record; the runtime calls want() once per cycle. */
export interface ExplainHook {
  want(pod: Pod, attempt: number): boolean;
  done(record: ExplainRecord): void;
}
