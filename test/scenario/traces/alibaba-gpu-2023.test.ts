/** Reading the Alibaba GPU trace 2023 and the FGD protocol's seed-independent facts (fgd-experiment.md). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Rng } from '../../../engine/core/rng.js';
import { readTraceNodes, readTracePods } from '../../../engine/scenario/traces/alibaba-gpu-2023.js';
import { fgdArrivals, gpuDemand, podShape } from '../../../engine/scenario/traces/replay.js';
import { typicalPods } from '../../../engine/metrics/fragmentation.js';
import { scenarioFromText, withFiles, runScenario } from '../../helpers.js';
import { loadScenario } from '../../../engine/scenario/load.js';
import { DEFAULT_PODS, NODES, NO_TRACE, traceFile } from './trace-files.js';

const noFail = (m: string): never => assert.fail(m);

describe('the default trace (seed-independent facts)', { skip: NO_TRACE }, () => {
  const nodes = NO_TRACE ? [] : readTraceNodes(traceFile(NODES), noFail);
  const pods = NO_TRACE ? [] : readTracePods(traceFile(DEFAULT_PODS), noFail);
  const capacity = nodes.reduce((s, n) => s + n.gpus * 1000, 0);

  it('has 1213 GPU nodes with 6212 GPUs', () => {
    assert.equal(nodes.length, 1213);
    assert.equal(capacity, 6_212_000);
  });

  it('has 8152 pods: 1088 CPU-only, 3078 sharing, 3911 1-GPU, 16 2-GPU, 15 4-GPU, 44 8-GPU', () => {
    const kind = (p: (typeof pods)[number]): string => (p.gpuCount === 0 ? 'cpu' : p.gpuMilli < 1000 ? 'share' : `${p.gpuCount}`);
    const counts: Record<string, number> = {};
    for (const p of pods) counts[kind(p)] = (counts[kind(p)] ?? 0) + 1;
    assert.deepEqual(counts, { cpu: 1088, share: 3078, '1': 3911, '2': 16, '4': 15, '8': 44 });
  });

  it('asks for 97.98 % of the GPU capacity before tuning', () => {
    const demand = pods.reduce((s, p) => s + gpuDemand(p), 0);
    assert.equal(((demand / capacity) * 100).toFixed(2), '97.98');
  });

  it('has 91 distinct specs, 35 typical ones covering 95.26 %, the top one <3.15 CPU, 1 x 810 milli-GPU> at 12.84 %', () => {
    const t = typicalPods(pods.map(podShape));
    assert.equal(t.distinct, 91);
    assert.equal(t.kept, 35);
    assert.equal((t.coverage * 100).toFixed(2), '95.26');
    const top = t.pods[0]!;
    assert.deepEqual([(top.cpuMillis / 1000).toFixed(2), top.gpuCount, top.gpuMilli], ['3.15', 1, 810]); // 3152 milli in the trace
    assert.equal(((top.weight * t.coverage) * 100).toFixed(2), '12.84');
  });

  it('tuning 1.3 appends re-sampled clones after the shuffled trace until the demand reaches 1.3 x capacity', () => {
    const arrivals = fgdArrivals(pods, capacity, 1.3, new Rng('42'));
    const first = arrivals.slice(0, pods.length).map((a) => a.name).sort();
    assert.deepEqual(first, pods.map((p) => p.name).sort(), 'the first 8152 arrivals are the trace, shuffled');
    assert.ok(arrivals.slice(pods.length).every((a) => a.name.includes('-tuned-')));
    const total = arrivals.reduce((s, a) => s + gpuDemand(a.pod), 0);
    assert.ok(total <= 1.3 * capacity + 7000 && total > 1.3 * capacity - 8000, `total ${total}`);
    assert.ok(arrivals.length > 10_500 && arrivals.length < 11_200, `${arrivals.length} arrivals`);
  });
});

describe('trace files: errors name the file, the line and the fix', () => {
  const dir = withFiles({
    'nodes.csv': 'sn,cpu_milli,memory_mib,gpu,model\nn1,8000,32768,2,T4\n',
    'bad.csv': 'name,cpu_milli,memory_mib,num_gpu\np1,1000,1024,1\n',
    'pods.csv': 'name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time\np1,1000,1024,1,500,,LS,Running,10,70,10\np2,1000,1024,2,1000,,LS,Running,20,,20\n',
  });
  const scenario = (pods: string, mode = 'timed'): string => `apiVersion: kubesim.io/v1alpha1
kind: Scenario
metadata: {name: t}
spec:
  duration: 2m
  kubelet: {podStartupDelay: 0s}
  scheduler: {policy: bestfit}
  source: {format: alibaba-gpu-2023, nodes: ${join(dir, 'nodes.csv')}, pods: ${join(dir, pods)}, mode: ${mode}}
`;
  it('a missing column is reported with the header found', () => {
    assert.throws(() => scenarioFromText(scenario('bad.csv')), /missing column\(s\) gpu_milli/);
  });
  it('a missing file says where paths are resolved from', () => {
    assert.throws(() => scenarioFromText(scenario('nope.csv')), /trace file not found/);
  });
  it('an unknown format suggests the known one', () => {
    assert.throws(() => scenarioFromText(scenario('pods.csv').replace('alibaba-gpu-2023', 'alibaba-gpu-2032')), /did you mean "alibaba-gpu-2023"/);
  });
  it('timed mode: pods arrive at creation_time and leave at deletion_time', () => {
    const run = runScenario(scenarioFromText(scenario('pods.csv')));
    const p1 = run.store.pod('default', 'p1')!;
    const p2 = run.store.pod('default', 'p2')!;
    assert.deepEqual([p1.createdMs, p1.finishedMs, p1.phase], [10_000, 70_000, 'Succeeded']);
    assert.deepEqual([p2.createdMs, p2.phase, p2.gpus], [20_000, 'Running', [0, 1]]);
    assert.equal(run.summary.gpu_capacity, 2);
  });
  it('fgd mode: one pod per millisecond, unschedulable pods fail at once', () => {
    const run = runScenario(scenarioFromText(scenario('pods.csv', 'fgd')));
    const phases = run.store.allPods.map((p) => p.phase).sort();
    assert.ok(phases.includes('Failed'), 'the 2-GPU pod cannot fit next to the share');
    assert.ok(run.store.allPods.every((p) => p.createdMs < run.store.allPods.length));
  });
  it('the same seed replays byte-identically (events and the alloc curve)', () => {
    const a = runScenario(scenarioFromText(scenario('pods.csv', 'fgd')));
    const b = runScenario(scenarioFromText(scenario('pods.csv', 'fgd')));
    assert.deepEqual(a.events, b.events);
    assert.deepEqual(a.allocCurve.rows(), b.allocCurve.rows());
  });
  it('--set overrides a trace path before the scenario is read', () => {
    const s = loadScenario(join(withFiles({ 's.yaml': scenario('nope.csv') }), 's.yaml'), { set: [`spec.source.pods=${join(dir, 'pods.csv')}`] });
    assert.equal(s.source?.pods.length, 2);
  });
});
