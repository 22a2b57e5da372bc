import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, withFiles } from '../../helpers.js';
import { loadScenario } from '../../../engine/scenario/load.js';
import { runScenario } from '../../helpers.js';

describe('kubesim import alibaba-gpu-2023', () => {
  const dir = withFiles({
    'nodes.csv': 'sn,cpu_milli,memory_mib,gpu,model\nn1,8000,32768,2,T4\nn2,8000,32768,1,P100\n',
    'pods.csv': 'name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec\np1,1000,1024,1,500,T4\np2,1000,1024,1,1000,\np3,500,512,0,0,\n',
  });
  const out = join(dir, 'scenario.yaml');

  it('writes a plain scenario (Node and Pod manifests, tuned clones annotated) that loads and runs the protocol', () => {
    const r = cli(['import', 'alibaba-gpu-2023', '--nodes', join(dir, 'nodes.csv'), '--pods', join(dir, 'pods.csv'), '--out', out, '--seed', '7']);
    assert.equal(r.status, 0, r.stderr);
    const text = readFileSync(out, 'utf8');
    assert.match(text, /unschedulablePods: fail/);
    assert.match(text, /"kubesim.io\/gpu-models": "T4"/);
    assert.match(text, /"kubesim.io\/tuned-from": "p\d"/);
    const scenario = loadScenario(out);
    assert.equal(scenario.nodes.length, 2);
    const run = runScenario(scenario);
    assert.equal(run.summary.gpu_capacity, 3);
    assert.equal(Number(run.summary.pods_scheduled) + Number(run.summary.pods_failed), scenario.pods.length);
    assert.equal(run.summary.pods_pending_end, 0);
  });

  it('a missing pod file exits 2 with the path', () => {
    const r = cli(['import', 'alibaba-gpu-2023', '--nodes', join(dir, 'nodes.csv'), '--pods', join(dir, 'nope.csv'), '--out', out]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /trace file not found: .*nope\.csv/);
  });
});
