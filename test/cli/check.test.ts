import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cli, runText, smallScenario, tempDir, withFiles, eventsNamed } from '../helpers.js';

/** The CLI with test-only plugins (test/cli/test-plugins-main.ts). */
const withTestPlugins = join(process.cwd(), 'dist/test/cli/test-plugins-main.js');

const web = smallScenario(`    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 6
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: c, image: nginx, resources: {requests: {cpu: "3"}}}]
`);

describe('kubesim run --check', () => {
  it('a plugin that over-commits nodes stops the run with exit 1, the invariant, the object and the last events; no report is left', () => {
    const dir = withFiles({ 's.yaml': web });
    const out = join(tempDir(), 'out');
    const r = cli(['run', join(dir, 's.yaml'), '--policy', 'broken-fit', '--check', '--out', out], process.cwd(), withTestPlugins);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /invariant "node-capacity" violated at t=0 ms on Node n-\d: requested cpu 6000 > allocatable 4000/);
    assert.match(r.stderr, /last \d+ events \(time_ms event object node detail\):\n\s+0 NodeAdded/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    assert.deepEqual(readdirSync(out), []);
  });

  it('without --check the same broken run completes (the checker is opt-in on the command line)', () => {
    const dir = withFiles({ 's.yaml': web });
    assert.equal(cli(['run', join(dir, 's.yaml'), '--policy', 'broken-fit', '-q', '--out', join(tempDir(), 'out')], process.cwd(), withTestPlugins).status, 0);
  });

  it('--check-every rejects 0 and bad durations with exit 2', () => {
    const dir = withFiles({ 's.yaml': web });
    assert.equal(cli(['run', join(dir, 's.yaml'), '--check-every', '0']).status, 2);
    assert.equal(cli(['run', join(dir, 's.yaml'), '--check-every', '5 parsecs']).status, 2);
  });
});

describe('a crash inside a plugin', () => {
  it('names the plugin, the extension point, the pod and the node; exit 1; no partial file', () => {
    const dir = withFiles({ 's.yaml': web });
    const out = join(tempDir(), 'out');
    const r = cli(['run', join(dir, 's.yaml'), '--policy', 'crash-test', '--out', out], process.cwd(), withTestPlugins);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /plugin CrashingFilter threw in Filter for pod default\/web-[a-z0-9-]+ on node n-0: Cannot read properties of undefined \(reading 'zone'\)/);
    assert.match(r.stderr, /fix: fix the plugin or remove CrashingFilter/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    assert.deepEqual(readdirSync(out), []);
    assert.equal(existsSync(join(out, 'events.csv')), false);
  });
});

describe('kubelet admission of pods that name their node', () => {
  it('a pinned pod created during the run and too big for its node fails with reason OutOfcpu instead of over-committing it', () => {
    const run = runText(smallScenario('    []', 3, `  generators:
    - name: huge
      arrival: {type: fixed, interval: 1m}
      maxCount: 1
      template:
        kind: Pod
        spec:
          nodeName: n-0
          containers: [{name: c, image: x, resources: {requests: {cpu: "6"}}}]`));
    assert.deepEqual(eventsNamed(run, 'PodFailed').map((r) => r.slice(1)), [['PodFailed', 'default/huge-0', 'n-0', 'OutOfcpu']]);
  });

  it('pods bound in the input are a snapshot: taken as running without admission (as a cluster dump)', () => {
    const run = runText(smallScenario(`    - apiVersion: v1
      kind: Pod
      metadata: {name: big}
      spec:
        nodeName: n-0
        containers: [{name: c, image: x, resources: {requests: {cpu: "3"}}}]
`));
    assert.deepEqual(eventsNamed(run, 'PodFailed'), []);
    assert.deepEqual(eventsNamed(run, 'PodRunning').map((r) => r[2]), ['default/big']);
  });
});
