/** Fault specs: validation through the Reader, and a fault schedule that depends on the seed only. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SimErrors } from '../../engine/core/errors.js';
import { Rng } from '../../engine/core/rng.js';
import { planFaults } from '../../engine/faults/plan.js';
import type { NodeInfo } from '../../engine/faults/spec.js';
import { Simulation } from '../../engine/scenario/simulation.js';
import { scenarioFromText } from '../helpers.js';
import { cluster } from '../controllers/failure-helpers.js';

function problems(faults: string): string[] {
  try {
    scenarioFromText(cluster({ zones: { a: 3, b: 3 }, faults }));
  } catch (e) {
    if (e instanceof SimErrors) return e.errors.map((x) => `${x.location.line}:${x.location.path} ${x.message} ${x.hint ?? ''}`);
    throw e;
  }
  return [];
}

const BAD: [string, string, RegExp][] = [
  ['unknown type', '    - {type: nodeDwn, at: 1m, nodes: [a-0]}', /spec\.faults\[0\]\.type .*not one of.*did you mean "nodeDown"/],
  ['unknown node', '    - {type: nodeDown, at: 1m, nodes: [a-9]}', /spec\.faults\[0\]\.nodes\[0\] no node named "a-9".*did you mean "a-0"/],
  ['unknown zone', '    - {type: zoneOutage, at: 1m, selector: {zone: c}}', /selector\.zone no node in zone "c"/],
  ['zone fault without zone', '    - {type: zoneOutage, at: 1m}', /needs selector\.zone/],
  ['count above the matching nodes', '    - {type: nodeDown, at: 1m, count: 9, selector: {zone: a}}', /count 9 is more than the 3 matching nodes/],
  ['no target', '    - {type: nodeDown, at: 1m}', /which nodes\?/],
  ['duration on a permanent fault', '    - {type: nodeDelete, at: 1m, duration: 5m, nodes: [a-0]}', /permanent/],
  ['at after the end', '    - {type: nodeDown, at: 2h, nodes: [a-0]}', /after the end of the run/],
  ['unknown field', '    - {type: nodeDown, at: 1m, nodes: [a-0], durration: 5m}', /unknown field "durration".*did you mean "duration"/],
  ['random without mtbf', '    - {type: random, mttr: 1h, selector: {zone: a}}', /mtbf.*missing required field/],
  ['bad mttr distribution', '    - {type: random, mtbf: 30d, mttr: "gamma(1h)", selector: {zone: a}}', /unknown distribution "gamma"/],
  ['nodeAdd of an unknown pool', '    - {type: nodeAdd, at: 1m, pool: c}', /no node pool named "c"/],
];

for (const [name, faults, want] of BAD) {
  test(`fault validation: ${name} -> one error with the line and field`, () => {
    const got = problems(faults);
    assert.equal(got.length, 1, got.join('\n'));
    assert.match(got[0]!, want);
    assert.match(got[0]!, /^1[0-9]:/, 'the line of the fault in the file');
  });
}

test('fault validation: every problem is reported at once', () => {
  assert.equal(problems('    - {type: nodeDown, at: 1m, nodes: [zz]}\n    - {type: partition, at: 1m, nodes: [yy]}').length, 2);
});

const NODES: NodeInfo[] = Array.from({ length: 30 }, (_, i) => ({ name: `n-${i}`, zone: `z${i % 3}`, pool: 'a', labels: {} }));

test('random failures: the same seed gives the same schedule; units are nodes, or zones when correlated', () => {
  const spec = scenarioFromText(cluster({ zones: { a: 3 }, faults: '    - {type: random, mtbf: 2h, mttr: "exponential(10m)", stop: 24h, selector: {pool: a}}' })).faults!;
  const specZone = [{ ...spec[0]!, correlated: 'zone' as const }];
  const a = planFaults(spec, NODES, new Rng('s'), 86_400_000);
  const b = planFaults(spec, NODES, new Rng('s'), 86_400_000);
  assert.deepEqual(a, b);
  assert.ok(a.length > 0 && a.every((f) => f.nodes.length === 1 && f.endMs > f.atMs && f.action === 'down'));
  const z = planFaults(specZone, NODES, new Rng('s'), 86_400_000);
  assert.ok(z.length > 0 && z.every((f) => f.nodes.length === 10));
});

test('the fault schedule does not depend on the scheduling policy', () => {
  const yaml = cluster({ zones: { a: 5 }, faults: '    - {type: nodeDown, at: 1m, count: 2, selector: {zone: a}}\n    - {type: random, mtbf: 1h, mttr: 5m, selector: {zone: a}}' });
  const plans = ['default', 'default'].map((policy) => new Simulation(scenarioFromText(yaml), { policy }).faultPlan);
  assert.deepEqual(plans[0], plans[1]);
  assert.equal(plans[0]!.filter((f) => f.type === 'nodeDown')[0]!.nodes.length, 2);
});

test('mttr in mapping form is the same distribution as the string form', () => {
  const read = (mttr: string): unknown => scenarioFromText(cluster({ zones: { a: 3 }, faults: `    - {type: random, mtbf: 2h, mttr: ${mttr}, selector: {pool: a}}` })).faults![0];
  assert.deepEqual(read('{distribution: lognormal, median: 1h, sigma: 0.8}'), read('"lognormal(1h, 0.8)"'));
  assert.deepEqual(read('{distribution: weibull, shape: 1.5, scale: 45m}'), read('"weibull(1.5, 45m)"'));
  assert.deepEqual(read('{distribution: fixed, value: 30m}'), read('30m'));
  assert.match(problems('    - {type: random, mtbf: 2h, mttr: {distribution: gamma, mean: 1h}, selector: {zone: a}}').join(), /not one of/);
});
