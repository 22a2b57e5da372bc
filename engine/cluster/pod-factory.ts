/** Creating pod objects the way the API server would: defaults, uid, timestamps, owner. */
import type { Labels } from './labels.js';
import type { OwnerRef, Pod, PodSpec } from './pod.js';
import type { ClusterStore } from './store.js';
import { admissionFailure } from './kubelet-admission.js';
import { admitPodSpec } from './admission.js';

export interface NewPod {
  name: string;
  namespace: string;
  labels: Labels;
  spec: PodSpec;
  owner?: OwnerRef;
  runDurationMs?: number;
  /**
   * The pod is part of the input snapshot (a manifest bound with spec.nodeName at t=0, e.g. a cluster
   * dump): it is already running there, so the kubelet does not admit it again.
   */
  snapshot?: boolean;
}

export function createPod(store: ClusterStore, p: NewPod): Pod {
  const pod: Pod = {
    uid: store.newUid(),
    name: p.name,
    namespace: p.namespace,
    key: `${p.namespace}/${p.name}`,
    labels: p.labels,
    spec: admitPodSpec(p.spec, p.owner),
    owner: p.owner,
    phase: 'Pending',
    nodeIndex: -1,
    nominatedNodeName: '',
    createdMs: store.now,
    scheduledMs: -1,
    runningMs: -1,
    finishedMs: -1,
    deletionMs: -1,
    removed: false,
    attempts: 0,
    runDurationMs: p.runDurationMs ?? -1,
    reason: '',
  };
  store.addPod(pod);
  store.record('PodCreated', pod.key, '', p.owner ? `${p.owner.kind}/${p.owner.name}` : '');
  // A pod that names its node is not scheduled: the kubelet of that node takes it (as in Kubernetes).
  if (p.spec.nodeName) {
    const node = store.node(p.spec.nodeName);
    if (node) {
      const rejected = p.snapshot ? undefined : admissionFailure(pod, node, store.resources);
      store.bindPod(pod, node);
      store.record('PodScheduled', pod.key, node.name, 'spec.nodeName');
      if (rejected) {
        store.setPodPhase(pod, 'Failed', rejected);
        store.record('PodFailed', pod.key, node.name, rejected);
      }
    }
  }
  return pod;
}

/** Kubernetes generateName-style suffix: 5 characters from the consonant/digit alphabet, derived from a counter. */
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
export function nameSuffix(seed: string, counter: number): string {
  let h = 2166136261;
  const text = `${seed}#${counter}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  let out = '';
  for (let i = 0; i < 5; i++) {
    out += ALPHABET[h % ALPHABET.length];
    h = Math.floor(h / ALPHABET.length) ^ Math.imul(h, 31) >>> 0;
    h >>>= 0;
  }
  return out;
}
