import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NodeCountCache } from '../../engine/scheduler/plugins/podtopologyspread/count-cache.js';
import { countMatching } from '../../engine/scheduler/plugins/podtopologyspread/common.js';
import type { Constraint } from '../../engine/scheduler/plugins/podtopologyspread/common.js';
import { ClusterStore } from '../../engine/cluster/store.js';
import { ResourceNames } from '../../engine/cluster/resources.js';
import { Simulator } from '../../engine/core/simulator.js';
import { Rng } from '../../engine/core/rng.js';
import { createPod } from '../../engine/cluster/pod-factory.js';
import type { Pod, PodSpec } from '../../engine/cluster/pod.js';

describe('PodTopologySpread count cache', () => {
  it('always equals a fresh count while pods are bound, terminate, finish and go away', () => {
    const names = new ResourceNames();
    const store = new ClusterStore(new Simulator(), names);
    const nodes = Array.from({ length: 5 }, (_, i) => store.addNode({ name: `n${i}`, labels: {}, taints: [], unschedulable: false, allocatable: names.vector(), images: [], pool: '' }));
    const cache = new NodeCountCache(store);
    const labelsA = { app: 'a' };
    const labelsB = { app: 'b' };
    const constraint = (labels: Record<string, string>): Constraint => ({ maxSkew: 1, topologyKey: 'x', selector: { matchLabels: labels, matchExpressions: [] }, minDomains: 1, nodeAffinityPolicy: 'Honor', nodeTaintsPolicy: 'Ignore', cacheKey: labels });
    const spec = { requests: names.vector(), nonZeroCpu: 0, nonZeroMemory: 0, nodeName: '', tolerations: [] } as unknown as PodSpec;
    const rng = new Rng('cache');
    const live: Pod[] = [];
    for (let step = 0; step < 400; step++) {
      const r = rng.next();
      if (r < 0.5 || live.length === 0) {
        const pod = createPod(store, { name: `p${step}`, namespace: rng.next() < 0.8 ? 'default' : 'other', labels: rng.next() < 0.5 ? labelsA : labelsB, spec });
        store.bindPod(pod, rng.pick(nodes));
        live.push(pod);
      } else {
        const pod = live.splice(rng.int(live.length), 1)[0]!;
        const what = rng.next();
        if (what < 0.3) store.markDeleting(pod);
        else if (what < 0.6) store.setPodPhase(pod, 'Succeeded');
        else store.removePod(pod);
      }
      for (const node of nodes) {
        for (const labels of [labelsA, labelsB]) {
          const c = constraint(labels);
          assert.equal(cache.count(node, c, 'default'), countMatching(store.podsOn(node), c.selector, 'default'));
        }
      }
    }
  });
});
