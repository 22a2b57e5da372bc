/** Helpers for queue tests: a pod that never fits, runs with node events injected, event times. */
import { Simulation } from '../../../engine/scenario/simulation.js';
import type { RunOptions } from '../../../engine/scenario/simulation.js';
import { MemorySink } from '../../../engine/metrics/sink.js';
import type { Cell } from '../../../engine/metrics/sink.js';
import { scenarioFromText, smallScenario } from '../../helpers.js';

export function podManifest(name: string, cpu: string, extra = ''): string {
  return `    - apiVersion: v1
      kind: Pod
      metadata: {name: ${name}, labels: {app: ${name}}}
      spec:
${extra}        containers: [{name: c, image: busybox, resources: {requests: {cpu: "${cpu}", memory: 1Gi}}}]
`;
}

export interface QueueRun {
  sim: Simulation;
  events: Cell[][];
}

/** Builds a run of `yaml`, lets `setup` inject events, runs it to the end. */
export function runWith(yaml: string, options: RunOptions, setup: (s: Simulation) => void = () => {}): QueueRun {
  const events = new MemorySink();
  // Queue tests read every attempt from events.csv: no folding of repeats into an event series.
  const sim = new Simulation(scenarioFromText(yaml), { ...options, scheduler: { unschedulableEvents: 'every-attempt', ...options.scheduler }, events });
  setup(sim);
  sim.run();
  return { sim, events: events.rows };
}

/** A node with room for any test pod (64 cpu) that no test pod tolerates (NoSchedule taint `decoy`). */
export function addDecoyNode(s: Simulation, name: string): void {
  const alloc = s.store.resources.vector();
  alloc[0] = 64_000;
  alloc[1] = 256 * 2 ** 30;
  alloc[3] = 110;
  s.store.addNode({ name, labels: {}, taints: [{ key: 'decoy', value: '', effect: 'NoSchedule' }], unschedulable: false, allocatable: alloc, images: [], pool: '' });
}

/**
 * Adds a decoy node every `periodMs`: a NodeAdd that retries a pod rejected by NodeResourcesFit under
 * both settings of SchedulerQueueingHints (the empty node fits, so the hint answers Queue) but never
 * takes it (the pod does not tolerate the taint).
 */
export function addDecoyNodes(s: Simulation, periodMs: number, startMs = periodMs): void {
  let i = 0;
  s.sim.every(periodMs, () => addDecoyNode(s, `decoy-${i++}`), { start: startMs });
}

/** Times in seconds (numbers) of the events named `name` for `object`. */
export function timesOf(run: QueueRun, name: string, object: string): number[] {
  return run.events.filter((r) => r[1] === name && r[2] === object).map((r) => Number(r[0]));
}

export function gaps(times: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < times.length; i++) out.push(Math.round((times[i]! - times[i - 1]!) * 1000) / 1000);
  return out;
}

export const ONE_NODE = (body: string, duration = '10m'): string => smallScenario(body, 1).replace('duration: 10m', `duration: ${duration}`);
