/** Shared scenario text and event helpers for the node failure tests. */
import { scenarioFromText } from '../helpers.js';
import { Simulation } from '../../engine/scenario/simulation.js';
import { MemorySink } from '../../engine/metrics/sink.js';
import type { Cell } from '../../engine/metrics/sink.js';

export interface FailureRun {
  sim: Simulation;
  events: Cell[][];
  summary: Record<string, Cell>;
}

/** Seconds (number) of each events.csv row matching `event` (and the object/node/detail filters). */
export function times(run: FailureRun, event: string, filter: { object?: string; node?: string; detail?: string } = {}): number[] {
  return run.events
    .filter((r) => r[1] === event && (filter.object === undefined || String(r[2]).includes(filter.object)) && (filter.node === undefined || r[3] === filter.node) && (filter.detail === undefined || String(r[4]).includes(filter.detail)))
    .map((r) => Number(r[0]));
}

export function runFailures(yaml: string): FailureRun {
  const events = new MemorySink();
  const sim = new Simulation(scenarioFromText(yaml), { events });
  const result = sim.run();
  return { sim, events: events.rows, summary: result.summary as Record<string, Cell> };
}

/** Last heartbeat (s) of a node that is still silent at the end of the run. */
export function lastHeartbeatS(run: FailureRun, node: string): number {
  const n = run.sim.store.nodes.find((x) => x.name === node)!;
  return run.sim.heartbeats.lastHeartbeatMs(n) / 1000;
}

export interface ClusterOptions {
  zones?: Record<string, number>;
  replicas?: number;
  faults?: string;
  duration?: string;
  tolerations?: string;
  daemon?: boolean;
  controllers?: string;
  cpu?: string;
  restartPolicy?: string;
}

/**
 * Pools named after zones (nodes <zone>-0, <zone>-1, ...), a Deployment `web` whose pods fill half a node
 * each (so the scheduler spreads them one per node), and optionally a DaemonSet-like pod pinned on a-0
 * with forever tolerations.
 */
export function cluster(o: ClusterOptions = {}): string {
  const zones = o.zones ?? { a: 3 };
  const pools = Object.entries(zones)
    .map(([z, n]) => `    - {pool: ${z}, count: ${n}, zones: [${z}], allocatable: {cpu: "4", memory: 16Gi, pods: 110}}`)
    .join('\n');
  const daemon = o.daemon
    ? `    - apiVersion: v1
      kind: Pod
      metadata: {name: ds-a-0}
      spec:
        nodeName: a-0
        tolerations:
          - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute}
          - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute}
        containers: [{name: c, image: x, resources: {requests: {cpu: 100m}}}]
`
    : '';
  return `apiVersion: kubesim.io/v1alpha1
kind: Scenario
metadata: {name: failures}
spec:
  seed: 7
  duration: ${o.duration ?? '20m'}
${o.controllers ?? ''}
  nodes:
${pools}
  faults:
${o.faults ?? '    []'}
  manifests:
${daemon}    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: ${o.replicas ?? 3}
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
${o.tolerations ?? ''}
            containers: [{name: c, image: x, resources: {requests: {cpu: ${o.cpu ?? '1500m'}}}}]
`;
}
