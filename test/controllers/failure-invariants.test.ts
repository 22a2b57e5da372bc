/** Invariants over a run with many random failures, read back from events.csv. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cluster, runFailures } from './failure-helpers.js';

const FAULTS = `    - {type: random, failure: nodeDown, mtbf: 2h, mttr: "exponential(8m)", selector: {zone: a}}
    - {type: random, failure: partition, mtbf: 3h, mttr: "exponential(8m)", selector: {zone: b}}
    - {type: random, failure: notReady, mtbf: 4h, mttr: "exponential(8m)", selector: {zone: c}}`;

test('random failures: evictions only from NoExecute-tainted nodes, detection only of failed nodes, finalization only by a live kubelet or PodGC', () => {
  const run = runFailures(cluster({ zones: { a: 6, b: 6, c: 6 }, replicas: 18, cpu: '1', faults: FAULTS, duration: '12h' }));
  const noExecute = new Map<string, Set<string>>();
  const failed = new Map<string, number>();
  const evictedOn = new Map<string, string>();
  const counts = { evicted: 0, detected: 0 };
  for (const [, event, object, node, detail] of run.events.map((r) => r.map(String))) {
    if (event === 'NodeFailed') failed.set(node!, (failed.get(node!) ?? 0) + 1);
    if (event === 'NodeRecovered') failed.set(node!, failed.get(node!)! - 1);
    if (event === 'NodeTainted' && detail!.endsWith(':NoExecute')) noExecute.set(node!, (noExecute.get(node!) ?? new Set()).add(detail!));
    if (event === 'NodeUntainted' && detail!.endsWith(':NoExecute')) noExecute.get(node!)?.delete(detail!);
    if (event === 'PodEvicted') {
      counts.evicted++;
      assert.ok((noExecute.get(node!)?.size ?? 0) > 0, `${object} evicted from ${node} without a NoExecute taint`);
      evictedOn.set(object!, node!);
    }
    if (event === 'NodeNotReady' && detail === 'NodeStatusUnknown') {
      counts.detected++;
      assert.ok((failed.get(node!) ?? 0) > 0, `${node} detected while healthy`);
    }
    if (event === 'PodDeleted' && evictedOn.has(object!) && detail !== 'PodGC') {
      const n = evictedOn.get(object!)!;
      assert.ok(n.startsWith('c-') || (failed.get(n) ?? 0) === 0, `${object} finalized while ${n} is still down or cut off`);
    }
  }
  assert.ok(counts.evicted > 10 && counts.detected > 10, JSON.stringify(counts));
});

test('a run with failures is deterministic: the same seed gives the same events', () => {
  const yaml = cluster({ zones: { a: 6, b: 6, c: 6 }, replicas: 18, cpu: '1', faults: FAULTS, duration: '6h' });
  assert.deepEqual(runFailures(yaml).events, runFailures(yaml).events);
});
