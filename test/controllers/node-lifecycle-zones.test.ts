/** Per-zone NoExecute rate limiting and disruption states, read from events.csv. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cluster, runFailures, times } from './failure-helpers.js';
import type { FailureRun } from './failure-helpers.js';

function nodeList(zone: string, from: number, to: number): string {
  return Array.from({ length: to - from }, (_, i) => `${zone}-${from + i}`).join(', ');
}

/** NoExecute taint times in node order, with the node's NotReady time. */
function taintsAfterNotReady(run: FailureRun, nodes: string[]): { node: string; notReady: number; taint: number | undefined }[] {
  return nodes.map((node) => ({ node, notReady: times(run, 'NodeNotReady', { node })[0]!, taint: times(run, 'NodeTainted', { node, detail: ':NoExecute' })[0] }));
}

/** Upstream rule with rate r (burst 1): a node is tainted at max(its queueing pass, previous taint + 1/r), on the 100 ms loop. */
function assertTokenBucket(rows: { notReady: number; taint: number | undefined }[], intervalS: number): void {
  const sorted = rows.map((r) => ({ queued: r.notReady + 5, taint: r.taint! })).sort((a, b) => a.taint - b.taint);
  let prev = -Infinity;
  for (const r of sorted) {
    const want = Math.ceil(Math.max(r.queued, prev + intervalS) * 10) / 10;
    assert.equal(r.taint, want, `taint at ${r.taint}, expected ${want}`);
    prev = r.taint;
  }
}

test('nodes failing 10 s apart in a healthy zone -> each gets its NoExecute taint as soon as a 0.1/s token is there', () => {
  const faults = [0, 1, 2, 3].map((i) => `    - {type: nodeDown, at: ${120 + 10 * i}s, nodes: [a-${i}]}`).join('\n');
  const run = runFailures(cluster({ zones: { a: 10 }, faults }));
  const rows = taintsAfterNotReady(run, ['a-0', 'a-1', 'a-2', 'a-3']);
  assert.ok(rows.every((r) => r.taint !== undefined));
  assertTokenBucket(rows, 10);
});

test('nodes failing together -> NoExecute taints 10 s apart (nodeEvictionRate 0.1, burst 1)', () => {
  const run = runFailures(cluster({ zones: { a: 10 }, faults: '    - {type: nodeDown, at: 2m, nodes: [a-0, a-1, a-2]}' }));
  const rows = taintsAfterNotReady(run, ['a-0', 'a-1', 'a-2']);
  const taints = rows.map((r) => r.taint!).sort((x, y) => x - y);
  assert.ok(taints[1]! - taints[0]! >= 10 && taints[2]! - taints[1]! >= 10);
  assertTokenBucket(rows, 10);
});

test('partial disruption in a zone of <= 50 nodes -> rate 0: no NoExecute taint once the zone is PartialDisruption', () => {
  const run = runFailures(cluster({ zones: { a: 5, b: 3 }, faults: '    - {type: nodeDown, at: 2m, nodes: [a-0, a-1, a-2]}' }));
  const [partial] = times(run, 'ZoneDisruption', { object: 'a', detail: 'PartialDisruption' });
  assert.ok(partial !== undefined, 'zone a becomes PartialDisruption (3 of 5 not ready >= 0.55)');
  const taints = times(run, 'NodeTainted', { detail: ':NoExecute' });
  assert.ok(taints.every((t) => t <= partial), `no taint after ${partial}: ${taints}`);
  assert.ok(taints.length < 3);
});

test('partial disruption in a zone of > 50 nodes -> the secondary rate 0.01/s: taints 100 s apart', () => {
  const faults = `    - {type: nodeDown, at: 2m, nodes: [${nodeList('a', 0, 40)}]}`;
  const run = runFailures(cluster({ zones: { a: 60, b: 3 }, faults, duration: '40m' }));
  const [partial] = times(run, 'ZoneDisruption', { object: 'a', detail: 'PartialDisruption' });
  assert.ok(partial !== undefined);
  const after = times(run, 'NodeTainted', { detail: ':NoExecute' }).filter((t) => t > partial);
  assert.ok(after.length >= 10, `${after.length} taints after the transition`);
  for (let i = 1; i < after.length; i++) assert.equal(Math.round((after[i]! - after[i - 1]!) * 10) / 10, 100);
});

test('every zone down -> master disruption mode: NoExecute taints removed and no pod evicted', () => {
  const faults = '    - {type: zoneOutage, at: 2m, selector: {zone: a}}\n    - {type: zoneOutage, at: 2m, selector: {zone: b}}';
  const run = runFailures(cluster({ zones: { a: 3, b: 3 }, replicas: 6, faults, duration: '30m' }));
  assert.equal(times(run, 'PodEvicted').length, 0);
  assert.equal(times(run, 'ZoneDisruption', { object: '*' }).length, 1);
  for (const n of run.sim.store.nodes) assert.ok(!n.taints.some((t) => t.effect === 'NoExecute'), `${n.name} keeps no NoExecute taint`);
  assert.equal(run.sim.store.nodes.filter((n) => n.ready === 'Unknown').length, 6);
});

test('a whole zone down while another is healthy -> the normal 0.1/s rate (FullDisruption of one zone)', () => {
  const run = runFailures(cluster({ zones: { a: 3, b: 3 }, replicas: 6, faults: '    - {type: zoneOutage, at: 2m, selector: {zone: a}}' }));
  assert.ok(times(run, 'ZoneDisruption', { object: 'a', detail: 'FullDisruption' }).length === 1);
  const rows = taintsAfterNotReady(run, ['a-0', 'a-1', 'a-2']);
  assert.ok(rows.every((r) => r.taint !== undefined));
  assertTokenBucket(rows, 10);
  for (const r of rows) assert.ok(times(run, 'PodEvicted', { node: r.node }).includes(r.taint! + 300), `${r.node}: its pod evicted 300 s after the taint`);
});

test('leaving master disruption mode -> the still-dead zone is tainted again, the first taint one full token interval (10 s) later', () => {
  const faults = '    - {type: zoneOutage, at: 2m, selector: {zone: a}}\n    - {type: zoneOutage, at: 2m, duration: 3m, selector: {zone: b}}';
  const run = runFailures(cluster({ zones: { a: 3, b: 3 }, replicas: 6, faults, duration: '30m' }));
  const [master] = times(run, 'ZoneDisruption', { object: '*' });
  const [exit] = times(run, 'ZoneDisruption', { object: 'b', detail: 'Normal' });
  assert.ok(master! < 300 && exit! > 300, `master mode at ${master}, exit at ${exit}`);
  const taints = times(run, 'NodeTainted', { detail: ':NoExecute' }).filter((t) => t > exit!);
  assert.deepEqual(taints, [exit! + 10, exit! + 20, exit! + 30]);
  const evictions = times(run, 'PodEvicted', { node: 'a-0' }).concat(times(run, 'PodEvicted', { node: 'a-1' }), times(run, 'PodEvicted', { node: 'a-2' }));
  assert.ok(evictions.length >= 3 && evictions.every((t) => t >= exit! + 310));
});
