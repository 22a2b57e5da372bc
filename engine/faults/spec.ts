/**
 * Faults declared as data (scenario spec.faults). A scheduled fault hits some nodes at a time, for a
 * duration (or for good); a random one is a per-node (or per-zone) up/down renewal process with an MTBF and
 * an MTTR distribution. Everything is drawn up front from the 'faults' stream (plan.ts), so the fault
 * schedule of a seed is the same whatever the scheduling policy.
 */
import type { Labels } from '../cluster/labels.js';
import type { RunDuration } from '../cluster/pod.js';

export const FAULT_TYPES = ['nodeDown', 'partition', 'notReady', 'zoneOutage', 'zonePartition', 'nodeDelete', 'drain', 'nodeAdd', 'outOfService', 'random'] as const;
export type FaultType = (typeof FAULT_TYPES)[number];

/** What a random fault does to a node while it lasts. */
export const RANDOM_FAILURES = ['nodeDown', 'partition', 'notReady'] as const;
export type RandomFailure = (typeof RANDOM_FAILURES)[number];

/** Which nodes: listed by name, or all nodes matching pool/zone/labels, optionally `count` of them at random. */
export interface NodeSelection {
  nodes: readonly string[];
  pool: string | undefined;
  zone: string | undefined;
  labels: Labels;
  /** Pick this many at random among the matching nodes (-1: all). */
  count: number;
}

export interface ScheduledFault {
  type: Exclude<FaultType, 'random'>;
  atMs: number;
  /** -1: the fault lasts to the end (nodeDelete and nodeAdd are permanent anyway). */
  durationMs: number;
  target: NodeSelection;
  /** nodeAdd: the pool whose shape the new nodes copy, and how many. */
  addPool: string;
  addCount: number;
}

export interface RandomFault {
  type: 'random';
  failure: RandomFailure;
  /** Mean time between failures of one unit (a node, or a zone when correlated). */
  mtbfMs: number;
  mttr: RunDuration;
  target: NodeSelection;
  correlated: 'none' | 'zone';
  startMs: number;
  stopMs: number;
}

export type FaultSpec = ScheduledFault | RandomFault;

/** What the injector does at a planned time. */
export type FaultAction = 'down' | 'partitioned' | 'notReady' | 'delete' | 'drain' | 'add' | 'outOfService';

export interface PlannedFault {
  atMs: number;
  /** -1: never reverted. */
  endMs: number;
  action: FaultAction;
  /** The spec's type, for events.csv. */
  type: FaultType;
  nodes: readonly string[];
  addPool: string;
  addCount: number;
}

/** Node facts the planner selects on (the scenario's initial nodes, in order). */
export interface NodeInfo {
  name: string;
  zone: string;
  pool: string;
  labels: Labels;
}
