/**
 * PodTopologySpread constraints as the plugin evaluates them (plugins/podtopologyspread/common.go):
 * the pod's constraints of one whenUnsatisfiable kind, or the default constraints with a selector built
 * from the pod's owner; matchLabelKeys are ANDed into the selector; nil selectors match nothing and
 * empty selectors count no existing pod (labels.Everything().Empty()).
 */
import type { Node } from '../../../cluster/node.js';
import { LABEL_HOSTNAME } from '../../../cluster/node.js';
import type { LabelSelector, Labels } from '../../../cluster/labels.js';
import { matchesSelector } from '../../../cluster/labels.js';
import type { Pod } from '../../../cluster/pod.js';
import { firstUntoleratedTaint } from '../../../cluster/taints.js';
import { matchesRequiredNodeAffinity } from '../helper/required-node-affinity.js';

export { LABEL_HOSTNAME };

export interface Constraint {
  maxSkew: number;
  topologyKey: string;
  /** null = labels.Nothing() (a nil selector). */
  selector: LabelSelector | null;
  minDomains: number;
  nodeAffinityPolicy: 'Honor' | 'Ignore';
  nodeTaintsPolicy: 'Honor' | 'Ignore';
  /** Shared object the selector derives from (count cache key), or null when it is built per pod. */
  cacheKey: object | null;
}

export interface DefaultConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
}

/** PodTopologySpreadArgs (kubescheduler.config.k8s.io/v1). */
export interface PodTopologySpreadArgs {
  defaultingType: 'System' | 'List';
  defaultConstraints: readonly DefaultConstraint[];
}

/** systemDefaultConstraints (plugins/podtopologyspread/plugin.go). */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly DefaultConstraint[] = Object.freeze([
  Object.freeze({ topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 } as const),
  Object.freeze({ topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 } as const),
]);

export const DEFAULT_POD_TOPOLOGY_SPREAD_ARGS: PodTopologySpreadArgs = Object.freeze({ defaultingType: 'System', defaultConstraints: Object.freeze([]) });

/** Owner kinds whose selector the default constraints use (helper.DefaultSelector; Services are not modelled). */
const SELECTING_OWNERS = new Set(['ReplicaSet', 'StatefulSet', 'ReplicationController']);

function isEmptySelector(s: LabelSelector): boolean {
  return Object.keys(s.matchLabels).length === 0 && s.matchExpressions.length === 0;
}

/** Whether the selector counts `labels` as a matching existing pod. */
export function selectorMatches(selector: LabelSelector | null, labels: Labels): boolean {
  return selector !== null && !isEmptySelector(selector) && matchesSelector(selector, labels);
}

/** Whether the incoming pod matches (self-match): an empty selector matches everything here. */
export function selectorMatchesSelf(selector: LabelSelector | null, labels: Labels): boolean {
  return selector !== null && matchesSelector(selector, labels);
}

function withMatchLabelKeys(selector: LabelSelector | undefined, keys: readonly string[], podLabels: Labels): LabelSelector | null {
  const extra: Record<string, string> = {};
  let n = 0;
  for (const k of keys) {
    const v = podLabels[k];
    if (v !== undefined) {
      extra[k] = v;
      n++;
    }
  }
  if (n === 0) return selector ?? null;
  if (!selector) return { matchLabels: extra, matchExpressions: [] };
  return { matchLabels: { ...selector.matchLabels, ...extra }, matchExpressions: selector.matchExpressions };
}

const NONE: Constraint[] = [];

export function podConstraints(pod: Pod, action: 'DoNotSchedule' | 'ScheduleAnyway', args: PodTopologySpreadArgs): Constraint[] {
  const own = pod.spec.topologySpreadConstraints;
  if (own.length === 0 && (!pod.owner || !SELECTING_OWNERS.has(pod.owner.kind))) return NONE;
  if (own.length > 0) {
    return own
      .filter((c) => c.whenUnsatisfiable === action)
      .map((c) => ({
        maxSkew: c.maxSkew,
        topologyKey: c.topologyKey,
        selector: withMatchLabelKeys(c.labelSelector, c.matchLabelKeys, pod.labels),
        cacheKey: c.matchLabelKeys.length === 0 ? (c.labelSelector ?? null) : null,
        minDomains: c.minDomains ?? 1,
        nodeAffinityPolicy: c.nodeAffinityPolicy,
        nodeTaintsPolicy: c.nodeTaintsPolicy,
      }));
  }
  const selector = defaultSelector(pod);
  if (selector === null) return [];
  const defaults = (args.defaultingType === 'System' ? SYSTEM_DEFAULT_CONSTRAINTS : args.defaultConstraints).filter((c) => c.whenUnsatisfiable === action);
  if (defaults.length === 0) return [];
  return defaults.map((c) => ({ maxSkew: c.maxSkew, topologyKey: c.topologyKey, selector, minDomains: 1, nodeAffinityPolicy: 'Honor', nodeTaintsPolicy: 'Ignore', cacheKey: pod.labels }));
}

/** Whether the pod's owner kind gets the default constraints (its controller has a selector). */
export function ownerSelects(pod: Pod): boolean {
  return pod.owner !== undefined && SELECTING_OWNERS.has(pod.owner.kind);
}

/** The selector of the pod's controller, approximated by the pod's own labels (templates carry them). */
function defaultSelector(pod: Pod): LabelSelector | null {
  if (!pod.owner || !SELECTING_OWNERS.has(pod.owner.kind)) return null;
  if (Object.keys(pod.labels).length === 0) return null;
  return { matchLabels: pod.labels, matchExpressions: [] };
}

export function nodeHasAllKeys(node: Pick<Node, 'labels'>, constraints: readonly Constraint[]): boolean {
  for (const c of constraints) if (node.labels[c.topologyKey] === undefined) return false;
  return true;
}

/** Whether the inclusion policies admit every node for this pod (nothing to check per node). */
export function policiesTrivial(c: Constraint, pod: Pod): boolean {
  const noAffinity = Object.keys(pod.spec.nodeSelector).length === 0 && pod.spec.affinity?.nodeRequired === undefined;
  return (c.nodeAffinityPolicy === 'Ignore' || noAffinity) && c.nodeTaintsPolicy === 'Ignore';
}

/** nodeAffinityPolicy / nodeTaintsPolicy. */
export function matchesInclusionPolicies(c: Constraint, pod: Pod, node: Node): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !matchesRequiredNodeAffinity(pod, node)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && firstUntoleratedTaint(node.taints, pod.spec.tolerations) !== undefined) return false;
  return true;
}

/** countPodsMatchSelector: same namespace, not terminating, selector matches. */
export function countMatching(pods: ReadonlySet<Pod>, selector: LabelSelector | null, namespace: string): number {
  if (selector === null || isEmptySelector(selector)) return 0;
  let n = 0;
  for (const p of pods) if (p.deletionMs < 0 && p.namespace === namespace && matchesSelector(selector, p.labels)) n++;
  return n;
}

export function pairKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}
