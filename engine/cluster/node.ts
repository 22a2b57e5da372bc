/** A simulated Node: what the scheduler and the node lifecycle controller see of it. */
import type { NodeGpus } from './gpu.js';
import type { Labels } from './labels.js';
import type { ResourceVector } from './resources.js';
import type { Taint } from './taints.js';

export const LABEL_ZONE = 'topology.kubernetes.io/zone';
export const LABEL_REGION = 'topology.kubernetes.io/region';
export const LABEL_HOSTNAME = 'kubernetes.io/hostname';

export interface ContainerImage {
  names: readonly string[];
  sizeBytes: number;
}

/** Ready condition as the control plane sees it. */
export type NodeReadyStatus = 'True' | 'False' | 'Unknown';

export interface Node {
  /** Dense index into the store's node table; stable for the node's lifetime, reused never. */
  readonly index: number;
  readonly name: string;
  labels: Labels;
  taints: Taint[];
  unschedulable: boolean;
  readonly allocatable: ResourceVector;
  readonly images: readonly ContainerImage[];
  /** Pool the node came from (scenario nodes[].pool), or '' for Node manifests. */
  readonly pool: string;
  readonly zone: string;
  ready: NodeReadyStatus;
  createdMs: number;
  /** Set once the node is removed from the cluster. */
  deleted: boolean;

  // Accounting kept by the store (actual requests for filtering, non-zero ones for scoring).
  readonly requested: ResourceVector;
  nonZeroCpu: number;
  nonZeroMemory: number;
  podCount: number;
  /** Bumped by every change of the accounting above (score caches compare it; never decides anything). */
  accountingVersion: number;
  /** GPU devices (allocatable nvidia.com/gpu > 0), free milli per GPU; undefined without GPUs. */
  gpus: NodeGpus | undefined;
}

export function zoneOf(labels: Labels): string {
  return labels[LABEL_ZONE] ?? labels['failure-domain.beta.kubernetes.io/zone'] ?? '';
}
