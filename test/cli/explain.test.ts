import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir, withFiles } from '../helpers.js';

const SCENARIO = 'scenarios/custom-plugin/scenario.yaml';

function scheduledRows(out: string): string[][] {
  return readFileSync(join(out, 'events.csv'), 'utf8').split('\n').map((l) => l.split(',')).filter((r) => r[1] === 'PodScheduled');
}

describe('custom plugins (scenarios/custom-plugin)', () => {
  it('the PreferLabel plugin from spec.scheduler.plugins puts every replica on a spot node', () => {
    const out = tempDir();
    const r = cli(['run', SCENARIO, '--out', out, '-q']);
    assert.equal(r.status, 0, r.stderr);
    const rows = scheduledRows(out);
    assert.equal(rows.length, 8);
    for (const row of rows) assert.match(row[3]!, /^spot-/);
  });

  it('explain --json reports the custom plugin next to the built-ins, in the issue 3 shape', () => {
    const out = tempDir();
    cli(['run', SCENARIO, '--out', out, '-q']);
    const pod = scheduledRows(out)[0]![2]!;
    const r = cli(['explain', SCENARIO, '--pod', pod, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(doc), ['pod', 'attempt', 'time_s', 'nodes', 'selected', 'nominatedNode', 'victims']);
    assert.deepEqual(Object.keys(doc.nodes[0]), ['node', 'feasible', 'rejectedBy', 'reason', 'scores', 'total']);
    assert.equal(doc.pod, pod);
    assert.equal(doc.attempt, 1);
    const spot = doc.nodes.find((n: { node: string }) => n.node === doc.selected);
    assert.deepEqual(spot.scores.PreferLabel, { raw: 100, normalized: 100, weighted: 1000 });
    const total = Object.values<{ weighted: number }>(spot.scores).reduce((a, s) => a + s.weighted, 0);
    assert.equal(spot.total, total);
    assert.equal(doc.nominatedNode, null);
    assert.deepEqual(doc.victims, []);
  });

  it('--plugin NAME=PATH loads a plugin that a --policy file enables', () => {
    const dir = withFiles({
      'policy.yaml': 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n- plugins:\n    multiPoint:\n      enabled: [{name: Spot, weight: 10}]\n  pluginConfig:\n  - {name: Spot, args: {label: node.kubernetes.io/lifecycle, value: spot}}\n',
    });
    const text = readFileSync(SCENARIO, 'utf8').replace(/  scheduler:[\s\S]*?(?=  nodes:)/, '');
    const scenario = join(dir, 'scenario.yaml');
    const out = join(dir, 'out');
    writeFileSync(scenario, text);
    const r = cli(['run', scenario, '--policy', join(dir, 'policy.yaml'), '--plugin', `Spot=${join(process.cwd(), 'scenarios/custom-plugin/prefer-label.mjs')}`, '--out', out, '-q']);
    assert.equal(r.status, 0, r.stderr);
    for (const row of scheduledRows(out)) assert.match(row[3]!, /^spot-/);
  });

  it('explain of a pod that does not exist exits 2', () => {
    const r = cli(['explain', SCENARIO, '--pod', 'default/nope']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no scheduling attempt 1: no pod of that name/);
  });
});

