/**
 * GpuFit's queueing hints (kubesim's own plugin), by analogy with NodeResourcesFit's
 * (plugins/noderesources/fit.go isSchedulableAfterPodEvent / isSchedulableAfterNodeChange):
 * - assigned pod deleted: Queue only if it held GPU share (NodeResourcesFit queues on every deletion
 *   because every pod holds cpu/memory; only a GPU pod frees GPU milli);
 * - node added: Queue if the empty node could take the pod (enough GPUs of an accepted model);
 * - node labels updated: Queue if the GPU model label turned from rejected to accepted.
 * Pods without a GPU request answer QueueSkip: GpuFit never rejects them.
 */
import { GPU_MODEL_LABEL, MAX_GPUS_PER_NODE, modelAllowed } from '../../../cluster/gpu.js';
import type { Pod } from '../../../cluster/pod.js';
import type { ClusterEventWithHint, NodeState, ObservedEvent, QueueingHint } from '../../framework/queueing-hint.js';

function modelOf(node: NodeState): string {
  return node.labels[GPU_MODEL_LABEL] ?? '';
}

export function gpuFitPodHint(pod: Pod, e: ObservedEvent): QueueingHint {
  const deleted = e.oldPod;
  if (deleted === undefined) return 'Queue';
  if (pod.spec.gpu === undefined) return 'QueueSkip';
  if (deleted.nodeIndex < 0 && deleted.nominatedNodeName === '') return 'QueueSkip';
  return deleted.spec.gpu !== undefined ? 'Queue' : 'QueueSkip';
}

/** The node hint; `gpuIndex` gives nvidia.com/gpu's index in resource vectors (undefined: no GPUs anywhere). */
export function gpuFitNodeHint(gpuIndex: () => number | undefined): (pod: Pod, e: ObservedEvent) => QueueingHint {
  return (pod: Pod, e: ObservedEvent): QueueingHint => {
    const { oldNode, newNode } = e;
    if (newNode === undefined) return 'Queue';
    const req = pod.spec.gpu;
    if (req === undefined) return 'QueueSkip';
    const i = gpuIndex();
    const gpus = Math.min(i === undefined ? 0 : Math.floor(newNode.allocatable[i] ?? 0), MAX_GPUS_PER_NODE);
    if (gpus < req.count || !modelAllowed(req.models, modelOf(newNode))) return 'QueueSkip';
    if (oldNode === undefined) return 'Queue';
    return modelAllowed(req.models, modelOf(oldNode)) ? 'QueueSkip' : 'Queue';
  };
}

export function gpuFitEvents(gpuIndex: () => number | undefined): readonly ClusterEventWithHint[] {
  return [
    { events: ['AssignedPodDelete'], hint: gpuFitPodHint },
    { events: ['NodeAdd', 'NodeLabelChange'], hint: gpuFitNodeHint(gpuIndex) },
  ];
}
