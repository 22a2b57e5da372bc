/** The per-spec static feasibility bytes must always equal the four static filters computed afresh. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StaticFeasibility, MAX_ENTRIES, pinnedNames } from '../../../engine/scheduler/fastpath/static-feasibility.js';
import { NodeUnschedulable } from '../../../engine/scheduler/plugins/nodeunschedulable/node-unschedulable.js';
import { NodeName } from '../../../engine/scheduler/plugins/nodename/node-name.js';
import { TaintToleration } from '../../../engine/scheduler/plugins/tainttoleration/taint-toleration.js';
import { NodeAffinity } from '../../../engine/scheduler/plugins/nodeaffinity/node-affinity.js';
import { CycleState } from '../../../engine/scheduler/framework/interfaces.js';
import { ClusterStore } from '../../../engine/cluster/store.js';
import { ResourceNames } from '../../../engine/cluster/resources.js';
import { Simulator } from '../../../engine/core/simulator.js';
import { Rng } from '../../../engine/core/rng.js';
import type { Node } from '../../../engine/cluster/node.js';
import type { Pod, PodSpec } from '../../../engine/cluster/pod.js';
import type { Taint, Toleration } from '../../../engine/cluster/taints.js';
import type { NodeSelectorTerm } from '../../../engine/cluster/labels.js';

const FILTERS = [new NodeUnschedulable(), new NodeName(), new TaintToleration(), new NodeAffinity({})];

function podOf(spec: Partial<PodSpec>): Pod {
  const full = { nodeSelector: {}, affinity: undefined, tolerations: [], nodeName: '', ...spec } as unknown as PodSpec;
  return { spec: full } as unknown as Pod;
}

function setup(count: number): { store: ClusterStore; nodes: Node[]; cache: StaticFeasibility } {
  const names = new ResourceNames();
  const store = new ClusterStore(new Simulator(), names);
  const nodes = Array.from({ length: count }, (_, i) => addNode(store, names, `n${i}`, { tier: i % 2 === 0 ? 'batch' : 'general' }));
  return { store, nodes, cache: new StaticFeasibility(FILTERS, new CycleState(), store.events) };
}

function addNode(store: ClusterStore, names: ResourceNames, name: string, labels: Record<string, string>): Node {
  return store.addNode({ name, labels, taints: [], unschedulable: false, allocatable: names.vector(), images: [], pool: '' });
}

const NO_SCHEDULE: Taint = { key: 'dedicated', value: 'batch', effect: 'NoSchedule' };
const TOLERATE: Toleration = { key: 'dedicated', operator: 'Equal', value: 'batch', effect: 'NoSchedule' };
const SELECT_BATCH = podOf({ nodeSelector: { tier: 'batch' } });
const TOLERATING = podOf({ tolerations: [TOLERATE] });
const REQUIRED: readonly NodeSelectorTerm[] = [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['general'] }], matchFields: [] }];

/** The first failing static filter, computed afresh as the plugin-by-plugin walk does. */
function fresh(pod: Pod, node: Node): { plugin: string; code: number; reasons: readonly string[] } | null {
  for (const f of FILTERS) {
    const s = f.filter(new CycleState(), pod, node);
    if (s !== null) return { plugin: f.name, code: s.code, reasons: s.reasons };
  }
  return null;
}

