/** The command line as a user meets it: help, run, validate, exit codes, atomic outputs. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cli, smallScenario, tempDir, withFiles } from '../helpers.js';

const QUICKSTART = 'scenarios/quickstart/scenario.yaml';
const CSVS = ['summary.csv', 'timeseries.csv', 'pods.csv', 'events.csv'];

function readAll(dir: string): Record<string, string> {
  return Object.fromEntries(CSVS.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

describe('kubesim CLI', () => {
  it('--help lists the commands', () => {
    const r = cli(['--help']);
    assert.equal(r.status, 0);
    for (const cmd of ['run', 'validate', 'policies']) assert.match(r.stdout, new RegExp(`\\b${cmd}\\b`));
  });

  it('run writes the four CSVs and perf.json, and prints a summary', () => {
    const out = tempDir();
    const r = cli(['run', QUICKSTART, '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /pods scheduled/);
    for (const f of [...CSVS, 'perf.json']) assert.ok(existsSync(join(out, f)), f);
    assert.deepEqual(readdirSync(out).filter((f) => f.includes('.tmp-')), []);
    const summary = readFileSync(join(out, 'summary.csv'), 'utf8').split('\n');
    assert.match(summary[0]!, /^scenario,policy,seed,sim_time_s,/);
    assert.match(summary[1]!, /^quickstart,default,42,7200\.000,true,/);
  });

  it('the same scenario and seed give byte-identical CSVs; another seed changes them', () => {
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    assert.equal(cli(['run', QUICKSTART, '--out', a, '-q']).status, 0);
    assert.equal(cli(['run', QUICKSTART, '--out', b, '-q']).status, 0);
    assert.equal(cli(['run', QUICKSTART, '--out', c, '-q', '--seed', '7']).status, 0);
    assert.deepEqual(readAll(a), readAll(b));
    assert.notEqual(readAll(a)['events.csv'], readAll(c)['events.csv']);
  });

  it('invalid input exits 2 with file, line and field, no stack trace and no output', () => {
    const dir = withFiles({ 'bad.yaml': smallScenario('    []').replace('count: 3', 'count: lots') });
    const out = join(dir, 'out');
    const r = cli(['run', join(dir, 'bad.yaml'), '--out', out]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /bad\.yaml:\d+:\d+: spec\.nodes\[0\]\.count: expected a number/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(existsSync(out), false, 'no output folder for invalid input');
  });

  it('an unknown policy is refused before anything is written', () => {
    const out = join(tempDir(), 'o');
    const r = cli(['run', QUICKSTART, '--policy', 'defualt', '--out', out]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /did you mean "default"/);
    assert.equal(existsSync(out), false);
  });

  it('a missing file exits 2 with a clear message', () => {
    const r = cli(['run', 'no/such/file.yaml']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /file not found: no\/such\/file\.yaml/);
  });

  it('validate checks several files and exits 2 if any is invalid', () => {
    const dir = withFiles({ 'bad.yaml': 'kind: Scenario\n' });
    const ok = cli(['validate', QUICKSTART]);
    assert.equal(ok.status, 0);
    assert.match(ok.stdout, /ok/);
    const bad = cli(['validate', QUICKSTART, join(dir, 'bad.yaml')]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /bad\.yaml/);
  });

  it('a bad flag value exits 2', () => {
    assert.equal(cli(['run', QUICKSTART, '--until', 'soon']).status, 2);
    assert.equal(cli(['run', QUICKSTART, '--seed', '-3']).status, 2);
  });
});
