/**
 * A standing list's window is handed to PreScore without listing its nodes (framework/prioritize.ts
 * fromWindow): the default plugins read positions or the count, and any other PreScore plugin must still
 * get the very candidates, in the same order, that the per-plugin path gives it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Simulation } from '../../../engine/scenario/simulation.js';
import type { AnyPlugin, PluginFactory } from '../../../engine/scheduler/framework/interfaces.js';
import { resolvePolicy } from '../../../engine/scheduler/policies.js';
import { MemorySink } from '../../../engine/metrics/sink.js';
import { deploymentYaml, scenarioFromText, smallScenario } from '../../helpers.js';

const CONFIG = `
  scheduler:
    plugins: [{name: Recorder, path: recorder.js}]
    config:
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: KubeSchedulerConfiguration
      profiles: [{plugins: {preScore: {enabled: [{name: Recorder}]}}}]`;

/** Each PreScore call's candidates (node names), the run's events, and the cycles standing lists served. */
function run(fastPath: boolean): { seen: string[]; events: unknown[]; scored: number } {
  const seen: string[] = [];
  const recorder: PluginFactory = (): AnyPlugin => ({ name: 'Recorder', preScore: (_s, _p, nodes) => (seen.push(nodes.map((n) => n.name).join()), null) });
  const scenario = scenarioFromText(smallScenario(deploymentYaml('web', 300, '250m', '512Mi'), 250, CONFIG));
  const events = new MemorySink();
  const options = { ...resolvePolicy('KubeSchedulerConfiguration', scenario.scheduler.options), fastPath };
  const sim = new Simulation(scenario, { schedulerOptions: options, plugins: new Map([['Recorder', recorder]]), events });
  sim.run();
  return { seen, events: events.rows, scored: sim.scheduler.standingHits().scored };
}

describe('PreScore over a standing window', () => {
  it('gives a PreScore plugin outside the default set the candidates of the per-plugin path, cycle for cycle', () => {
    const fast = run(true);
    const slow = run(false);
    assert.ok(fast.scored > 50, `standing cycles scored: ${fast.scored}`);
    assert.ok(fast.seen.length > 100);
    assert.deepEqual(fast.seen, slow.seen);
    assert.deepEqual(fast.events, slow.events);
  });
});
