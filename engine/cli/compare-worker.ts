/** Worker-thread entry of `kubesim compare`: runs the cells it is sent, one at a time. */
import { parentPort } from 'node:worker_threads';
import { SimError, SimErrors } from '../core/errors.js';
import { runCell } from '../compare/run-cell.js';
import type { WorkerReply, WorkerTask } from '../compare/pool.js';
import { RunReport } from '../../reports/run-report.js';

function reply(m: WorkerReply): void {
  parentPort!.postMessage(m);
}

parentPort?.on('message', (task: WorkerTask) => {
  const { cell } = task;
  const report = task.keepDir ? new RunReport(task.keepDir) : undefined;
  try {
    const result = runCell(cell, report ? { events: report.events, timeseries: report.timeseries } : {});
    report?.commit(result.summary, result.store, result.workloads, result.allocCurve);
    reply({ type: 'result', result: { index: cell.index, summary: result.summary } });
  } catch (e) {
    report?.abort();
    const message = e instanceof SimError ? e.format() : e instanceof SimErrors ? e.errors.map((x) => x.format()).join('\n') : `internal error: ${(e as Error)?.stack ?? String(e)}`;
    const code = e instanceof SimError ? e.code : e instanceof SimErrors ? e.errors[0]?.code : undefined;
    reply({ type: 'error', index: cell.index, message, code });
  }
});
