/**
 * zones.csv: per zone and sample time, the live nodes, how many are Ready / not Ready, and the node
 * lifecycle controller's zone state. Long format (one row per zone), so the columns do not depend on
 * the scenario's zones. Sampled at the timeseries.csv instants.
 */
import type { Node } from '../cluster/node.js';
import type { ClusterStore } from '../cluster/store.js';
import type { Simulator } from '../core/simulator.js';
import { formatSeconds } from '../core/time.js';
import type { RowSink } from './sink.js';
import { sampleEvery } from './sampling.js';

export const ZONE_COLUMNS = ['time_s', 'zone', 'nodes', 'ready', 'not_ready', 'state'] as const;

export class ZoneSeries {
  /** The zone state by zone name (set by the simulation from the node lifecycle controller). */
  zoneState: (zone: string) => string = () => '';
  /** Live nodes per zone, Ready and not, kept from node events (a node's zone never changes). */
  private readonly counts = new Map<string, { ready: number; notReady: number }>();
  /** By node index: whether the node is counted as Ready; undefined when not counted. */
  private readonly countedReady: (boolean | undefined)[] = [];

  constructor(
    private readonly sim: Simulator,
    private readonly store: ClusterStore,
    private readonly sink: RowSink,
    intervalMs: number,
    endMs: number,
  ) {
    for (const n of store.nodes) this.count(n);
    store.events.onNode((type, node) => {
      if (type === 'NodeAdded' || type === 'NodeRemoved' || type === 'NodeReadyChanged') {
        this.uncount(node);
        this.count(node);
      }
    });
    sampleEvery(sim, intervalMs, endMs, () => this.sample());
  }

  sample(): void {
    const t = formatSeconds(this.sim.now);
    for (const zone of [...this.counts.keys()].sort()) {
      const { ready, notReady } = this.counts.get(zone)!;
      if (ready + notReady > 0) this.sink.write([t, zone, ready + notReady, ready, notReady, this.zoneState(zone)]);
    }
  }

  private count(node: Node): void {
    if (node.deleted) return;
    const ready = node.ready === 'True';
    let c = this.counts.get(node.zone);
    if (c === undefined) this.counts.set(node.zone, (c = { ready: 0, notReady: 0 }));
    if (ready) c.ready++;
    else c.notReady++;
    this.countedReady[node.index] = ready;
  }

  private uncount(node: Node): void {
    const ready = this.countedReady[node.index];
    if (ready === undefined) return;
    const c = this.counts.get(node.zone)!;
    if (ready) c.ready--;
    else c.notReady--;
    this.countedReady[node.index] = undefined;
  }
}
