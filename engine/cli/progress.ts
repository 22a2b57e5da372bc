/** A one-line progress bar on stderr, drawn only on a terminal and only for runs that take a while. */
import { formatDuration } from '../core/time.js';

export class ProgressBar {
  private readonly enabled: boolean;
  private readonly started = Date.now();
  private lastDraw = 0;

  constructor(
    private readonly label: string,
    private readonly total: number,
  ) {
    this.enabled = Boolean(process.stderr.isTTY) && !process.env.CI;
  }

  update(done: number, unit: (n: number) => string = (n) => formatDuration(n)): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.started < 500 || now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const frac = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const width = 30;
    const filled = Math.round(frac * width);
    const elapsed = (now - this.started) / 1000;
    const eta = frac > 0 ? (elapsed / frac - elapsed).toFixed(0) : '?';
    process.stderr.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(0)}% ${unit(done)} ETA ${eta}s `);
  }

  done(): void {
    if (this.enabled && this.lastDraw > 0) process.stderr.write('\r\x1b[K');
  }
}
