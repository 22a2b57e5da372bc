/**
 * Affinity terms as the framework compiles them (pkg/scheduler/framework/types.go AffinityTerm): the
 * label selector (nil matches nothing, {} everything) with matchLabelKeys / mismatchLabelKeys merged in
 * from the owning pod's labels (as the API server does), the namespaces (the owning pod's namespace when
 * neither namespaces nor namespaceSelector is given) and the namespace selector.
 *
 * Terms are compiled once per (spec.affinity, labels, namespace), not per pod: pods of one workload share
 * one spec and one labels object, so they share one PodTerms (PERFORMANCE.md lesson 4).
 */
import type { LabelSelector, LabelSelectorRequirement, Labels } from '../../../cluster/labels.js';
import { matchesSelector } from '../../../cluster/labels.js';
import type { Affinity, Pod, PodAffinityTerm } from '../../../cluster/pod.js';

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

/** The incoming pod's view of its own terms (namespaceSelector resolved, see resolveIncoming). */
export interface IncomingTerms {
  requiredAffinity: AffinityTerm[];
  requiredAnti: AffinityTerm[];
  preferredAffinity: WeightedTerm[];
  preferredAnti: WeightedTerm[];
}

export interface PodTerms {
  requiredAffinity: AffinityTerm[];
  requiredAnti: AffinityTerm[];
  preferredAffinity: WeightedTerm[];
  preferredAnti: WeightedTerm[];
  any: boolean;
  /** Made on first use by incomingTerms. */
  incoming: IncomingTerms | undefined;
}

const EMPTY: PodTerms = Object.freeze({ requiredAffinity: [], requiredAnti: [], preferredAffinity: [], preferredAnti: [], any: false, incoming: Object.freeze({ requiredAffinity: [], requiredAnti: [], preferredAffinity: [], preferredAnti: [] }) });

/** Compiled terms by affinity object, then labels object (NO_LABELS when no term reads the labels), then namespace. */
const cache = new WeakMap<Affinity, WeakMap<Labels, Map<string, PodTerms>>>();

function compile(labels: Labels, namespace: string, t: PodAffinityTerm): AffinityTerm {
  let selector: LabelSelector | null = t.labelSelector ?? null;
  const extra: LabelSelectorRequirement[] = [];
  for (const k of t.matchLabelKeys) if (labels[k] !== undefined) extra.push({ key: k, operator: 'In', values: [labels[k]!] });
  for (const k of t.mismatchLabelKeys) if (labels[k] !== undefined) extra.push({ key: k, operator: 'NotIn', values: [labels[k]!] });
  if (extra.length > 0 && selector !== null) selector = { matchLabels: selector.matchLabels, matchExpressions: [...selector.matchExpressions, ...extra] };
  const namespaces = t.namespaces.length === 0 && t.namespaceSelector === undefined ? new Set([namespace]) : new Set(t.namespaces);
  return { selector, namespaces, namespaceSelector: t.namespaceSelector ?? null, topologyKey: t.topologyKey };
}

function readsLabels(a: Affinity): boolean {
  const uses = (t: PodAffinityTerm): boolean => t.matchLabelKeys.length + t.mismatchLabelKeys.length > 0;
  return a.podRequired.some(uses) || a.antiRequired.some(uses) || a.podPreferred.some((w) => uses(w.term)) || a.antiPreferred.some((w) => uses(w.term));
}

function compileAll(a: Affinity, labels: Labels, namespace: string): PodTerms {
  const out: PodTerms = {
    requiredAffinity: a.podRequired.map((t) => compile(labels, namespace, t)),
    requiredAnti: a.antiRequired.map((t) => compile(labels, namespace, t)),
    preferredAffinity: a.podPreferred.map((w) => ({ ...compile(labels, namespace, w.term), weight: w.weight })),
    preferredAnti: a.antiPreferred.map((w) => ({ ...compile(labels, namespace, w.term), weight: w.weight })),
    any: false,
    incoming: undefined,
  };
  out.any = out.requiredAffinity.length + out.requiredAnti.length + out.preferredAffinity.length + out.preferredAnti.length > 0;
  return out;
}

/** The compiled terms of a pod with these labels and namespace; shared by every pod with the same three. */
export function termsFor(a: Affinity | undefined, labels: Labels, namespace: string): PodTerms {
  // Node affinity alone (every DaemonSet pod has its own) compiles to the one shared EMPTY.
  if (!a || a.podRequired.length + a.antiRequired.length + a.podPreferred.length + a.antiPreferred.length === 0) return EMPTY;
  let byLabels = cache.get(a);
  if (!byLabels) cache.set(a, (byLabels = new WeakMap()));
  const key = readsLabels(a) ? labels : NO_LABELS;
  let byNs = byLabels.get(key);
  if (!byNs) byLabels.set(key, (byNs = new Map()));
  let out = byNs.get(namespace);
  if (!out) byNs.set(namespace, (out = compileAll(a, labels, namespace)));
  return out;
}

export function podTerms(pod: Pod): PodTerms {
  return termsFor(pod.spec.affinity, pod.labels, pod.namespace);
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

/** The pod's own terms as the incoming pod of a cycle sees them (resolved once per PodTerms). */
export function incomingTerms(terms: PodTerms): IncomingTerms {
  return (terms.incoming ??= {
    requiredAffinity: terms.requiredAffinity.map(resolveIncoming),
    requiredAnti: terms.requiredAnti.map(resolveIncoming),
    preferredAffinity: terms.preferredAffinity.map((t) => ({ ...resolveIncoming(t), weight: t.weight })),
    preferredAnti: terms.preferredAnti.map((t) => ({ ...resolveIncoming(t), weight: t.weight })),
  });
}

/** AffinityTerm.Matches on a pod's namespace and labels: namespace listed or namespace labels selected, then the label selector. */
export function termMatchesLabels(t: AffinityTerm, namespace: string, labels: Labels, nsLabels: Labels): boolean {
  const nsOk = t.namespaces.has(namespace) || (t.namespaceSelector !== null && matchesSelector(t.namespaceSelector, nsLabels));
  return nsOk && t.selector !== null && matchesSelector(t.selector, labels);
}

/** AffinityTerm.Matches. */
export function termMatches(t: AffinityTerm, pod: Pod, nsLabels: Labels): boolean {
  return termMatchesLabels(t, pod.namespace, pod.labels, nsLabels);
}

export function matchesAllTermsLabels(terms: readonly AffinityTerm[], namespace: string, labels: Labels): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!termMatchesLabels(t, namespace, labels, NO_LABELS)) return false;
  return true;
}

export function matchesAllTerms(terms: readonly AffinityTerm[], pod: Pod): boolean {
  return matchesAllTermsLabels(terms, pod.namespace, pod.labels);
}

/** Namespace labels: kubesim models no Namespace objects, so every namespace has none. */
export const NO_LABELS: Labels = Object.freeze({});
