/**
 * Nothing lost on interruption: a long `kubesim run` in a child process gets SIGINT or SIGTERM once
 * it is running; it must stop cleanly, write complete reports marked complete=false, exit 130/143
 * and leave no *.tmp-* file. A second signal leaves at once and still removes the temporary files.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, withFiles } from '../helpers.js';
import { parseCsv } from './csv-parse.js';

const LONG = `apiVersion: kubesim.io/v1alpha1
kind: Scenario
metadata: {name: long}
spec:
  duration: 20d
  nodes:
    - {pool: p, count: 100, allocatable: {cpu: "8", memory: 32Gi, pods: 110}}
  generators:
    - name: g
      arrival: {type: poisson, meanInterval: 1s}
      template:
        kind: Pod
        metadata: {annotations: {kubesim.io/duration: "exponential(2m)"}}
        spec:
          restartPolicy: Never
          containers: [{name: c, image: x, resources: {requests: {cpu: 500m, memory: 1Gi}}}]
`;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Starts the run, waits until its temporary reports exist (signals are trapped by then) plus ~300 ms, then signals. */
async function interrupted(signals: NodeJS.Signals[]): Promise<{ code: number | null; out: string; stderr: string }> {
  const dir = withFiles({ 'long.yaml': LONG });
  const out = join(tempDir(), 'out');
  const child = spawn(process.execPath, ['bin/kubesim.js', 'run', join(dir, 'long.yaml'), '--out', out, '-q'], { env: { ...process.env, CI: '1' } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  for (let i = 0; i < 300 && !(existsSync(out) && readdirSync(out).some((f) => f.includes('.tmp-'))); i++) await sleep(20);
  await sleep(300);
  for (const s of signals) {
    child.kill(s);
    await sleep(5);
  }
  const code = await exited;
  return { code, out, stderr };
}

function assertNoTemporaryFiles(out: string): void {
  assert.deepEqual(readdirSync(out).filter((f) => f.includes('.tmp-')), []);
}

describe('interrupting kubesim run', () => {
  for (const [signal, exit] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal} stops cleanly: exit ${exit}, complete reports marked complete=false, no temporary files`, async () => {
      const { code, out, stderr } = await interrupted([signal]);
      assert.equal(code, exit, stderr);
      assert.match(stderr, new RegExp(`stopped by ${signal} at simulated \\S+; reports written and marked incomplete`));
      assertNoTemporaryFiles(out);
      for (const f of ['summary.csv', 'timeseries.csv', 'pods.csv', 'events.csv']) {
        const rows = parseCsv(readFileSync(join(out, f), 'utf8'));
        assert.ok(rows.length >= 2, `${f} has no rows`);
        assert.ok(rows.every((r) => r.length === rows[0]!.length), `${f}: ragged rows`);
      }
      const [header, row] = parseCsv(readFileSync(join(out, 'summary.csv'), 'utf8'));
      assert.equal(row![header!.indexOf('complete')], 'false');
      assert.equal(JSON.parse(readFileSync(join(out, 'perf.json'), 'utf8')).complete, false);
    });
  }

  it('a second signal leaves at once, removing the temporary files', async () => {
    const { code, out } = await interrupted(['SIGINT', 'SIGINT']);
    assert.equal(code, 130);
    assertNoTemporaryFiles(out);
  });
});
