/** A sample of fuzz inputs through the real CLI: exit 0 or 2 only, bad input leaves no output, < 2 s each. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { cli, tempDir } from '../helpers.js';

/** Wall-clock bound per CLI case: 2 s of work plus Node start-up, with room for a loaded CI machine. */
const CLI_WALL_MS = 5000;
import { caseText, mutatedCase } from './cases.js';

const SAMPLE = Number(process.env.FUZZ_CLI_RUNS ?? 12);
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);

describe('fuzz: kubesim run on mutated files', () => {
  const dir = tempDir('kubesim-fuzz-cli-');
  const cases = fc.sample(mutatedCase, { numRuns: SAMPLE, seed: SEED });
  cases.forEach((c, i) => {
    it(`case ${i} (seed ${SEED})`, () => {
      const file = join(dir, `case-${i}.yaml`);
      writeFileSync(file, caseText(c));
      const out = join(dir, `out-${i}`);
      const t0 = Date.now();
      const r = cli(['run', file, '--until', '1h', '-q', '--out', out]);
      assert.ok(Date.now() - t0 < CLI_WALL_MS, `took ${Date.now() - t0} ms`);
      assert.doesNotMatch(r.stderr, /\n\s+at |internal error/);
      assert.ok(r.status === 0 || r.status === 2, `exit ${r.status}: ${r.stderr}`);
      if (r.status === 2) {
        assert.match(r.stderr, new RegExp(`case-${i}\\.yaml`));
        assert.equal(existsSync(out), false, 'bad input must not create the output folder');
      } else {
        assert.ok(existsSync(join(out, 'summary.csv')));
      }
    });
  });
});
