import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { activePodsWithRanks } from '../../engine/controllers/replicaset/ranking.js';
import type { Pod, PodPhase } from '../../engine/cluster/pod.js';
import { spec } from './fixture.js';

function pod(uid: number, o: { node?: number; phase?: PodPhase; created?: number; running?: number }): Pod {
  return {
    uid, name: `p${uid}`, namespace: 'default', key: `default/p${uid}`, labels: {}, spec: spec(), owner: undefined, phase: o.phase ?? 'Running', nodeIndex: o.node ?? 0,
    nominatedNodeName: '', createdMs: o.created ?? 0, scheduledMs: 0, runningMs: o.running ?? 0, finishedMs: -1, deletionMs: -1, removed: false,
    attempts: 1, runDurationMs: -1, reason: '',
  };
}

const NOW = 1_000_000;
const ready = (p: Pod): boolean => p.phase === 'Running' && p.uid !== 99;

/** [name, pods, expected deletion order by uid]. */
const CASES: [string, Pod[], number[]][] = [
  ['unassigned pods go before assigned ones', [pod(1, { node: 0 }), pod(2, { node: -1, phase: 'Pending' })], [2, 1]],
  ['Pending goes before Running', [pod(1, { node: 0 }), pod(2, { node: 1, phase: 'Pending' })], [2, 1]],
  ['not ready goes before ready', [pod(1, { node: 0 }), pod(99, { node: 1 })], [99, 1]],
  ['a pod doubled up on its node goes before a pod alone', [pod(1, { node: 0 }), pod(2, { node: 1 }), pod(3, { node: 1 })], [2, 3, 1]],
  ['ready more recently goes first', [pod(1, { node: 0, running: 1_000 }), pod(2, { node: 1, running: 900_000 })], [2, 1]],
  ['ready times in the same log2 bucket: lower uid first', [pod(2, { node: 0, running: 10_000 }), pod(1, { node: 1, running: 10_001 })], [1, 2]],
  ['not ready: created more recently goes first', [pod(1, { node: 0, phase: 'Pending', created: 1_000 }), pod(2, { node: 1, phase: 'Pending', created: 900_000 })], [2, 1]],
];

describe('ReplicaSet scale-down ranking (ActivePodsWithRanks)', () => {
  for (const [name, pods, want] of CASES) {
    it(name, () => {
      const sorted = [...pods].sort(activePodsWithRanks(pods, NOW, ready));
      assert.deepEqual(sorted.map((p) => p.uid), want);
    });
  }
});
