/** Building small clusters for preemption tests: Node manifests, pre-bound pods, one incoming pod. */
import type { Pod } from '../../../engine/cluster/pod.js';
import type { Node } from '../../../engine/cluster/node.js';
import { Simulation } from '../../../engine/scenario/simulation.js';
import type { RunOptions } from '../../../engine/scenario/simulation.js';
import { MemorySink } from '../../../engine/metrics/sink.js';
import type { Cell } from '../../../engine/metrics/sink.js';
import { scenarioFromText } from '../../helpers.js';

export interface NodeSpec {
  name: string;
  cpu?: string;
  memory?: string;
  pods?: number;
}

export interface PodSpecLite {
  name: string;
  node?: string;
  priority?: number;
  cpu?: string;
  memory?: string;
  labels?: Record<string, string>;
  preemptionPolicy?: 'Never';
  grace?: number;
}

function nodeYaml(n: NodeSpec): string {
  const alloc = [n.cpu !== undefined ? `cpu: "${n.cpu}"` : '', n.memory !== undefined ? `memory: "${n.memory}"` : '', `pods: "${n.pods ?? 110}"`].filter(Boolean).join(', ');
  return `    - apiVersion: v1
      kind: Node
      metadata: {name: ${n.name}}
      status: {allocatable: {${alloc}}}
`;
}

function podYaml(p: PodSpecLite): string {
  const labels = Object.entries(p.labels ?? {}).map(([k, v]) => `${k}: ${v}`).join(', ');
  const req = [p.cpu !== undefined ? `cpu: "${p.cpu}"` : '', p.memory !== undefined ? `memory: "${p.memory}"` : ''].filter(Boolean).join(', ');
  return `    - apiVersion: v1
      kind: Pod
      metadata: {name: ${p.name}, labels: {${labels}}}
      spec:
        priority: ${p.priority ?? 0}
        terminationGracePeriodSeconds: ${p.grace ?? 5}
${p.node ? `        nodeName: ${p.node}\n` : ''}${p.preemptionPolicy ? `        preemptionPolicy: ${p.preemptionPolicy}\n` : ''}        containers: [{name: c, image: busybox, resources: {requests: {${req}}}}]
`;
}

export function clusterYaml(nodes: readonly NodeSpec[], pods: readonly PodSpecLite[], duration = '2m'): string {
  return `apiVersion: kubesim.io/v1alpha1
kind: Scenario
metadata: {name: preemption}
spec:
  seed: 3
  duration: ${duration}
  manifests:
${nodes.map(nodeYaml).join('')}${pods.map(podYaml).join('')}`;
}

export interface Built {
  sim: Simulation;
  events: Cell[][];
  pod(name: string): Pod;
  node(name: string): Node;
}

/** Builds the cluster (pre-bound pods are bound, unbound pods queued) without running it. */
export function build(nodes: readonly NodeSpec[], pods: readonly PodSpecLite[], options: RunOptions = {}, duration = '2m'): Built {
  const sink = new MemorySink();
  const sim = new Simulation(scenarioFromText(clusterYaml(nodes, pods, duration)), { ...options, events: sink });
  return {
    sim,
    events: sink.rows,
    pod: (name) => sim.store.pod('default', name)!,
    node: (name) => sim.store.node(name)!,
  };
}

export function rows(b: Built, event: string): Cell[][] {
  return b.events.filter((r) => r[1] === event);
}
