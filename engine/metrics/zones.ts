/**
 * zones.csv: per zone and sample time, the live nodes, how many are Ready / not Ready, and the node
 * lifecycle controller's zone state. Long format (one row per zone), so the columns do not depend on
 * the scenario's zones. Sampled at the timeseries.csv instants.
 */
import type { ClusterStore } from '../cluster/store.js';
import type { Simulator } from '../core/simulator.js';
import { formatSeconds } from '../core/time.js';
import type { RowSink } from './sink.js';
import { sampleEvery } from './sampling.js';

export const ZONE_COLUMNS = ['time_s', 'zone', 'nodes', 'ready', 'not_ready', 'state'] as const;

export class ZoneSeries {
  /** The zone state by zone name (set by the simulation from the node lifecycle controller). */
  zoneState: (zone: string) => string = () => '';

  constructor(
    private readonly sim: Simulator,
    private readonly store: ClusterStore,
    private readonly sink: RowSink,
    intervalMs: number,
    endMs: number,
  ) {
    sampleEvery(sim, intervalMs, endMs, () => this.sample());
  }

  sample(): void {
    const counts = new Map<string, [number, number]>();
    for (const n of this.store.nodes) {
      if (n.deleted) continue;
      const c = counts.get(n.zone) ?? [0, 0];
      c[n.ready === 'True' ? 0 : 1]++;
      counts.set(n.zone, c);
    }
    const t = formatSeconds(this.sim.now);
    for (const zone of [...counts.keys()].sort()) {
      const [ready, notReady] = counts.get(zone)!;
      this.sink.write([t, zone, ready + notReady, ready, notReady, this.zoneState(zone)]);
    }
  }
}
