/**
 * Runs one fuzz input through the loader in-process and classifies the outcome: a clean rejection
 * (SimError/SimErrors naming the file, with a line where the problem has one), a scenario that
 * loads (then it is also run briefly with the invariant checker when small), or a crash (anything
 * else: the bug the fuzzer is looking for).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SimError, SimErrors } from '../../engine/core/errors.js';
import { estimatePods, nodeCount } from '../../engine/scenario/limits.js';
import { loadScenario } from '../../engine/scenario/load.js';
import { Simulation } from '../../engine/scenario/simulation.js';

/** Codes whose problem is a whole-file property, so no line is expected. */
const NO_LINE_CODES = new Set(['E_IO', 'E_LIMIT']);

export interface Outcome {
  kind: 'rejected' | 'loaded' | 'crash';
  detail: string;
  ms: number;
}

/** Problems with the rejection itself: missing file, missing line, stack trace. */
export function badRejection(e: SimError, file: string): string | undefined {
  const text = e.format();
  if (e.location.file !== file) return `error does not name the file: ${text}`;
  if (e.location.line === undefined && !NO_LINE_CODES.has(e.code) && !(e.code === 'E_SCHEMA' && /the file is empty/.test(e.message))) return `error has no line: ${text}`;
  if (/\n\s+at /.test(text)) return `stack trace in message: ${text}`;
  if (text.length > 20_000) return `message is ${text.length} characters long`;
  return undefined;
}

export function fuzzOne(text: string, dir: string, name = 'case.yaml'): Outcome {
  const file = join(dir, name);
  writeFileSync(file, text);
  const t0 = process.hrtime.bigint();
  const ms = (): number => Number(process.hrtime.bigint() - t0) / 1e6;
  try {
    const s = loadScenario(file);
    // Run what loaded, when small, for a simulated hour at most, with every invariant checked.
    if (nodeCount(s) <= 200 && estimatePods(s) <= 2000) {
      s.durationMs = Math.min(s.durationMs, 3_600_000);
      new Simulation(s, { check: { everyEvents: 10 } }).run();
    }
    return { kind: 'loaded', detail: s.name, ms: ms() };
  } catch (e) {
    const errors = e instanceof SimErrors ? e.errors : e instanceof SimError ? [e] : undefined;
    if (!errors) return { kind: 'crash', detail: `${(e as Error)?.name}: ${(e as Error)?.message}\n${(e as Error)?.stack ?? ''}`, ms: ms() };
    if (errors.length === 0) return { kind: 'crash', detail: 'SimErrors with no errors', ms: ms() };
    for (const err of errors) {
      // Errors from the run itself (not the loader) carry no file: only the loader's must.
      if (err.code === 'E_INVARIANT') return { kind: 'crash', detail: err.message, ms: ms() };
      const bad = badRejection(err, file);
      if (bad) return { kind: 'crash', detail: bad, ms: ms() };
    }
    return { kind: 'rejected', detail: errors[0]!.format(), ms: ms() };
  }
}
