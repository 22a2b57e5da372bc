/** Worker-thread entry of `kubesim compare`: runs the cells it is sent, one at a time. */
import { parentPort } from 'node:worker_threads';
import { SimError, SimErrors } from '../core/errors.js';
import { runCell } from '../compare/run-cell.js';
import type { WorkerReply, WorkerTask } from '../compare/pool.js';
import { RunReport } from '../../reports/run-report.js';
import type { AllocCurve } from '../metrics/alloc-curve.js';

/** The run's alloc curve as plain numbers (it crosses back to the main thread), or undefined without GPUs. */
function curvePoints(curve: AllocCurve): [number, number, number][] | undefined {
  const points: [number, number, number][] = [];
  for (const row of curve.rows()) if (row[1] !== '') points.push([Number(row[0]), Number(row[1]), Number(row[2])]);
  return points.length > 0 ? points : undefined;
}

function reply(m: WorkerReply): void {
  parentPort!.postMessage(m);
}

parentPort?.on('message', (task: WorkerTask) => {
  const { cell } = task;
  const report = task.keepDir ? new RunReport(task.keepDir) : undefined;
  try {
    const result = runCell(cell, report ? { events: report.events, timeseries: report.timeseries } : {});
    report?.commit(result.summary, result.store, result.workloads, result.allocCurve);
    reply({ type: 'result', result: { index: cell.index, summary: result.summary, curve: curvePoints(result.allocCurve) } });
  } catch (e) {
    report?.abort();
    const message = e instanceof SimError ? e.format() : e instanceof SimErrors ? e.errors.map((x) => x.format()).join('\n') : `internal error: ${(e as Error)?.stack ?? String(e)}`;
    const code = e instanceof SimError ? e.code : e instanceof SimErrors ? e.errors[0]?.code : undefined;
    reply({ type: 'error', index: cell.index, message, code });
  }
});
