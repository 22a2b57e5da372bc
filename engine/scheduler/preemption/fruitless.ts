/**
 * Fruitless dry runs, remembered (PERFORMANCE.md lesson 4): a backlog of pods that preemption cannot help
 * is retried after every cluster event, and each attempt's dry run visits every potential node to find
 * no candidate again. The outcome is reused for the same spec while nothing the dry run reads changed.
 */
import type { Node } from '../../cluster/node.js';
import type { Pod } from '../../cluster/pod.js';
import type { Status } from '../framework/status.js';
import type { PreemptOutcome, PreemptionHandle } from './evaluator.js';

/**
 * What a dry run reads: the pod (spec with its priority, labels, namespace), the failing cycle's statuses,
 * the nodes, and the cluster (pods on nodes, PDB status, nominations) at a version.
 */
export interface FruitlessKey {
  statuses: ReadonlyMap<string, Status>;
  nodes: readonly Node[];
  spec: Pod['spec'];
  labels: Pod['labels'];
  namespace: string;
  cluster: number;
  nominations: number;
}

type Fruitless = Map<Pod['spec'], { key: FruitlessKey; outcome: PreemptOutcome }>;

/** Per scheduler (its handle), per spec: the last dry run that found no candidate. */
const fruitless = new WeakMap<PreemptionHandle, Fruitless>();
/** Specs remembered at once per scheduler. */
const MAX_FRUITLESS = 256;

function fruitlessOf(h: PreemptionHandle): Fruitless {
  let m = fruitless.get(h);
  if (m === undefined) fruitless.set(h, (m = new Map()));
  return m;
}

function rememberIn(m: Fruitless, key: FruitlessKey, outcome: PreemptOutcome): void {
  if (m.size >= MAX_FRUITLESS && !m.has(key.spec)) m.delete(m.keys().next().value!);
  m.set(key.spec, { key, outcome });
}

export function fruitlessKey(h: PreemptionHandle, pod: Pod, statuses: ReadonlyMap<string, Status>, nodes: readonly Node[]): FruitlessKey | undefined {
  if (h.cluster === undefined) return undefined;
  return { statuses, nodes, spec: pod.spec, labels: pod.labels, namespace: pod.namespace, cluster: h.cluster.version, nominations: h.nominator.version };
}

/** The remembered outcome for what fruitlessKey(h, pod, statuses, nodes) would be (no key is made: a backlog asks on every attempt). */
export function knownFruitless(h: PreemptionHandle, pod: Pod, statuses: ReadonlyMap<string, Status>, nodes: readonly Node[]): PreemptOutcome | undefined {
  if (h.cluster === undefined) return undefined;
  const known = fruitlessOf(h).get(pod.spec);
  if (known === undefined) return undefined;
  const k = known.key;
  const same = k.statuses === statuses && k.nodes === nodes && k.labels === pod.labels && k.namespace === pod.namespace && k.cluster === h.cluster.version && k.nominations === h.nominator.version;
  return same ? known.outcome : undefined;
}

export function rememberFruitless(h: PreemptionHandle, key: FruitlessKey | undefined, outcome: PreemptOutcome): void {
  if (key !== undefined) rememberIn(fruitlessOf(h), key, outcome);
}
