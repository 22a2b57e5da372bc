/**
 * SIGINT/SIGTERM become a flag that long runs poll between slices, so they stop cleanly and write
 * reports marked incomplete. A second signal leaves at once, after the registered cleanups have
 * removed any temporary file (so nothing half-written is left behind either way).
 */
export interface Signals {
  received: 'SIGINT' | 'SIGTERM' | undefined;
  /** Run before a forced exit on the second signal (e.g. deleting *.tmp-* report files). */
  readonly cleanups: (() => void)[];
}

export function trapSignals(): Signals {
  const s: Signals = { received: undefined, cleanups: [] };
  const on = (sig: 'SIGINT' | 'SIGTERM'): void => {
    if (s.received) {
      for (const fn of s.cleanups) {
        try {
          fn();
        } catch {
          /* best effort: we are leaving */
        }
      }
      process.exit(sig === 'SIGINT' ? 130 : 143);
    }
    s.received = sig;
  };
  process.on('SIGINT', () => on('SIGINT'));
  process.on('SIGTERM', () => on('SIGTERM'));
  return s;
}
