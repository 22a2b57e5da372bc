/** The fused default-profile path must make exactly the decisions of the per-plugin path. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolvePolicy } from '../../engine/scheduler/policies.js';
import { runScenario, scenarioFromText } from '../helpers.js';
import { Simulation } from '../../engine/scenario/simulation.js';
import type { SchedulerOptions } from '../../engine/scheduler/scheduler.js';
import type { StandingHits } from '../../engine/scheduler/fastpath/default-profile.js';
import { MemorySink } from '../../engine/metrics/sink.js';
import type { Cell } from '../../engine/metrics/sink.js';

const SCENARIO = `apiVersion: kubesim.io/v1alpha1
kind: Scenario
metadata: {name: fast-path}
spec:
  seed: 11
  duration: 30m
  nodes:
    - {pool: a, count: 40, zones: [z1, z2, z3], allocatable: {cpu: "8", memory: 32Gi, pods: 30}}
    - {pool: b, count: 30, zones: [z1, z2], allocatable: {cpu: "4", memory: 16Gi, pods: 20}, taints: [{key: soft, effect: PreferNoSchedule}]}
    - {pool: c, count: 40, zones: [z3], allocatable: {cpu: "16", memory: 64Gi, pods: 50}, taints: [{key: gpu, value: "true", effect: NoSchedule}], labels: {disk: ssd}}
  manifests:
    - apiVersion: v1
      kind: Node
      metadata: {name: img-node, labels: {topology.kubernetes.io/zone: z1}}
      status:
        allocatable: {cpu: "8", memory: 32Gi, pods: "40"}
        images: [{names: ["app:1"], sizeBytes: 300000000}]
    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 60
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: c, image: "app:1", resources: {requests: {cpu: 300m, memory: 1Gi}}}]}
    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: gpu}
      spec:
        replicas: 20
        selector: {matchLabels: {app: gpu}}
        template:
          metadata: {labels: {app: gpu}}
          spec:
            tolerations: [{key: gpu, operator: Exists}]
            nodeSelector: {disk: ssd}
            containers: [{name: c, resources: {requests: {cpu: "2", memory: 4Gi}}}]
  generators:
    - name: batch
      arrival: {type: poisson, meanInterval: 2s}
      maxCount: 600
      template:
        kind: Pod
        metadata: {labels: {tier: batch}, annotations: {kubesim.io/run-duration: 3m}}
        spec:
          restartPolicy: Never
          tolerations: [{key: soft, operator: Exists, effect: PreferNoSchedule}]
          containers: [{name: c, image: "app:1", resources: {requests: {cpu: 500m, memory: 512Mi}}}]
    - name: besteffort
      arrival: {type: poisson, meanInterval: 5s}
      maxCount: 200
      template:
        kind: Pod
        metadata: {annotations: {kubesim.io/run-duration: 2m}}
        spec:
          restartPolicy: Never
          containers: [{name: c, image: busybox}]
`;

/**
 * Every default-profile plugin at work: nodeSelector, required + preferred node affinity, NoSchedule and
 * PreferNoSchedule taints, zone spread, preferred pod affinity and anti-affinity, required anti-affinity,
 * DaemonSet pods pinned by matchFields, node failures and a zone outage (taint changes on every failure),
 * priorities with preemption (nominated pods).
 */