describe('static feasibility cache', () => {
  it('shares one rejection among nodes rejected alike, and keeps different ones apart', () => {
    const { store, nodes, cache } = setup(4);
    const live = store.liveNodes();
    cache.forPod(SELECT_BATCH, live);
    // n1 and n3 are general-tier: the same NodeAffinity rejection, one object (a failing walk's table stays small).
    assert.equal(cache.rejection(SELECT_BATCH, nodes[1]!), cache.rejection(SELECT_BATCH, nodes[3]!));
    store.setNodeTaints(nodes[0]!, [NO_SCHEDULE]);
    cache.forPod(SELECT_BATCH, store.liveNodes());
    assert.notEqual(cache.rejection(SELECT_BATCH, nodes[0]!), cache.rejection(SELECT_BATCH, nodes[1]!));
  });

  it('gives the first failing static filter as the rejection, with its plugin name', () => {
    const { store, nodes, cache } = setup(2);
    store.setNodeTaints(nodes[0]!, [NO_SCHEDULE]);
    cache.forPod(SELECT_BATCH, store.liveNodes());
    assert.equal(cache.rejection(SELECT_BATCH, nodes[0]!)!.plugin, 'TaintToleration');
    assert.equal(cache.rejection(SELECT_BATCH, nodes[1]!)!.plugin, 'NodeAffinity');
    store.setNodeTaints(nodes[0]!, []);
    assert.equal(cache.rejection(SELECT_BATCH, nodes[0]!), null);
  });

  it('marks nodes whose labels miss the nodeSelector as infeasible', () => {
    const { store, cache } = setup(6);
    assert.deepEqual([...cache.forPod(SELECT_BATCH, store.liveNodes())], [1, 0, 1, 0, 1, 0]);
  });

  it('updates only the tainted node of every cached spec when taints change', () => {
    const { store, nodes, cache } = setup(4);
    const plain = podOf({});
    cache.forPod(plain, store.liveNodes());
    cache.forPod(TOLERATING, store.liveNodes());
    store.setNodeTaints(nodes[1]!, [NO_SCHEDULE]);
    assert.deepEqual([...cache.forPod(plain, store.liveNodes())], [1, 0, 1, 1]);
    assert.deepEqual([...cache.forPod(TOLERATING, store.liveNodes())], [1, 1, 1, 1]);
    store.setNodeTaints(nodes[1]!, []);
    assert.deepEqual([...cache.forPod(plain, store.liveNodes())], [1, 1, 1, 1]);
  });

  it('follows spec.unschedulable (cordon) and its toleration', () => {
    const { store, nodes, cache } = setup(3);
    const plain = podOf({});
    const tolerant = podOf({ tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', value: '', effect: 'NoSchedule' }] });
    cache.forPod(plain, store.liveNodes());
    store.setNodeUnschedulable(nodes[2]!, true);
    assert.deepEqual([...cache.forPod(plain, store.liveNodes())], [1, 1, 0]);
    assert.deepEqual([...cache.forPod(tolerant, store.liveNodes())], [1, 1, 1]);
  });

  it('follows label changes for required node affinity', () => {
    const { store, nodes, cache } = setup(4);
    const pod = podOf({ affinity: { nodeRequired: REQUIRED, nodePreferred: [], podRequired: [], podPreferred: [], podAntiRequired: [], podAntiPreferred: [] } as unknown as PodSpec['affinity'] });
    assert.deepEqual([...cache.forPod(pod, store.liveNodes())], [0, 1, 0, 1]);
    store.setNodeLabels(nodes[0]!, { tier: 'general' });
    assert.deepEqual([...cache.forPod(pod, store.liveNodes())], [1, 1, 0, 1]);
  });

  it('grows every entry when a node is added', () => {
    const { store, cache } = setup(2);
    cache.forPod(SELECT_BATCH, store.liveNodes());
    const names = new ResourceNames();
    addNode(store, names, 'late', { tier: 'batch' });
    const ok = cache.forPod(SELECT_BATCH, store.liveNodes());
    assert.equal(ok[2], 1);
    assert.equal(ok[1], 0);
  });

  it('keeps at most MAX_ENTRIES specs, evicting the oldest', () => {
    const { store, cache } = setup(2);
    for (let i = 0; i < MAX_ENTRIES + 5; i++) cache.forPod(podOf({ nodeSelector: { tier: `t${i}` } }), store.liveNodes());
    assert.equal(cache.size, MAX_ENTRIES);
  });

  it('pins a spec.nodeName pod to that node', () => {
    const { store, cache } = setup(3);
    assert.deepEqual([...cache.forPod(podOf({ nodeName: 'n1' }), store.liveNodes())], [0, 1, 0]);
  });

  it('checks only the named node for a DaemonSet-style pod pinned by matchFields metadata.name, without caching it', () => {
    const { store, cache } = setup(4);
    const pinned: readonly NodeSelectorTerm[] = [{ matchExpressions: [], matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] }];
    const pod = podOf({ affinity: { nodeRequired: pinned, nodePreferred: [] } as unknown as PodSpec['affinity'] });
    assert.deepEqual(pinnedNames(pod.spec), ['n2']);
    assert.deepEqual([...cache.forPod(pod, store.liveNodes())], [0, 0, 1, 0]);
    assert.equal(cache.size, 0);
  });

  it('does not pin a spec when one required term has no metadata.name In requirement', () => {
    const terms: readonly NodeSelectorTerm[] = [{ matchExpressions: [], matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] }, REQUIRED[0]!];
    assert.equal(pinnedNames(podOf({ affinity: { nodeRequired: terms, nodePreferred: [] } as unknown as PodSpec['affinity'] }).spec), null);
  });

  it('always equals a fresh computation under random taint, label, cordon, add and delete churn', () => {
    const names = new ResourceNames();
    const { store, cache } = setup(12);
    const rng = new Rng('static-feasibility');
    const pods = [podOf({}), podOf({ affinity: { nodeRequired: [{ matchExpressions: [], matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n4', 'm10'] }] }], nodePreferred: [] } as unknown as PodSpec['affinity'] }), SELECT_BATCH, TOLERATING, podOf({ nodeSelector: { tier: 'batch' }, tolerations: [TOLERATE] }), podOf({ nodeName: 'n3' })];
    const taintsOf = (): Taint[] => (rng.next() < 0.5 ? [] : rng.next() < 0.5 ? [NO_SCHEDULE] : [{ key: 'node.kubernetes.io/unreachable', value: '', effect: 'NoExecute' }]);
    for (let step = 0; step < 500; step++) {
      const live = store.liveNodes();
      const node = rng.pick(live);
      const r = rng.next();
      if (r < 0.4) store.setNodeTaints(node, taintsOf());
      else if (r < 0.6) store.setNodeLabels(node, { tier: rng.next() < 0.5 ? 'batch' : 'general' });
      else if (r < 0.75) store.setNodeUnschedulable(node, !node.unschedulable);
      else if (r < 0.88) addNode(store, names, `m${step}`, { tier: 'batch' });
      else if (live.length > 3) store.removeNode(node);
      const nodes = store.liveNodes();
      for (const pod of pods) {
        const ok = cache.forPod(pod, nodes);
        for (const n of nodes) {
          assert.equal(ok[n.index] === 1, cache.passes(pod, n), `step ${step} node ${n.name}`);
          const got = cache.rejection(pod, n);
          const want = fresh(pod, n);
          assert.deepEqual(got && { plugin: got.plugin, code: got.code, reasons: got.reasons }, want, `step ${step} node ${n.name}`);
        }
      }
    }
  });
});
