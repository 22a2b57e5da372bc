/** Which bundled scenarios are golden tests (test/scenarios.test.ts) and which only validate (scale-*). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The README line that takes a bundled scenario out of the golden list. */
export const GOLDEN_OPT_OUT = 'Golden: no (too large for CI)';

/** True when scenarios/<dir>/README.md holds the GOLDEN_OPT_OUT line. */
export function goldenOptedOut(dir: string): boolean {
  const readme = join('scenarios', dir, 'README.md');
  return existsSync(readme) && readFileSync(readme, 'utf8').split('\n').some((l) => l.trim() === GOLDEN_OPT_OUT);
}
