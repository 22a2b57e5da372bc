/**
 * Regression corpus: every input that once crashed kubesim or produced a poor message, one file per
 * case (test/fuzz/corpus/<case>.yaml) with the expected message fragment (<case>.expect, first line).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SimErrors } from '../../engine/core/errors.js';
import { loadScenario } from '../../engine/scenario/load.js';
import { cli, tempDir } from '../helpers.js';

/** Wall-clock bound per CLI case: 2 s of work plus Node start-up, with room for a loaded CI machine. */
const CLI_WALL_MS = 5000;
import { badRejection, cpuMs } from './harness.js';

const DIR = 'test/fuzz/corpus';
const CASES = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort().map((f) => ({
  name: f.replace(/\.yaml$/, ''),
  file: join(DIR, f),
  expect: readFileSync(join(DIR, f.replace(/\.yaml$/, '.expect')), 'utf8').split('\n')[0]!,
}));

describe('fuzz corpus: loadScenario', () => {
  for (const c of CASES) {
    it(`${c.name}: rejected with "${c.expect}"`, () => {
      const t0 = process.cpuUsage();
      let error: unknown;
      try {
        loadScenario(c.file);
      } catch (e) {
        error = e;
      }
      assert.ok(cpuMs(process.cpuUsage(t0)) < 2000, 'took more than 2 s of CPU');
      assert.ok(error instanceof SimErrors, `expected SimErrors, got ${String(error)}`);
      assert.ok(error.message.includes(c.expect), error.message);
      for (const e of error.errors) assert.equal(badRejection(e, c.file), undefined);
      const texts = error.errors.map((e) => e.format());
      assert.equal(new Set(texts).size, texts.length, `a problem is reported twice:\n${texts.join('\n')}`);
    });
  }
});

describe('fuzz corpus: the real CLI', () => {
  it(`kubesim validate on all ${CASES.length} cases: exit 2, each file named with its message, no stack trace`, () => {
    const r = cli(['validate', ...CASES.map((c) => c.file)]);
    assert.equal(r.status, 2);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    for (const c of CASES) {
      const mine = r.stderr.split('\n').filter((l) => l.includes(`${c.file}`)).join('\n');
      assert.ok(mine.includes(c.expect) || r.stderr.includes(c.expect), `${c.name}: ${c.expect} not in output`);
      assert.ok(mine.length > 0, `${c.name}: file not named`);
    }
  });

  for (const c of CASES.filter((_, i) => i % 4 === 0)) {
    it(`kubesim run ${c.name}: exit 2, no output folder`, () => {
      const out = join(tempDir(), 'out');
      const t0 = Date.now();
      const r = cli(['run', c.file, '--out', out]);
      assert.ok(Date.now() - t0 < CLI_WALL_MS, `took ${Date.now() - t0} ms`);
      assert.equal(r.status, 2, r.stderr);
      assert.ok(r.stderr.includes(c.expect), r.stderr);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
      assert.equal(existsSync(out), false);
    });
  }
});
