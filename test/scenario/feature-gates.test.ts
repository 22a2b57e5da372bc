/** spec.scheduler.featureGates: defaults, switching SchedulerQueueingHints off, and bad input. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Simulation } from '../../engine/scenario/simulation.js';
import { DEFAULT_SCHEDULER_FEATURE_GATES } from '../../engine/scenario/feature-gates.js';
import { loadProblems, scenarioFromText, smallScenario } from '../helpers.js';

const withGates = (gates: string): string => smallScenario('', 1, `  scheduler:\n    featureGates: ${gates}`);

const problems = loadProblems;

describe('spec.scheduler.featureGates', () => {
  it('defaults follow kube-scheduler v1.33: SchedulerQueueingHints and SchedulerPopFromBackoffQ on', () => {
    assert.deepEqual(DEFAULT_SCHEDULER_FEATURE_GATES, { SchedulerQueueingHints: true, SchedulerPopFromBackoffQ: true });
    const sim = new Simulation(scenarioFromText(smallScenario('', 1)));
    assert.equal(sim.scheduler.queue.config.queueingHints, true);
    assert.equal(sim.scheduler.queue.config.popFromBackoffQ, true);
  });

  it('SchedulerQueueingHints: false turns the hints off', () => {
    const sim = new Simulation(scenarioFromText(withGates('{SchedulerQueueingHints: false}')));
    assert.equal(sim.scheduler.queue.config.queueingHints, false);
    assert.equal(sim.scheduler.queue.config.popFromBackoffQ, true);
  });

  it('SchedulerPopFromBackoffQ: false turns that gate off', () => {
    const sim = new Simulation(scenarioFromText(withGates('{SchedulerPopFromBackoffQ: false}')));
    assert.equal(sim.scheduler.queue.config.popFromBackoffQ, false);
  });

  it('an unknown gate is an error with the field path, line and a suggestion', () => {
    const yaml = withGates('{SchedulerQueueingHint: false}');
    const [e] = problems(yaml);
    assert.equal(e!.location.path, 'spec.scheduler.featureGates.SchedulerQueueingHint');
    assert.equal(e!.location.line, yaml.split('\n').findIndex((l) => l.includes('SchedulerQueueingHint')) + 1);
    assert.match(e!.hint ?? '', /did you mean "SchedulerQueueingHints"/);
  });

  it('a gate that is not true or false is an error', () => {
    const [e] = problems(withGates('{SchedulerQueueingHints: "no"}'));
    assert.equal(e!.location.path, 'spec.scheduler.featureGates.SchedulerQueueingHints');
  });
});
