/**
 * NodeResourcesFit's hints, mirroring plugins/noderesources/fit_test.go (Test_isSchedulableAfterPodEvent,
 * Test_isSchedulableAfterNodeChange, TestIsFit), and GpuFit's hints (kubesim's own, by analogy).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fitNodeHint, fitPodHint, fitsEmptyNode } from '../../../../engine/scheduler/plugins/noderesources/fit-hints.js';
import { gpuFitNodeHint, gpuFitPodHint } from '../../../../engine/scheduler/plugins/gpufit/hints.js';
import { makeGpuRequest, GPU_MODEL_LABEL } from '../../../../engine/cluster/gpu.js';
import type { Pod } from '../../../../engine/cluster/pod.js';
import type { NodeState } from '../../../../engine/scheduler/framework/queueing-hint.js';
import { CPU, EXT_A, EXT_B, MEMORY, node, nodeChange, pod, podChange } from './fixtures.js';

type PodCase = [name: string, target: Pod, oldPod: Pod | undefined, newPod: Pod | undefined, want: string];

describe('NodeResourcesFit hint on pod events (isSchedulableAfterPodEvent)', () => {
  const target = pod({ uid: 1, requests: { [CPU]: 1000 } });
  const cpuTarget = pod({ uid: 2, requests: { [CPU]: 1000 } });
  const memTarget = pod({ uid: 3, requests: { [MEMORY]: 1000 } });
  const cases: PodCase[] = [
    ['queue-on-deleted: an assigned pod was deleted', target, pod({ assigned: true }), undefined, 'Queue'],
    ['skip-queue-on-unscheduled-pod-deleted', target, pod(), undefined, 'QueueSkip'],
    ['queue on a deleted pod that was only nominated', target, pod({ nominatedNodeName: 'n' }), undefined, 'Queue'],
    ['skip-queue-on-other-unscheduled-pod: an unscheduled pod scaled down', cpuTarget, pod({ uid: 9, requests: { [CPU]: 2000 } }), pod({ uid: 9, requests: { [CPU]: 1000 } }), 'QueueSkip'],
    ['skip-queue-on-other-pod-non-resource-changes', cpuTarget, pod({ uid: 9, assigned: true, labels: { a: '1' }, requests: { [CPU]: 1000 } }), pod({ uid: 9, assigned: true, labels: { a: '2' }, requests: { [CPU]: 1000 } }), 'QueueSkip'],
    ['skip-queue-on-other-pod-unrelated-resource-scaled-down', memTarget, pod({ uid: 9, assigned: true, requests: { [CPU]: 2000 } }), pod({ uid: 9, assigned: true, requests: { [CPU]: 1000 } }), 'QueueSkip'],
    ['queue-on-other-pod-some-resource-scale-down', cpuTarget, pod({ uid: 9, assigned: true, requests: { [CPU]: 2000 } }), pod({ uid: 9, assigned: true, requests: { [CPU]: 1000 } }), 'Queue'],
    ['queue-on-target-pod-some-resource-scale-down', cpuTarget, pod({ uid: 2, requests: { [CPU]: 2000 } }), pod({ uid: 2, requests: { [CPU]: 1000 } }), 'Queue'],
  ];
  for (const [name, p, oldPod, newPod, want] of cases) it(name, () => assert.equal(fitPodHint(p, podChange(oldPod, newPod)), want));
});

type NodeCase = [name: string, target: Pod, oldNode: NodeState | undefined, newNode: NodeState, want: string];

describe('NodeResourcesFit hint on node events (isSchedulableAfterNodeChange)', () => {
  const mem2 = pod({ requests: { [MEMORY]: 2 } });
  const mem2A1 = pod({ requests: { [MEMORY]: 2, [EXT_A]: 1 } });
  const cases: NodeCase[] = [
    ['skip-queue-on-node-add-without-sufficient-resources', mem2, undefined, node({ capacity: { [MEMORY]: 1 } }), 'QueueSkip'],
    ['skip-queue-on-node-add-without-required-resource-type', pod({ requests: { [EXT_A]: 1 } }), undefined, node({ capacity: { [EXT_B]: 1 } }), 'QueueSkip'],
    ['queue-on-node-add-with-sufficient-resources', mem2A1, undefined, node({ capacity: { [MEMORY]: 4, [EXT_A]: 2 } }), 'Queue'],
    ['skip-queue-on-node-changes-from-suitable-to-unsuitable', mem2A1, node({ capacity: { [MEMORY]: 4, [EXT_A]: 2 } }), node({ capacity: { [MEMORY]: 1, [EXT_A]: 2 } }), 'QueueSkip'],
    ['queue-on-node-changes-from-unsuitable-to-suitable', mem2A1, node({ capacity: { [MEMORY]: 1, [EXT_A]: 2 } }), node({ capacity: { [MEMORY]: 4, [EXT_A]: 2 } }), 'Queue'],
    ['skip on an update that fits but grew nothing the pod asks for', mem2, node({ capacity: { [MEMORY]: 4 } }), node({ capacity: { [MEMORY]: 4, [CPU]: 8000 } }), 'QueueSkip'],
    ['queue on an update that allows more pods', mem2, node({ capacity: { [MEMORY]: 4 } }), node({ capacity: { [MEMORY]: 4, 3: 64 } }), 'Queue'],
  ];
  for (const [name, p, oldNode, newNode, want] of cases) it(name, () => assert.equal(fitNodeHint(p, nodeChange(oldNode, newNode, 'NodeAllocatableChange')), want));
});

describe('isFit: the pod fits the empty node (TestIsFit)', () => {
  it('insufficient resource', () => assert.equal(fitsEmptyNode(pod({ requests: { [CPU]: 2000 } }), node({ capacity: { [CPU]: 1000 } })), false));
  it('sufficient resource', () => assert.equal(fitsEmptyNode(pod({ requests: { [CPU]: 1000 } }), node({ capacity: { [CPU]: 2000 } })), true));
  it('a node that allows no pods fits nothing', () => assert.equal(fitsEmptyNode(pod(), node({ capacity: { 3: 0 } })), false));
});

describe('GpuFit hints (kubesim, by analogy with NodeResourcesFit)', () => {
  const GPU = 4;
  const whole = pod({ gpu: makeGpuRequest(2, 1000, 'A100') });
  const share = pod({ gpu: makeGpuRequest(1, 500) });
  const cpuOnly = pod({ requests: { [CPU]: 1000 } });
  const gpuNode = (count: number, model: string): NodeState => node({ capacity: { [GPU]: count }, labels: { [GPU_MODEL_LABEL]: model } });
  const hint = gpuFitNodeHint(() => GPU);
  const nodeCases: NodeCase[] = [
    ['queue on a new node with enough GPUs of an accepted model', whole, undefined, gpuNode(4, 'A100'), 'Queue'],
    ['skip a new node with too few GPUs', whole, undefined, gpuNode(1, 'A100'), 'QueueSkip'],
    ['skip a new node of another model', whole, undefined, gpuNode(8, 'V100'), 'QueueSkip'],
    ['queue on a model label that turned accepted', whole, gpuNode(4, 'V100'), gpuNode(4, 'A100'), 'Queue'],
    ['skip a label update when the model was already accepted', share, gpuNode(4, 'V100'), gpuNode(4, 'A100'), 'QueueSkip'],
    ['skip for a pod without GPUs', cpuOnly, undefined, gpuNode(4, 'A100'), 'QueueSkip'],
  ];
  for (const [name, p, oldNode, newNode, want] of nodeCases) it(name, () => assert.equal(hint(p, nodeChange(oldNode, newNode)), want));
  const podCases: PodCase[] = [
    ['queue when an assigned GPU pod is deleted', share, pod({ assigned: true, gpu: makeGpuRequest(1, 500) }), undefined, 'Queue'],
    ['skip when the deleted pod held no GPU', share, pod({ assigned: true, requests: { [CPU]: 1000 } }), undefined, 'QueueSkip'],
    ['skip when the deleted pod was never scheduled', share, pod({ gpu: makeGpuRequest(1, 500) }), undefined, 'QueueSkip'],
  ];
  for (const [name, p, oldPod, newPod, want] of podCases) it(name, () => assert.equal(gpuFitPodHint(p, podChange(oldPod, newPod)), want));
});
