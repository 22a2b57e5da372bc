import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SimErrors } from '../../engine/core/errors.js';
import { mergeMultiPoint } from '../../engine/scenario/scheduler-config.js';
import { DEFAULT_PLUGINS, buildProfile } from '../../engine/scheduler/profile.js';
import { resolvePolicy } from '../../engine/scheduler/policies.js';
import { ClusterStore } from '../../engine/cluster/store.js';
import { ResourceNames } from '../../engine/cluster/resources.js';
import { Simulator } from '../../engine/core/simulator.js';
import { Rng } from '../../engine/core/rng.js';
import { cli, scenarioFromText, smallScenario, withFiles } from '../helpers.js';

const withConfig = (config: string): string => smallScenario('    []', 3, `  scheduler:\n    config:\n${config.replace(/^/gm, '      ')}`).replace('  manifests:\n    []', '');

function problems(config: string): string[] {
  try {
    scenarioFromText(withConfig(config));
  } catch (e) {
    if (e instanceof SimErrors) return e.errors.map((x) => `${x.location.path}: ${x.message} ${x.hint ?? ''}`);
    throw e;
  }
  return [];
}

const HEAD = 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n';

function profileOf(options: ReturnType<typeof resolvePolicy>['profiles'][number]) {
  const store = new ClusterStore(new Simulator(), new ResourceNames());
  return buildProfile(options, { store, rng: new Rng('t') });
}

