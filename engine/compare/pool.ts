/**
 * A pool of worker threads running cells. Each worker takes the next undispatched cell when it is
 * idle; results are stored by cell index, so their order never depends on the number of workers or
 * on which finishes first. stop() stops dispatching and terminates the workers at once.
 */
import { Worker } from 'node:worker_threads';
import type { Cell } from './cells.js';
import type { CellResult } from './run-cell.js';

/** Messages from a worker: a finished cell, or the error that ended it (formatted by the worker). */
export type WorkerReply = { type: 'result'; result: CellResult } | { type: 'error'; index: number; message: string; code?: string };

/** Messages to a worker. */
export interface WorkerTask {
  cell: Cell;
  /** Absolute folder for the cell's usual CSVs (--keep-runs), or undefined. */
  keepDir: string | undefined;
}

export class CellError extends Error {
  constructor(
    readonly cell: Cell,
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

export interface PoolOptions {
  jobs: number;
  /** The worker entry module (engine/cli/compare-worker.js). */
  workerUrl: URL;
  keepDir?: (cell: Cell) => string | undefined;
  onResult?: (result: CellResult, done: number) => void;
}

export class CellPool {
  private readonly workers: Worker[] = [];
  private next = 0;
  private done = 0;
  private stopped = false;
  private settle: ((err?: Error) => void) | undefined;
  readonly results: (CellResult | undefined)[];

  constructor(
    private readonly cells: readonly Cell[],
    private readonly options: PoolOptions,
  ) {
    this.results = new Array<CellResult | undefined>(cells.length).fill(undefined);
  }

  /** Resolves when every cell is done or stop() was called; rejects on the first failed cell. */
  run(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.settle = (err) => {
        this.settle = undefined;
        void this.terminate();
        if (err) reject(err);
        else resolve();
      };
      if (this.cells.length === 0) return this.settle();
      const n = Math.max(1, Math.min(this.options.jobs, this.cells.length));
      for (let i = 0; i < n; i++) this.startWorker();
    });
  }

  /** Stops dispatching, terminates the workers and resolves run() with the cells finished so far. */
  stop(): void {
    this.stopped = true;
    this.settle?.();
  }

  get finished(): number {
    return this.done;
  }

  private startWorker(): void {
    const w = new Worker(this.options.workerUrl);
    this.workers.push(w);
    w.on('message', (m: WorkerReply) => {
      if (m.type === 'error') return this.settle?.(new CellError(this.cells[m.index]!, m.message, m.code));
      this.results[m.result.index] = m.result;
      this.done++;
      this.options.onResult?.(m.result, this.done);
      if (this.done === this.cells.length) return this.settle?.();
      this.dispatch(w);
    });
    w.on('error', (e) => this.settle?.(e));
    w.on('exit', (code) => {
      if (!this.stopped && this.settle && code !== 0) this.settle(new Error(`a compare worker exited with code ${code}`));
    });
    this.dispatch(w);
  }

  private dispatch(w: Worker): void {
    if (this.stopped || this.next >= this.cells.length) return;
    const cell = this.cells[this.next++]!;
    const task: WorkerTask = { cell, keepDir: this.options.keepDir?.(cell) };
    w.postMessage(task);
  }

  private async terminate(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
