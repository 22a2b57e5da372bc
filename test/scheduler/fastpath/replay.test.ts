/** A failing cycle repeated at the same cluster version is replayed without PreFilter, when PreFilter would answer alike. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FailureMemo } from '../../../engine/scheduler/fastpath/failure-memo.js';
import type { Replayable } from '../../../engine/scheduler/fastpath/failure-memo.js';
import { ClusterVersion } from '../../../engine/scheduler/framework/cluster-version.js';
import { CycleState } from '../../../engine/scheduler/framework/interfaces.js';
import { Status } from '../../../engine/scheduler/framework/status.js';
import { ClusterStore } from '../../../engine/cluster/store.js';
import { ResourceNames } from '../../../engine/cluster/resources.js';
import { Simulator } from '../../../engine/core/simulator.js';
import type { Pod } from '../../../engine/cluster/pod.js';
import { Simulation } from '../../../engine/scenario/simulation.js';
import { scenarioFromText } from '../../helpers.js';

function setup(): { store: ClusterStore; memo: FailureMemo; pod: Pod; statuses: Map<string, Status> } {
  const names = new ResourceNames();
  const store = new ClusterStore(new Simulator(), names);
  const nodes = Array.from({ length: 4 }, (_, i) => store.addNode({ name: `n${i}`, labels: {}, taints: [], unschedulable: false, allocatable: names.vector(), images: [], pool: '' }));
  const memo = new FailureMemo(new ClusterVersion(store));
  const pod = { spec: {}, namespace: 'default', labels: { app: 'a' }, owner: undefined, nominatedNodeName: '' } as unknown as Pod;
  const statuses = new Map(nodes.map((n) => [n.name, Status.unschedulable('Insufficient cpu').withPlugin('NodeResourcesFit')]));
  memo.remember(pod, 0, 0, false, statuses, nodes);
  return { store, memo, pod, statuses };
}

const ALWAYS = (): boolean => true;

describe('FailureMemo.replay', () => {
  it('gives the remembered statuses to a pod of the same spec at the same versions', () => {
    const { memo, pod, statuses } = setup();
    assert.equal(memo.replay({ ...pod } as Pod, 0, ALWAYS)?.statuses, statuses);
  });

  const misses: [string, (s: ReturnType<typeof setup>) => [Pod, number, (p: Pod, r: Replayable) => boolean]][] = [
    ['the cluster changed since', (s) => (s.store.setNodeTaints(s.store.nodes[0]!, []), [s.pod, 0, ALWAYS])],
    ['the nominations changed since', (s) => [s.pod, 1, ALWAYS]],
    ['the pod is nominated (its nomination does not count on its node)', (s) => [{ ...s.pod, nominatedNodeName: 'n1' } as Pod, 0, ALWAYS]],
    ['another namespace', (s) => [{ ...s.pod, namespace: 'other' } as Pod, 0, ALWAYS]],
    ['PreFilter might answer otherwise', (s) => [s.pod, 0, () => false]],
  ];
  for (const [name, make] of misses) {
    it(`replays nothing when ${name}`, () => {
      const s = setup();
      const [pod, nominatorVersion, same] = make(s);
      assert.equal(s.memo.replay(pod, nominatorVersion, same), undefined);
    });
  }

  it('replays nothing for other labels when a label-reading filter ran', () => {
    const { memo, pod, statuses, store } = setup();
    memo.remember(pod, 0, 0, true, statuses, store.nodes);
    assert.equal(memo.replay({ ...pod, labels: { app: 'b' } } as Pod, 0, ALWAYS), undefined);
    assert.equal(memo.replay(pod, 0, ALWAYS)?.statuses, statuses);
  });
});

describe('a deferred cycle state', () => {
  it('is filled once, on its first read', () => {
    let fills = 0;
    const s = CycleState.deferred((state) => {
      fills++;
      state.write('k', 42);
    });
    assert.equal(fills, 0);
    assert.equal(s.read('k'), 42);
    assert.equal(s.read('k'), 42);
    assert.equal(fills, 1);
  });
});

/** Two Jobs' pods (one set of labels per Job) that cannot fit, and an existing pod with required anti-affinity. */
const JOBS = (antiSelector: string): string => `apiVersion: kubesim.io/v1alpha1
kind: Scenario
metadata: {name: replay}
spec:
  seed: 1
  duration: 10s
  nodes:
    - {pool: n, count: 3, zones: [z1], allocatable: {cpu: "2", memory: 8Gi, pods: 20}}
  manifests:
    - apiVersion: v1
      kind: Pod
      metadata: {name: guard, labels: {app: guard}}
      spec:
        nodeName: n-0
        affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: ${antiSelector}}}]}}
        containers: [{name: c, resources: {requests: {cpu: 100m}}}]
${['a', 'b'].map((j) => `    - apiVersion: batch/v1
      kind: Job
      metadata: {name: ${j}}
      spec:
        template:
          metadata: {labels: {app: batch}, annotations: {kubesim.io/duration: "5m"}}
          spec: {restartPolicy: Never, containers: [{name: c, resources: {requests: {cpu: "4"}}}]}`).join('\n')}
`;

describe('replaying a Job pod\'s failure for another Job\'s pod', () => {
  for (const [name, selector, want] of [
    ['no existing anti-affinity matches them: PreFilter Skips alike, replayed', '{app: nobody}', true],
    ['an existing pod\'s required anti-affinity matches them: PreFilter would run InterPodAffinity, not replayed', '{app: batch}', false],
  ] as const) {
    it(name, () => {
      const sim = new Simulation(scenarioFromText(JOBS(selector)));
      const fast = [...(sim.scheduler as unknown as { profiles: Map<string, { fast?: { samePreFilter: (p: Pod, r: Replayable) => boolean } }> }).profiles.values()][0]!.fast!;
      sim.run();
      const [a, b] = sim.store.allPods.filter((p) => p.owner?.kind === 'Job');
      assert.notEqual(a!.labels, b!.labels, 'one set of labels per Job');
      const skipBoth = (1 << 6) | (1 << 7);
      assert.equal(fast.samePreFilter(b!, { skip: skipBoth, statuses: new Map(), podLabels: a!.labels, owner: a!.owner }), want);
    });
  }
});
