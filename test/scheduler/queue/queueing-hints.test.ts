/**
 * The queue with SchedulerQueueingHints on (scheduling_queue.go isPodWorthRequeuing,
 * determineSchedulingHintForInFlightPod): a parked pod moves only when a rejecting plugin's hint
 * answers Queue; with the gate off any registered event moves it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../../engine/cluster/pod.js';
import { Simulator } from '../../../engine/core/simulator.js';
import type { ObservedEvent } from '../../../engine/scheduler/framework/queueing-hint.js';
import { SchedulingQueue } from '../../../engine/scheduler/queue/scheduling-queue.js';
import { isPodWorthRequeuing, observedPodEvent } from '../../../engine/scheduler/queue/queueing-hints.js';
import type { PluginHints } from '../../../engine/scheduler/queue/queueing-hints.js';
import { spreadEvents } from '../../../engine/scheduler/plugins/podtopologyspread/hints.js';
import { FIT_EVENTS } from '../../../engine/scheduler/plugins/noderesources/fit-hints.js';
import { node, pod, spread } from '../plugins/hints/fixtures.js';

const PTS = 'PodTopologySpread';
const HINTS: PluginHints = new Map([
  [PTS, spreadEvents({ defaultingType: 'List', defaultConstraints: [] })],
  ['NodeResourcesFit', FIT_EVENTS],
]);

function queue(queueingHints: boolean): SchedulingQueue {
  const q = new SchedulingQueue(new Simulator(), { podInitialBackoffMs: 1000, podMaxBackoffMs: 10000, popFromBackoffQ: true, podMaxInUnschedulablePodsDurationMs: 300_000, queueingHints }, () => {});
  q.setQueueingHintMap(new Map([['default-scheduler', HINTS]]));
  return q;
}

/** A web pod whose zone spread (DoNotSchedule, selecting app=web) rejected it. */
function webPod(): Pod {
  return pod({ labels: { app: 'web' }, spread: [spread('zone', { matchLabels: { app: 'web' }, matchExpressions: [] })] });
}

const deleted = (labels: Record<string, string>): ObservedEvent => observedPodEvent('AssignedPodDelete', pod({ assigned: true, labels }));

function parked(q: SchedulingQueue, p: Pod, plugins: string[]): void {
  q.add(p);
  q.addUnschedulable(q.pop()!, new Set(plugins));
}

describe('queueing hints in the scheduling queue (gate on)', () => {
  it('a pod rejected by PodTopologySpread is not moved by the deletion of a pod its selector does not match', () => {
    const q = queue(true);
    const p = webPod();
    parked(q, p, [PTS]);
    q.onClusterEvent(deleted({ app: 'batch' }));
    assert.equal(q.where(p), 'unschedulablePods');
  });

  it('... and is moved by the deletion of a matching pod', () => {
    const q = queue(true);
    const p = webPod();
    parked(q, p, [PTS]);
    q.onClusterEvent(deleted({ app: 'web' }));
    assert.equal(q.where(p), 'backoffQ');
  });

  it('one rejecting plugin answering Queue is enough (NodeResourcesFit queues on every assigned-pod delete)', () => {
    const q = queue(true);
    const p = webPod();
    parked(q, p, [PTS, 'NodeResourcesFit']);
    q.onClusterEvent(deleted({ app: 'batch' }));
    assert.equal(q.where(p), 'backoffQ');
  });

  it('in flight: an event whose hint answers QueueSkip leaves the failed pod parked', () => {
    const q = queue(true);
    const p = webPod();
    q.add(p);
    const info = q.pop()!;
    q.onClusterEvent(deleted({ app: 'batch' }));
    q.addUnschedulable(info, new Set([PTS]));
    assert.equal(q.where(p), 'unschedulablePods');
  });

  it('in flight: an event whose hint answers Queue sends the failed pod to backoffQ', () => {
    const q = queue(true);
    const p = webPod();
    q.add(p);
    const info = q.pop()!;
    q.onClusterEvent(deleted({ app: 'web' }));
    q.addUnschedulable(info, new Set([PTS]));
    assert.equal(q.where(p), 'backoffQ');
  });

  it('an event no rejecting plugin registered is not asked about (NodeResourcesFit and a taint change)', () => {
    const q = queue(true);
    const p = webPod();
    parked(q, p, ['NodeResourcesFit']);
    q.onClusterEvent({ event: 'NodeTaintChange', oldNode: node(), newNode: node() });
    assert.equal(q.where(p), 'unschedulablePods');
  });
});

describe('with SchedulerQueueingHints off, any registered event moves the pod', () => {
  it('the deletion of a non-matching pod moves a pod rejected by PodTopologySpread', () => {
    const q = queue(false);
    const p = webPod();
    parked(q, p, [PTS]);
    q.onClusterEvent(deleted({ app: 'batch' }));
    assert.equal(q.where(p), 'backoffQ');
  });
});

describe('isPodWorthRequeuing', () => {
  const p = webPod();
  const cases: [string, string[], ObservedEvent, PluginHints | undefined, boolean][] = [
    ['a pod that failed with an error (no rejecting plugin) always moves', [], deleted({ app: 'batch' }), HINTS, true],
    ['the unschedulable flush (wildcard) moves everything', [PTS], { event: 'UnschedulableTimeout' }, HINTS, true],
    ['a plugin without EventsToRegister (out-of-tree) answers Queue to every event', ['PreferLabel'], deleted({ app: 'batch' }), HINTS, true],
    ['a registered event without objects counts as Queue', [PTS], { event: 'AssignedPodDelete' }, HINTS, true],
    ['a registered event whose hint answers QueueSkip does not move the pod', [PTS], deleted({ app: 'batch' }), HINTS, false],
    ['an event the plugin did not register does not move the pod', [PTS], { event: 'NodeAllocatableChange', oldNode: node(), newNode: node() }, HINTS, false],
    ['a profile without a hint map moves the pod', [PTS], deleted({ app: 'batch' }), undefined, true],
    ['an added matching pod in another namespace does not move it', [PTS], observedPodEvent('AssignedPodAdd', pod({ assigned: true, namespace: 'x', labels: { app: 'web' } })), HINTS, false],
    ['an added assigned pod its selector matches moves it', [PTS], observedPodEvent('AssignedPodAdd', pod({ assigned: true, labels: { app: 'web' } })), HINTS, true],
  ];
  for (const [name, plugins, e, hints, want] of cases) it(name, () => assert.equal(isPodWorthRequeuing(p, new Set(plugins), e, hints), want));

  it('answers for the set as it is now when the same set is asked again after a change', () => {
    const plugins = new Set([PTS]);
    const e = deleted({ app: 'batch' });
    assert.equal(isPodWorthRequeuing(p, plugins, e, HINTS), false);
    plugins.add('PreferLabel'); // no EventsToRegister: Queue
    assert.equal(isPodWorthRequeuing(p, plugins, e, HINTS), true);
  });
});
