/**
 * The reference scenario end to end, as a user runs it: `node bin/kubesim.js run <scenario> --out <tmp> -q`
 * in a child process, N times; reports the median wall time, events/s, simulated-time speed-up and peak
 * RSS from each run's perf.json. Before the failure model is merged, a scenario whose only problem is
 * spec.faults runs from a copy without that block (reported as `faults: false`).
 * Run: `npm run build && node dist/bench/reference-scenario.js [scenario.yaml] [runs]`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from 'yaml';
import { median } from './scenario-text.js';

export const REFERENCE_SCENARIO = 'scenarios/scale-5k/scenario.yaml';
export const SMOKE_SCENARIO = 'scenarios/quickstart/scenario.yaml';

export interface ReferenceOptions {
  scenario?: string;
  runs?: number;
}

export interface ReferenceResult {
  scenario: string;
  runs: number;
  /** False when spec.faults was dropped because this build does not know it yet. */
  faults: boolean;
  wallMs: number;
  eventsPerSecond: number;
  speedup: number;
  peakRssMiB: number;
  events: number;
  /** Every run's wall time, for the spread. */
  wallMsAll: number[];
}

interface Perf {
  wall_ms: number;
  events: number;
  events_per_s: number;
  speedup: number;
  peak_rss_mib: number;
}

const BIN = resolve('bin/kubesim.js');

function runOnce(scenario: string, out: string): { status: number; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'run', scenario, '--out', out, '-q'], { encoding: 'utf8', env: { ...process.env, CI: '1' } });
  return { status: r.status ?? -1, stderr: r.stderr };
}

/** A copy of the scenario without spec.faults, in `dir`. */
function withoutFaults(scenario: string, dir: string): string {
  const doc = parseDocument(readFileSync(scenario, 'utf8'));
  doc.deleteIn(['spec', 'faults']);
  const copy = join(dir, 'scenario-no-faults.yaml');
  writeFileSync(copy, doc.toString());
  return copy;
}

export function runReferenceBench(opts: ReferenceOptions = {}): ReferenceResult {
  const scenario = opts.scenario ?? REFERENCE_SCENARIO;
  const runs = opts.runs ?? 5;
  const dir = mkdtempSync(join(tmpdir(), 'kubesim-ref-'));
  try {
    let file = scenario;
    let faults = true;
    const perfs: Perf[] = [];
    for (let i = 0; i < runs; i++) {
      const out = join(dir, `run-${i}`);
      let r = runOnce(file, out);
      if (r.status !== 0 && i === 0 && r.stderr.includes('spec.faults: unknown field "faults"') && r.stderr.includes('1 problem found')) {
        file = withoutFaults(scenario, dir);
        faults = false;
        r = runOnce(file, out);
      }
      if (r.status !== 0) throw new Error(`kubesim run ${file} exited ${r.status}: ${r.stderr.trim()}`);
      perfs.push(JSON.parse(readFileSync(join(out, 'perf.json'), 'utf8')) as Perf);
      rmSync(out, { recursive: true, force: true });
    }
    const m = (f: (p: Perf) => number): number => median(perfs.map(f));
    const result: ReferenceResult = {
      scenario,
      runs,
      faults,
      wallMs: m((p) => p.wall_ms),
      eventsPerSecond: m((p) => p.events_per_s),
      speedup: m((p) => p.speedup),
      peakRssMiB: m((p) => p.peak_rss_mib),
      events: m((p) => p.events),
      wallMsAll: perfs.map((p) => p.wall_ms),
    };
    console.log(`${scenario}${faults ? '' : ' (without spec.faults)'}: median of ${runs}: ${result.wallMs} ms wall, ${result.eventsPerSecond} events/s, ${result.speedup}x real time, ${result.peakRssMiB} MiB peak RSS`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runReferenceBench({ scenario: process.argv[2], runs: process.argv[3] ? Number(process.argv[3]) : undefined });
}
