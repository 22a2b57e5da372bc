/**
 * ImageLocality (plugins/imagelocality/image_locality.go): favours nodes that already have the pod's
 * images, each image's size scaled by the share of nodes that have it, clamped to
 * [23 MiB, 1000 MiB x containers] and mapped linearly to 0..100. No NormalizeScore.
 */
import type { Node } from '../../../cluster/node.js';
import type { Pod } from '../../../cluster/pod.js';
import type { ClusterStore } from '../../../cluster/store.js';
import type { CycleState, Handle, ScorePlugin } from '../../framework/interfaces.js';
import { MAX_NODE_SCORE } from '../../framework/interfaces.js';
import { goDiv } from '../helper/normalize-score.js';

export const NAME = 'ImageLocality';
const MB = 1024 * 1024;
/** minThreshold and maxContainerThreshold (image_locality.go). */
export const MIN_THRESHOLD = 23 * MB;
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** Appends ":latest" when the image reference has no tag (the last ':' is not after the last '/'). */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  const s = sumScores < MIN_THRESHOLD ? MIN_THRESHOLD : sumScores > maxThreshold ? maxThreshold : sumScores;
  return goDiv(MAX_NODE_SCORE * (s - MIN_THRESHOLD), maxThreshold - MIN_THRESHOLD);
}

export class ImageLocality implements ScorePlugin {
  readonly name = NAME;
  /** Number of live nodes reporting each image name (the scheduler cache's imageStates). */
  private readonly numNodes = new Map<string, number>();

  constructor(private readonly store: ClusterStore) {
    for (const n of store.nodes) if (!n.deleted) this.count(n, 1);
    store.events.onNode((type, node) => {
      if (type === 'NodeAdded') this.count(node, 1);
      else if (type === 'NodeRemoved') this.count(node, -1);
    });
  }

  private count(node: Node, sign: 1 | -1): void {
    const names = new Set<string>();
    for (const img of node.images) for (const n of img.names) names.add(n);
    for (const n of names) this.numNodes.set(n, (this.numNodes.get(n) ?? 0) + sign);
  }

  score(_state: CycleState, pod: Pod, node: Node): number {
    const spec = pod.spec;
    const total = this.store.liveNodeCount;
    let sum = 0;
    if (node.images.length > 0) {
      for (const c of spec.initContainers) sum += this.imageScore(node, normalizedImageName(c.image), total);
      for (const c of spec.containers) sum += this.imageScore(node, normalizedImageName(c.image), total);
    }
    return calculatePriority(sum, spec.initContainers.length + spec.containers.length);
  }

  private imageScore(node: Node, image: string, totalNodes: number): number {
    for (const img of node.images) {
      if (!img.names.includes(image)) continue;
      const spread = (this.numNodes.get(image) ?? 0) / totalNodes;
      return Math.trunc(img.sizeBytes * spread);
    }
    return 0;
  }
}

export function newImageLocality(_args: unknown, handle: Handle): ImageLocality {
  return new ImageLocality(handle.store);
}