const FULL = `apiVersion: kubesim.io/v1alpha1
kind: Scenario
metadata: {name: fast-path-full}
spec:
  seed: 7
  duration: 30m
  nodes:
    - {pool: a, count: 40, zones: [z1, z2, z3], allocatable: {cpu: "8", memory: 32Gi, pods: 30}, labels: {tier: general}}
    - {pool: b, count: 16, zones: [z1, z2, z3], allocatable: {cpu: "8", memory: 32Gi, pods: 30}, labels: {tier: batch}, taints: [{key: dedicated, value: batch, effect: NoSchedule}]}
    - {pool: c, count: 15, zones: [z1, z2], allocatable: {cpu: "16", memory: 64Gi, pods: 40}, labels: {tier: highmem, disk: ssd}, taints: [{key: soft, effect: PreferNoSchedule}]}
  faults:
    - {type: random, failure: nodeDown, mtbf: 3h, mttr: "lognormal(10m, 0.5)", selector: {pool: a}}
    - {type: random, failure: nodeDown, mtbf: 3h, mttr: "lognormal(10m, 0.5)", selector: {pool: b}}
    - {type: zoneOutage, at: 12m, duration: 10m, selector: {zone: z2}}
  manifests:
    - {apiVersion: scheduling.k8s.io/v1, kind: PriorityClass, metadata: {name: low}, value: 100}
    - {apiVersion: scheduling.k8s.io/v1, kind: PriorityClass, metadata: {name: service}, value: 10000}
    - {apiVersion: scheduling.k8s.io/v1, kind: PriorityClass, metadata: {name: urgent}, value: 100000}
    - apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent}
      spec:
        selector: {matchLabels: {app: agent}}
        template:
          metadata: {labels: {app: agent}}
          spec:
            tolerations: [{operator: Exists}]
            containers: [{name: c, resources: {requests: {cpu: 100m, memory: 128Mi}}}]
    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 60
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            priorityClassName: service
            nodeSelector: {tier: general}
            topologySpreadConstraints:
              - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}
            containers: [{name: c, resources: {requests: {cpu: "1", memory: 2Gi}}}]
    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: cache}
      spec:
        replicas: 30
        selector: {matchLabels: {app: cache}}
        template:
          metadata: {labels: {app: cache}}
          spec:
            priorityClassName: service
            affinity:
              nodeAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  nodeSelectorTerms: [{matchExpressions: [{key: tier, operator: In, values: [general, highmem]}]}]
                preferredDuringSchedulingIgnoredDuringExecution:
                  - {weight: 50, preference: {matchExpressions: [{key: disk, operator: In, values: [ssd]}]}}
              podAntiAffinity:
                preferredDuringSchedulingIgnoredDuringExecution:
                  - {weight: 100, podAffinityTerm: {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: cache}}}}
            containers: [{name: c, resources: {requests: {cpu: "2", memory: 8Gi}}}]
    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: api}
      spec:
        replicas: 40
        selector: {matchLabels: {app: api}}
        template:
          metadata: {labels: {app: api}}
          spec:
            priorityClassName: service
            affinity:
              podAffinity:
                preferredDuringSchedulingIgnoredDuringExecution:
                  - {weight: 20, podAffinityTerm: {topologyKey: topology.kubernetes.io/zone, labelSelector: {matchLabels: {app: web}}}}
            containers: [{name: c, resources: {requests: {cpu: 500m, memory: 1Gi}}}]
    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: coordinator}
      spec:
        replicas: 8
        selector: {matchLabels: {app: coordinator}}
        template:
          metadata: {labels: {app: coordinator}}
          spec:
            affinity:
              podAntiAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  - {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: coordinator}}}
            containers: [{name: c, resources: {requests: {cpu: 500m, memory: 1Gi}}}]
  generators:
    - name: batch
      arrival: {type: poisson, meanInterval: 20s}
      stop: 28m
      template:
        apiVersion: batch/v1
        kind: Job
        spec:
          completions: 2
          parallelism: 2
          template:
            metadata: {annotations: {kubesim.io/duration: "lognormal(15m, 0.5)"}}
            spec:
              restartPolicy: Never
              priorityClassName: low
              nodeSelector: {tier: batch}
              tolerations: [{key: dedicated, operator: Equal, value: batch, effect: NoSchedule}]
              containers: [{name: w, resources: {requests: {cpu: "3", memory: 8Gi}}}]
    - name: urgent
      arrival: {type: poisson, meanInterval: 90s}
      stop: 28m
      template:
        apiVersion: batch/v1
        kind: Job
        spec:
          completions: 1
          parallelism: 1
          template:
            metadata: {annotations: {kubesim.io/duration: "lognormal(10m, 0.5)"}}
            spec:
              restartPolicy: Never
              priorityClassName: urgent
              nodeSelector: {tier: batch}
              tolerations: [{key: dedicated, operator: Equal, value: batch, effect: NoSchedule}]
              containers: [{name: w, resources: {requests: {cpu: "3", memory: 8Gi}}}]
`;

