/**
 * The built-in invariants. INVARIANTS is a plain list: a subsystem that brings its own promise
 * (e.g. "a PodDisruptionBudget is never exceeded by an eviction") appends an entry here.
 */
import type { Node } from '../cluster/node.js';
import type { Pod } from '../cluster/pod.js';
import { isTerminal, podKey } from '../cluster/pod.js';
import { PODS } from '../cluster/resources.js';
import type { CheckContext, Invariant, Violation } from './invariant.js';
import { nodeFeasibility } from './bind-checks.js';
import { convergence } from './convergence.js';
import { POD_STATES, PodStateCounts, allowedTransition } from './pod-states.js';

/** Requests are sums of parsed quantities; allow for float rounding in the last digits. */
const EPSILON = 1e-6;

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= EPSILON * Math.max(1, Math.abs(a), Math.abs(b));
}

const podName = (p: Pod): string => `Pod ${podKey(p)}`;

export const nodeCapacity: Invariant = {
  name: 'node-capacity',
  description: 'on every live node, the requests of the pods it holds are at most its allocatable, for every resource including the pod count',
  start: ({ store }) => () => {
    for (const node of store.nodes) {
      if (node.deleted) continue;
      const req = node.requested;
      for (let i = 0; i < req.length; i++) {
        const alloc = node.allocatable[i] ?? 0;
        if (i > PODS && alloc === 0) continue; // an extended resource the node lacks: only pinned pods can hold it (not admitted-checked upstream)
        if (req[i]! > alloc && !close(req[i]!, alloc)) {
          return { invariant: 'node-capacity', object: `Node ${node.name}`, message: `requested ${store.resources.name(i)} ${req[i]} > allocatable ${alloc}` };
        }
      }
      if (node.podCount > (node.allocatable[PODS] ?? 0)) return { invariant: 'node-capacity', object: `Node ${node.name}`, message: `${node.podCount} pods > allocatable pods ${node.allocatable[PODS]}` };
    }
    return undefined;
  },
};

export const nodeAccounting: Invariant = {
  name: 'node-accounting',
  description: "each node's accounted requests equal the sum over the pods it holds, and those are exactly the bound, non-terminal, non-removed pods on it (each on one node only)",
  start: ({ store }) => {
    let sum = new Float64Array(0);
    const check = (node: Node): Violation | undefined => {
      const v = (message: string): Violation => ({ invariant: 'node-accounting', object: `Node ${node.name}`, message });
      sum.fill(0);
      let nonZeroCpu = 0;
      let nonZeroMemory = 0;
      let count = 0;
      for (const p of store.podsOn(node)) {
        if (p.nodeIndex !== node.index) return v(`holds ${podKey(p)} which is bound to node index ${p.nodeIndex}`);
        if (p.removed || isTerminal(p)) return v(`still holds ${p.removed ? 'removed' : p.phase} pod ${podKey(p)}`);
        const r = p.spec.requests;
        for (let i = 0; i < r.length; i++) sum[i]! += r[i]!;
        nonZeroCpu += p.spec.nonZeroCpu;
        nonZeroMemory += p.spec.nonZeroMemory;
        count++;
      }
      sum[PODS] = count;
      if (count !== node.podCount) return v(`podCount ${node.podCount} but holds ${count} pods`);
      for (let i = 0; i < sum.length; i++) {
        if (!close(sum[i]!, node.requested[i] ?? 0)) return v(`requested ${store.resources.name(i)} is ${node.requested[i]} but its pods sum to ${sum[i]}`);
      }
      if (!close(nonZeroCpu, node.nonZeroCpu) || !close(nonZeroMemory, node.nonZeroMemory)) return v('non-zero cpu/memory accounting differs from its pods');
      return undefined;
    };
    return () => {
      if (sum.length !== store.resources.size) sum = new Float64Array(store.resources.size);
      for (const node of store.nodes) {
        const bad = check(node);
        if (bad) return bad;
      }
      // Every pod that holds resources is held by its node (so it is on exactly that one node).
      for (const p of store.allPods) {
        if (p.nodeIndex < 0) {
          if (p.phase === 'Running') return { invariant: 'node-accounting', object: podName(p), message: 'Running but bound to no node' };
          continue;
        }
        const holds = !p.removed && !isTerminal(p);
        const node = store.nodes[p.nodeIndex];
        if (!node) return { invariant: 'node-accounting', object: podName(p), message: `bound to unknown node index ${p.nodeIndex}` };
        if (holds !== store.podsOn(node).has(p)) return { invariant: 'node-accounting', object: podName(p), message: holds ? `not accounted on its node ${node.name}` : `released pod still accounted on ${node.name}` };
      }
      return undefined;
    };
  },
};

export const podConservation: Invariant = {
  name: 'pod-conservation',
  description: 'every pod is in exactly one state, moves only forward (pending -> running -> terminating -> succeeded/failed -> deleted), and created = pending + running + terminating + succeeded + failed + deleted',
  start: ({ store }, report) => {
    const counts = new PodStateCounts();
    store.events.onPod((type, pod) => {
      const { from, to } = counts.update(pod);
      if (from !== undefined && !allowedTransition(from, to)) report({ invariant: 'pod-conservation', object: podName(pod), message: `moved from ${from} to ${to} (${type})` });
      if (from === undefined && type !== 'PodAdded') report({ invariant: 'pod-conservation', object: podName(pod), message: `${type} before PodAdded` });
    });
    return () => {
      const recount = PodStateCounts.recount(store.allPods);
      let total = 0;
      for (let i = 0; i < POD_STATES.length; i++) {
        total += recount[i]!;
        if (recount[i] !== counts.counts[i]) return { invariant: 'pod-conservation', object: 'cluster', message: `${recount[i]} pods are ${POD_STATES[i]} but events account for ${counts.counts[i]}` };
      }
      if (total !== counts.created || store.allPods.length !== counts.created) {
        return { invariant: 'pod-conservation', object: 'cluster', message: `created ${counts.created} != ${POD_STATES.join(' + ')} = ${total} (store holds ${store.allPods.length})` };
      }
      return undefined;
    };
  },
};

export const bindFeasible: Invariant = {
  name: 'bind-feasible',
  description: 'at bind time the node exists and is not deleted, and (when the profile enables the filter) the pod tolerates its NoSchedule/NoExecute taints, matches its nodeSelector/required affinity and the node is schedulable',
  start: (ctx: CheckContext, report) => {
    ctx.store.events.onPod((type, pod) => {
      if (type !== 'PodBound') return;
      const node = ctx.store.nodes[pod.nodeIndex];
      const problem = node ? nodeFeasibility(pod, node, ctx.enforcedFilters(pod.spec.schedulerName)) : `bound to unknown node index ${pod.nodeIndex}`;
      if (problem) report({ invariant: 'bind-feasible', object: podName(pod), message: problem });
    });
    return undefined;
  },
};

/** The built-in list; extend with INVARIANTS.push(...) before a run starts. */
export const INVARIANTS: Invariant[] = [nodeCapacity, nodeAccounting, podConservation, bindFeasible, convergence];
