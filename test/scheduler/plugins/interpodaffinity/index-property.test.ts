import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Labels } from '../../../../engine/cluster/labels.js';
import type { Node } from '../../../../engine/cluster/node.js';
import type { Pod, PodSpec } from '../../../../engine/cluster/pod.js';
import type { ClusterStore } from '../../../../engine/cluster/store.js';
import { bruteFilter, bruteScore } from './brute-force.js';
import { HOST, ZONE, addNode, affinity, newPlugin, newStore, pod, pluginFilter, pluginScore, sel, spec, term } from './fixture.js';

/** Specs covering every term kind, matchLabelKeys, explicit namespaces and an empty namespaceSelector. */
function specs(store: ClusterStore): PodSpec[] {
  return [
    spec(store, undefined),
    spec(store, affinity({ antiPreferred: [{ weight: 100, term: term(HOST, sel({ app: 'a' })) }] })),
    spec(store, affinity({ antiRequired: [term(HOST, sel({ app: 'b' }))] })),
    spec(store, affinity({ podRequired: [term(ZONE, sel({ app: 'a' }))], podPreferred: [{ weight: 5, term: term(ZONE, sel({ app: 'c' })) }] })),
    spec(store, affinity({ antiPreferred: [{ weight: 7, term: term(HOST, sel({ app: 'd' }), { matchLabelKeys: ['ver'] }) }], antiRequired: [term(ZONE, sel({ app: 'e' }), { namespaces: ['other'] })] })),
    spec(store, affinity({ podRequired: [term(HOST, sel({ app: 'e' })), term(ZONE, sel({ app: 'e' }))] })),
    spec(store, affinity({ podPreferred: [{ weight: 3, term: term(ZONE, sel({ app: 'b' }), { namespaceSelector: sel({}) }) }, { weight: 2, term: term(HOST, sel({})) }] })),
  ];
}

const LABELS: Labels[] = [{ app: 'a' }, { app: 'b' }, { app: 'c', ver: '1' }, { app: 'd', ver: '1' }, { app: 'd', ver: '2' }, { app: 'e' }];
const ZONES = ['z1', 'z2', 'z3'];

/** One step of churn: [kind, a, b] picks what happens and to which object. */
type Op = [number, number, number];

function apply(store: ClusterStore, sp: PodSpec[], op: Op, live: Pod[], serial: { n: number }): void {
  const [kind, a, b] = op;
  const nodes = store.liveNodes();
  if (kind < 45 && nodes.length > 0) {
    live.push(pod(store, sp[a % sp.length]!, LABELS[b % LABELS.length]!, b % 5 === 0 ? 'other' : 'default', nodes[(a + b) % nodes.length]!));
  } else if (kind < 70 && live.length > 0) {
    const p = live[a % live.length]!;
    const what = b % 4;
    if (what === 0) store.markDeleting(p);
    else if (what === 1) store.setPodPhase(p, 'Succeeded');
    else if (what === 2) store.setPodPhase(p, 'Failed');
    else store.removePod(p);
  } else if (kind < 80 && nodes.length > 0) {
    const n = nodes[a % nodes.length]!;
    const labels: Record<string, string> = { ...n.labels };
    if (b % 3 === 0) delete labels[ZONE];
    else labels[ZONE] = ZONES[b % ZONES.length]!;
    store.setNodeLabels(n, labels);
  } else if (kind < 88 && nodes.length > 1) {
    store.removeNode(nodes[a % nodes.length]!);
  } else if (kind < 96) {
    const name = b % 2 === 0 && store.nodes.some((n) => n.deleted && store.node(n.name) === undefined) ? store.nodes.find((n) => n.deleted && store.node(n.name) === undefined)!.name : `m${serial.n++}`;
    addNode(store, name, a % 4 === 0 ? {} : { [ZONE]: ZONES[a % ZONES.length]! });
  } else {
    for (const p of live) if (p.nodeIndex >= 0 && store.nodeOf(p)!.deleted && !p.removed) store.removePod(p);
  }
}

function check(store: ClusterStore, sp: PodSpec[], hardPodAffinityWeight: number): void {
  const plugin = newPlugin(store, { hardPodAffinityWeight });
  for (let s = 0; s < sp.length; s++) {
    for (const labels of LABELS) {
      for (const ns of ['default', 'other']) {
        const incoming = pod(store, sp[s]!, labels, ns);
        assert.deepEqual(pluginFilter(plugin, store, incoming), bruteFilter(store, incoming), `filter spec ${s} labels ${JSON.stringify(labels)} ns ${ns}`);
        if (store.liveNodeCount > 0) assert.deepEqual(pluginScore(plugin, store, incoming), bruteScore(store, incoming, hardPodAffinityWeight), `score spec ${s} labels ${JSON.stringify(labels)} ns ${ns}`);
        store.removePod(incoming);
      }
    }
  }
}

describe('InterPodAffinity index', () => {
  it('gives the same Filter verdicts and raw Scores as a from-scratch walk over a churning cluster', () => {
    const op = fc.tuple(fc.nat(99), fc.nat(1000), fc.nat(1000));
    fc.assert(
      fc.property(fc.array(op, { minLength: 40, maxLength: 150 }), fc.constantFrom(0, 1, 10), (ops, hard) => {
        const store = newStore();
        const sp = specs(store);
        const nodes: Node[] = [];
        for (let i = 0; i < 6; i++) nodes.push(addNode(store, `n${i}`, i === 5 ? {} : { [ZONE]: ZONES[i % 3]! }));
        const plugin = newPlugin(store, { hardPodAffinityWeight: hard }); // subscribed from the start
        const live: Pod[] = [];
        const serial = { n: 0 };
        for (let i = 0; i < ops.length; i++) {
          apply(store, sp, ops[i]!, live, serial);
          if (i % 8 === 7) check(store, sp, hard);
        }
        check(store, sp, hard);
        assert.ok(plugin);
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  it('built after pods were bound counts them like one that saw every event', () => {
    const store = newStore();
    const sp = specs(store);
    const nodes = [0, 1, 2, 3].map((i) => addNode(store, `n${i}`, { [ZONE]: ZONES[i % 3]! }));
    for (let i = 0; i < 40; i++) pod(store, sp[i % sp.length]!, LABELS[i % LABELS.length]!, 'default', nodes[i % nodes.length]!);
    check(store, sp, 1);
  });
});
