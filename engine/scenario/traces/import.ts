/**
 * `kubesim import alibaba-gpu-2023`: the trace as a plain scenario file (Node and Pod manifests), with the
 * FGD protocol's arrival sequence fixed at import time by the seed (shuffle + tuning). All pods are created
 * at t = 0 in that order; the scheduler takes them one at a time in order (equal priority, FIFO), and
 * `unschedulablePods: fail` fails a pod that fits nowhere at once, so the run follows the protocol.
 * Re-sampled clones carry the annotation kubesim.io/tuned-from (left out of the typical pods).
 * Timed replay needs creation times, which plain manifests cannot express: use `spec.source` for it.
 */
import { MILLI_PER_GPU } from '../../cluster/gpu.js';
import { Rng } from '../../core/rng.js';
import { TUNED_FROM_ANNOTATION } from '../gpu-setup.js';
import type { TraceNode, TracePod } from './alibaba-gpu-2023.js';
import { byName, fgdArrivals, traceNodeAllocatable, traceNodeLabels, tracePodAnnotations, tracePodRequests } from './replay.js';

export interface ImportOptions {
  name: string;
  seed: number;
  tune: number;
  policy: string;
  /** Where the trace came from, for the header comment. */
  nodesFile: string;
  podsFile: string;
}

function flowMap(m: Record<string, string | number>): string {
  const parts = Object.entries(m).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(typeof v === 'number' ? String(v) : v)}`);
  return `{${parts.join(', ')}}`;
}

function quantities(m: Map<string, number>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of m) out[k] = k === 'cpu' ? `${v}m` : k === 'memory' ? `${v / (1024 * 1024)}Mi` : String(v);
  return out;
}

function nodeLine(n: TraceNode): string {
  const labels = traceNodeLabels(n);
  const meta = Object.keys(labels).length > 0 ? `{name: ${JSON.stringify(n.name)}, labels: ${flowMap(labels)}}` : `{name: ${JSON.stringify(n.name)}}`;
  return `    - {apiVersion: v1, kind: Node, metadata: ${meta}, status: {allocatable: ${flowMap(quantities(traceNodeAllocatable(n)))}}}`;
}

function podLine(name: string, p: TracePod, clonedFrom: string | undefined): string {
  const annotations: Record<string, string> = tracePodAnnotations(p);
  if (clonedFrom) annotations[TUNED_FROM_ANNOTATION] = clonedFrom;
  const meta = Object.keys(annotations).length > 0 ? `{name: ${JSON.stringify(name)}, annotations: ${flowMap(annotations)}}` : `{name: ${JSON.stringify(name)}}`;
  return `    - {apiVersion: v1, kind: Pod, metadata: ${meta}, spec: {containers: [{name: main, image: trace, resources: {requests: ${flowMap(quantities(tracePodRequests(p)))}}}]}}`;
}

/** The scenario text, line by line (the caller streams it to a file). */
export function* importAlibabaGpu2023(nodes: readonly TraceNode[], pods: readonly TracePod[], o: ImportOptions): Generator<string> {
  const capacity = nodes.reduce((s, n) => s + n.gpus * MILLI_PER_GPU, 0);
  const arrivals = fgdArrivals(pods, capacity, o.tune, new Rng(`${o.seed}\u0000import`));
  yield `# Imported by kubesim import alibaba-gpu-2023 from ${o.nodesFile} and ${o.podsFile}`;
  yield `# FGD protocol: ${pods.length} trace pods shuffled with seed ${o.seed}, tuned to ${o.tune} x ${capacity / MILLI_PER_GPU} GPUs -> ${arrivals.length} pods.`;
  yield 'apiVersion: kubesim.io/v1alpha1';
  yield 'kind: Scenario';
  yield `metadata: {name: ${JSON.stringify(o.name)}}`;
  yield 'spec:';
  yield `  seed: ${o.seed}`;
  yield '  duration: 10m';
  yield '  sampleInterval: 1m';
  yield `  scheduler: {policy: ${o.policy}, unschedulablePods: fail}`;
  yield '  manifests:';
  for (const n of byName(nodes)) yield nodeLine(n);
  for (const a of arrivals) yield podLine(a.name, a.pod, a.name === a.pod.name ? undefined : a.pod.name);
}