/**
 * Pods that PodTopologySpread keeps pending while the cluster changes elsewhere: a zone outage evicts
 * spread Deployments' pods, their replacements cannot satisfy maxSkew (zone and hostname) until the zone
 * is back, and a batch pool's churn requeues them (NodeResourcesFit rejected the full nodes) without
 * touching their counts. No priorities, so no nominations: the near misses with labels are exercised.
 */
const SPREAD_BACKLOG = `apiVersion: kubesim.io/v1alpha1
kind: Scenario
metadata: {name: fast-path-spread-backlog}
spec:
  seed: 11
  duration: 30m
  nodes:
    - {pool: a, count: 30, zones: [z1, z2, z3], allocatable: {cpu: "8", memory: 32Gi, pods: 30}, labels: {tier: general}}
    - {pool: b, count: 12, zones: [z1, z2, z3], allocatable: {cpu: "8", memory: 32Gi, pods: 30}, labels: {tier: batch}, taints: [{key: dedicated, value: batch, effect: NoSchedule}]}
  faults:
    - {type: zoneOutage, at: 4m, duration: 16m, selector: {zone: z2}}
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 36
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            nodeSelector: {tier: general}
            topologySpreadConstraints:
              - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}
            containers: [{name: c, resources: {requests: {cpu: "3", memory: 2Gi}}}]
    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: spread-hosts}
      spec:
        replicas: 24
        selector: {matchLabels: {app: spread-hosts}}
        template:
          metadata: {labels: {app: spread-hosts}}
          spec:
            nodeSelector: {tier: general}
            topologySpreadConstraints:
              - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: spread-hosts}}}
            containers: [{name: c, resources: {requests: {cpu: "1", memory: 1Gi}}}]
  generators:
    - name: batch
      arrival: {type: poisson, meanInterval: 8s}
      stop: 28m
      template:
        apiVersion: batch/v1
        kind: Job
        spec:
          completions: 1
          parallelism: 1
          template:
            metadata: {annotations: {kubesim.io/duration: "lognormal(2m, 0.5)"}}
            spec:
              restartPolicy: Never
              nodeSelector: {tier: batch}
              tolerations: [{key: dedicated, operator: Equal, value: batch, effect: NoSchedule}]
              containers: [{name: w, resources: {requests: {cpu: "2", memory: 4Gi}}}]
`;

/**
 * Cycles with nothing a standing list cannot see (standing-list.ts): no PreferNoSchedule taint, no
 * images, no nominations. Deployments spread by the system defaults (hostname and zone), one with soft
 * constraints of its own (zone maxSkew 2, hostname maxSkew 3), one with a DoNotSchedule zone constraint
 * and one with required hostname anti-affinity (their filters are asked again each cycle), and a pool
 * without zone labels; bare pods (PodTopologySpread Skipped); random node failures and a zone outage taint nodes
 * (verdicts flip) while Jobs come and go on the batch pool. With 36 nodes in pool a every walk covers
 * every node (57 < 100); with 150, upstream samples 100 of 171 nodes per walk.
 */
