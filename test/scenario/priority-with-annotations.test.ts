/** A pod template's PriorityClass applies whatever annotations (run duration, GPU share) the template carries. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scenarioFromText, smallScenario } from '../helpers.js';

const CLASS = `
    - apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata: {name: urgent}
      value: 5000`;

const job = (annotations: string): string => `
    - apiVersion: batch/v1
      kind: Job
      metadata: {name: j}
      spec:
        template:
          metadata: {annotations: {${annotations}}}
          spec:
            restartPolicy: Never
            priorityClassName: urgent
            containers: [{name: c, image: x, resources: {requests: {cpu: 100m}}}]`;

const generator = `
  generators:
    - name: g
      arrival: {type: fixed, interval: 1m}
      template:
        apiVersion: batch/v1
        kind: Job
        spec:
          template:
            metadata: {annotations: {kubesim.io/duration: 5m}}
            spec:
              restartPolicy: Never
              priorityClassName: urgent
              containers: [{name: c, image: x, resources: {requests: {cpu: 100m}}}]`;

describe('priorityClassName on annotated templates', () => {
  const cases: [string, string][] = [
    ['a fixed run duration', 'kubesim.io/duration: 10m'],
    ['a drawn run duration', 'kubesim.io/duration: "lognormal(30m, 0.8)"'],
  ];
  for (const [name, annotations] of cases) {
    it(`a Job template with ${name} gets the class's priority`, () => {
      const s = scenarioFromText(smallScenario(CLASS + job(annotations)));
      assert.equal(s.jobs[0]!.template.spec.priority, 5000);
    });
  }

  it("a generator's Job template with a run duration gets the class's priority", () => {
    const s = scenarioFromText(smallScenario(CLASS) + generator);
    assert.equal(s.generators[0]!.job!.template.spec.priority, 5000);
    assert.notEqual(s.generators[0]!.job!.template.spec.runDuration, undefined);
  });
});
