import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SimErrors } from '../../engine/core/errors.js';
import { eventsNamed, runText, scenarioFromText, smallScenario } from '../helpers.js';

const STS = `
    - apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: web}
      spec:
        replicas: 3
        serviceName: web
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: c, image: nginx, resources: {requests: {cpu: 100m}}}]`;

const DS = `
    - apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent}
      spec:
        selector: {matchLabels: {app: agent}}
        template:
          metadata: {labels: {app: agent}}
          spec:
            hostNetwork: true
            containers: [{name: c, image: agent}]`;

const PDB = (budget: string): string => `
    - apiVersion: policy/v1
      kind: PodDisruptionBudget
      metadata: {name: web-pdb}
      spec:
        ${budget}
        selector: {matchLabels: {app: web}}`;

function errorsOf(yaml: string): string[] {
  try {
    scenarioFromText(yaml);
  } catch (e) {
    if (e instanceof SimErrors) return e.errors.map((x) => x.format());
    throw e;
  }
  return [];
}

describe('StatefulSet, DaemonSet and PodDisruptionBudget manifests', () => {
  it('are read into the scenario with their defaults', () => {
    const s = scenarioFromText(smallScenario(STS + DS + PDB('maxUnavailable: 25%')));
    assert.equal(s.statefulSets[0]!.replicas, 3);
    assert.equal(s.statefulSets[0]!.podManagementPolicy, 'OrderedReady');
    assert.equal(s.daemonSets[0]!.hostNetwork, true);
    assert.deepEqual([s.pdbs[0]!.maxUnavailable, s.pdbs[0]!.minAvailable, s.pdbs[0]!.unhealthyPodEvictionPolicy], ['25%', undefined, 'IfHealthyBudget']);
  });

  const bad: [string, string, RegExp][] = [
    ['both budgets', PDB('minAvailable: 1\n        maxUnavailable: 1'), /minAvailable and maxUnavailable cannot be both set/],
    ['a percentage above 100', PDB('minAvailable: 150%'), /"150%" is not a percentage between 0% and 100%/],
    ['a malformed percentage', PDB('maxUnavailable: half'), /"half" is not a percentage/],
    ['an unknown podManagementPolicy', STS.replace('replicas: 3', 'replicas: 3\n        podManagementPolicy: Random'), /podManagementPolicy/],
    ['a selector not matching the template', STS.replace('selector: {matchLabels: {app: web}}', 'selector: {matchLabels: {app: other}}'), /selector does not match the pod template labels/],
    ['a wrong apiVersion', PDB('minAvailable: 1').replace('policy/v1', 'policy/v1beta1'), /apiVersion "policy\/v1beta1" is not valid for kind PodDisruptionBudget/],
  ];
  for (const [name, doc, re] of bad) {
    it(`reports ${name} with its line`, () => {
      const errs = errorsOf(smallScenario(doc));
      assert.ok(errs.some((e) => re.test(e) && /scenario\.yaml:\d+/.test(e)), errs.join('\n'));
    });
  }

  it('runs a StatefulSet in order through the scheduler: web-0, web-1, web-2 one start-up apart', () => {
    const run = runText(smallScenario(STS));
    assert.deepEqual(eventsNamed(run, 'PodCreated').map((r) => [r[0], r[2]]), [['0.000', 'default/web-0'], ['1.000', 'default/web-1'], ['2.000', 'default/web-2']]);
  });

  it('runs a DaemonSet: one pod per node', () => {
    const run = runText(smallScenario(DS, 4));
    assert.equal(eventsNamed(run, 'PodCreated').length, 4);
  });

  it('keeps the PDB status current in the store during a run', () => {
    const yaml = smallScenario(STS + PDB('minAvailable: 34%'));
    const run = runText(yaml);
    const pdb = run.store.pdbs[0]!;
    assert.deepEqual([pdb.status.disruptionsAllowed, pdb.status.currentHealthy, pdb.status.desiredHealthy, pdb.status.expectedPods], [1, 3, 2, 3]);
  });
});
