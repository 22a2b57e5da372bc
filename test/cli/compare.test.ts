/** `kubesim compare` end to end in a child process. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, withFiles } from '../helpers.js';
import { COMPARE_SCENARIO } from '../compare/fixtures.js';

function compareIn(dir: string, out: string, jobs: number, extra: string[] = []): ReturnType<typeof cli> {
  return cli(['compare', join(dir, 's.yaml'), '--policy', 'default', '--policy', 'binpack', '--seeds', '1..4', '--jobs', String(jobs), '--out', join(dir, out), ...extra]);
}

test('the same command with --jobs 1 and --jobs 3 writes byte-identical runs.csv and comparison.csv', () => {
  const dir = withFiles({ 's.yaml': COMPARE_SCENARIO });
  const a = compareIn(dir, 'a', 1, ['--set', 'spec.nodes[0].count=5,7']);
  const b = compareIn(dir, 'b', 3, ['--set', 'spec.nodes[0].count=5,7']);
  assert.equal(a.status, 0, a.stderr);
  assert.equal(b.status, 0, b.stderr);
  for (const f of ['runs.csv', 'comparison.csv']) assert.equal(readFileSync(join(dir, 'b', f), 'utf8'), readFileSync(join(dir, 'a', f), 'utf8'), f);
  const runs = readFileSync(join(dir, 'a', 'runs.csv'), 'utf8').trim().split('\n');
  assert.equal(runs.length, 1 + 2 * 2 * 4);
  assert.match(runs[1]!, /^"?cmp\[spec\.nodes\[0\]\.count=5\]"?,default,1,/);
  assert.equal(readdirSync(join(dir, 'a')).filter((f) => f.includes('.tmp')).length, 0);
});

test('stdout shows a table per scenario with the best value marked and the baseline named', () => {
  const dir = withFiles({ 's.yaml': COMPARE_SCENARIO });
  const r = compareIn(dir, 'o', 2, ['--metric', 'nodes_in_use_mean', '--metric', 'pods_created']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /cmp: 4 seeds per policy/);
  assert.match(r.stdout, /default \(baseline\)\s+binpack/);
  assert.match(r.stdout, /nodes_in_use_mean .*\*/);
  assert.match(r.stdout, /pods_created/);
  assert.equal(r.stderr, '');
});

test('--keep-runs writes each cell\'s usual CSVs under runs/<scenario>/<policy>/seed-<n>/', () => {
  const dir = withFiles({ 's.yaml': COMPARE_SCENARIO });
  const r = compareIn(dir, 'k', 2, ['--keep-runs', '-q']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '');
  for (const f of ['summary.csv', 'events.csv', 'pods.csv', 'timeseries.csv']) assert.ok(existsSync(join(dir, 'k', 'runs', 'cmp', 'binpack', 'seed-3', f)), f);
});

test('bad arguments are all reported at once with exit 2 and nothing written', () => {
  const dir = withFiles({ 's.yaml': COMPARE_SCENARIO });
  const r = cli(['compare', join(dir, 's.yaml'), '--policy', 'defualt', '--seeds', '3..1', '--metric', 'nodes_in_use', '--out', join(dir, 'x')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /3 problems found/);
  assert.match(r.stderr, /did you mean "default"/);
  assert.equal(existsSync(join(dir, 'x')), false);
});

test('an unknown --metric is refused with a suggestion', () => {
  const dir = withFiles({ 's.yaml': COMPARE_SCENARIO });
  const r = cli(['compare', join(dir, 's.yaml'), '--policy', 'default', '--metric', 'nodes_in_use', '--out', join(dir, 'x')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--metric nodes_in_use: not a summary column[\s\S]*did you mean "nodes_in_use_(mean|end)"/);
});
