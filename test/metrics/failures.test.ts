/** Failure metrics in summary.csv, workloads.csv, timeseries.csv and zones.csv. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemorySink } from '../../engine/metrics/sink.js';
import { Simulation } from '../../engine/scenario/simulation.js';
import { scenarioFromText } from '../helpers.js';
import { cluster, lastHeartbeatS, runFailures, times } from '../controllers/failure-helpers.js';

test('summary: one failure -> detect = NotReady - failure, evict = eviction - failure, recover = replacement Running - eviction', () => {
  const run = runFailures(cluster({ faults: '    - {type: nodeDown, at: 2m, nodes: [a-0]}' }));
  const [notReady] = times(run, 'NodeNotReady');
  const [evicted] = times(run, 'PodEvicted');
  const running = times(run, 'PodRunning').filter((t) => t > evicted!);
  assert.equal(run.summary.node_failures, 1);
  assert.equal(run.summary.pods_evicted, 1);
  assert.equal(Number(run.summary.time_to_detect_max_s), notReady! - 120);
  assert.equal(Number(run.summary.time_to_evict_mean_s), evicted! - 120);
  assert.equal(Number(run.summary.time_to_recover_p99_s), running[0]! - evicted!);
  assert.ok(lastHeartbeatS(run, 'a-0') < 120);
});

test('availability: a Deployment of 3 loses one ready replica from NotReady until the replacement runs', () => {
  const events = new MemorySink();
  const sim = new Simulation(scenarioFromText(cluster({ faults: '    - {type: nodeDown, at: 2m, nodes: [a-0]}' })), { events });
  const result = sim.run();
  const t = (name: string): number => Number(events.rows.find((r) => r[1] === name)![0]);
  const notReady = t('NodeNotReady');
  const replacementRunning = Number(events.rows.filter((r) => r[1] === 'PodRunning').at(-1)![0]);
  assert.deepEqual(result.workloads, [['Deployment/web', 3, 3, '0.666667', (replacementRunning - notReady).toFixed(3)]]);
  assert.equal(result.summary.availability_min, '0.666667');
});

test('zones.csv and timeseries.csv: not-ready nodes per zone, zone state, unavailable replicas', () => {
  const zones = new MemorySink();
  const timeseries = new MemorySink();
  const yaml = cluster({ zones: { a: 3, b: 3 }, replicas: 6, faults: '    - {type: zoneOutage, at: 2m, selector: {zone: a}}' });
  new Simulation(scenarioFromText(yaml), { zones, timeseries }).run();
  const at = (s: string): unknown[][] => zones.rows.filter((r) => r[0] === s);
  assert.deepEqual(at('60.000'), [['60.000', 'a', 3, 3, 0, 'Normal'], ['60.000', 'b', 3, 3, 0, 'Normal']]);
  assert.deepEqual(at('240.000'), [['240.000', 'a', 3, 0, 3, 'FullDisruption'], ['240.000', 'b', 3, 3, 0, 'Normal']]);
  const row = timeseries.rows.find((r) => r[0] === '240.000')!;
  assert.equal(row[6], 3, 'nodes_not_ready');
  assert.equal(row[7], 3, 'unavailable_replicas: the three pods on zone a');
});
