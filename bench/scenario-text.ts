/** In-memory scenarios for the benchmarks: YAML text written to a temp file and loaded as a user's would be. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../engine/scenario/load.js';
import type { Scenario } from '../engine/scenario/types.js';

export function scenarioFromYaml(yaml: string): Scenario {
  const dir = mkdtempSync(join(tmpdir(), 'kubesim-bench-'));
  try {
    writeFileSync(join(dir, 'scenario.yaml'), yaml);
    return loadScenario(join(dir, 'scenario.yaml'), { limits: { maxNodes: 1_000_000, maxPods: 50_000_000 } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
