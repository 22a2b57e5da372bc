/**
 * Streaming CSV files that appear only when complete: rows go to `<name>.tmp-<pid>` in chunks of
 * encoded bytes (csv-bytes.ts: csv-stringify's output, faster), and commit() renames the file into place.
 * abort() deletes it, so a failed or interrupted run never leaves a half-written CSV behind.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import type { Cell, RowSink } from '../engine/metrics/sink.js';
import { CsvEncoder } from './csv-bytes.js';
import { csvRecord, csvRecords } from './csv-format.js';

export class AtomicCsv implements RowSink {
  private readonly tmp: string;
  private fd: number;
  private readonly encoder: CsvEncoder;
  private closed = false;
  rows = 0;

  constructor(
    readonly path: string,
    readonly columns: readonly string[],
  ) {
    this.tmp = `${path}.tmp-${process.pid}`;
    this.fd = openSync(this.tmp, 'w');
    this.encoder = new CsvEncoder((bytes, length) => writeAll(this.fd, bytes, length));
    this.encoder.row(columns);
  }

  write(row: readonly Cell[]): void {
    this.encoder.row(row);
    this.rows++;
  }

  commit(): void {
    if (this.closed) return;
    this.encoder.flush();
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

/** writeSync may write fewer bytes than asked (a full disk reports ENOSPC instead): loop until all are out. */
function writeAll(fd: number, bytes: Uint8Array, length: number): void {
  for (let done = 0; done < length; ) done += writeSync(fd, bytes, done, length - done);
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
