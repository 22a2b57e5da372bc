/** Turning errors into messages and exit codes: the only place that knows about both. */
import { SimError, SimErrors } from '../core/errors.js';

export const EXIT = Object.freeze({ ok: 0, internal: 1, badInput: 2, sigint: 130, sigterm: 143 });

export function reportError(e: unknown, write: (s: string) => void): number {
  if (e instanceof SimErrors) {
    const n = e.errors.length;
    write(`kubesim: ${n} problem${n === 1 ? '' : 's'} found:\n`);
    for (const err of e.errors) write(`  ${err.format().replace(/\n/g, '\n  ')}\n`);
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
