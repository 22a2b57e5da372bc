/**
 * Node selector terms as nodeaffinity.NewNodeSelector parses them: a requirement whose values do not
 * parse (In/NotIn values that are not label values, Gt/Lt values that are not integers) makes its term
 * match nothing, instead of being ignored.
 */
import type { NodeSelectorTerm } from '../../../cluster/labels.js';
import { matchesNodeSelectorTerm } from '../../../cluster/labels.js';

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const valid = new WeakMap<NodeSelectorTerm, boolean>();

export function termParses(term: NodeSelectorTerm): boolean {
  let ok = valid.get(term);
  if (ok === undefined) {
    ok = term.matchExpressions.every((r) => (r.operator !== 'In' && r.operator !== 'NotIn') || r.values.every((v) => v.length <= 63 && LABEL_VALUE.test(v)));
    valid.set(term, ok);
  }
  return ok;
}

export function matchesTerm(term: NodeSelectorTerm, labels: Readonly<Record<string, string>>, nodeName: string): boolean {
  return termParses(term) && matchesNodeSelectorTerm(term, labels, nodeName);
}

export function matchesAnyTerm(terms: readonly NodeSelectorTerm[], labels: Readonly<Record<string, string>>, nodeName: string): boolean {
  for (const t of terms) if (matchesTerm(t, labels, nodeName)) return true;
  return false;
}
