/**
 * A small world for controller tests: simulator, store, nodes, and a fake kubelet + binder that the
 * test controls (which nodes are stuck, start-up delay), so controllers can be tested without the scheduler.
 */
import { Simulator } from '../../engine/core/simulator.js';
import { ClusterStore } from '../../engine/cluster/store.js';
import { ResourceNames } from '../../engine/cluster/resources.js';
import { matchesNodeSelectorTerms } from '../../engine/cluster/labels.js';
import type { Labels } from '../../engine/cluster/labels.js';
import type { Node } from '../../engine/cluster/node.js';
import type { Pod, PodSpec } from '../../engine/cluster/pod.js';
import { isTerminal } from '../../engine/cluster/pod.js';
import type { Taint, Toleration } from '../../engine/cluster/taints.js';
import { EVENT_PRIORITY } from '../../engine/cluster/priorities.js';
import type { IntOrPercent, ObjectMeta, PodDisruptionBudget, PodTemplate } from '../../engine/cluster/workloads.js';
import { emptyPdbStatus } from '../../engine/cluster/pdb.js';

export interface World {
  sim: Simulator;
  store: ClusterStore;
  /** Pods on these nodes never finish terminating (unreachable node) and never start. */
  stuck: Set<string>;
  records: { t: number; event: string; object: string; node: string; detail: string }[];
  addNode(name: string, opts?: { labels?: Labels; taints?: Taint[]; unschedulable?: boolean }): Node;
  run(untilMs: number): void;
  named(event: string): { t: number; object: string; node: string; detail: string }[];
}

let uid = 1000;

export function meta(name: string): ObjectMeta {
  return { name, namespace: 'default', labels: {}, annotations: {}, uid: uid++ };
}

export function spec(over: Partial<PodSpec> = {}): PodSpec {
  return {
    containers: [], initContainers: [], overhead: new Map(), requests: new Float64Array(4), nonZeroCpu: 100, nonZeroMemory: 200 * 2 ** 20,
    nodeSelector: {}, affinity: undefined, tolerations: [] as Toleration[], topologySpreadConstraints: [], priority: 0, priorityClassName: '',
    preemptionPolicy: 'PreemptLowerPriority', schedulerName: 'default-scheduler', restartPolicy: 'Always', terminationGracePeriodMs: 30_000,
    hostPorts: [], runDuration: undefined, nodeName: '', ...over,
  };
}

export function template(labels: Labels, over: Partial<PodSpec> = {}): PodTemplate {
  return { labels, annotations: {}, spec: spec(over) };
}

/**
 * Fake binder: a pending pod goes to the node its required node affinity names (DaemonSet pods), else to
 * the schedulable live node with the fewest pods (lowest index on ties). Fake kubelet: Running after
 * `startupMs`; a deleting pod is removed after its grace period (terminal or unbound pods at once),
 * except on stuck nodes.
 */
export function world(startupMs = 1_000): World {
  const sim = new Simulator();
  const store = new ClusterStore(sim, new ResourceNames());
  const stuck = new Set<string>();
  const records: World['records'] = [];
  store.events.onRecord((t, event, object, node, detail) => records.push({ t, event, object, node, detail }));
  const bind = (pod: Pod): void => {
    if (pod.removed || pod.nodeIndex >= 0 || pod.deletionMs >= 0) return;
    const req = pod.spec.affinity?.nodeRequired;
    const candidates = store.liveNodes().filter((n) => (req ? matchesNodeSelectorTerms(req, n.labels, n.name) : !n.unschedulable));
    candidates.sort((a, b) => a.podCount - b.podCount || a.index - b.index);
    const node = candidates[0];
    if (!node) return;
    store.bindPod(pod, node);
    if (stuck.has(node.name)) return;
    sim.after(startupMs, () => {
      if (!pod.removed && pod.deletionMs < 0 && pod.phase === 'Pending') store.setPodPhase(pod, 'Running');
    }, undefined, EVENT_PRIORITY.kubelet);
  };
  store.events.onPod((type, pod) => {
    if (type === 'PodAdded') sim.at(sim.now, () => bind(pod), undefined, EVENT_PRIORITY.scheduler);
    if (type === 'PodDeleting') {
      const node = store.nodeOf(pod);
      if (node && stuck.has(node.name) && !isTerminal(pod)) return;
      const grace = pod.nodeIndex < 0 || isTerminal(pod) ? 0 : pod.spec.terminationGracePeriodMs;
      sim.after(grace, () => store.removePod(pod), undefined, EVENT_PRIORITY.kubelet);
    }
  });
  return {
    sim,
    store,
    stuck,
    records,
    addNode(name, opts = {}) {
      return store.addNode({ name, labels: opts.labels ?? {}, taints: opts.taints ?? [], unschedulable: opts.unschedulable ?? false, allocatable: Float64Array.from([64_000, 256 * 2 ** 30, 0, 110]), images: [], pool: '' });
    },
    run(untilMs) {
      sim.run(untilMs);
    },
    named(event) {
      return records.filter((r) => r.event === event);
    },
  };
}

/** A PDB selecting foo=bar in namespace default. */
export function pdb(budget: { minAvailable?: IntOrPercent; maxUnavailable?: IntOrPercent }, policy: PodDisruptionBudget['unhealthyPodEvictionPolicy'] = 'IfHealthyBudget'): PodDisruptionBudget {
  return {
    kind: 'PodDisruptionBudget', meta: meta('budget'), selector: { matchLabels: { foo: 'bar' }, matchExpressions: [] },
    minAvailable: budget.minAvailable, maxUnavailable: budget.maxUnavailable, unhealthyPodEvictionPolicy: policy, status: emptyPdbStatus(),
  };
}
