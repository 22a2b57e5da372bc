import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvariantError } from '../../engine/check/invariant.js';
import { InvariantChecker } from '../../engine/check/checker.js';
import { convergence } from '../../engine/check/convergence.js';
import { CPU } from '../../engine/cluster/resources.js';
import { ResourceNames } from '../../engine/cluster/resources.js';
import { ClusterStore } from '../../engine/cluster/store.js';
import { Simulator } from '../../engine/core/simulator.js';
import { loadScenario } from '../../engine/scenario/load.js';
import { Simulation } from '../../engine/scenario/simulation.js';
import { runScenario, scenarioFromText, smallScenario } from '../helpers.js';

const web = `    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 4
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: c, image: nginx, resources: {requests: {cpu: "1", memory: 1Gi}}}]
`;

/** Runs the small scenario with the checker on and `corrupt` applied at t=5s; returns the error thrown. */
function violationAfter(corrupt: (s: Simulation) => void, body = web): InvariantError {
  const s = new Simulation(scenarioFromText(smallScenario(body)), { check: true });
  s.sim.at(5_000, () => corrupt(s));
  try {
    s.run();
  } catch (e) {
    assert.ok(e instanceof InvariantError, `expected InvariantError, got ${String(e)}`);
    return e;
  }
  assert.fail('no invariant violation');
}

const running = (s: Simulation) => s.store.allPods.find((p) => p.phase === 'Running')!;

describe('invariant checker', () => {
  it('passes the quickstart scenario, sweeping after every event', () => {
    const run = runScenario(loadScenario('scenarios/quickstart/scenario.yaml'));
    assert.equal(run.complete, true);
  });

  it('does not change results: same summary with and without --check', () => {
    const scenario = loadScenario('scenarios/quickstart/scenario.yaml');
    const a = runScenario(scenario, { check: false });
    const b = runScenario(loadScenario('scenarios/quickstart/scenario.yaml'), { check: true });
    assert.deepEqual(b.summary, a.summary);
    assert.deepEqual(b.events, a.events);
  });

  const cases: { name: string; invariant: string; corrupt: (s: Simulation) => void }[] = [
    { name: 'node requests changed behind the store -> node-accounting', invariant: 'node-accounting', corrupt: (s) => void (s.store.nodes[0]!.requested[CPU]! += 1) },
    { name: 'node filled beyond allocatable -> node-capacity', invariant: 'node-capacity', corrupt: (s) => void (s.store.nodes[0]!.requested[CPU]! += 1e9) },
    { name: 'Running pod set back to Pending -> pod-conservation', invariant: 'pod-conservation', corrupt: (s) => s.store.setPodPhase(running(s), 'Pending') },
    { name: 'pod deletion set without an event -> pod-conservation recount', invariant: 'pod-conservation', corrupt: (s) => void (running(s).deletionMs = 5_000) },
    { name: 'pod finished without releasing its node -> node-accounting', invariant: 'node-accounting', corrupt: (s) => void (running(s).phase = 'Succeeded') },
    { name: 'record stamped in the past -> time-monotonic', invariant: 'time-monotonic', corrupt: (s) => s.store.events.emitRecord(1_000, 'PodCreated', 'x', '', '') },
    {
      name: 'pod bound to a deleted node -> bind-feasible',
      invariant: 'bind-feasible',
      corrupt: (s) => {
        const pod = s.store.allPods.find((p) => p.nodeIndex < 0) ?? s.store.allPods[0]!;
        const node = s.store.nodes[2]!;
        s.store.removeNode(node);
        if (pod.nodeIndex >= 0) pod.nodeIndex = -1;
        s.store.bindPod(pod, node);
      },
    },
  ];
  for (const c of cases) {
    it(`when ${c.name}`, () => {
      const e = violationAfter(c.corrupt);
      assert.equal(e.violation.invariant, c.invariant);
      assert.equal(e.code, 'E_INVARIANT');
      assert.match(e.message, new RegExp(`invariant "${c.invariant}" violated at t=5000 ms`));
    });
  }

  it('reports the last 20 recorded events, oldest first', () => {
    const e = violationAfter((s) => void (s.store.nodes[0]!.requested[CPU]! += 1));
    assert.ok(e.recent.length > 0 && e.recent.length <= 20);
    assert.ok(e.recent.every((r, i) => i === 0 || r.timeMs >= e.recent[i - 1]!.timeMs));
    assert.match(e.message, /last \d+ events/);
  });

  it('--check-every 1m sweeps once per simulated minute', () => {
    const s = new Simulation(scenarioFromText(smallScenario(web)), { check: { everyMs: 60_000 } });
    s.run();
    // 10 minutes of events: one sweep per minute with events plus the final one.
    assert.ok(s.checker!.sweepsRun <= 12, `ran ${s.checker!.sweepsRun} sweeps`);
  });
});

describe('controller-convergence', () => {
  /** A bare simulator with one fake ReplicaSet short of one pod, and events every 10 s. */
  function convergenceAt(disturbAtMs?: number): number {
    const sim = new Simulator();
    const store = new ClusterStore(sim, new ResourceNames());
    new InvariantChecker(sim, store, { enforcedFilters: () => new Set(), convergence: [() => [{ object: 'ReplicaSet default/x', desired: 3, active: 2, mode: 'equal' }]] }, { invariants: [convergence] });
    sim.every(10_000, () => undefined, { start: 0 });
    if (disturbAtMs !== undefined) sim.at(disturbAtMs, () => store.addNode({ name: 'n', labels: {}, taints: [], unschedulable: false, allocatable: store.resources.vector(), images: [], pool: '' }));
    try {
      sim.run(600_000);
    } catch (e) {
      assert.ok(e instanceof InvariantError);
      return e.timeMs;
    }
    return -1;
  }

  it('fires only after the settle time (60 s) without disturbance', () => {
    assert.equal(convergenceAt(), 60_000);
  });

  it('a disturbance (node change) pushes the deadline settle time later', () => {
    assert.equal(convergenceAt(55_000), 120_000);
  });
});
