/**
 * CSV records encoded straight into a byte buffer, byte for byte what csvRecord (csv-format.ts) gives
 * in UTF-8. A large run writes ~50 MB of events.csv: built as strings, each record left ten short-lived
 * rope pieces for the collector and was flattened again on write, ~0.8 µs a record; this copies the
 * characters of plain ASCII fields and only sends other fields through csvField.
 */
import type { Cell } from '../engine/metrics/sink.js';
import { csvField } from './csv-format.js';

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;
const MINUS = 45;
const ZERO = 48;

/** Bytes kept before a flush (fields longer than this are written through on their own). */
export const CSV_BUFFER_BYTES = 1 << 20;
/** Room for any safe integer with its sign, written without a check per digit. */
const MAX_INTEGER_BYTES = 17;
const MIN_BUFFER_BYTES = 32;

export class CsvEncoder {
  private readonly buf: Uint8Array;
  private pos = 0;

  constructor(
    /** Receives the first `length` bytes of `bytes`; they are overwritten after it returns. */
    private readonly out: (bytes: Uint8Array, length: number) => void,
    size = CSV_BUFFER_BYTES,
  ) {
    if (size < MIN_BUFFER_BYTES) throw new RangeError(`a CSV buffer needs at least ${MIN_BUFFER_BYTES} bytes`);
    this.buf = new Uint8Array(size);
  }

  /** One record with its trailing newline. */
  row(row: readonly Cell[]): void {
    for (let i = 0; i < row.length; i++) {
      if (i > 0) this.byte(COMMA);
      const cell = row[i]!;
      if (typeof cell === 'number') this.number(cell);
      else this.text(cell);
    }
    this.byte(LF);
  }

  /** Hands the buffered bytes over. */
  flush(): void {
    if (this.pos === 0) return;
    this.out(this.buf, this.pos);
    this.pos = 0;
  }

  private byte(b: number): void {
    if (this.pos === this.buf.length) this.flush();
    this.buf[this.pos++] = b;
  }

  private number(n: number): void {
    // Safe integers as digits (what `${n}` prints, -0 included); anything else through its text.
    if (!Number.isSafeInteger(n)) return this.text(`${n}`);
    if (this.buf.length - this.pos < MAX_INTEGER_BYTES) this.flush();
    let v = n;
    if (v < 0) {
      this.buf[this.pos++] = MINUS;
      v = -v;
    }
    let digits = 1;
    for (let p = 10; p <= v; p *= 10) digits++;
    const end = this.pos + digits;
    for (let at = end - 1; at >= this.pos; at--) {
      const q = Math.floor(v / 10);
      this.buf[at] = ZERO + (v - q * 10);
      v = q;
    }
    this.pos = end;
  }

  private text(s: string): void {
    const n = s.length;
    if (n > this.buf.length - this.pos) {
      this.flush();
      if (n > this.buf.length) return this.encoded(s);
    }
    const buf = this.buf;
    const start = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80 || c === QUOTE || c === COMMA || c === CR || c === LF) return this.encoded(s);
      buf[start + i] = c;
    }
    this.pos = start + n;
  }

  /** A field that needs quotes or is not ASCII: csvField's text in UTF-8. */
  private encoded(s: string): void {
    const bytes = Buffer.from(csvField(s), 'utf8');
    if (bytes.length > this.buf.length - this.pos) this.flush();
    if (bytes.length > this.buf.length) {
      this.out(bytes, bytes.length);
      return;
    }
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }
}
