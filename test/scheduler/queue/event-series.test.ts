/**
 * PodUnschedulable rows fold repeats of a pod's previous message into an event series, as the events
 * API does (client-go tools/events: isomorphic events within finishTime, 6 minutes, join one series).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ONE_NODE, addDecoyNode, podManifest, runWith, timesOf } from './queue-helpers.js';

const SERIES = { scheduler: { unschedulableEvents: 'series' as const } };


describe('PodUnschedulable event series', () => {
  it('repeats of the same message are folded: one row for a pod retried every 5:30 for 12 minutes', () => {
    const yaml = ONE_NODE(podManifest('big', '8'), '12m');
    assert.deepEqual(timesOf(runWith(yaml, SERIES), 'PodUnschedulable', 'default/big'), [0]);
    assert.deepEqual(timesOf(runWith(yaml, {}), 'PodUnschedulable', 'default/big'), [0, 330, 660], 'every attempt without the series');
  });

  it('a new message starts a new row', () => {
    // A node added at 60 s changes the count in "0/N nodes are available".
    const run = runWith(ONE_NODE(podManifest('big', '8'), '3m'), SERIES, (s) => s.sim.at(60_000, () => addDecoyNode(s, 'extra')));
    const rows = run.events.filter((r) => r[1] === 'PodUnschedulable' && r[2] === 'default/big');
    assert.deepEqual(rows.map((r) => Number(r[0])), [0, 60]);
    assert.match(String(rows[1]![4]), /^0\/2 nodes are available/);
  });
});
