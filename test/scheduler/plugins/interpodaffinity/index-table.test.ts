import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { affinityIndexFor } from '../../../../engine/scheduler/plugins/interpodaffinity/affinity-index.js';
import { podTerms } from '../../../../engine/scheduler/plugins/interpodaffinity/terms.js';
import { CycleState } from '../../../../engine/scheduler/framework/interfaces.js';
import { HOST, ZONE, addNode, affinity, newPlugin, newStore, pod, pluginFilter, pluginScore, sel, spec, term } from './fixture.js';

const antiB = affinity({ antiRequired: [term(HOST, sel({ app: 'b' }))] });
const preferZoneA = affinity({ podPreferred: [{ weight: 10, term: term(ZONE, sel({ app: 'a' })) }] });

describe('InterPodAffinity index: groups', () => {
  it('pods of one spec, labels object and namespace share one group and one compiled PodTerms', () => {
    const store = newStore();
    const n = [addNode(store, 'n0', {}), addNode(store, 'n1', {})];
    const s = spec(store, antiB);
    const labels = { app: 'b' };
    const p1 = pod(store, s, labels, 'default', n[0]);
    const p2 = pod(store, s, labels, 'default', n[1]);
    const ix = affinityIndexFor(store);
    assert.equal(ix.groups.size, 1);
    assert.equal([...ix.groups][0]!.size, 2);
    assert.equal(podTerms(p1), podTerms(p2));
  });

  it('another namespace or labels object makes another group; terms stay shared when no term reads the labels', () => {
    const store = newStore();
    const node = addNode(store, 'n0', {});
    const s = spec(store, antiB);
    const a = pod(store, s, { app: 'b' }, 'default', node);
    const b = pod(store, s, { app: 'b' }, 'default', node);
    pod(store, s, { app: 'b' }, 'other', node);
    assert.equal(affinityIndexFor(store).groups.size, 3);
    assert.equal(podTerms(a), podTerms(b));
  });

  it('pods with node affinity only (one affinity object per DaemonSet pod) share one group with no terms', () => {
    const store = newStore();
    const labels = { app: 'ds' };
    const nodes = [0, 1, 2].map((i) => addNode(store, `n${i}`, {}));
    for (const n of nodes) {
      const nodeOnly = affinity({ nodeRequired: [{ matchExpressions: [], matchFields: [{ key: 'metadata.name', operator: 'In', values: [n.name] }] }] });
      pod(store, spec(store, nodeOnly), labels, 'default', n);
    }
    const ix = affinityIndexFor(store);
    assert.equal(ix.groups.size, 1);
    assert.equal(ix.withTerms.size, 0);
  });

  it('terms with matchLabelKeys are compiled per labels object', () => {
    const store = newStore();
    const s = spec(store, affinity({ antiRequired: [term(HOST, sel({ app: 'd' }), { matchLabelKeys: ['ver'] })] }));
    const a = pod(store, s, { app: 'd', ver: '1' });
    const b = pod(store, s, { app: 'd', ver: '2' });
    assert.notEqual(podTerms(a), podTerms(b));
    assert.deepEqual(podTerms(b).requiredAnti[0]!.selector!.matchExpressions, [{ key: 'ver', operator: 'In', values: ['2'] }]);
  });

  it('a group leaves the index when its last pod goes', () => {
    const store = newStore();
    const node = addNode(store, 'n0', {});
    const p = pod(store, spec(store, antiB), { app: 'b' }, 'default', node);
    const ix = affinityIndexFor(store);
    store.setPodPhase(p, 'Succeeded');
    assert.equal(ix.groups.size, 0);
    assert.equal(ix.withRequiredAnti.size, 0);
  });
});

