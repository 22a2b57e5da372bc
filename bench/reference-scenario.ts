/**
 * The reference scenario end to end, as a user runs it (`npx kubesim run <scenario> --out <tmp> -q`: node
 * with the launcher's V8 flags) in a child process, N times; reports the median wall time, events/s, simulated-time speed-up and peak
 * RSS from each run's perf.json, and checks that every run wrote byte-identical CSVs (same SHA-256).
 * Run: `npm run build && node dist/bench/reference-scenario.js [scenario.yaml] [runs] [until]`.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median } from './scenario-text.js';

export const REFERENCE_SCENARIO = 'scenarios/scale-5k/scenario.yaml';
export const SMOKE_SCENARIO = 'scenarios/quickstart/scenario.yaml';

export interface ReferenceOptions {
  scenario?: string;
  runs?: number;
  /** Simulated horizon (`--until`), e.g. '2h'; the scenario's own duration when absent. */
  until?: string;
}

export interface ReferenceResult {
  scenario: string;
  runs: number;
  until: string | null;
  /** Whether every run wrote byte-identical CSV files. */
  identical: boolean;
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

/** The V8 flags the launcher's `#!/usr/bin/env -S node ...` line gives (npx kubesim runs with them). */
export function launcherFlags(bin = BIN): string[] {
  const first = readFileSync(bin, 'utf8').split('\n')[0] ?? '';
  const m = /^#!\/usr\/bin\/env -S node(.*)$/.exec(first);
  return m === null ? [] : m[1]!.trim().split(/\s+/).filter((a) => a !== '');
}

function runOnce(scenario: string, out: string, until: string | undefined): { status: number; stderr: string } {
  const args = [...launcherFlags(), BIN, 'run', scenario, '--out', out, '-q', ...(until !== undefined ? ['--until', until] : [])];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, CI: '1' } });
  return { status: r.status ?? -1, stderr: r.stderr };
}

/** One digest over the run's CSV files (perf.json holds wall-clock figures and is left out). */
function csvDigest(out: string): string {
  const h = createHash('sha256');
  for (const f of readdirSync(out).filter((n) => n.endsWith('.csv')).sort()) h.update(f).update(readFileSync(join(out, f)));
  return h.digest('hex');
}

export function runReferenceBench(opts: ReferenceOptions = {}): ReferenceResult {
  const scenario = opts.scenario ?? REFERENCE_SCENARIO;
  const runs = opts.runs ?? 5;
  const dir = mkdtempSync(join(tmpdir(), 'kubesim-ref-'));
  try {
    const perfs: Perf[] = [];
    const digests = new Set<string>();
    for (let i = 0; i < runs; i++) {
      const out = join(dir, `run-${i}`);
      const r = runOnce(scenario, out, opts.until);
      if (r.status !== 0) throw new Error(`kubesim run ${scenario} exited ${r.status}: ${r.stderr.trim()}`);
      perfs.push(JSON.parse(readFileSync(join(out, 'perf.json'), 'utf8')) as Perf);
      digests.add(csvDigest(out));
      rmSync(out, { recursive: true, force: true });
    }
    const m = (f: (p: Perf) => number): number => median(perfs.map(f));
    const result: ReferenceResult = {
      scenario,
      runs,
      until: opts.until ?? null,
      identical: digests.size === 1,
      wallMs: m((p) => p.wall_ms),
      eventsPerSecond: m((p) => p.events_per_s),
      speedup: m((p) => p.speedup),
      peakRssMiB: m((p) => p.peak_rss_mib),
      events: m((p) => p.events),
      wallMsAll: perfs.map((p) => p.wall_ms),
    };
    console.log(`${scenario}${opts.until !== undefined ? ` --until ${opts.until}` : ''}: median of ${runs}: ${result.wallMs} ms wall, ${result.eventsPerSecond} events/s, ${result.speedup}x real time, ${result.peakRssMiB} MiB peak RSS; CSVs ${result.identical ? 'byte-identical across runs' : 'DIFFER between runs'}`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runReferenceBench({ scenario: process.argv[2], runs: process.argv[3] ? Number(process.argv[3]) : undefined, until: process.argv[4] });
}
