import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cli, smallScenario, tempDir, withFiles } from '../helpers.js';

// A pod pinned with spec.nodeName skips the scheduler; one too big for its node over-commits it.
const pinned = smallScenario(`    - apiVersion: v1
      kind: Pod
      metadata: {name: huge}
      spec:
        nodeName: n-0
        containers: [{name: c, image: x, resources: {requests: {cpu: "6"}}}]
`);

describe('kubesim run --check', () => {
  it('an over-committed node stops the run with exit 1, the invariant, the object and the last events', () => {
    const dir = withFiles({ 's.yaml': pinned });
    const out = join(tempDir(), 'out');
    const r = cli(['run', join(dir, 's.yaml'), '--check', '--out', out]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /invariant "node-capacity" violated at t=\d+ ms on Node n-0: requested cpu 6000 > allocatable 4000/);
    assert.match(r.stderr, /last \d+ events/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    assert.equal(existsSync(join(out, 'summary.csv')), false);
  });

  it('without --check the same scenario runs (the checker is opt-in on the command line)', () => {
    const dir = withFiles({ 's.yaml': pinned });
    assert.equal(cli(['run', join(dir, 's.yaml'), '-q', '--out', join(tempDir(), 'out')]).status, 0);
  });

  it('--check-every rejects 0 and bad durations with exit 2', () => {
    const dir = withFiles({ 's.yaml': pinned });
    assert.equal(cli(['run', join(dir, 's.yaml'), '--check-every', '0']).status, 2);
    assert.equal(cli(['run', join(dir, 's.yaml'), '--check-every', '5 parsecs']).status, 2);
  });
});