describe('InterPodAffinity index: which pods count', () => {
  it('a terminating pod still counts (as in the scheduler cache) until it is removed', () => {
    const store = newStore();
    const n = [addNode(store, 'n0', {}), addNode(store, 'n1', {})];
    const plugin = newPlugin(store);
    const existing = pod(store, spec(store, antiB), { app: 'x' }, 'default', n[0]);
    const incoming = pod(store, spec(store, undefined), { app: 'b' });
    store.markDeleting(existing);
    assert.deepEqual(pluginFilter(plugin, store, incoming), new Map([['n0', 'existing'], ['n1', null]]));
    store.removePod(existing);
    assert.equal(pluginFilter(plugin, store, incoming), 'skip');
  });

  it('a finished pod stops counting at once', () => {
    const store = newStore();
    const node = addNode(store, 'n0', {});
    const plugin = newPlugin(store);
    const existing = pod(store, spec(store, antiB), { app: 'x' }, 'default', node);
    const incoming = pod(store, spec(store, undefined), { app: 'b' });
    store.setPodPhase(existing, 'Failed');
    assert.equal(pluginFilter(plugin, store, incoming), 'skip');
  });

  it('pods of a deleted node stop counting, and a node re-created under the same name starts empty', () => {
    const store = newStore();
    const n0 = addNode(store, 'n0', { [ZONE]: 'z1' });
    addNode(store, 'n1', { [ZONE]: 'z1' });
    const plugin = newPlugin(store);
    pod(store, spec(store, undefined), { app: 'a' }, 'default', n0);
    const incoming = pod(store, spec(store, preferZoneA), { app: 'c' });
    assert.deepEqual(pluginScore(plugin, store, incoming), new Map([['n0', 10], ['n1', 10]]));
    store.removeNode(n0);
    assert.equal(pluginScore(plugin, store, incoming), 'skip');
    addNode(store, 'n0', { [ZONE]: 'z1' });
    assert.equal(pluginScore(plugin, store, incoming), 'skip');
  });

  it('a node label change moves its pods to the new topology domain', () => {
    const store = newStore();
    const n0 = addNode(store, 'n0', { [ZONE]: 'z1' });
    addNode(store, 'n1', { [ZONE]: 'z2' });
    const plugin = newPlugin(store);
    pod(store, spec(store, undefined), { app: 'a' }, 'default', n0);
    const incoming = pod(store, spec(store, preferZoneA), { app: 'c' });
    assert.deepEqual(pluginScore(plugin, store, incoming), new Map([['n0', 10], ['n1', 0]]));
    store.setNodeLabels(n0, { ...n0.labels, [ZONE]: 'z2' });
    assert.deepEqual(pluginScore(plugin, store, incoming), new Map([['n0', 10], ['n1', 10]]));
    const { [ZONE]: _, ...noZone } = n0.labels;
    store.setNodeLabels(n0, noZone);
    assert.equal(pluginScore(plugin, store, incoming), 'skip');
  });

  it('scores are weight x pods per domain, summed over groups exactly', () => {
    const store = newStore();
    const n0 = addNode(store, 'n0', { [ZONE]: 'z1' });
    const n1 = addNode(store, 'n1', { [ZONE]: 'z2' });
    const plugin = newPlugin(store, { hardPodAffinityWeight: 3 });
    const none = spec(store, undefined);
    for (let i = 0; i < 3; i++) pod(store, none, { app: 'a' }, 'default', n0);
    pod(store, none, { app: 'a' }, 'default', n1);
    pod(store, spec(store, affinity({ podRequired: [term(ZONE, sel({ app: 'c' }))] })), { app: 'y' }, 'default', n1);
    const incoming = pod(store, spec(store, preferZoneA), { app: 'c' });
    assert.deepEqual(pluginScore(plugin, store, incoming), new Map([['n0', 30], ['n1', 10 + 3]]));
  });
});

describe('InterPodAffinity Filter', () => {
  it('returns one shared Status per reason: a rejected node allocates nothing', () => {
    const store = newStore();
    const n = [addNode(store, 'n0', {}), addNode(store, 'n1', {})];
    const plugin = newPlugin(store);
    const s = spec(store, antiB);
    pod(store, s, { app: 'b' }, 'default', n[0]);
    pod(store, s, { app: 'b' }, 'default', n[1]);
    const incoming = pod(store, s, { app: 'b' });
    const state = new CycleState();
    assert.equal(plugin.preFilter(state, incoming, n), null);
    const a = plugin.filter(state, incoming, n[0]!);
    assert.ok(a !== null);
    assert.equal(plugin.filter(state, incoming, n[1]!), a);
  });
});
