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
import { NodeAgents } from '../controllers/kubelet/node-agents.js';
import { DEFAULT_NODE_LIFECYCLE } from '../controllers/node-lifecycle/config.js';
import { NodeLifecycleController } from '../controllers/node-lifecycle/node-lifecycle.js';
import { TaintEvictionController } from '../controllers/taint-eviction/taint-eviction.js';
import { NodeHeartbeats } from '../cluster/heartbeats.js';
import { FaultInjector } from '../faults/injector.js';
import { planFaults } from '../faults/plan.js';
import type { PlannedFault } from '../faults/spec.js';
import { FailureMetrics } from '../metrics/failures.js';
import { ZoneSeries } from '../metrics/zones.js';
import { scenarioNodeInfos } from './node-infos.js';
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
import type { SchedulerOptions } from '../scheduler/scheduler.js';
import type { PluginFactory } from '../scheduler/framework/interfaces.js';
import { startGenerator } from './generators.js';
import { drawRunDuration } from './run-duration.js';
import { poolNodeName } from './read-scenario.js';
import type { Scenario } from './types.js';
import { AllocCurve } from '../metrics/alloc-curve.js';
import { schedulerOptionsFor, workloadTypicalPods } from './gpu-setup.js';
import { startTrace } from './traces/replay.js';

export interface RunOptions {
  /** Overrides the scenario's policy (a built-in name). */
  policy?: string;
  /** Overrides the scenario's policy with a validated KubeSchedulerConfiguration (--policy FILE). */
  schedulerOptions?: SchedulerOptions;
  /** Out-of-tree plugin factories by name (loaded by the CLI before the run). */
  plugins?: ReadonlyMap<string, PluginFactory>;
  events?: RowSink;
  timeseries?: RowSink;
  /** zones.csv rows (per zone and sample time). */
  zones?: RowSink;
  /** Called between slices of runSliced with the simulated time reached. */
  onProgress?: (simMs: number) => void;
  /** Polled between slices of runSliced; returning true stops the run early (marked incomplete). */
  shouldStop?: () => boolean;
  /**
   * Polled every 256 events of a runSliced slice; true ends the slice early (the CLI bounds a slice by
   * wall time, so Ctrl-C and the progress bar stay responsive when events are slow). Never changes results.
   */
  sliceOver?: () => boolean;
  /** Checks the invariants (engine/check) after every event, or at the given cadence. */
  check?: boolean | CheckOptions;
  /** Overrides of the scheduler's queue settings (backoff, SchedulerPopFromBackoffQ), e.g. in tests. */
  scheduler?: Pick<SchedulerOptions, 'podInitialBackoffMs' | 'podMaxBackoffMs' | 'popFromBackoffQ' | 'unschedulableEvents' | 'queueingHints'>;
}

export interface RunResult {
  summary: Record<(typeof SUMMARY_COLUMNS)[number], Cell>;
  store: ClusterStore;
  /** GPU allocation vs arrived demand (alloc_curve.csv); empty when the cluster has no GPUs. */
  allocCurve: AllocCurve;
  eventsProcessed: number;
  simTimeMs: number;
  complete: boolean;
  /** workloads.csv rows (availability per Deployment / ReplicaSet). */
  workloads: Cell[][];
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
  readonly allocCurve: AllocCurve;
  readonly checker: InvariantChecker | undefined;
  private readonly placement: PlacementMetrics;
  readonly failures: FailureMetrics;
  readonly nodeLifecycle: NodeLifecycleController;
  readonly faultPlan: PlannedFault[];
  readonly heartbeats = new NodeHeartbeats();

