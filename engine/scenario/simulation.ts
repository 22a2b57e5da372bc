/**
 * Assembles one run from a validated scenario: the simulator, seeded streams, the cluster store, the
 * scheduler, the controllers and the metrics, then runs it to the scenario's end.
 */
import { LABEL_ZONE } from '../cluster/node.js';
import type { Labels } from '../cluster/labels.js';
import { createPod } from '../cluster/pod-factory.js';
import { ClusterStore } from '../cluster/store.js';
import { JobController, runDrawer } from '../controllers/job/job.js';
import { Kubelets } from '../controllers/kubelet/kubelet.js';
import { ReplicaSetController } from '../controllers/replicaset/replicaset.js';
import { maxScenarioUid, startWorkloadControllers } from './workload-controllers.js';
import { Rng, RngStreams } from '../core/rng.js';
import { Simulator } from '../core/simulator.js';
import type { InvariantChecker, CheckOptions } from '../check/checker.js';
import { attachChecker } from './checking.js';
import { EventLog } from '../metrics/event-log.js';
import type { RowSink } from '../metrics/sink.js';
import { NULL_SINK } from '../metrics/sink.js';
import type { Cell } from '../metrics/sink.js';
import type { SUMMARY_COLUMNS} from '../metrics/summary.js';
import { summaryRow } from '../metrics/summary.js';
import { TimeSeries } from '../metrics/timeseries.js';
import { PlacementMetrics } from '../metrics/placement.js';
import { resolvePolicy } from '../scheduler/policies.js';
import { Scheduler } from '../scheduler/scheduler.js';
import { startGenerator } from './generators.js';
import { drawRunDuration } from './run-duration.js';
import { poolNodeName } from './read-scenario.js';
import type { Scenario } from './types.js';

export interface RunOptions {
  /** Overrides the scenario's policy (a built-in name). */
  policy?: string;
  /** With `policy`: its KubeSchedulerConfiguration (a --policy file of kubesim compare). */
  policyConfig?: unknown;
  events?: RowSink;
  timeseries?: RowSink;
  /** Called between slices of runSliced with the simulated time reached. */
  onProgress?: (simMs: number) => void;
  /** Polled between slices of runSliced; returning true stops the run early (marked incomplete). */
  shouldStop?: () => boolean;
  /** Checks the invariants (engine/check) after every event, or at the given cadence. */
  check?: boolean | CheckOptions;
}

export interface RunResult {
  summary: Record<(typeof SUMMARY_COLUMNS)[number], Cell>;
  store: ClusterStore;
  eventsProcessed: number;
  simTimeMs: number;
  complete: boolean;
}

export class Simulation {
  readonly sim = new Simulator();
  readonly rngs: RngStreams;
  readonly store: ClusterStore;
  readonly scheduler: Scheduler;
  readonly policy: string;
  /** StatefulSet, DaemonSet, disruption, PodGC and drain controllers (workload-controllers.ts). */
  readonly workloads: ReturnType<typeof startWorkloadControllers>;
  private readonly timeseries: TimeSeries;
  readonly checker: InvariantChecker | undefined;
  private readonly placement: PlacementMetrics;

