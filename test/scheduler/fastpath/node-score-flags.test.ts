/** The fused score pass's node flags (node-score-flags.ts) must follow every node change the store emits. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NodeScoreFlags } from '../../../engine/scheduler/fastpath/node-score-flags.js';
import { ClusterStore } from '../../../engine/cluster/store.js';
import { ResourceNames } from '../../../engine/cluster/resources.js';
import { Simulator } from '../../../engine/core/simulator.js';
import type { Node } from '../../../engine/cluster/node.js';
import type { Taint } from '../../../engine/cluster/taints.js';
import { resolvePolicy } from '../../../engine/scheduler/policies.js';
import { Simulation } from '../../../engine/scenario/simulation.js';
import { MemorySink } from '../../../engine/metrics/sink.js';
import type { Cell } from '../../../engine/metrics/sink.js';
import { scenarioFromText } from '../../helpers.js';

const TAINTS: Taint[][] = [[], [{ key: 'soft', value: '', effect: 'PreferNoSchedule' }], [{ key: 'hard', value: '', effect: 'NoSchedule' }], [{ key: 'x', value: '', effect: 'NoExecute' }, { key: 'soft', value: '', effect: 'PreferNoSchedule' }]];
const IMAGES = [[], [{ names: ['app:1'], sizeBytes: 300_000_000 }]];

function fresh(store: ClusterStore): { preferNoSchedule: number; withImages: number } {
  const live = store.nodes; // removed nodes count too
  return { preferNoSchedule: live.filter((n) => n.taints.some((t) => t.effect === 'PreferNoSchedule')).length, withImages: live.filter((n) => n.images.length > 0).length };
}

describe('fused score node flags', () => {
  it('equal a fresh count after any sequence of node additions, retaints and removals', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(2), fc.nat(50), fc.nat(7)), { maxLength: 40 }), fc.nat(3), (ops, before) => {
        const names = new ResourceNames();
        const store = new ClusterStore(new Simulator(), names);
        let seq = 0;
        const add = (t: number): Node => store.addNode({ name: `n${seq++}`, labels: {}, taints: TAINTS[t % TAINTS.length]!, unschedulable: false, allocatable: names.vector(), images: IMAGES[t % 2]!, pool: '' });
        for (let i = 0; i < before; i++) add(i);
        const flags = new NodeScoreFlags(store);
        for (const [kind, a, b] of ops) {
          const live = store.nodes.filter((n) => !n.deleted);
          if (kind === 0 || live.length === 0) add(b);
          else if (kind === 1) store.setNodeTaints(live[a % live.length]!, TAINTS[b % TAINTS.length]!);
          else store.removeNode(live[a % live.length]!);
          assert.deepEqual({ preferNoSchedule: flags.preferNoSchedule, withImages: flags.withImages }, fresh(store));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('see a PreferNoSchedule taint added mid-run: the fused path places pods as the per-plugin path', () => {
    const text = `apiVersion: kubesim.io/v1alpha1
kind: Scenario
metadata: {name: late-taints}
spec:
  seed: 5
  duration: 10m
  nodes:
    - {pool: a, count: 12, zones: [z1, z2], allocatable: {cpu: "8", memory: 32Gi, pods: 40}}
  generators:
    - name: batch
      arrival: {type: poisson, meanInterval: 2s}
      maxCount: 200
      template:
        kind: Pod
        metadata: {annotations: {kubesim.io/run-duration: 1m}}
        spec:
          restartPolicy: Never
          containers: [{name: c, resources: {requests: {cpu: 100m, memory: 128Mi}}}]
`;
    const run = (fastPath: boolean): Cell[][] => {
      const events = new MemorySink();
      const sim = new Simulation(scenarioFromText(text), { schedulerOptions: { ...resolvePolicy('default'), percentageOfNodesToScore: 100, fastPath }, events, timeseries: new MemorySink() });
      // From t=60s every node but one prefers no pods: that node scores best on TaintToleration.
      sim.sim.at(60_000, () => {
        for (const n of sim.store.nodes) if (n.index !== 3) sim.store.setNodeTaints(n, TAINTS[1]!);
      });
      sim.run();
      return events.rows.filter((e) => e[1] === 'PodScheduled');
    };
    const fast = run(true);
    assert.deepEqual(fast, run(false));
    const late = fast.filter((e) => Number(e[0]) > 60);
    const where = new Map<string, number>();
    for (const e of late) where.set(String(e[3]), (where.get(String(e[3])) ?? 0) + 1);
    const others = Math.max(...[...where].filter(([n]) => n !== 'a-3').map(([, c]) => c));
    assert.ok(late.length > 50 && (where.get('a-3') ?? 0) > 2 * others, `late placements ${JSON.stringify([...where])}`);
  });
});
