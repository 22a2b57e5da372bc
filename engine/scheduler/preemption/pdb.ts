/**
 * PodDisruptionBudgets as preemption sees them. kubesim has no PDB manifest yet: whoever adds one
 * (the workloads work) gives the scheduler a PdbLister; until then there are none. Only the fields
 * DefaultPreemption reads are needed: namespace, selector and status.disruptionsAllowed.
 */
import type { LabelSelector } from '../../cluster/labels.js';
import { matchesSelector } from '../../cluster/labels.js';
import type { Pod } from '../../cluster/pod.js';

export interface PodDisruptionBudgetView {
  readonly namespace: string;
  /** spec.selector; undefined or empty matches nothing (as upstream for preemption). */
  readonly selector: LabelSelector | undefined;
  /** status.disruptionsAllowed. */
  readonly disruptionsAllowed: number;
}

/** Lists every PDB of the cluster (upstream's pdbLister.List). */
export type PdbLister = () => readonly PodDisruptionBudgetView[];

export const NO_PDBS: PdbLister = () => [];

function isEmptySelector(s: LabelSelector | undefined): boolean {
  return s === undefined || (Object.keys(s.matchLabels).length === 0 && s.matchExpressions.length === 0);
}

/**
 * Splits pods (already in importance order) into those whose eviction would violate a PDB and the
 * rest (filterPodsWithPDBViolation in plugins/defaultpreemption/default_preemption.go): each matching
 * pod uses one of its PDB's allowed disruptions; once a budget drops below zero, the pod violates it.
 */
export function filterPodsWithPDBViolation(pods: readonly Pod[], pdbs: readonly PodDisruptionBudgetView[]): { violating: Pod[]; nonViolating: Pod[] } {
  const allowed = pdbs.map((p) => p.disruptionsAllowed);
  const violating: Pod[] = [];
  const nonViolating: Pod[] = [];
  for (const pod of pods) {
    let violated = false;
    if (Object.keys(pod.labels).length > 0) {
      for (let i = 0; i < pdbs.length; i++) {
        const pdb = pdbs[i]!;
        if (pdb.namespace !== pod.namespace || isEmptySelector(pdb.selector) || !matchesSelector(pdb.selector!, pod.labels)) continue;
        allowed[i]!--;
        if (allowed[i]! < 0) violated = true;
      }
    }
    (violated ? violating : nonViolating).push(pod);
  }
  return { violating, nonViolating };
}
