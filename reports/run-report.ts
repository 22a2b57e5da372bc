/**
 * The four CSV reports of one run, in an output folder: summary.csv, timeseries.csv, pods.csv and
 * events.csv. The two streamed during the run are opened first; everything is committed together at
 * the end, or aborted together on failure.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterStore } from '../engine/cluster/store.js';
import { EVENT_COLUMNS } from '../engine/metrics/event-log.js';
import type { Cell } from '../engine/metrics/sink.js';
import { POD_COLUMNS, SUMMARY_COLUMNS, podRow } from '../engine/metrics/summary.js';
import { TIMESERIES_COLUMNS } from '../engine/metrics/timeseries.js';
import { WORKLOAD_COLUMNS } from '../engine/metrics/failures.js';
import { ZONE_COLUMNS } from '../engine/metrics/zones.js';
import { AtomicCsv, writeAtomic, csvText } from './csv.js';
import { ALLOC_CURVE_COLUMNS } from '../engine/metrics/alloc-curve.js';
import type { AllocCurve } from '../engine/metrics/alloc-curve.js';

export const REPORT_FILES = ['summary.csv', 'timeseries.csv', 'pods.csv', 'events.csv', 'zones.csv', 'workloads.csv'] as const;

export class RunReport {
  readonly events: AtomicCsv;
  readonly timeseries: AtomicCsv;
  readonly zones: AtomicCsv;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.events = new AtomicCsv(join(dir, 'events.csv'), EVENT_COLUMNS);
    this.timeseries = new AtomicCsv(join(dir, 'timeseries.csv'), TIMESERIES_COLUMNS);
    this.zones = new AtomicCsv(join(dir, 'zones.csv'), ZONE_COLUMNS);
  }

  /** alloc_curve.csv is written only for clusters with GPUs (docs/gpu-and-traces.md). */
  commit(summary: Record<string, Cell>, store: ClusterStore, workloads: readonly Cell[][] = [], allocCurve?: AllocCurve): void {
    const pods = new AtomicCsv(join(this.dir, 'pods.csv'), POD_COLUMNS);
    try {
      for (const p of store.allPods) pods.write(podRow(store, p));
    } catch (e) {
      pods.abort();
      throw e;
    }
    this.events.commit();
    this.timeseries.commit();
    this.zones.commit();
    pods.commit();
    if (allocCurve && allocCurve.capacity > 0) writeAtomic(join(this.dir, 'alloc_curve.csv'), csvText(ALLOC_CURVE_COLUMNS, allocCurve.rows()));
    writeAtomic(join(this.dir, 'workloads.csv'), csvText(WORKLOAD_COLUMNS, workloads));
    writeAtomic(join(this.dir, 'summary.csv'), csvText(SUMMARY_COLUMNS, [SUMMARY_COLUMNS.map((c) => summary[c] ?? '')]));
  }

  abort(): void {
    this.events.abort();
    this.timeseries.abort();
    this.zones.abort();
  }
}
