/** The documented failure scenarios keep their scheduling-independent timeline (see their README.md). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadScenario } from '../../engine/scenario/load.js';
import { Simulation } from '../../engine/scenario/simulation.js';
import { MemorySink } from '../../engine/metrics/sink.js';
import { planFaults } from '../../engine/faults/plan.js';
import { RngStreams } from '../../engine/core/rng.js';
import { scenarioNodeInfos } from '../../engine/scenario/node-infos.js';

test('scenarios/zone-outage: detection at 650-655 s, NoExecute taints 10 s apart from 665 s, zone-a Partial then Full', () => {
  const events = new MemorySink();
  new Simulation(loadScenario('scenarios/zone-outage/scenario.yaml'), { events }).run();
  const at = (name: string, detail = ''): number[] => events.rows.filter((r) => r[1] === name && String(r[4]).includes(detail)).map((r) => Number(r[0]));
  assert.deepEqual(at('NodeFailed', 'zoneOutage'), [600, 600, 600, 600]);
  assert.deepEqual(at('NodeNotReady').filter((t) => t < 1000), [650, 650, 650, 655]);
  assert.deepEqual(at('NodeTainted', 'NoExecute').filter((t) => t < 1000), [665, 675, 685, 695]);
  assert.deepEqual(events.rows.filter((r) => r[1] === 'ZoneDisruption' && r[2] === 'zone-a').map((r) => `${r[0]} ${r[4]}`), ['650.000 PartialDisruption', '655.000 FullDisruption', '2405.000 Normal']);
});

test('scenarios/random-failures: the fault schedule of seed 2024 has 200 node failures, 100 of them one zone at once', () => {
  const s = loadScenario('scenarios/random-failures/scenario.yaml');
  const plan = planFaults(s.faults!, scenarioNodeInfos(s.nodePools, s.nodes), new RngStreams(s.seed).stream('faults'), s.durationMs);
  assert.equal(plan.reduce((n, f) => n + f.nodes.length, 0), 200);
  assert.equal(plan.filter((f) => f.nodes.length === 100).length, 1);
});
