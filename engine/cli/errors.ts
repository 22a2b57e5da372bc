/** Turning errors into messages and exit codes: the only place that knows about both. */
import { SimError, SimErrors } from '../core/errors.js';

/** Exit codes (docs/guarantees.md): 1 internal error, invariant violation or plugin crash; 2 bad input; 128 + signal. */
export const EXIT = Object.freeze({ ok: 0, internal: 1, badInput: 2, sigint: 130, sigterm: 143 });

/** Problems printed for one file; the rest are counted (hostile files can hold thousands). */
export const MAX_PRINTED_PROBLEMS = 50;

export function reportError(e: unknown, write: (s: string) => void): number {
  if (e instanceof SimErrors) {
    const n = e.errors.length;
    write(`kubesim: ${n} problem${n === 1 ? '' : 's'} found:\n`);
    for (const err of e.errors.slice(0, MAX_PRINTED_PROBLEMS)) write(`  ${err.format().replace(/\n/g, '\n  ')}\n`);
    if (n > MAX_PRINTED_PROBLEMS) write(`  ... and ${n - MAX_PRINTED_PROBLEMS} more\n`);
    return EXIT.badInput;
  }
  if (e instanceof SimError) {
    write(`kubesim: ${e.format()}\n`);
    return e.code === 'E_INVARIANT' || e.code === 'E_PLUGIN' ? EXIT.internal : EXIT.badInput;
  }
  const err = e as Error;
  write(`kubesim: internal error: ${err?.message ?? String(e)}\n`);
  if (process.env.KUBESIM_DEBUG) write(`${err?.stack ?? ''}\n`);
  else write('  (this is a bug in kubesim; set KUBESIM_DEBUG=1 to see the stack trace)\n');
  return EXIT.internal;
}