  constructor(
    readonly scenario: Scenario,
    private readonly options: RunOptions = {},
  ) {
    this.rngs = new RngStreams(scenario.seed);
    this.store = new ClusterStore(this.sim, scenario.resources);
    this.policy = options.policy ?? (scenario.scheduler.options ? 'KubeSchedulerConfiguration' : scenario.scheduler.policy);
    const resolved = schedulerOptionsFor(scenario, options.schedulerOptions ?? resolvePolicy(this.policy, options.policy ? undefined : scenario.scheduler.options));
    this.store.gpuTypicalPods = workloadTypicalPods(scenario);
    const schedulerOptions = options.plugins ? { ...resolved, plugins: options.plugins } : resolved;
    // Metrics subscribe first, so they see every change before anyone reacts to it.
    new EventLog(this.store, options.events ?? NULL_SINK);
    this.timeseries = new TimeSeries(this.sim, this.store, options.timeseries ?? NULL_SINK, scenario.sampleIntervalMs, scenario.durationMs);
    this.allocCurve = new AllocCurve(this.store);
    this.placement = new PlacementMetrics(this.sim, this.store, scenario.sampleIntervalMs, scenario.durationMs);
    this.scheduler = new Scheduler(this.sim, this.store, this.rngs.stream('scheduler'), { ...schedulerOptions, ...options.scheduler });
    // Preemption reads the PodDisruptionBudgets the disruption controller keeps in the store.
    this.scheduler.setPdbLister(() => this.store.pdbs.map((p) => ({ namespace: p.meta.namespace, selector: p.selector, disruptionsAllowed: p.status.disruptionsAllowed })));
    this.failures = new FailureMetrics(this.store);
    this.timeseries.unavailableReplicas = () => this.failures.unavailableReplicas();
    const kubelets = new Kubelets(this.sim, this.store, { podStartupMs: scenario.kubelet.podStartupMs });
    const heartbeats = this.heartbeats;
    const agents = new NodeAgents(this.sim, this.store, kubelets, heartbeats, this.rngs.stream('kubelet'));
    this.nodeLifecycle = new NodeLifecycleController(this.sim, this.store, heartbeats, scenario.nodeLifecycle ?? DEFAULT_NODE_LIFECYCLE);
    const zones = new ZoneSeries(this.sim, this.store, options.zones ?? NULL_SINK, scenario.sampleIntervalMs, scenario.durationMs);
    zones.zoneState = (zone) => this.nodeLifecycle.zoneState(zone);
    new TaintEvictionController(this.sim, this.store);
    const durationRng = (key: string): Rng => new Rng(`${scenario.seed}\u0000durations/${key}`);
    const jobs = new JobController(this.sim, this.store, runDrawer(durationRng, (job, rng) => (job.template.spec.runDuration ? drawRunDuration(job.template.spec.runDuration, rng) : -1)));
    const replicaSets = new ReplicaSetController(this.sim, this.store);
    const check = options.check;
    this.checker = check ? attachChecker({ sim: this.sim, store: this.store, scheduler: schedulerOptions, replicaSets, jobs }, { endMs: scenario.durationMs, ...(check === true ? {} : check) }) : undefined;
    this.store.reserveUids(maxScenarioUid(scenario)); // owner uids from the scenario and the store must not collide
    this.addNodes();
    if (scenario.source) startTrace(scenario.source, { sim: this.sim, store: this.store, rng: this.rngs.stream('trace') });
    for (const rs of scenario.replicaSets) this.failures.trackWorkload(replicaSets.addReplicaSet(rs).meta.uid, `ReplicaSet/${rs.meta.name}`, rs.replicas);
    for (const d of scenario.deployments) this.failures.trackWorkload(replicaSets.addDeployment(d).meta.uid, `Deployment/${d.meta.name}`, d.replicas);
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
        snapshot: true,
      });
      // Pods of a cluster dump that are already bound start out Running.
      if (pod.nodeIndex >= 0 && pod.phase === 'Pending') {
        this.store.setPodPhase(pod, 'Running');
        this.store.record('PodRunning', pod.key, p.spec.nodeName);
      }
    }
    // The fault schedule comes from the 'faults' stream and the scenario's nodes only: the same for every policy.
    this.faultPlan = planFaults(scenario.faults ?? [], scenarioNodeInfos(scenario.nodePools, scenario.nodes, scenario.source?.nodes), this.rngs.stream('faults'), scenario.durationMs);
    new FaultInjector({ sim: this.sim, store: this.store, kubelets: agents, addPoolNode: (pool) => this.addPoolNode(pool) }).schedule(this.faultPlan);
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

  private readonly poolNext = new Map<string, number>();

  /** nodeAdd: one more node of a pool, named and zoned as if the pool had been one node larger. */
  private addPoolNode(poolName: string): void {
    const pool = this.scenario.nodePools.find((p) => p.pool === poolName);
    if (!pool) return;
    const i = this.poolNext.get(poolName) ?? pool.count;
    this.poolNext.set(poolName, i + 1);
    const labels: Record<string, string> = { ...pool.labels, 'kubesim.io/pool': pool.pool };
    if (pool.zones.length > 0) labels[LABEL_ZONE] = pool.zones[i % pool.zones.length]!;
    const alloc = this.scenario.resources.vector();
    for (const [k, amount] of pool.allocatable) alloc[this.scenario.resources.intern(k)] = amount;
    this.addNode(poolNodeName(pool.pool, i), labels, pool, alloc);
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
      const ended = sim.runSlice(end, sliceEvents, options.sliceOver);
      options.onProgress?.(sim.now);
      if (ended) break;
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
      preemptions: this.scheduler.stats.preemptions,
      cpuRatios: this.timeseries.cpuRatios,
      memRatios: this.timeseries.memRatios,
      placement: this.placement.summary(),
      failures: this.failures.cells(),
      gpu: {
        capacityGpus: this.allocCurve.capacity / 1000 || this.allocCurve.liveCapacity / 1000,
        allocX100: this.allocCurve.at(100)?.alloc,
        allocX130: this.allocCurve.at(130)?.alloc,
        fragX100: this.allocCurve.at(100)?.frag,
      },
    });
    return { summary, store: this.store, allocCurve: this.allocCurve, eventsProcessed: this.sim.eventsProcessed, simTimeMs, complete, workloads: this.failures.workloadRows() };
  }
}
