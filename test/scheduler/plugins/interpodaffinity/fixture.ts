/** A small cluster for the InterPodAffinity index tests: store, nodes, specs with affinity, the plugin's verdicts. */
import type { LabelSelector, Labels } from '../../../../engine/cluster/labels.js';
import type { Node } from '../../../../engine/cluster/node.js';
import { LABEL_HOSTNAME, LABEL_ZONE } from '../../../../engine/cluster/node.js';
import type { Affinity, Pod, PodAffinityTerm, PodSpec } from '../../../../engine/cluster/pod.js';
import { createPod } from '../../../../engine/cluster/pod-factory.js';
import { ResourceNames } from '../../../../engine/cluster/resources.js';
import { ClusterStore } from '../../../../engine/cluster/store.js';
import { Simulator } from '../../../../engine/core/simulator.js';
import { CycleState } from '../../../../engine/scheduler/framework/interfaces.js';
import { Code } from '../../../../engine/scheduler/framework/status.js';
import type { InterPodAffinityArgs } from '../../../../engine/scheduler/plugins/interpodaffinity/inter-pod-affinity.js';
import { ERR_REASON_AFFINITY, ERR_REASON_ANTI_AFFINITY, ERR_REASON_EXISTING_ANTI_AFFINITY, InterPodAffinity } from '../../../../engine/scheduler/plugins/interpodaffinity/inter-pod-affinity.js';

export const ZONE = LABEL_ZONE;
export const HOST = LABEL_HOSTNAME;

export function newStore(): ClusterStore {
  return new ClusterStore(new Simulator(), new ResourceNames());
}

export function addNode(store: ClusterStore, name: string, labels: Labels): Node {
  return store.addNode({ name, labels, taints: [], unschedulable: false, allocatable: store.resources.vector(), images: [], pool: '' });
}

export function sel(matchLabels: Record<string, string>): LabelSelector {
  return { matchLabels, matchExpressions: [] };
}

export function term(topologyKey: string, selector: LabelSelector | undefined, more: Partial<PodAffinityTerm> = {}): PodAffinityTerm {
  return { labelSelector: selector, namespaces: [], namespaceSelector: undefined, topologyKey, matchLabelKeys: [], mismatchLabelKeys: [], ...more };
}

export function affinity(a: Partial<Affinity>): Affinity {
  return { nodeRequired: undefined, nodePreferred: [], podRequired: [], podPreferred: [], antiRequired: [], antiPreferred: [], ...a };
}

export function spec(store: ClusterStore, a: Affinity | undefined): PodSpec {
  return { requests: store.resources.vector(), nonZeroCpu: 0, nonZeroMemory: 0, nodeName: '', tolerations: [], affinity: a, containers: [], initContainers: [], hostPorts: [], topologySpreadConstraints: [] } as unknown as PodSpec;
}

let counter = 0;
export function pod(store: ClusterStore, s: PodSpec, labels: Labels, namespace = 'default', node?: Node): Pod {
  const p = createPod(store, { name: `p${counter++}`, namespace, labels, spec: s });
  if (node) store.bindPod(p, node);
  return p;
}

const REASONS: Record<string, string> = { [ERR_REASON_AFFINITY]: 'affinity', [ERR_REASON_ANTI_AFFINITY]: 'anti', [ERR_REASON_EXISTING_ANTI_AFFINITY]: 'existing' };

/** The plugin's PreFilter+Filter verdicts in the oracle's shape. */
export function pluginFilter(plugin: InterPodAffinity, store: ClusterStore, p: Pod): 'skip' | Map<string, string | null> {
  const state = new CycleState();
  const nodes = store.liveNodes();
  const pre = plugin.preFilter(state, p, nodes);
  if (pre !== null && pre.code === Code.Skip) return 'skip';
  const out = new Map<string, string | null>();
  for (const n of nodes) {
    const s = plugin.filter(state, p, n);
    out.set(n.name, s === null ? null : (REASONS[s.message] ?? s.message));
  }
  return out;
}

/** The plugin's PreScore+Score raw scores in the oracle's shape. */
export function pluginScore(plugin: InterPodAffinity, store: ClusterStore, p: Pod): 'skip' | Map<string, number> {
  const state = new CycleState();
  const nodes = store.liveNodes();
  const pre = plugin.preScore(state, p, nodes);
  if (pre !== null && pre.code === Code.Skip) return 'skip';
  const out = new Map<string, number>();
  for (const n of nodes) out.set(n.name, plugin.score(state, p, n));
  return out;
}

export function newPlugin(store: ClusterStore, args: Partial<InterPodAffinityArgs> = {}): InterPodAffinity {
  return new InterPodAffinity(store, { hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: false, ...args });
}
