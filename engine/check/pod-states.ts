/**
 * The one state of a pod for conservation: created = pending + running + terminating + succeeded +
 * failed + deleted. A pod's state is derived from its fields in a fixed order, so it is always
 * exactly one; the checks compare counts kept from store events with a recount, and refuse
 * transitions that cannot happen (e.g. Running back to Pending, anything after deletion).
 */
import type { Pod } from '../cluster/pod.js';

export const POD_STATES = ['pending', 'running', 'terminating', 'succeeded', 'failed', 'deleted'] as const;
export type PodState = (typeof POD_STATES)[number];
const INDEX: Readonly<Record<PodState, number>> = { pending: 0, running: 1, terminating: 2, succeeded: 3, failed: 4, deleted: 5 };

export function podState(p: Pod): PodState {
  if (p.removed) return 'deleted';
  if (p.phase === 'Succeeded') return 'succeeded';
  if (p.phase === 'Failed') return 'failed';
  if (p.deletionMs >= 0) return 'terminating';
  return p.phase === 'Running' ? 'running' : 'pending';
}

/** Allowed moves between states (a pod may also stay where it is). */
const ALLOWED: Readonly<Record<PodState, readonly PodState[]>> = {
  pending: ['running', 'terminating', 'succeeded', 'failed', 'deleted'],
  running: ['terminating', 'succeeded', 'failed', 'deleted'],
  terminating: ['succeeded', 'failed', 'deleted'],
  succeeded: ['deleted'],
  failed: ['deleted'],
  deleted: [],
};

export function allowedTransition(from: PodState, to: PodState): boolean {
  return from === to || ALLOWED[from].includes(to);
}

/** Counts per state kept up to date from pod events, plus the last state seen of each pod (by uid). */
export class PodStateCounts {
  readonly counts = new Float64Array(POD_STATES.length);
  created = 0;
  private readonly last = new Map<number, number>();

  /** Records the pod's current state; returns the previous one (undefined for a new pod). */
  update(p: Pod): { from: PodState | undefined; to: PodState } {
    const to = podState(p);
    const prev = this.last.get(p.uid);
    if (prev === undefined) this.created++;
    else this.counts[prev]!--;
    this.counts[INDEX[to]]!++;
    this.last.set(p.uid, INDEX[to]);
    return { from: prev === undefined ? undefined : POD_STATES[prev], to };
  }

  static recount(pods: Iterable<Pod>): Float64Array {
    const c = new Float64Array(POD_STATES.length);
    for (const p of pods) c[INDEX[podState(p)]]!++;
    return c;
  }
}
