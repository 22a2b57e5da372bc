/**
 * Streaming CSV files that appear only when complete: rows go to `<name>.tmp-<pid>` in chunks of
 * formatted text (csv-format.ts: csv-stringify's output, faster), and commit() renames the file into place. abort() deletes it, so a
 * failed or interrupted run never leaves a half-written CSV behind.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import type { Cell, RowSink } from '../engine/metrics/sink.js';
import { csvRecord, csvRecords } from './csv-format.js';

const CHUNK_ROWS = 2000;

export class AtomicCsv implements RowSink {
  private readonly tmp: string;
  private fd: number;
  private buffer = '';
  private buffered = 0;
  private closed = false;
  rows = 0;

  constructor(
    readonly path: string,
    readonly columns: readonly string[],
  ) {
    this.tmp = `${path}.tmp-${process.pid}`;
    this.fd = openSync(this.tmp, 'w');
    writeSync(this.fd, csvRecord(columns));
  }

  write(row: readonly Cell[]): void {
    this.buffer += csvRecord(row);
    this.rows++;
    if (++this.buffered >= CHUNK_ROWS) this.flush();
  }

  private flush(): void {
    if (this.buffered === 0) return;
    writeSync(this.fd, this.buffer);
    this.buffer = '';
    this.buffered = 0;
  }

  commit(): void {
    if (this.closed) return;
    this.flush();
    closeSync(this.fd);
    this.closed = true;
    renameSync(this.tmp, this.path);
  }

  abort(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      closeSync(this.fd);
    } catch {
      /* already closed */
    }
    rmSync(this.tmp, { force: true });
  }
}

/** Writes a whole small file atomically (temp name, then rename). */
export function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true }); // never leave a half-written temporary file behind
    throw e;
  }
}

export function csvText(columns: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return csvRecord(columns) + csvRecords(rows);
}
