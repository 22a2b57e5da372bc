/**
 * A dry run on a node PodTopologySpread rejected in the cycle repeats that rejection without walking the
 * node, and gives the same statuses as the walk (unless a nominated pod could change the answer).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Simulation } from '../../../engine/scenario/simulation.js';
import { Code } from '../../../engine/scheduler/framework/status.js';
import type { Status } from '../../../engine/scheduler/framework/status.js';
import type { Profile } from '../../../engine/scheduler/profile.js';
import { DEFAULT_PREEMPTION_ARGS } from '../../../engine/scheduler/plugins/defaultpreemption/default-preemption.js';
import { dryRunPreemption } from '../../../engine/scheduler/preemption/evaluator.js';
import { scenarioFromText } from '../../helpers.js';

function pod(name: string, opts: { node?: string; priority: number; cpu: string; app?: string; spread?: boolean }): string {
  const spread = opts.spread ? `\n        topologySpreadConstraints: [{maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}]` : '';
  return `    - apiVersion: v1
      kind: Pod
      metadata: {name: ${name}, labels: {app: ${opts.app ?? name}}}
      spec:
        priority: ${opts.priority}${opts.node ? `\n        nodeName: ${opts.node}` : ''}${spread}
        containers: [{name: c, image: busybox, resources: {requests: {cpu: "${opts.cpu}"}}}]
`;
}

function node(name: string, zone: string): string {
  return `    - apiVersion: v1
      kind: Node
      metadata: {name: ${name}, labels: {topology.kubernetes.io/zone: ${zone}}}
      status: {allocatable: {cpu: "4", pods: "110"}}
`;
}

/** Zone a holds two web pods and a low-priority pod; zone b is full with a pod p cannot preempt. */
const YAML = `apiVersion: kubesim.io/v1alpha1
kind: Scenario
metadata: {name: live-verdicts}
spec:
  seed: 1
  duration: 1m
  manifests:
${node('a1', 'zone-a')}${node('b1', 'zone-b')}${pod('web1', { node: 'a1', priority: 1000, cpu: '500m', app: 'web' })}${pod('web2', { node: 'a1', priority: 1000, cpu: '500m', app: 'web' })}${pod('low', { node: 'a1', priority: 0, cpu: '500m' })}${pod('big', { node: 'b1', priority: 100000, cpu: '3900m' })}${pod('p', { priority: 1000, cpu: '500m', app: 'web', spread: true })}${pod('nom', { priority: 5000, cpu: '3' })}`;

function dryRuns(nominate: boolean): { shortcut: Map<string, Status>; walked: Map<string, Status>; touched: boolean } {
  const sim = new Simulation(scenarioFromText(YAML));
  const h = sim.scheduler.frameworkHandle;
  const p = sim.store.pod('default', 'p')!;
  if (nominate) sim.scheduler.nominator.add(sim.store.pod('default', 'nom')!, 'a1');
  const out = sim.scheduler.runtime.schedule(h.filterProfile(p) as Profile, p, h.nodes(), 0);
  assert.equal(out.node, null);
  assert.equal(out.statuses.get('a1')?.plugin, 'PodTopologySpread');
  const potential = h.nodes().filter((n) => out.statuses.get(n.name)?.code === Code.Unschedulable);
  const a1 = sim.store.node('a1')!;
  const before = a1.accountingVersion;
  const shortcut = new Map<string, Status>();
  dryRunPreemption(h, DEFAULT_PREEMPTION_ARGS, out.state, p, potential, shortcut, out.statuses);
  const touched = a1.accountingVersion !== before;
  const walked = new Map<string, Status>();
  dryRunPreemption(h, DEFAULT_PREEMPTION_ARGS, out.state, p, potential, walked);
  return { shortcut, walked, touched };
}

const view = (m: Map<string, Status>): string[][] => [...m].map(([n, s]) => [n, s.plugin, s.codeName, s.message]).sort();

describe('dry runs on nodes rejected by PodTopologySpread', () => {
  it('repeat the rejection without simulating removals, as the walk would', () => {
    const r = dryRuns(false);
    assert.equal(r.touched, false);
    assert.deepEqual(view(r.shortcut), view(r.walked));
    assert.deepEqual(view(r.walked).find((e) => e[0] === 'a1'), ['a1', 'PodTopologySpread', 'Unschedulable', "node(s) didn't match pod topology spread constraints"]);
  });

  it('walk when a nominated pod would be added first, and then NodeResourcesFit answers', () => {
    const r = dryRuns(true);
    assert.equal(r.touched, true);
    assert.deepEqual(view(r.shortcut), view(r.walked));
    assert.deepEqual(view(r.walked).find((e) => e[0] === 'a1')?.slice(0, 2), ['a1', 'NodeResourcesFit']);
  });
});
