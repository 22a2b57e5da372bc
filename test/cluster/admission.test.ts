/** DefaultTolerationSeconds admission, mirroring the cases of upstream's TestForgivenessAdmission. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultTolerations } from '../../engine/cluster/admission.js';
import type { Toleration } from '../../engine/cluster/taints.js';
import { TAINT_NOT_READY, TAINT_UNREACHABLE } from '../../engine/cluster/taints.js';

const tol = (key: string, effect: Toleration['effect'], seconds?: number): Toleration => ({ key, operator: 'Exists', value: '', effect, tolerationSeconds: seconds });

const CASES: { name: string; has: Toleration[]; added: string[] }[] = [
  { name: 'no tolerations -> both 300 s tolerations added', has: [], added: [TAINT_NOT_READY, TAINT_UNREACHABLE] },
  { name: 'an unrelated toleration -> both added', has: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule', tolerationSeconds: 700 }], added: [TAINT_NOT_READY, TAINT_UNREACHABLE] },
  { name: 'tolerates not-ready:NoExecute -> only unreachable added', has: [tol(TAINT_NOT_READY, 'NoExecute', 700)], added: [TAINT_UNREACHABLE] },
  { name: 'tolerates unreachable:NoExecute -> only not-ready added', has: [tol(TAINT_UNREACHABLE, 'NoExecute', 700)], added: [TAINT_NOT_READY] },
  { name: 'tolerates both -> nothing added', has: [tol(TAINT_NOT_READY, 'NoExecute', 700), tol(TAINT_UNREACHABLE, 'NoExecute', 700)], added: [] },
  { name: 'unreachable with an empty effect counts -> only not-ready added', has: [tol(TAINT_UNREACHABLE, '', 700)], added: [TAINT_NOT_READY] },
  { name: 'wildcard toleration (empty key, empty effect) -> nothing added', has: [tol('', '', 700)], added: [] },
  { name: 'not-ready with effect NoSchedule does not count -> both added', has: [tol(TAINT_NOT_READY, 'NoSchedule')], added: [TAINT_NOT_READY, TAINT_UNREACHABLE] },
];

for (const c of CASES) {
  test(`DefaultTolerationSeconds: ${c.name}`, () => {
    const out = defaultTolerations(c.has);
    assert.deepEqual(out.map((t) => t.key), c.added);
    for (const t of out) {
      assert.equal(t.tolerationSeconds, 300);
      assert.equal(t.effect, 'NoExecute');
      assert.equal(t.operator, 'Exists');
    }
  });
}

test('admission leaves DaemonSet pods alone and keeps one shared spec per template', async () => {
  const { admitPodSpec } = await import('../../engine/cluster/admission.js');
  const spec = { tolerations: [] } as unknown as Parameters<typeof admitPodSpec>[0];
  assert.equal(admitPodSpec(spec, { kind: 'DaemonSet', name: 'ds', uid: 1, controller: true }), spec);
  const a = admitPodSpec(spec, undefined);
  assert.equal(a.tolerations.length, 2);
  assert.equal(admitPodSpec(spec, { kind: 'ReplicaSet', name: 'rs', uid: 2, controller: true }), a, 'same admitted object for the same template');
  assert.equal(admitPodSpec(a, undefined), a, 'admitting twice changes nothing');
});
