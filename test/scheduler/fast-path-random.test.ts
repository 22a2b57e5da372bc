/**
 * The fused default-profile path (failure memo, standing lists and all) against the per-plugin path on
 * random clusters and workloads: the same events.csv, row for row.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { resolvePolicy } from '../../engine/scheduler/policies.js';
import { Simulation } from '../../engine/scenario/simulation.js';
import { MemorySink } from '../../engine/metrics/sink.js';
import type { Cell } from '../../engine/metrics/sink.js';
import type { SchedulerOptions } from '../../engine/scheduler/scheduler.js';
import { scenarioFromText } from '../helpers.js';

interface Pool {
  count: number;
  zones: number;
  cpu: number;
  taint: 0 | 1 | 2;
}

interface Workload {
  replicas: number;
  cpuMilli: number;
  /** 0 none, 1 zone DoNotSchedule, 2 zone ScheduleAnyway maxSkew 2, 3 hostname DoNotSchedule */
  spread: 0 | 1 | 2 | 3;
  antiAffinity: boolean;
  pool: number;
  tolerates: boolean;
  /** Pods of priority 1000 preempt the others (nominations pause standing lists). */
  high: boolean;
}

const TAINTS = ['', 'taints: [{key: soft, effect: PreferNoSchedule}], ', 'taints: [{key: hard, effect: NoSchedule}], '];
const SPREAD = [
  '',
  '\n            topologySpreadConstraints: [{maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: w%}}}]',
  '\n            topologySpreadConstraints: [{maxSkew: 2, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: w%}}}]',
  '\n            topologySpreadConstraints: [{maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: w%}}}]',
];

function scenario(seed: number, pools: Pool[], workloads: Workload[], failures: boolean): string {
  const zoneNames = ['z1', 'z2', 'z3'];
  const nodes = pools
    .map((p, i) => `    - {pool: p${i}, count: ${p.count}, ${p.zones > 0 ? `zones: [${zoneNames.slice(0, p.zones).join(', ')}], ` : ''}${TAINTS[p.taint]}labels: {pool: p${i}}, allocatable: {cpu: "${p.cpu}", memory: ${p.cpu * 4}Gi, pods: 30}}`)
    .join('\n');
  const manifests = workloads
    .map(
      (w, i) => `    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: w${i}}
      spec:
        replicas: ${w.replicas}
        selector: {matchLabels: {app: w${i}}}
        template:
          metadata: {labels: {app: w${i}}}
          spec:
            nodeSelector: {pool: p${w.pool % pools.length}}${w.high ? '\n            priorityClassName: high' : ''}${w.tolerates ? '\n            tolerations: [{operator: Exists}]' : ''}${SPREAD[w.spread]!.replace('%', String(i))}${
              w.antiAffinity
                ? `\n            affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: w${i}}}}]}}`
                : ''
            }
            containers: [{name: c, resources: {requests: {cpu: ${w.cpuMilli}m, memory: 1Gi}}}]`,
    )
    .join('\n');
  return `apiVersion: kubesim.io/v1alpha1
kind: Scenario
metadata: {name: fast-path-random}
spec:
  seed: ${seed}
  duration: 20m
  nodes:
${nodes}
${failures ? '  faults:\n    - {type: random, failure: nodeDown, mtbf: 3h, mttr: "exponential(5m)", selector: {labels: {}}}\n' : ''}  manifests:
    - {apiVersion: scheduling.k8s.io/v1, kind: PriorityClass, metadata: {name: high}, value: 1000}
${manifests}
  generators:
    - name: bare
      arrival: {type: poisson, meanInterval: 5s}
      maxCount: 120
      template:
        kind: Pod
        metadata: {annotations: {kubesim.io/run-duration: 3m}}
        spec:
          restartPolicy: Never
          containers: [{name: c, resources: {requests: {cpu: 300m, memory: 512Mi}}}]
    - name: urgent
      arrival: {type: poisson, meanInterval: 20s}
      maxCount: 40
      template:
        kind: Pod
        metadata: {annotations: {kubesim.io/run-duration: 5m}}
        spec:
          restartPolicy: Never
          priorityClassName: high
          containers: [{name: c, resources: {requests: {cpu: 1500m, memory: 2Gi}}}]
`;
}

function events(text: string, options: SchedulerOptions): Cell[][] {
  const sink = new MemorySink();
  new Simulation(scenarioFromText(text), { schedulerOptions: options, events: sink, timeseries: new MemorySink() }).run();
  return sink.rows;
}

const pool = fc.record({ count: fc.integer({ min: 1, max: 70 }), zones: fc.integer({ min: 0, max: 3 }), cpu: fc.constantFrom(2, 4, 8), taint: fc.constantFrom<0 | 1 | 2>(0, 0, 1, 2) });
const workload = fc.record({
  replicas: fc.integer({ min: 1, max: 150 }),
  cpuMilli: fc.constantFrom(100, 250, 500, 1500, 3000),
  spread: fc.constantFrom<0 | 1 | 2 | 3>(0, 0, 1, 2, 3),
  antiAffinity: fc.boolean(),
  pool: fc.nat(3),
  tolerates: fc.boolean(),
  high: fc.boolean(),
});

describe('fused default-profile path on random clusters', () => {
  it("gives the per-plugin path's events.csv row for row (random pools, taints, spread, anti-affinity, priorities, failures; sampled and full walks)", () => {
    fc.assert(
      fc.property(
        fc.nat(1000),
        fc.array(pool, { minLength: 1, maxLength: 4 }),
        fc.array(workload, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.constantFrom(0, 100),
        (seed, pools, workloads, failures, pct) => {
          const text = scenario(seed, pools, workloads, failures);
          const base = { ...resolvePolicy('default'), percentageOfNodesToScore: pct };
          assert.deepEqual(events(text, { ...base, fastPath: true }), events(text, { ...base, fastPath: false }));
        },
      ),
      { numRuns: 40, seed: 7 },
    );
  });
});
