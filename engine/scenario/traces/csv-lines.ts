/**
 * Reads a plain CSV file (no quoted fields, as the Alibaba trace files are) row by row in fixed-size
 * chunks, so a large trace is never held in memory as one string. Synchronous, because scenario loading is.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const CHUNK_BYTES = 1 << 16;

/** Calls `row(fields, lineNumber)` for every non-empty line after the header; returns the header fields. */
export function forEachCsvRow(file: string, row: (fields: string[], line: number, header: string[]) => void): string[] {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(CHUNK_BYTES);
  const decoder = new StringDecoder('utf8');
  let header: string[] | undefined;
  let rest = '';
  let line = 0;
  const take = (text: string): void => {
    line++;
    const t = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (header === undefined) header = t.split(',').map((s) => s.trim());
    else if (t.trim() !== '') row(t.split(','), line, header);
  };
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK_BYTES, null);
      if (n === 0) break;
      const text = rest + decoder.write(buf.subarray(0, n));
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) take(l);
    }
    if (rest !== '') take(rest);
  } finally {
    closeSync(fd);
  }
  return header ?? [];
}
