import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Template } from './world.js';
import { World, ZONE, spread } from './world.js';

function hardZone(w: World, over: Parameters<typeof spread>[3] = {}): Template {
  return { namespace: 'default', labels: { app: 'a' }, spec: w.spec({ topologySpreadConstraints: [spread(ZONE, 'DoNotSchedule', 'a', over)] }) };
}

/** Zone counts of the first hard constraint after PreFilter, checked against the brute-force oracle. */
function zones(w: World, t: Template): { counts: Record<string, number>; min: number } {
  const pod = w.pod(t);
  const [d] = w.domains(pod);
  assert.deepEqual(w.domains(pod), w.oracleDomains(pod));
  w.store.removePod(pod);
  return { counts: d!.counts, min: d!.min };
}

describe('PodTopologySpread index', () => {
  it('deleting a node removes its matching pods from its zone', () => {
    const w = new World();
    const t = hardZone(w);
    const [n0, n1, n2] = [w.node({ [ZONE]: 'z1' }), w.node({ [ZONE]: 'z1' }), w.node({ [ZONE]: 'z2' })];
    w.pod(t, n0);
    w.pod(t, n0);
    w.pod(t, n2);
    assert.deepEqual(zones(w, t), { counts: { z1: 2, z2: 1 }, min: 1 });
    w.store.removeNode(n0);
    assert.deepEqual(zones(w, t), { counts: { z1: 0, z2: 1 }, min: 0 });
    w.store.removeNode(n1);
    assert.deepEqual(zones(w, t), { counts: { z2: 1 }, min: 1 });
  });

  it('relabelling a node moves its pods to its new zone, and dropping the key drops the node', () => {
    const w = new World();
    const t = hardZone(w);
    const [n0] = [w.node({ [ZONE]: 'z1' }), w.node({ [ZONE]: 'z2' })];
    w.pod(t, n0);
    w.pod(t, n0);
    w.store.setNodeLabels(n0, { ...n0.labels, [ZONE]: 'z2' });
    assert.deepEqual(zones(w, t), { counts: { z2: 2 }, min: 2 });
    w.store.setNodeLabels(n0, { tier: 'x' });
    assert.deepEqual(zones(w, t), { counts: { z2: 0 }, min: 0 });
  });

  it('a pod stops counting when it starts terminating, finishes or is removed', () => {
    const w = new World();
    const t = hardZone(w);
    const n0 = w.node({ [ZONE]: 'z1' });
    const [a, b, c] = [w.pod(t, n0), w.pod(t, n0), w.pod(t, n0)];
    assert.deepEqual(zones(w, t).counts, { z1: 3 });
    w.store.markDeleting(a);
    assert.deepEqual(zones(w, t).counts, { z1: 2 });
    w.store.setPodPhase(b, 'Succeeded');
    assert.deepEqual(zones(w, t).counts, { z1: 1 });
    w.store.removePod(c);
    w.store.removePod(a);
    assert.deepEqual(zones(w, t).counts, { z1: 0 });
  });

  it('an untolerated taint takes the node out of the counts only with nodeTaintsPolicy Honor', () => {
    const w = new World();
    const honor = hardZone(w, { nodeTaintsPolicy: 'Honor' });
    const ignore = hardZone(w);
    const [n0] = [w.node({ [ZONE]: 'z1' }), w.node({ [ZONE]: 'z2' })];
    w.pod(ignore, n0);
    w.store.setNodeTaints(n0, [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]);
    assert.deepEqual(zones(w, honor).counts, { z2: 0 });
    assert.deepEqual(zones(w, ignore).counts, { z1: 1, z2: 0 });
    w.store.setNodeTaints(n0, []);
    assert.deepEqual(zones(w, honor).counts, { z1: 1, z2: 0 });
  });

  it('fewer domains than minDomains make the global minimum 0', () => {
    const w = new World();
    const t = hardZone(w, { minDomains: 3 });
    const [n0, n1] = [w.node({ [ZONE]: 'z1' }), w.node({ [ZONE]: 'z2' })];
    w.pod(t, n0);
    w.pod(t, n1);
    assert.deepEqual(zones(w, t), { counts: { z1: 1, z2: 1 }, min: 0 });
    assert.deepEqual(w.filter(w.pod(t)), ['skew', 'skew']);
    w.pod(t, w.node({ [ZONE]: 'z3' }));
    assert.deepEqual(zones(w, t), { counts: { z1: 1, z2: 1, z3: 1 }, min: 1 });
  });

  it('a node without the topology key is rejected as unresolvable', () => {
    const w = new World();
    const t = hardZone(w);
    w.node({ [ZONE]: 'z1' });
    w.node({});
    assert.deepEqual(w.filter(w.pod(t)), ['ok', 'label']);
  });

  it('an index started after pods were bound counts them and follows their termination', () => {
    const w = new World();
    const t = hardZone(w);
    const n0 = w.node({ [ZONE]: 'z1' });
    const a = w.pod(t, n0);
    w.pod(t, n0);
    w.restartPlugin();
    assert.deepEqual(zones(w, t).counts, { z1: 2 });
    w.store.markDeleting(a);
    assert.deepEqual(zones(w, t).counts, { z1: 1 });
  });
});
