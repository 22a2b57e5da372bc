/** Where row-shaped output goes while a run is in progress (a streaming CSV file, or memory in tests). */
export type Cell = string | number;

export interface RowSink {
  write(row: readonly Cell[]): void;
}

export class MemorySink implements RowSink {
  readonly rows: Cell[][] = [];
  write(row: readonly Cell[]): void {
    this.rows.push([...row]);
  }
}

export const NULL_SINK: RowSink = { write: () => undefined };
