/**
 * events.csv: one row per lifecycle event recorded in the store, in simulation order.
 * Columns: time_s,event,object,node,detail. The vocabulary is fixed and documented in the README.
 */
import type { ClusterStore } from '../cluster/store.js';
import { formatSeconds } from '../core/time.js';
import { NULL_SINK } from './sink.js';
import type { RowSink } from './sink.js';

export const EVENT_COLUMNS = ['time_s', 'event', 'object', 'node', 'detail'] as const;

export const EVENT_VOCABULARY = [
  'NodeAdded', 'PodCreated', 'PodScheduled', 'PodUnschedulable', 'PodRunning', 'PodSucceeded', 'PodFailed', 'PodDeleted',
  'JobCreated', 'JobCompleted', 'JobFailed',
  // scheduler preemption (docs/scheduling-queue-and-preemption.md)
  'PodPreempted', 'PodNominated',
  // workload controllers (docs/workloads.md)
  'PodEvicted', 'EvictionRefused', 'NodeDrainStarted', 'NodeDrained', 'NodeDrainAborted',
  // Node failures and eviction (docs/failures.md).
  'NodeFailed', 'NodeRecovered', 'NodeNotReady', 'NodeReady', 'NodeTainted', 'NodeUntainted', 'NodeDeleted',
  'ZoneDisruption', 'NodeDrainRequested', 'NodeUncordoned',
] as const;

export class EventLog {
  readonly counts = new Map<string, number>();
  constructor(store: ClusterStore, sink: RowSink) {
    // Without a sink (a run that writes no events.csv: benchmarks, the API) the rows are not even formatted.
    const rows = sink !== NULL_SINK;
    store.events.onRecord((timeMs, event, object, node, detail) => {
      this.counts.set(event, (this.counts.get(event) ?? 0) + 1);
      if (rows) sink.write([formatSeconds(timeMs), event, object, node, detail]);
    });
  }
}
