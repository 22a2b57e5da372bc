/** PDB arithmetic, mirroring pkg/controller/disruption/disruption_test.go expectations. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computePdbStatus, scaledValue } from '../../engine/cluster/pdb.js';
import { createPod } from '../../engine/cluster/pod-factory.js';
import type { OwnerRef } from '../../engine/cluster/pod.js';
import type { IntOrPercent } from '../../engine/cluster/workloads.js';
import { pdb, spec, world } from '../controllers/fixture.js';

interface Case {
  name: string;
  budget: { minAvailable?: IntOrPercent; maxUnavailable?: IntOrPercent };
  /** Controller kind and scale, or undefined for naked pods. */
  owner?: { kind: string; scale: number | undefined };
  ready: number;
  notReady?: number;
  /** [disruptionsAllowed, currentHealthy, desiredHealthy, expectedPods] as VerifyPdbStatus. */
  want: [number, number, number, number];
}

const CASES: Case[] = [
  { name: 'minAvailable 3 with 4 ready naked pods (TestUnavailable)', budget: { minAvailable: 3 }, ready: 4, want: [1, 4, 3, 4] },
  { name: 'minAvailable 3 with one of 4 pods unready', budget: { minAvailable: 3 }, ready: 3, notReady: 1, want: [0, 3, 3, 4] },
  { name: 'maxUnavailable 2 of a ReplicaSet of 7 (TestIntegerMaxUnavailableWithScaling)', budget: { maxUnavailable: 2 }, owner: { kind: 'ReplicaSet', scale: 7 }, ready: 1, want: [0, 1, 5, 7] },
  { name: 'maxUnavailable 2 of a ReplicaSet scaled to 5', budget: { maxUnavailable: 2 }, owner: { kind: 'ReplicaSet', scale: 5 }, ready: 1, want: [0, 1, 3, 5] },
  { name: 'maxUnavailable 30% of 7 rounds up to 3 (TestPercentageMaxUnavailableWithScaling)', budget: { maxUnavailable: '30%' }, owner: { kind: 'ReplicaSet', scale: 7 }, ready: 1, want: [0, 1, 4, 7] },
  { name: 'maxUnavailable 30% of 3 rounds up to 1', budget: { maxUnavailable: '30%' }, owner: { kind: 'ReplicaSet', scale: 3 }, ready: 1, want: [0, 1, 2, 3] },
  { name: 'minAvailable 20% of a ReplicaSet of 10 (TestReplicaSet)', budget: { minAvailable: '20%' }, owner: { kind: 'ReplicaSet', scale: 10 }, ready: 1, want: [0, 1, 2, 10] },
  { name: 'minAvailable 34% of a StatefulSet of 3 rounds up to 2 (TestStatefulSetController)', budget: { minAvailable: '34%' }, owner: { kind: 'StatefulSet', scale: 3 }, ready: 3, want: [1, 3, 2, 3] },
  { name: 'minAvailable 34% of 3 with 2 pods', budget: { minAvailable: '34%' }, owner: { kind: 'StatefulSet', scale: 3 }, ready: 2, want: [0, 2, 2, 3] },
  { name: 'minAvailable 28% of 11 rounds up to 4 (TestTwoControllers)', budget: { minAvailable: '28%' }, owner: { kind: 'ReplicaSet', scale: 11 }, ready: 5, notReady: 6, want: [1, 5, 4, 11] },
  { name: 'maxUnavailable 1 with a naked pod allows nothing (TestIntegerMaxUnavailable)', budget: { maxUnavailable: 1 }, ready: 1, want: [0, 1, 0, 0] },
  { name: 'minAvailable 28% with a naked pod allows nothing (TestNakedPod)', budget: { minAvailable: '28%' }, ready: 1, want: [0, 1, 0, 0] },
  { name: 'no pods: no disruption allowed', budget: { minAvailable: 0 }, ready: 0, want: [0, 0, 0, 0] },
  { name: 'a controller without a scale (Job) fails safe to 0 (TestUnsupportedControllerPod)', budget: { minAvailable: '28%' }, owner: { kind: 'Job', scale: undefined }, ready: 2, want: [0, 2, 0, 0] },
];

describe('PodDisruptionBudget status', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const w = world();
      w.addNode('a');
      let owner: OwnerRef | undefined;
      if (c.owner) {
        owner = { kind: c.owner.kind, name: 'ctl', uid: 77, controller: true };
        if (c.owner.scale !== undefined) w.store.controllerScales.set(77, c.owner.scale);
      }
      const total = c.ready + (c.notReady ?? 0);
      for (let i = 0; i < total; i++) {
        const p = createPod(w.store, { name: `p${i}`, namespace: 'default', labels: { foo: 'bar' }, spec: spec({ nodeName: 'a' }), ...(owner ? { owner } : {}) });
        if (i < c.ready) w.store.setPodPhase(p, 'Running');
      }
      const s = computePdbStatus(w.store, pdb(c.budget));
      assert.deepEqual([s.disruptionsAllowed, s.currentHealthy, s.desiredHealthy, s.expectedPods], c.want);
    });
  }

  const scaled: [IntOrPercent, number, boolean, number][] = [
    ['34%', 3, true, 2], ['28%', 11, true, 4], ['30%', 7, true, 3], ['30%', 7, false, 2], ['100%', 5, true, 5], ['0%', 5, true, 0], [2, 5, true, 2],
  ];
  for (const [v, total, up, want] of scaled) {
    it(`GetScaledValueFromIntOrPercent(${JSON.stringify(v)}, ${total}, roundUp=${up}) = ${want}`, () => {
      assert.equal(scaledValue(v, total, up), want);
    });
  }
});
