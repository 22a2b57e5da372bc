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

/** Adds a node too small for anything every `periodMs` (a NodeAdd event NodeResourcesFit registers). */
export function addTinyNodes(s: Simulation, periodMs: number, startMs = periodMs): void {
  let i = 0;
  s.sim.every(periodMs, () => {
    s.store.addNode({ name: `tiny-${i++}`, labels: {}, taints: [], unschedulable: false, allocatable: s.store.resources.vector(), images: [], pool: '' });
  }, { start: startMs });
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
