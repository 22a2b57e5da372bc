/** zones.csv's counts, kept from node events, are the counts a look at every live node gives. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ZoneSeries } from '../../engine/metrics/zones.js';
import { MemorySink } from '../../engine/metrics/sink.js';
import type { Node } from '../../engine/cluster/node.js';
import { world } from '../controllers/fixture.js';

const ZONES = ['zone-b', 'zone-a', 'zone-c'];

/** The rows a sample should write: live nodes per zone, Ready and not, zones in name order. */
function expected(nodes: readonly Node[], t: string): (string | number)[][] {
  const by = new Map<string, [number, number]>();
  for (const n of nodes) {
    if (n.deleted) continue;
    const c = by.get(n.zone) ?? [0, 0];
    c[n.ready === 'True' ? 0 : 1]++;
    by.set(n.zone, c);
  }
  return [...by.keys()].sort().map((z) => [t, z, by.get(z)![0] + by.get(z)![1], by.get(z)![0], by.get(z)![1], '']);
}

describe('ZoneSeries', () => {
  it('counts live nodes per zone through adds, removals and Ready changes', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), zone: fc.constantFrom(...ZONES) }),
      fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('ready' as const), at: fc.nat(), to: fc.constantFrom('True', 'False', 'Unknown') as fc.Arbitrary<Node['ready']> }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.integer({ min: 0, max: 3 }), (ops, before) => {
        const w = world();
        let made = 0;
        const add = (zone: string): Node => w.addNode(`n${made++}`, { labels: { 'topology.kubernetes.io/zone': zone } });
        for (let i = 0; i < before; i++) add(ZONES[i % ZONES.length]!);
        const sink = new MemorySink();
        const zones = new ZoneSeries(w.sim, w.store, sink, 60_000, 60_000);
        for (const o of ops) {
          const nodes = w.store.nodes;
          if (o.kind === 'add') add(o.zone);
          else if (nodes.length > 0 && o.kind === 'remove') w.store.removeNode(nodes[o.at % nodes.length]!);
          else if (nodes.length > 0 && o.kind === 'ready') w.store.setNodeReady(nodes[o.at % nodes.length]!, o.to);
          sink.rows.length = 0;
          zones.sample();
          assert.deepEqual(sink.rows, expected(w.store.nodes, '0.000'));
        }
      }),
      { seed: 3, numRuns: 200 },
    );
  });
});