const standingScenario = (poolA: number): string => `apiVersion: kubesim.io/v1alpha1
kind: Scenario
metadata: {name: fast-path-standing}
spec:
  seed: 5
  duration: 40m
  nodes:
    - {pool: a, count: ${poolA}, zones: [z1, z2, z3], allocatable: {cpu: "8", memory: 32Gi, pods: 30}}
    - {pool: b, count: 9, allocatable: {cpu: "4", memory: 8Gi, pods: 20}}
    - {pool: c, count: 12, zones: [z1, z2], allocatable: {cpu: "16", memory: 16Gi, pods: 40}, labels: {tier: batch}}
  faults:
    - {type: random, failure: nodeDown, mtbf: 4h, mttr: "exponential(6m)", selector: {labels: {}}}
    - {type: zoneOutage, at: 12m, duration: 8m, selector: {zone: z3}}
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 70
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: c, resources: {requests: {cpu: 300m, memory: 1Gi}}}]}
    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: api}
      spec:
        replicas: 50
        selector: {matchLabels: {app: api}}
        template:
          metadata: {labels: {app: api}}
          spec:
            topologySpreadConstraints:
              - {maxSkew: 2, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: api}}}
              - {maxSkew: 3, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: api}}}
            containers: [{name: c, resources: {requests: {cpu: 700m, memory: 2Gi}}}]
    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: zonal}
      spec:
        replicas: 45
        selector: {matchLabels: {app: zonal}}
        template:
          metadata: {labels: {app: zonal}}
          spec:
            topologySpreadConstraints:
              - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: zonal}}}
            containers: [{name: c, resources: {requests: {cpu: 400m, memory: 1Gi}}}]
    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: solo}
      spec:
        replicas: 40
        selector: {matchLabels: {app: solo}}
        template:
          metadata: {labels: {app: solo}}
          spec:
            affinity:
              podAntiAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  - {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: solo}}}
            containers: [{name: c, resources: {requests: {cpu: 200m, memory: 512Mi}}}]
  generators:
    - name: bare
      arrival: {type: poisson, meanInterval: 6s}
      maxCount: 300
      template:
        kind: Pod
        metadata: {annotations: {kubesim.io/run-duration: 4m}}
        spec:
          restartPolicy: Never
          containers: [{name: c, resources: {requests: {cpu: 200m, memory: 256Mi}}}]
    - name: jobs
      arrival: {type: poisson, meanInterval: 10s}
      stop: 35m
      template:
        apiVersion: batch/v1
        kind: Job
        spec:
          completions: 3
          parallelism: 3
          template:
            metadata: {annotations: {kubesim.io/duration: "lognormal(3m, 0.5)"}}
            spec:
              restartPolicy: Never
              nodeSelector: {tier: batch}
              containers: [{name: w, resources: {requests: {cpu: "1", memory: 1Gi}}}]
`;

/** events.csv rows, and the scheduler's nextStartNodeIndex after every cycle that placed or failed a pod. */
function runTraced(
  text: string,
  schedulerOptions: SchedulerOptions,
): { events: Cell[][]; starts: number[]; memoHits: { exact: number; near: number; nearWithLabels: number }; standing: StandingHits } {
  const events = new MemorySink();
  const sim = new Simulation(scenarioFromText(text), { schedulerOptions, events, timeseries: new MemorySink() });
  const starts: number[] = [];
  sim.store.events.onRecord((_t, event) => {
    if (event === 'PodScheduled' || event === 'PodUnschedulable') starts.push(sim.scheduler.runtime.nextStartNodeIndex);
  });
  sim.run();
  return { events: events.rows, starts, memoHits: sim.scheduler.failureMemoHits(), standing: sim.scheduler.standingHits() };
}

