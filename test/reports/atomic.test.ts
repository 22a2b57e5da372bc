import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AtomicCsv, writeAtomic } from '../../reports/csv.js';
import { RunReport, REPORT_FILES } from '../../reports/run-report.js';
import { loadScenario } from '../../engine/scenario/load.js';
import { Simulation } from '../../engine/scenario/simulation.js';
import { tempDir } from '../helpers.js';

describe('atomic report files', () => {
  it('while a run is in progress only *.tmp-<pid> files exist; commit renames every report into place', () => {
    const dir = tempDir();
    const report = new RunReport(dir);
    const sim = new Simulation(loadScenario('scenarios/quickstart/scenario.yaml'), { events: report.events, timeseries: report.timeseries, zones: report.zones });
    const result = sim.run();
    assert.deepEqual(readdirSync(dir).sort(), [`events.csv.tmp-${process.pid}`, `timeseries.csv.tmp-${process.pid}`, `zones.csv.tmp-${process.pid}`]);
    report.commit(result.summary, result.store, result.workloads);
    assert.deepEqual(readdirSync(dir).sort(), [...REPORT_FILES].sort());
  });

  it('abort deletes the temporary files and writes nothing', () => {
    const dir = tempDir();
    const report = new RunReport(dir);
    report.events.write(['0.000', 'NodeAdded', 'n', 'n', '']);
    report.abort();
    assert.deepEqual(readdirSync(dir), []);
  });

  it('a streamed CSV is flushed in chunks and complete after commit (many rows)', () => {
    const dir = tempDir();
    const csv = new AtomicCsv(join(dir, 'x.csv'), ['a', 'b']);
    for (let i = 0; i < 10_001; i++) csv.write([i, `v,${i}`]);
    csv.commit();
    const lines = readFileSync(join(dir, 'x.csv'), 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 10_002);
    assert.equal(lines[10_001], '10000,"v,10000"');
  });

  it('writeAtomic that fails leaves no temporary file', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'target'));
    // Renaming a file onto a non-empty directory fails after the temporary file is written.
    mkdirSync(join(dir, 'target', 'inside'));
    assert.throws(() => writeAtomic(join(dir, 'target'), 'text'));
    assert.deepEqual(readdirSync(dir), ['target']);
  });
});
