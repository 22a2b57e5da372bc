/**
 * Affinity terms as the framework compiles them (pkg/scheduler/framework/types.go AffinityTerm): the
 * label selector (nil matches nothing, {} everything) with matchLabelKeys / mismatchLabelKeys merged in
 * from the owning pod's labels (as the API server does), the namespaces (the owning pod's namespace when
 * neither namespaces nor namespaceSelector is given) and the namespace selector.
 */
import type { LabelSelector, LabelSelectorRequirement, Labels } from '../../../cluster/labels.js';
import { matchesSelector } from '../../../cluster/labels.js';
import type { Pod, PodAffinityTerm } from '../../../cluster/pod.js';

export interface AffinityTerm {
  selector: LabelSelector | null;
  namespaces: ReadonlySet<string>;
  /** null = labels.Nothing(). */
  namespaceSelector: LabelSelector | null;
  topologyKey: string;
}

export interface WeightedTerm extends AffinityTerm {
  weight: number;
}

export interface PodTerms {
  requiredAffinity: AffinityTerm[];
  requiredAnti: AffinityTerm[];
  preferredAffinity: WeightedTerm[];
  preferredAnti: WeightedTerm[];
  any: boolean;
}

const EMPTY: PodTerms = Object.freeze({ requiredAffinity: [], requiredAnti: [], preferredAffinity: [], preferredAnti: [], any: false });
const cache = new WeakMap<Pod, PodTerms>();

function compile(pod: Pod, t: PodAffinityTerm): AffinityTerm {
  let selector: LabelSelector | null = t.labelSelector ?? null;
  const extra: LabelSelectorRequirement[] = [];
  for (const k of t.matchLabelKeys) if (pod.labels[k] !== undefined) extra.push({ key: k, operator: 'In', values: [pod.labels[k]!] });
  for (const k of t.mismatchLabelKeys) if (pod.labels[k] !== undefined) extra.push({ key: k, operator: 'NotIn', values: [pod.labels[k]!] });
  if (extra.length > 0 && selector !== null) selector = { matchLabels: selector.matchLabels, matchExpressions: [...selector.matchExpressions, ...extra] };
  const namespaces = t.namespaces.length === 0 && t.namespaceSelector === undefined ? new Set([pod.namespace]) : new Set(t.namespaces);
  return { selector, namespaces, namespaceSelector: t.namespaceSelector ?? null, topologyKey: t.topologyKey };
}

export function podTerms(pod: Pod): PodTerms {
  const a = pod.spec.affinity;
  if (!a) return EMPTY;
  let out = cache.get(pod);
  if (!out) {
    out = {
      requiredAffinity: a.podRequired.map((t) => compile(pod, t)),
      requiredAnti: a.antiRequired.map((t) => compile(pod, t)),
      preferredAffinity: a.podPreferred.map((w) => ({ ...compile(pod, w.term), weight: w.weight })),
      preferredAnti: a.antiPreferred.map((w) => ({ ...compile(pod, w.term), weight: w.weight })),
      any: false,
    };
    out.any = out.requiredAffinity.length + out.requiredAnti.length + out.preferredAffinity.length + out.preferredAnti.length > 0;
    cache.set(pod, out);
  }
  return out;
}

function isEmpty(s: LabelSelector): boolean {
  return Object.keys(s.matchLabels).length === 0 && s.matchExpressions.length === 0;
}

/**
 * For the incoming pod's own terms, a non-empty namespaceSelector is resolved against the Namespace
 * objects (mergeAffinityTermNamespacesIfNotEmpty); kubesim has none, so such a selector adds nothing.
 */
export function resolveIncoming(t: AffinityTerm): AffinityTerm {
  if (t.namespaceSelector === null || isEmpty(t.namespaceSelector)) return t;
  return { ...t, namespaceSelector: null };
}

/** AffinityTerm.Matches: namespace listed or namespace labels selected, then the label selector. */
export function termMatches(t: AffinityTerm, pod: Pod, nsLabels: Labels): boolean {
  const nsOk = t.namespaces.has(pod.namespace) || (t.namespaceSelector !== null && matchesSelector(t.namespaceSelector, nsLabels));
  return nsOk && t.selector !== null && matchesSelector(t.selector, pod.labels);
}

export function matchesAllTerms(terms: readonly AffinityTerm[], pod: Pod): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!termMatches(t, pod, NO_LABELS)) return false;
  return true;
}

/** Namespace labels: kubesim models no Namespace objects, so every namespace has none. */
export const NO_LABELS: Labels = Object.freeze({});
