/** The plan of a comparison: seeds, policies, sweeps, cell order, and all problems reported at once. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SimErrors } from '../../engine/core/errors.js';
import { parseSeeds, planCompare } from '../../engine/compare/cells.js';
import { withFiles } from '../helpers.js';
import { COMPARE_SCENARIO } from './fixtures.js';

test('seeds: ranges and lists in the order given', () => {
  assert.deepEqual(parseSeeds('1..5'), [1, 2, 3, 4, 5]);
  assert.deepEqual(parseSeeds('3,1,8'), [3, 1, 8]);
  assert.deepEqual(parseSeeds('1..3,7'), [1, 2, 3, 7]);
});

test('seeds: bad forms, empty ranges and repeats are usage errors', () => {
  assert.throws(() => parseSeeds('1-5'), /cannot read "1-5"/);
  assert.throws(() => parseSeeds('5..1'), /is empty/);
  assert.throws(() => parseSeeds('1,2,1'), /listed twice/);
});

test('cells are numbered scenario-major, then policy, then seed', () => {
  const dir = withFiles({ 's.yaml': COMPARE_SCENARIO });
  const plan = planCompare({ scenarios: [join(dir, 's.yaml')], policies: ['default', 'binpack'], seeds: '1..2', sets: ['spec.nodes[0].count=4,8'] });
  assert.deepEqual(
    plan.cells.map((c) => `${c.scenario.name}/${c.policy.label}/${c.seed}`),
    [
      'cmp[spec.nodes[0].count=4]/default/1', 'cmp[spec.nodes[0].count=4]/default/2', 'cmp[spec.nodes[0].count=4]/binpack/1', 'cmp[spec.nodes[0].count=4]/binpack/2',
      'cmp[spec.nodes[0].count=8]/default/1', 'cmp[spec.nodes[0].count=8]/default/2', 'cmp[spec.nodes[0].count=8]/binpack/1', 'cmp[spec.nodes[0].count=8]/binpack/2',
    ],
  );
  assert.equal(plan.baseline, 'default');
});

test('every problem of a comparison is reported before any run: policy, seeds, baseline, sweep value', () => {
  const dir = withFiles({ 's.yaml': COMPARE_SCENARIO });
  try {
    planCompare({ scenarios: [join(dir, 's.yaml')], policies: ['defualt'], seeds: 'x', baseline: 'spread', sets: ['spec.nodes[0].count=-3'] });
    assert.fail('expected errors');
  } catch (e) {
    assert.ok(e instanceof SimErrors);
    const text = e.errors.map((x) => x.format()).join('\n');
    assert.match(text, /--seeds: cannot read "x"/);
    assert.match(text, /unknown scheduling policy "defualt"[\s\S]*did you mean "default"/);
    assert.match(text, /--baseline "spread" is not one of the policies/);
    assert.match(text, /s\.yaml:9:\d+: spec\.nodes\[0\]\.count/);
  }
});

test('a policy named twice is refused', () => {
  const dir = withFiles({ 's.yaml': COMPARE_SCENARIO });
  assert.throws(() => planCompare({ scenarios: [join(dir, 's.yaml')], policies: ['default', 'default'] }), /given twice/);
});

test('a --policy that names a file is read as a KubeSchedulerConfiguration; a missing file is reported', () => {
  const dir = withFiles({ 's.yaml': COMPARE_SCENARIO });
  assert.throws(() => planCompare({ scenarios: [join(dir, 's.yaml')], policies: ['default', join(dir, 'missing.yaml')] }), /policy file not found: .*missing\.yaml/);
});