  constructor(
    readonly scenario: Scenario,
    private readonly options: RunOptions = {},
  ) {
    this.rngs = new RngStreams(scenario.seed);
    this.store = new ClusterStore(this.sim, scenario.resources);
    this.policy = options.policy ?? scenario.scheduler.policy;
    const schedulerOptions = resolvePolicy(this.policy, options.policy ? options.policyConfig : scenario.scheduler.config);
    // Metrics subscribe first, so they see every change before anyone reacts to it.
    new EventLog(this.store, options.events ?? NULL_SINK);
    this.timeseries = new TimeSeries(this.sim, this.store, options.timeseries ?? NULL_SINK, scenario.sampleIntervalMs, scenario.durationMs);
    this.placement = new PlacementMetrics(this.sim, this.store, scenario.sampleIntervalMs, scenario.durationMs);
    this.scheduler = new Scheduler(this.sim, this.store, this.rngs.stream('scheduler'), schedulerOptions);
    new Kubelets(this.sim, this.store, { podStartupMs: scenario.kubelet.podStartupMs });
    const durationRng = (key: string): Rng => new Rng(`${scenario.seed}\u0000durations/${key}`);
    const jobs = new JobController(this.sim, this.store, runDrawer(durationRng, (job, rng) => (job.template.spec.runDuration ? drawRunDuration(job.template.spec.runDuration, rng) : -1)));
    const replicaSets = new ReplicaSetController(this.sim, this.store);
    const check = options.check;
    this.checker = check ? attachChecker({ sim: this.sim, store: this.store, scheduler: schedulerOptions, replicaSets, jobs }, check === true ? {} : check) : undefined;
    this.store.reserveUids(maxScenarioUid(scenario)); // owner uids from the scenario and the store must not collide
    this.addNodes();
    for (const rs of scenario.replicaSets) replicaSets.addReplicaSet(rs);
    for (const d of scenario.deployments) replicaSets.addDeployment(d);
    for (const j of scenario.jobs) jobs.addJob(j);
    this.workloads = startWorkloadControllers(this.sim, this.store, scenario);
    for (const p of scenario.pods) {
      const d = p.spec.runDuration;
      const pod = createPod(this.store, {
        name: p.meta.name,
        namespace: p.meta.namespace,
        labels: p.meta.labels,
        spec: p.spec,
        runDurationMs: d ? drawRunDuration(d, durationRng(`${p.meta.namespace}/${p.meta.name}`)) : -1,
      });
      // Pods of a cluster dump that are already bound start out Running.
      if (pod.nodeIndex >= 0 && pod.phase === 'Pending') {
        this.store.setPodPhase(pod, 'Running');
        this.store.record('PodRunning', `${pod.namespace}/${pod.name}`, p.spec.nodeName);
      }
    }
    for (const g of scenario.generators) startGenerator(g, { sim: this.sim, store: this.store, jobs, rngs: this.rngs, durationRng, endMs: scenario.durationMs });
  }

  private addNodes(): void {
    const { scenario, store } = this;
    const vector = (m: ReadonlyMap<string, number>): Float64Array => {
      const v = scenario.resources.vector();
      for (const [k, amount] of m) v[scenario.resources.intern(k)] = amount;
      return v;
    };
    for (const pool of scenario.nodePools) {
      const alloc = vector(pool.allocatable);
      for (let i = 0; i < pool.count; i++) {
        const labels: Record<string, string> = { ...pool.labels, 'kubesim.io/pool': pool.pool };
        if (pool.zones.length > 0) labels[LABEL_ZONE] = pool.zones[i % pool.zones.length]!;
        this.addNode(poolNodeName(pool.pool, i), labels, pool, alloc);
      }
    }
    for (const n of scenario.nodes) {
      const node = store.addNode({ name: n.name, labels: n.labels, taints: [...n.taints], unschedulable: n.unschedulable, allocatable: vector(n.allocatable), images: n.images, pool: '' });
      store.record('NodeAdded', node.name, node.name, node.zone);
    }
  }

  private addNode(name: string, labels: Labels, pool: Scenario['nodePools'][number], alloc: Float64Array): void {
    const node = this.store.addNode({ name, labels, taints: pool.taints.map((t) => ({ ...t })), unschedulable: false, allocatable: alloc, images: [], pool: pool.pool }); // one allocatable vector per pool: nothing writes node.allocatable
    this.store.record('NodeAdded', node.name, node.name, node.zone);
  }

  /** Runs to the end in one go (tests, benchmarks). */
  run(): RunResult {
    this.sim.run(this.scenario.durationMs);
    this.checker?.sweep();
    return this.finish(true);
  }

  /**
   * Runs in slices of events, awaiting `yieldFn` between slices so the caller can react to signals
   * and draw progress; `shouldStop` ends the run early, marked incomplete.
   */
  async runSliced(yieldFn: () => Promise<void>, sliceEvents = 200_000): Promise<RunResult> {
    const { sim, options } = this;
    const end = this.scenario.durationMs;
    for (;;) {
      let n = 0;
      for (; n < sliceEvents; n++) {
        const t = sim.queue.peekTime();
        if (t === undefined || t > end) break;
        sim.step();
      }
      options.onProgress?.(sim.now);
      if (n < sliceEvents) break;
      await yieldFn();
      if (options.shouldStop?.()) return this.finish(false);
    }
    sim.run(end);
    this.checker?.sweep();
    return this.finish(true);
  }

  private finish(complete: boolean): RunResult {
    const { scenario } = this;
    const simTimeMs = complete ? scenario.durationMs : this.sim.now;
    const summary = summaryRow(this.store, {
      scenario: scenario.name,
      policy: this.policy,
      seed: scenario.seed,
      simTimeMs,
      complete,
      attempts: this.scheduler.stats.attempts,
      cpuRatios: this.timeseries.cpuRatios,
      memRatios: this.timeseries.memRatios,
      placement: this.placement.summary(),
    });
    return { summary, store: this.store, eventsProcessed: this.sim.eventsProcessed, simTimeMs, complete };
  }
}
