/** Queue behaviour as users see it in events.csv: PodUnschedulable / PodScheduled times. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPod } from '../../../engine/cluster/pod-factory.js';
import { Simulation } from '../../../engine/scenario/simulation.js';
import { EVENT_PRIORITY } from '../../../engine/cluster/priorities.js';
import { scenarioFromText } from '../../helpers.js';
import { ONE_NODE, addDecoyNodes, gaps, podManifest, runWith, timesOf } from './queue-helpers.js';

const BIG = ONE_NODE(podManifest('big', '8'), '40s');

describe('backoff seen in events.csv (SchedulerPopFromBackoffQ off)', () => {
  it('a pod requeued by frequent node adds is retried after 1, 2, 4, 8, 10, 10 s', () => {
    const run = runWith(BIG, { scheduler: { popFromBackoffQ: false } }, (s) => addDecoyNodes(s, 100));
    const t = timesOf(run, 'PodUnschedulable', 'default/big');
    assert.deepEqual(t, [0, 1, 3, 7, 15, 25, 35]);
    assert.deepEqual(gaps(t), [1, 2, 4, 8, 10, 10]);
  });

  it('podInitialBackoff 2 s and podMaxBackoff 5 s give 2, 4, 5, 5 s', () => {
    const run = runWith(ONE_NODE(podManifest('big', '8'), '17s'), { scheduler: { popFromBackoffQ: false, podInitialBackoffMs: 2000, podMaxBackoffMs: 5000 } }, (s) => addDecoyNodes(s, 100));
    assert.deepEqual(gaps(timesOf(run, 'PodUnschedulable', 'default/big')), [2, 4, 5, 5]);
  });

  it('a pod put back at a fraction of a second is released by the next whole-second flush', () => {
    // Created at 0.25 s: fails at 0.25 s, backoff 1 s expires at 1.25 s, the 1 s flush ticks at 2 s.
    const yaml = ONE_NODE('', '5s');
    const run = runWith(yaml, { scheduler: { popFromBackoffQ: false } }, (s) => {
      addDecoyNodes(s, 100);
      s.sim.at(250, () => makeBig(s));
    });
    assert.deepEqual(timesOf(run, 'PodUnschedulable', 'default/late').slice(0, 2), [0.25, 2]);
  });
});

describe('backoff with SchedulerPopFromBackoffQ on (the v1.33 default)', () => {
  it('an idle scheduler pops a requeued pod from backoffQ at once: every relevant event retries it', () => {
    const run = runWith(ONE_NODE(podManifest('big', '8'), '1s'), {}, (s) => addDecoyNodes(s, 100));
    assert.deepEqual(timesOf(run, 'PodUnschedulable', 'default/big'), [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });
});

describe('requeue on cluster events', () => {
  it('a pod rejected for cpu is scheduled when a node that fits is added', () => {
    const run = runWith(BIG, {}, (s) => s.sim.at(20_000, () => addNode(s, 'large', 16_000)));
    assert.deepEqual(timesOf(run, 'PodUnschedulable', 'default/big'), [0]);
    assert.deepEqual(timesOf(run, 'PodScheduled', 'default/big'), [20]);
  });

  it('an event no rejecting plugin registered (a taint change) does not retry the pod', () => {
    const run = runWith(BIG, {}, (s) => s.sim.at(10_000, () => s.store.setNodeTaints(s.store.nodes[0]!, [{ key: 'k', value: 'v', effect: 'NoSchedule' }])));
    assert.deepEqual(timesOf(run, 'PodUnschedulable', 'default/big'), [0]);
  });

  it('an assigned pod that finishes frees its node and the waiting pod binds then', () => {
    const yaml = ONE_NODE(podManifest('first', '3', '        restartPolicy: Never\n').replace('metadata: {name: first', 'metadata: {annotations: {kubesim.io/duration: 30s}, name: first') + podManifest('second', '3'), '2m');
    const run = runWith(yaml, {});
    assert.deepEqual(timesOf(run, 'PodUnschedulable', 'default/second'), [0]);
    // first runs from 1 s (start-up delay) for 30 s; its Succeeded phase is an assigned-pod delete.
    assert.deepEqual(timesOf(run, 'PodScheduled', 'default/second'), [31]);
  });
});

describe('the unschedulable pool flush (DefaultPodMaxInUnschedulablePodsDuration)', () => {
  it('with no event, a pod parked at 0 s is retried at 5:30, then every 5:30', () => {
    const run = runWith(ONE_NODE(podManifest('big', '8'), '12m'), {});
    assert.deepEqual(timesOf(run, 'PodUnschedulable', 'default/big'), [0, 330, 660]);
  });

  it('a pod parked at 10 s waits 5:20 (between 5:00 and 5:30)', () => {
    const run = runWith(ONE_NODE('', '6m'), {}, (s) => s.sim.at(10_000, () => makeBig(s)));
    const t = timesOf(run, 'PodUnschedulable', 'default/late');
    assert.deepEqual(t, [10, 330]);
    assert.ok(t[1]! - t[0]! > 300 && t[1]! - t[0]! <= 330);
  });
});

function addNode(s: Simulation, name: string, cpuMillis: number): void {
  const alloc = s.store.resources.vector();
  alloc[0] = cpuMillis;
  alloc[1] = 64 * 2 ** 30;
  alloc[3] = 110;
  s.store.addNode({ name, labels: {}, taints: [], unschedulable: false, allocatable: alloc, images: [], pool: '' });
}

/** An 8-cpu pod named `late`, created when called (its spec read from a scenario of its own). */
function makeBig(s: Simulation): void {
  const spec = scenarioFromText(ONE_NODE(podManifest('late', '8'))).pods[0]!.spec;
  createPod(s.store, { name: 'late', namespace: 'default', labels: {}, spec });
}

describe('attempts in a row at one instant', () => {
  const TWO_PODS = ONE_NODE(podManifest('a', '1') + podManifest('b', '1'), '1m');
  // A cordon queued at t=0 by the first bind, at the scheduler's priority: the second attempt, whose event
  // would be queued after it, must see the node cordoned (it runs in the same event only when nothing is due first).
  const cordonOnFirstBind = (s: Simulation): void => {
    s.store.events.onPod((type, pod) => {
      if (type === 'PodBound' && pod.name === 'a') s.sim.at(s.sim.now, () => s.store.setNodeUnschedulable(s.store.nodes[0]!, true), undefined, EVENT_PRIORITY.scheduler);
    });
  };

  it('both pods are bound at t=0 when nothing else happens', () => {
    const run = runWith(TWO_PODS, {});
    assert.deepEqual(timesOf(run, 'PodScheduled', 'default/b'), [0]);
  });

  it('a stop requested during an attempt (explain does, once it has its attempt) ends the attempts in a row', () => {
    const sim = new Simulation(scenarioFromText(TWO_PODS));
    sim.store.events.onPod((type, pod) => {
      if (type === 'PodBound' && pod.name === 'a') sim.sim.stop();
    });
    while (sim.store.pod('default', 'a')?.nodeIndex === -1 && sim.sim.step());
    assert.equal(sim.store.pod('default', 'b')?.nodeIndex, -1, 'b waits for the next event');
  });

  it('an event due at the same instant runs between two attempts', () => {
    const run = runWith(TWO_PODS, {}, cordonOnFirstBind);
    assert.deepEqual(timesOf(run, 'PodScheduled', 'default/a'), [0]);
    assert.deepEqual(timesOf(run, 'PodScheduled', 'default/b'), []);
    assert.deepEqual(timesOf(run, 'PodUnschedulable', 'default/b').slice(0, 1), [0]);
  });
});