describe('default profile (apis/config/v1/default_plugins.go, v1.33)', () => {
  const p = profileOf(resolvePolicy('default').profiles[0]!);
  // kubesim's GpuFit (docs/gpu-and-traces.md) comes after upstream's plugins.
  it('filters in upstream order, then GpuFit', () => assert.deepEqual(p.filter.map((x) => x.name), ['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'PodTopologySpread', 'InterPodAffinity', 'GpuFit']));
  it('prefilters in upstream order, then GpuFit', () => assert.deepEqual(p.preFilter.map((x) => x.name), ['NodeAffinity', 'NodePorts', 'PodTopologySpread', 'InterPodAffinity', 'GpuFit']));
  it('keeps the fused fast path with GpuFit in the profile', () => assert.ok(p.fast));
  it('prescores in upstream order', () => assert.deepEqual(p.preScore.map((x) => x.name), ['NodeAffinity', 'NodeResourcesFit', 'PodTopologySpread', 'InterPodAffinity', 'NodeResourcesBalancedAllocation']));
  it('scores with upstream weights', () =>
    assert.deepEqual(p.score.map((x) => `${x.plugin.name}:${x.weight}`), ['TaintToleration:3', 'NodeAffinity:2', 'NodeResourcesFit:1', 'PodTopologySpread:2', 'InterPodAffinity:2', 'NodeResourcesBalancedAllocation:1', 'ImageLocality:1']));
});

describe('KubeSchedulerConfiguration', () => {
  it('accepts a valid configuration', () => assert.deepEqual(problems(`${HEAD}percentageOfNodesToScore: 50\nprofiles:\n- schedulerName: default-scheduler\n  plugins:\n    score:\n      enabled: [{name: NodeResourcesFit, weight: 5}]\n  pluginConfig:\n  - name: NodeResourcesFit\n    args: {scoringStrategy: {type: MostAllocated}}`), []));

  it('a wrong plugin name names the field and suggests the right one', () => {
    const p = problems(`${HEAD}profiles:\n- plugins:\n    multiPoint:\n      enabled: [{name: NodeResourceFit}]`);
    assert.equal(p.length, 1);
    assert.match(p[0]!, /profiles\[0\]\.plugins\.multiPoint\.enabled\[0\]\.name: unknown plugin "NodeResourceFit" did you mean "NodeResourcesFit"\?/);
  });

  it('bad plugin args are reported with their path', () => {
    const p = problems(`${HEAD}profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args: {scoringStrategy: {type: MostAlocated, resources: [{name: cpu, weight: 101}]}}`);
    assert.equal(p.length, 2);
    assert.match(p[0]!, /scoringStrategy\.type: "MostAlocated" is not one of .* did you mean "MostAllocated"/);
    assert.match(p[1]!, /resources\[0\]\.weight: Invalid value: 101/);
  });

  it('RequestedToCapacityRatio needs a shape', () => {
    assert.match(problems(`${HEAD}profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args: {scoringStrategy: {type: RequestedToCapacityRatio}}`)[0]!, /needs requestedToCapacityRatio\.shape/);
  });

  it('rejects old apiVersions and duplicate profiles', () => {
    assert.match(problems('apiVersion: kubescheduler.config.k8s.io/v1beta3\nkind: KubeSchedulerConfiguration')[0]!, /not supported/);
    assert.match(problems(`${HEAD}profiles: [{schedulerName: a}, {schedulerName: a}]`)[0]!, /duplicate schedulerName/);
  });

  it('passes the backoff settings through', () => {
    const s = scenarioFromText(withConfig(`${HEAD}podInitialBackoffSeconds: 2\npodMaxBackoffSeconds: 20`));
    assert.equal(s.scheduler.options?.podInitialBackoffSeconds, 2);
    assert.equal(s.scheduler.options?.podMaxBackoffSeconds, 20);
  });

  it('MultiPoint: disabled "*" drops the defaults, re-enabled plugins keep their place', () => {
    assert.deepEqual(mergeMultiPoint(DEFAULT_PLUGINS, { enabled: [{ name: 'NodeResourcesFit' }], disabled: [{ name: '*' }].map((d) => d.name) }).map((p) => p.name), ['NodeResourcesFit']);
    const merged = mergeMultiPoint(DEFAULT_PLUGINS, { enabled: [{ name: 'ImageLocality', weight: 5 }, { name: 'X' }], disabled: ['TaintToleration'] });
    assert.equal(merged.find((p) => p.name === 'ImageLocality')?.weight, 5);
    assert.equal(merged.findIndex((p) => p.name === 'ImageLocality'), DEFAULT_PLUGINS.findIndex((p) => p.name === 'ImageLocality') - 1);
    assert.equal(merged.at(-1)?.name, 'X');
    assert.ok(!merged.some((p) => p.name === 'TaintToleration'));
  });

  it('a score plugin disabled at the score point keeps filtering', () => {
    const s = scenarioFromText(withConfig(`${HEAD}profiles:\n- plugins:\n    score:\n      disabled: [{name: TaintToleration}]`));
    const p = profileOf(s.scheduler.options!.profiles[0]!);
    assert.ok(p.filter.some((x) => x.name === 'TaintToleration'));
    assert.ok(!p.score.some((x) => x.plugin.name === 'TaintToleration'));
  });
});

describe('kubesim CLI and policies', () => {
  it('a wrong plugin name in a --policy file exits 2 with the field and a suggestion', () => {
    const dir = withFiles({ 'policy.yaml': `${HEAD}profiles:\n- plugins:\n    filter:\n      enabled: [{name: TaintTolerations}]\n`, 'scenario.yaml': smallScenario('    []', 2).replace('  manifests:\n    []', '') });
    const r = cli(['run', join(dir, 'scenario.yaml'), '--policy', join(dir, 'policy.yaml'), '--out', join(dir, 'out')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /policy\.yaml:6:\d+: profiles\[0\]\.plugins\.filter\.enabled\[0\]\.name: unknown plugin "TaintTolerations"/);
    assert.match(r.stderr, /did you mean "TaintToleration"\?/);
  });

  it('an unknown policy name exits 2 with a suggestion', () => {
    const dir = withFiles({ 'scenario.yaml': smallScenario('    []', 2).replace('  manifests:\n    []', '') });
    const r = cli(['run', join(dir, 'scenario.yaml'), '--policy', 'binpak', '--out', join(dir, 'out')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /did you mean "binpack"/);
  });

  it('kubesim policies lists the built-in policies', () => {
    const r = cli(['policies']);
    assert.equal(r.status, 0);
    for (const name of ['default', 'binpack', 'spread', 'random', 'first-fit']) assert.match(r.stdout, new RegExp(`^${name} `, 'm'));
  });
});

describe('where a KubeSchedulerConfiguration comes from', () => {
  it('spec.scheduler.configFile names a file beside the scenario', () => {
    const text = smallScenario('    []', 2, '  scheduler:\n    configFile: sched.yaml').replace('  manifests:\n    []', '');
    const s = scenarioFromText(text, {}, { 'sched.yaml': `${HEAD}percentageOfNodesToScore: 30\n` });
    assert.equal(s.scheduler.options?.percentageOfNodesToScore, 30);
  });

  it('a plain manifest stream may carry one as a document', () => {
    const dir = withFiles({
      'dump.yaml': `apiVersion: v1\nkind: Node\nmetadata: {name: a}\nstatus: {allocatable: {cpu: "2", memory: 4Gi, pods: "10"}}\n---\n${HEAD}profiles:\n- schedulerName: default-scheduler\n  pluginConfig:\n  - name: NodeResourcesFit\n    args: {scoringStrategy: {type: MostAllocated}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c}]}\n`,
    });
    const r = cli(['explain', join(dir, 'dump.yaml'), '--pod', 'default/p', '--json']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).selected, 'a');
  });
});

describe('spec.scheduler.policy', () => {
  it('an unknown built-in policy name is a load error with a suggestion', () => {
    try {
      scenarioFromText(smallScenario('    []', 2, '  scheduler:\n    policy: bin-pack').replace('  manifests:\n    []', ''));
      assert.fail('expected an error');
    } catch (e) {
      assert.ok(e instanceof SimErrors);
      assert.match(e.errors[0]!.format(), /spec\.scheduler\.policy: "bin-pack" is not one of .*did you mean "binpack"/s);
    }
  });
});