describe('fused default-profile path', () => {
  for (const pct of [0, 100]) {
    it(`gives the per-plugin path's events.csv row for row and nextStartNodeIndex cycle for cycle with every default plugin active (percentageOfNodesToScore ${pct})`, () => {
      const base = { ...resolvePolicy('default'), percentageOfNodesToScore: pct };
      const fast = runTraced(FULL, { ...base, fastPath: true });
      const slow = runTraced(FULL, { ...base, fastPath: false });
      const count = (name: string): number => fast.events.filter((e) => e[1] === name).length;
      assert.ok(count('PodScheduled') > 300 && count('PodUnschedulable') > 1000 && count('NodeTainted') > 50 && count('PodNominated') > 0);
      assert.deepEqual(fast.events, slow.events);
      assert.deepEqual(fast.starts, slow.starts);
      // Failing retries at an unchanged cluster reuse the remembered walk (failure-memo.ts); the slow path never does.
      assert.ok(fast.memoHits.exact > 100 && fast.memoHits.near > 20 && fast.memoHits.nearWithLabels > 0, `memo hits ${JSON.stringify(fast.memoHits)}`);
      assert.deepEqual(slow.memoHits, { exact: 0, near: 0, nearWithLabels: 0 });
    });
  }

  it("gives the per-plugin path's events.csv row for row when spread-blocked pods retry while the cluster changes elsewhere (near misses with labels)", () => {
    const base = resolvePolicy('default');
    const fast = runTraced(SPREAD_BACKLOG, { ...base, fastPath: true });
    const slow = runTraced(SPREAD_BACKLOG, { ...base, fastPath: false });
    assert.deepEqual(fast.events, slow.events);
    assert.deepEqual(fast.starts, slow.starts);
    assert.ok(fast.memoHits.nearWithLabels > 50, `memo hits ${JSON.stringify(fast.memoHits)}`);
  });

  const standingCases = [
    ['default', 100, 36],
    ['default', 0, 36],
    ['binpack', 100, 36],
    ['default', 0, 150],
    ['binpack', 0, 150],
  ] as const;
  for (const [policy, pct, poolA] of standingCases) {
    it(`gives the per-plugin path's events.csv row for row when a spec's verdicts and scores stand between cycles (${policy}, percentageOfNodesToScore ${pct}, ${poolA + 21} nodes)`, () => {
      const base = { ...resolvePolicy(policy), percentageOfNodesToScore: pct };
      const text = standingScenario(poolA);
      const fast = runTraced(text, { ...base, fastPath: true });
      const slow = runTraced(text, { ...base, fastPath: false });
      const count = (name: string): number => fast.events.filter((e) => e[1] === name).length;
      assert.ok(count('PodScheduled') > 500 && count('NodeTainted') > 10, `${count('PodScheduled')} scheduled, ${count('NodeTainted')} tainted`);
      assert.deepEqual(fast.events, slow.events);
      assert.deepEqual(fast.starts, slow.starts);
      assert.ok(fast.standing.reused > 100 && fast.standing.scored > 100 && fast.standing.blocks > 50 && fast.standing.built > 0, `standing ${JSON.stringify(fast.standing)}`);
      assert.deepEqual(slow.standing, { reused: 0, scored: 0, blocks: 0, built: 0 });
    });
  }

  it("gives the per-plugin path's events.csv row for row with the nodeRank tie-break, which reads a standing window's nodes and totals", () => {
    const base = { ...resolvePolicy('default'), tieBreak: 'nodeRank' as const };
    const text = standingScenario(36);
    const fast = runTraced(text, { ...base, fastPath: true });
    const slow = runTraced(text, { ...base, fastPath: false });
    assert.deepEqual(fast.events, slow.events);
    assert.deepEqual(fast.starts, slow.starts);
    // (the nodeRank tie-break reads the totals: windows are scored candidate by candidate, never by blocks)
    assert.ok(fast.standing.scored > 100 && fast.standing.blocks === 0, `standing ${JSON.stringify(fast.standing)}`);
  });

  for (const [policy, pct] of [['default', 0], ['default', 100], ['binpack', 100]] as const) {
    it(`places every pod exactly as the per-plugin path (${policy}, percentageOfNodesToScore ${pct})`, () => {
      const scenario = scenarioFromText(SCENARIO);
      const base = { ...resolvePolicy(policy), percentageOfNodesToScore: pct };
      const fast = runScenario(scenario, { schedulerOptions: { ...base, fastPath: true } });
      const slow = runScenario(scenarioFromText(SCENARIO), { schedulerOptions: { ...base, fastPath: false } });
      const placed = (r: typeof fast): string[] => r.events.filter((e) => e[1] === 'PodScheduled' || e[1] === 'PodUnschedulable').map((e) => e.join(','));
      assert.ok(placed(fast).length > 800);
      assert.deepEqual(placed(fast), placed(slow));
    });
  }
});
