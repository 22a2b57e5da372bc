/**
 * What `kubesim explain` reports for one scheduling attempt. The runtime fills an ExplainRecord only
 * when an ExplainHook asks for the pod being scheduled, so the numbers are the ones the run used and a
 * run without a hook pays nothing but one null check per cycle.
 */
import type { Node } from '../../cluster/node.js';
import type { Pod } from '../../cluster/pod.js';
import { podKey } from '../../cluster/pod.js';
import type { Status } from './status.js';

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

/** A record of every node as not evaluated, filled in by the cycle. */
export function newRecordOf(pod: Pod, nowMs: number, nodes: readonly Node[]): ExplainRecord {
  return {
    pod: podKey(pod),
    attempt: pod.attempts,
    time_s: nowMs / 1000,
    nodes: nodes.map((n): ExplainNode => ({ node: n.name, feasible: false, rejectedBy: null, reason: 'not evaluated (percentageOfNodesToScore)', code: null, scores: {}, total: null })),
    preFilterResult: null,
    skipped: [],
    selected: null,
    nominatedNode: null,
    victims: [],
  };
}

/** Marks the node rejected by the status's plugin. */
export function setRejected(e: ExplainNode, s: Status): void {
  e.feasible = false;
  e.rejectedBy = s.plugin || null;
  e.reason = s.message;
  e.code = s.codeName;
}
