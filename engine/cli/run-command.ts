/** `kubesim run`: load, validate, simulate, write the reports atomically, print a summary. */
import { makeOutputDir } from './output-dir.js';
import { join } from 'node:path';
import { Simulation } from '../scenario/simulation.js';
import { RunReport } from '../../reports/run-report.js';
import { writeAtomic } from '../../reports/csv.js';
import { formatDuration } from '../core/time.js';
import { EXIT } from './errors.js';
import { ProgressBar } from './progress.js';
import { printSummary } from './print-summary.js';
import { prepareRun } from './prepare.js';
import type { Signals } from './signals.js';

/** Events simulated between two looks at the signal flag and the progress bar. */
export const RUN_SLICE_EVENTS = 20_000;
/** ... or 200 ms of wall time, whichever comes first (slow events at 50,000 nodes). */
const SLICE_WALL_NS = 200_000_000n;

export interface RunFlags {
  seed?: number;
  until?: number;
  out?: string;
  policy?: string;
  quiet?: boolean;
  maxNodes?: number;
  maxPods?: number;
  check?: boolean;
  checkEvery?: { everyEvents?: number; everyMs?: number };
  plugin?: string[];
  set?: string[];
}

export async function runCommand(file: string, flags: RunFlags, signals: Signals): Promise<number> {
  const { scenario, options } = await prepareRun(file, flags); // validates everything before any output exists
  const outDir = flags.out ?? join('out', scenario.name);
  makeOutputDir(outDir);
  const report = new RunReport(outDir);
  signals.cleanups.push(() => report.abort());
  const bar = new ProgressBar(scenario.name, scenario.durationMs);
  const wallStart = process.hrtime.bigint();
  let sliceStart = wallStart;
  try {
    const sim = new Simulation(scenario, {
      ...options,
      events: report.events,
      timeseries: report.timeseries,
      zones: report.zones,
      onProgress: (ms) => bar.update(ms),
      shouldStop: () => signals.received !== undefined,
      sliceOver: () => process.hrtime.bigint() - sliceStart > SLICE_WALL_NS,
      check: flags.check || flags.checkEvery ? { ...flags.checkEvery } : false,
    });
    // Small slices keep Ctrl-C responsive (a slice is well under a second even on a loaded machine).
    const result = await sim.runSliced(() => new Promise((resolve) => setImmediate(() => {
      sliceStart = process.hrtime.bigint();
      resolve();
    })), RUN_SLICE_EVENTS);
    bar.done();
    report.commit(result.summary, result.store, result.workloads, result.allocCurve);
    const wallMs = Number(process.hrtime.bigint() - wallStart) / 1e6;
    const perf = {
      scenario: scenario.name,
      policy: sim.policy,
      seed: scenario.seed,
      complete: result.complete,
      wall_ms: Math.round(wallMs),
      events: result.eventsProcessed,
      events_per_s: Math.round(result.eventsProcessed / Math.max(wallMs / 1000, 1e-6)),
      sim_time_ms: result.simTimeMs,
      speedup: Math.round(result.simTimeMs / Math.max(wallMs, 1e-3)),
      peak_rss_mib: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    writeAtomic(join(outDir, 'perf.json'), `${JSON.stringify(perf, null, 2)}\n`);
    if (!flags.quiet) {
      printSummary(result.summary, (s) => process.stdout.write(s));
      process.stdout.write(`\nwall ${formatDuration(Math.round(wallMs))}, ${perf.events.toLocaleString('en-US')} events (${perf.events_per_s.toLocaleString('en-US')}/s), ${perf.speedup.toLocaleString('en-US')}x real time, peak RSS ${perf.peak_rss_mib} MiB\n`);
      process.stdout.write(`reports in ${outDir}/: summary.csv timeseries.csv pods.csv events.csv zones.csv workloads.csv${result.allocCurve.capacity > 0 ? ' alloc_curve.csv' : ''} (perf.json: wall-clock figures)\n`);
    }
    if (!result.complete) {
      process.stderr.write(`kubesim: stopped by ${signals.received} at simulated ${formatDuration(result.simTimeMs)}; reports written and marked incomplete\n`);
      return signals.received === 'SIGTERM' ? EXIT.sigterm : EXIT.sigint;
    }
    return EXIT.ok;
  } catch (e) {
    bar.done();
    report.abort();
    throw e;
  }
}
