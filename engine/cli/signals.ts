/** SIGINT/SIGTERM become a flag that long runs poll between slices, so they stop cleanly. */
export interface Signals {
  received: 'SIGINT' | 'SIGTERM' | undefined;
}

export function trapSignals(): Signals {
  const s: Signals = { received: undefined };
  const on = (sig: 'SIGINT' | 'SIGTERM'): void => {
    if (s.received) process.exit(sig === 'SIGINT' ? 130 : 143); // a second signal: leave at once
    s.received = sig;
  };
  process.on('SIGINT', () => on('SIGINT'));
  process.on('SIGTERM', () => on('SIGTERM'));
  return s;
}
