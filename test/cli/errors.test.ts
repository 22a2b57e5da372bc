import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { EXIT, MAX_PRINTED_PROBLEMS, reportError } from '../../engine/cli/errors.js';
import { SimError, SimErrors } from '../../engine/core/errors.js';
import { cli, withFiles } from '../helpers.js';

describe('exit codes and error output', () => {
  const cases: { name: string; error: unknown; exit: number }[] = [
    { name: 'bad input (SimErrors) -> 2', error: new SimErrors([new SimError('E_SCHEMA', 'x')]), exit: EXIT.badInput },
    { name: 'invariant violation -> 1', error: new SimError('E_INVARIANT', 'x'), exit: EXIT.internal },
    { name: 'plugin crash -> 1', error: new SimError('E_PLUGIN', 'x'), exit: EXIT.internal },
    { name: 'limit (E_LIMIT) -> 2', error: new SimError('E_LIMIT', 'x'), exit: EXIT.badInput },
    { name: 'any other exception (a bug) -> 1, no stack trace unless KUBESIM_DEBUG', error: new TypeError('boom'), exit: EXIT.internal },
  ];
  for (const c of cases) {
    it(c.name, () => {
      let out = '';
      assert.equal(reportError(c.error, (s) => (out += s)), c.exit);
      if (!process.env.KUBESIM_DEBUG) assert.doesNotMatch(out, /\n\s+at /);
    });
  }

  for (const out of ['/dev/null/x', '/proc/kubesim-out']) {
    it(`an unusable --out ${out} is bad input (exit 2, a message), not a hang or an internal error`, { skip: !existsSync(out.split('/').slice(0, 2).join('/')) }, () => {
      const r = spawnSync(process.execPath, ['bin/kubesim.js', 'run', 'scenarios/quickstart/scenario.yaml', '--out', out, '-q'], { encoding: 'utf8', timeout: 20_000 });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, new RegExp(`cannot use output folder ${out}`));
    });
  }

  it(`a file with thousands of problems prints the first ${MAX_PRINTED_PROBLEMS} and counts the rest`, () => {
    const items = Array.from({ length: 1000 }, (_, i) => `    - {pool: p${i}, count: -1, allocatable: {cpu: "1"}}`).join('\n');
    const dir = withFiles({ 's.yaml': `apiVersion: kubesim.io/v1alpha1\nkind: Scenario\nmetadata: {name: m}\nspec:\n  nodes:\n${items}\n` });
    const r = cli(['validate', join(dir, 's.yaml')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /kubesim: 1000 problems found:/);
    assert.match(r.stderr, /\.\.\. and 950 more\n$/);
  });

  it('a scenario directory stands for its scenario.yaml; a directory without one is refused with a hint', () => {
    assert.equal(cli(['validate', 'scenarios/quickstart']).status, 0);
    const dir = withFiles({ 'other.yaml': 'x: 1\n' });
    const r = cli(['validate', dir]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /is a directory\n\s+fix: pass a scenario file, or a directory that holds scenario.yaml/);
  });
});
