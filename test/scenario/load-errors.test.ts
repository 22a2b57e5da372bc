/**
 * Broken scenarios give one clear error per problem: file, line, field path and a fix, all at once,
 * never a stack trace. Each case is a small edit of a valid scenario.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadProblems, smallScenario } from '../helpers.js';

const problems = loadProblems;

const deployment = (replicas: string, selector = 'app: web', cpu = '500m') => `
    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: ${replicas}
        selector: {matchLabels: {${selector}}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
              - name: c
                resources: {requests: {cpu: ${cpu}, memory: 1Gi}}`;

/** 1-based line of the first line containing `marker`. */
function lineOf(yaml: string, marker: string): number {
  const i = yaml.split('\n').findIndex((l) => l.includes(marker));
  assert.ok(i >= 0, `marker ${marker} not in the scenario`);
  return i + 1;
}

interface Case {
  name: string;
  yaml: string;
  /** Text on the line the error must point at. */
  at: string;
  path: string;
  message: RegExp;
  hint?: RegExp;
}

const cases: Case[] = [
  {
    name: 'a YAML syntax error names its line',
    yaml: smallScenario(deployment('2')).replace('selector: {matchLabels: {app: web}}', 'selector: {matchLabels: {app: web}'),
    at: 'template:',
    path: '',
    message: /YAML syntax error/,
  },
  {
    name: 'an unknown field suggests the right one',
    yaml: smallScenario(deployment('2')).replace('replicas: 2', 'replcias: 2'),
    at: 'replcias: 2',
    path: 'spec.manifests[0].spec.replcias',
    message: /unknown field "replcias"/,
    hint: /did you mean "replicas"/,
  },
  {
    name: 'a wrong type names the field and what was expected',
    yaml: smallScenario(deployment('"two"')),
    at: 'replicas: "two"',
    path: 'spec.manifests[0].spec.replicas',
    message: /expected a number/,
  },
  {
    name: 'a quantity with a unit Kubernetes does not know is refused',
    yaml: smallScenario(deployment('2', 'app: web', '2GB')),
    at: 'cpu: 2GB',
    path: 'spec.manifests[0].spec.template.spec.containers[0].resources.requests.cpu',
    message: /2GB/,
  },
  {
    name: 'a negative quantity is refused',
    yaml: smallScenario(deployment('2', 'app: web', '-1')),
    at: 'cpu: -1',
    path: 'spec.manifests[0].spec.template.spec.containers[0].resources.requests.cpu',
    message: /negative/,
  },
  {
    name: 'a selector that does not match the template labels is refused',
    yaml: smallScenario(deployment('2', 'app: api')),
    at: 'selector: {matchLabels: {app: api}}',
    path: 'spec.manifests[0].spec.selector',
    message: /selector does not match/,
  },
  {
    name: 'a duration without a unit is refused',
    yaml: smallScenario(deployment('2')).replace('duration: 10m', 'duration: "10"'),
    at: 'duration: "10"',
    path: 'spec.duration',
    message: /unit/,
  },
  {
    name: 'a duplicate key is refused',
    yaml: smallScenario(deployment('2')).replace('seed: 7', 'seed: 7\n  seed: 8'),
    at: 'seed: 8',
    path: '',
    message: /duplicate key/,
  },
];

describe('scenario validation errors', () => {
  for (const c of cases) {
    it(c.name, () => {
      const [first, ...rest] = problems(c.yaml);
      assert.ok(first, 'at least one problem');
      assert.equal(rest.length, 0, `exactly one problem, got: ${[first, ...rest].map((e) => e.format()).join(' | ')}`);
      assert.match(first.location.file ?? '', /scenario\.yaml$/);
      assert.equal(first.location.line, lineOf(c.yaml, c.at), first.format());
      assert.equal(first.location.path ?? '', c.path);
      assert.match(first.message, c.message);
      if (c.hint) assert.match(first.hint ?? '', c.hint);
    });
  }

  it('duplicate object names are reported with the first definition', () => {
    const errs = problems(smallScenario(deployment('1') + deployment('2')));
    assert.equal(errs.length, 1);
    assert.equal(errs[0]!.code, 'E_DUPLICATE');
    assert.match(errs[0]!.message, /duplicate Deployment default\/web \(first defined at .*scenario\.yaml:\d+\)/);
  });

  it('reports every problem of a file at once', () => {
    const yaml = smallScenario(deployment('-3', 'app: web', '2GB')).replace('seed: 7', 'seed: -1');
    const errs = problems(yaml);
    assert.deepEqual(errs.map((e) => e.location.path).sort(), ['spec.manifests[0].spec.replicas', 'spec.manifests[0].spec.template.spec.containers[0].resources.requests.cpu', 'spec.seed']);
  });

  it('an unknown priority class suggests a close name', () => {
    const yaml = smallScenario(`
    - apiVersion: scheduling.k8s.io/v1
      kind: PriorityClass
      metadata: {name: high}
      value: 1000
    - apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        priorityClassName: hihg
        containers: [{name: c}]`);
    const [e] = problems(yaml);
    assert.equal(e!.code, 'E_REFERENCE');
    assert.match(e!.hint ?? '', /did you mean "high"/);
    assert.equal(e!.location.path, 'spec.manifests[1].spec.priorityClassName');
  });

  it('a missing manifest file is named with the field that includes it', () => {
    const yaml = smallScenario('    []').replace('  manifests:\n    []', '  manifestFiles: [nothere.yaml]');
    const [e] = problems(yaml);
    assert.equal(e!.code, 'E_IO');
    assert.match(e!.message, /nothere\.yaml/);
    assert.equal(e!.location.path, 'spec.manifestFiles[0]');
  });

  it('problems inside an included manifest file name that file and its line', () => {
    const yaml = smallScenario('    []').replace('  manifests:\n    []', '  manifestFiles: [apps.yaml]');
    const apps = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, resources: {requests: {memory: 1GB}}}]\n';
    const [e] = problems(yaml, { 'apps.yaml': apps });
    assert.match(e!.location.file ?? '', /apps\.yaml$/);
    assert.equal(e!.location.line, 5);
  });
});
