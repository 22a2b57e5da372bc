/** `--set` overrides: paths, values, sweeps, and errors that point into the scenario file. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SimErrors } from '../../engine/core/errors.js';
import { parsePath, parseSetFlag, singleOverrides, sweep, variantName } from '../../engine/scenario/overrides.js';
import { scenarioFromText, smallScenario } from '../helpers.js';

test('a field path reads dotted names and list indexes', () => {
  assert.deepEqual(parsePath('spec.nodes[0].count'), ['spec', 'nodes', 0, 'count']);
  assert.deepEqual(parsePath('spec.generators[1].arrival.meanInterval'), ['spec', 'generators', 1, 'arrival', 'meanInterval']);
});

test('a --set flag with several values is a sweep of typed YAML values', () => {
  const f = parseSetFlag('spec.nodes[0].count=1000,2000,4000');
  assert.deepEqual(f.values.map((v) => v.value), [1000, 2000, 4000]);
  assert.deepEqual(parseSetFlag('spec.duration=30m').values.map((v) => v.value), ['30m']);
  assert.deepEqual(parseSetFlag('spec.nodes[0].zones=[a,b],[c]').values.map((v) => v.value), [['a', 'b'], ['c']]);
});

test('a --set flag without "=" or with an empty value is a usage error', () => {
  assert.throws(() => parseSetFlag('spec.seed'), /has no "="/);
  assert.throws(() => parseSetFlag('spec.seed=1,,2'), /empty value/);
});

test('sweeps combine flags, the first varying slowest, and name variants after their overrides', () => {
  const combos = sweep([parseSetFlag('a=1,2'), parseSetFlag('b=x,y')]);
  assert.deepEqual(combos.map((c) => variantName('s', c)), ['s[a=1][b=x]', 's[a=1][b=y]', 's[a=2][b=x]', 's[a=2][b=y]']);
});

test('an override changes the scenario before it is read', () => {
  const s = scenarioFromText(smallScenario(), { overrides: parseSetFlag('spec.nodes[0].count=5').values });
  assert.equal(s.nodePools[0]!.count, 5);
});

test('a bad overridden value is reported at the line of the field it replaced', () => {
  try {
    scenarioFromText(smallScenario(), { overrides: parseSetFlag('spec.nodes[0].count=-1').values });
    assert.fail('expected an error');
  } catch (e) {
    assert.ok(e instanceof SimErrors);
    const err = e.errors[0]!;
    assert.equal(err.location.line, 10); // `count: 3` in smallScenario
    assert.match(err.location.path ?? '', /spec\.nodes\[0\]\.count/);
  }
});

test('an override into a missing list item is reported with the list position', () => {
  try {
    scenarioFromText(smallScenario(), { overrides: parseSetFlag('spec.nodes[3].count=5').values });
    assert.fail('expected an error');
  } catch (e) {
    assert.ok(e instanceof SimErrors);
    assert.match(e.errors[0]!.message, /does not exist \(the list has 1 items\)/);
    assert.equal(e.errors[0]!.location.line, 9); // the first item of spec.nodes
  }
});

test('run/validate --set takes one value per flag (a sweep belongs to compare)', () => {
  assert.deepEqual(singleOverrides(['spec.seed=7', 'spec.duration=30m']).map((o) => o.value), [7, '30m']);
  assert.throws(() => singleOverrides(['spec.nodes[0].count=5,7']), /2 values given; run and validate take one/);
});
