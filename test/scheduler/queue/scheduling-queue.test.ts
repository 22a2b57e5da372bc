import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../../engine/cluster/pod.js';
import { Simulator } from '../../../engine/core/simulator.js';
import { SchedulingQueue } from '../../../engine/scheduler/queue/scheduling-queue.js';
import type { QueueConfig } from '../../../engine/scheduler/queue/scheduling-queue.js';
import type { ClusterEvent } from '../../../engine/scheduler/queue/cluster-events.js';
import { isEventRelevant } from '../../../engine/scheduler/queue/cluster-events.js';

// SchedulerQueueingHints pinned off: these tests cover the registration table (cluster-events.ts); queueing-hints.test.ts covers the gate on.
const CONFIG: QueueConfig = { podInitialBackoffMs: 1000, podMaxBackoffMs: 10000, popFromBackoffQ: true, podMaxInUnschedulablePodsDurationMs: 300_000, queueingHints: false };
let uid = 1;
function pod(name: string, priority = 0): Pod {
  return { uid: uid++, name, namespace: 'default', spec: { priority } } as unknown as Pod;
}
function queue(config: Partial<QueueConfig> = {}): { q: SchedulingQueue; sim: Simulator } {
  const sim = new Simulator();
  return { q: new SchedulingQueue(sim, { ...CONFIG, ...config }, () => {}), sim };
}
const FIT = new Set(['NodeResourcesFit']);

describe('activeQ order (PrioritySort)', () => {
  it('higher priority first, then the earlier enqueue time', () => {
    const { q, sim } = queue();
    q.add(pod('low-early', 1));
    sim.now = 5;
    q.add(pod('high-late', 10));
    q.add(pod('low-late', 1));
    q.add(pod('high-later', 10));
    const order: string[] = [];
    for (let i = q.pop(); i; i = q.pop()) order.push(i.pod.name);
    assert.deepEqual(order, ['high-late', 'high-later', 'low-early', 'low-late']);
  });

  it('pop counts attempts', () => {
    const { q } = queue();
    q.add(pod('a'));
    assert.equal(q.pop()!.attempts, 1);
  });
});

describe('after a failed attempt', () => {
  it('a pod rejected by a plugin goes to the unschedulable pool', () => {
    const { q } = queue();
    const p = pod('a');
    q.add(p);
    q.addUnschedulable(q.pop()!, FIT);
    assert.equal(q.where(p), 'unschedulablePods');
  });

  it('a pod that failed with an error (no rejecting plugin) goes to errorBackoffQ, which Pop never takes from early', () => {
    const { q } = queue();
    const p = pod('a');
    q.add(p);
    q.addUnschedulable(q.pop()!, new Set());
    assert.equal(q.where(p), 'errorBackoffQ');
    assert.equal(q.pop(), undefined);
  });

  it('in-flight rule: a relevant event during the attempt sends the pod to backoffQ, not the pool', () => {
    const { q } = queue();
    const p = pod('a');
    q.add(p);
    const info = q.pop()!;
    q.onClusterEvent('NodeAdd');
    q.addUnschedulable(info, FIT);
    assert.equal(q.where(p), 'backoffQ');
  });

  it('in-flight rule: an irrelevant event during the attempt leaves the pod parked', () => {
    const { q } = queue();
    const p = pod('a');
    q.add(p);
    const info = q.pop()!;
    q.onClusterEvent('NodeTaintChange');
    q.addUnschedulable(info, FIT);
    assert.equal(q.where(p), 'unschedulablePods');
  });
});

describe('moving parked pods on cluster events', () => {
  it('a pod still backing off moves to backoffQ; with SchedulerPopFromBackoffQ it can be popped at once', () => {
    const { q } = queue();
    const p = pod('a');
    q.add(p);
    q.addUnschedulable(q.pop()!, FIT);
    q.onClusterEvent('NodeAdd');
    assert.equal(q.where(p), 'backoffQ');
    assert.equal(q.hasPoppable, true);
    assert.equal(q.pop()?.pod, p);
  });

  it('without the gate a pod in backoffQ cannot be popped before its backoff ends', () => {
    const { q, sim } = queue({ popFromBackoffQ: false });
    const p = pod('a');
    q.add(p);
    q.addUnschedulable(q.pop()!, FIT);
    q.onClusterEvent('NodeAdd');
    assert.equal(q.pop(), undefined);
    sim.run(999);
    assert.equal(q.where(p), 'backoffQ');
    sim.run(1000);
    assert.equal(q.where(p), 'activeQ');
  });

  it('a pod whose backoff is over moves straight to activeQ', () => {
    const { q, sim } = queue();
    const p = pod('a');
    q.add(p);
    q.addUnschedulable(q.pop()!, FIT);
    sim.run(5000);
    q.onClusterEvent('AssignedPodDelete');
    assert.equal(q.where(p), 'activeQ');
  });

  it('deleting a queued pod removes it from every sub-queue', () => {
    const { q } = queue();
    const a = pod('a');
    const b = pod('b');
    q.add(a);
    q.add(b);
    q.delete(a);
    assert.equal(q.pop()?.pod, b);
    assert.equal(q.pop(), undefined);
  });
});

describe('which events move a pod (EventsToRegister)', () => {
  const cases: [string, string[], ClusterEvent, boolean][] = [
    ['NodeResourcesFit: assigned pod deleted', ['NodeResourcesFit'], 'AssignedPodDelete', true],
    ['NodeResourcesFit: node added', ['NodeResourcesFit'], 'NodeAdd', true],
    ['NodeResourcesFit: not a taint change', ['NodeResourcesFit'], 'NodeTaintChange', false],
    ['NodeResourcesFit: not an assigned pod added', ['NodeResourcesFit'], 'AssignedPodAdd', false],
    ['TaintToleration: taint change', ['TaintToleration'], 'NodeTaintChange', true],
    ['TaintToleration: not a label change', ['TaintToleration'], 'NodeLabelChange', false],
    ['NodeAffinity: label change', ['NodeAffinity'], 'NodeLabelChange', true],
    ['NodeUnschedulable: taint change (spec.unschedulable)', ['NodeUnschedulable'], 'NodeTaintChange', true],
    ['NodePorts: assigned pod deleted', ['NodePorts'], 'AssignedPodDelete', true],
    ['PodTopologySpread: assigned pod added', ['PodTopologySpread'], 'AssignedPodAdd', true],
    ['InterPodAffinity: node deleted', ['InterPodAffinity'], 'NodeDelete', true],
    ['a plugin unknown to the table: any event', ['MyPlugin'], 'NodeLabelChange', true],
    ['one of several rejecting plugins is enough', ['NodeResourcesFit', 'NodeAffinity'], 'NodeLabelChange', true],
    ['the unschedulable timeout matches every pod', ['NodeResourcesFit'], 'UnschedulableTimeout', true],
  ];
  for (const [name, plugins, event, want] of cases) it(name, () => assert.equal(isEventRelevant(event, new Set(plugins)), want));
});
