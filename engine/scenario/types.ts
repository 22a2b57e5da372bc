/** The validated, normalised scenario: everything the simulation needs, nothing left to check. */
import type { AttemptCost } from '../scheduler/scheduler.js';
import type { Labels } from '../cluster/labels.js';
import type { ContainerImage } from '../cluster/node.js';
import type { ResourceNames } from '../cluster/resources.js';
import type { Taint } from '../cluster/taints.js';
import type { DaemonSet, Deployment, Job, ObjectMeta, PodDisruptionBudget, PodTemplate, PriorityClass, ReplicaSet, StatefulSet } from '../cluster/workloads.js';
import type { PodSpec } from '../cluster/pod.js';
import type { TraceSource } from './traces/alibaba-gpu-2023.js';
import type { TieBreak, UnschedulablePods } from '../scheduler/node-rank.js';
import type { FaultSpec } from '../faults/spec.js';
import type { NodeLifecycleConfig } from '../controllers/node-lifecycle/config.js';
import type { SchedulerOptions } from '../scheduler/scheduler.js';
import type { SchedulerFeatureGates } from './feature-gates.js';

export interface NodePool {
  pool: string;
  count: number;
  zones: readonly string[];
  allocatable: ReadonlyMap<string, number>;
  labels: Labels;
  taints: readonly Taint[];
}

export interface NodeManifest {
  name: string;
  labels: Labels;
  taints: Taint[];
  unschedulable: boolean;
  allocatable: ReadonlyMap<string, number>;
  images: ContainerImage[];
}

export interface PodManifest {
  meta: ObjectMeta;
  spec: PodSpec;
}

export type Arrival = { type: 'poisson'; meanIntervalMs: number } | { type: 'fixed'; intervalMs: number };

export interface Generator {
  name: string;
  kind: 'Job' | 'Pod';
  namespace: string;
  arrival: Arrival;
  startMs: number;
  stopMs: number;
  maxCount: number;
  /** Template of each generated object: a Job's or a Pod's. */
  job: Job | undefined;
  pod: PodTemplate | undefined;
}

export interface SchedulerSection {
  /** Built-in policy name (the scheduler issue extends this with KubeSchedulerConfiguration). */
  policy: string;
  /** Raw KubeSchedulerConfiguration (plain JS) when one was given, else undefined. */
  config: unknown;
  /** Where the config came from, for error messages. */
  configFile: string | undefined;
  /** Tie-break among top-scored nodes; undefined = the policy's own (random for upstream policies). */
  tieBreak?: TieBreak;
  /** What happens to a pod that fits no node; undefined = wait (fail in a trace's fgd mode). */
  unschedulablePods?: UnschedulablePods;
  /** The validated KubeSchedulerConfiguration, when one was given. */
  options?: SchedulerOptions;
  /** Out-of-tree plugins (spec.scheduler.plugins): module paths resolved against the scenario file. */
  customPlugins?: { name: string; path: string }[];
  /** spec.scheduler.featureGates (feature-gates.ts); undefined = v1.33 defaults. */
  featureGates?: SchedulerFeatureGates;
  /** spec.scheduler.attemptCost (attempt-cost.ts); undefined = attempts take no simulated time. */
  attemptCost?: AttemptCost;
}

export interface KubeletSection {
  /** Time from bind to Running. */
  podStartupMs: number;
}

export interface Scenario {
  name: string;
  file: string;
  seed: number;
  durationMs: number;
  sampleIntervalMs: number;
  scheduler: SchedulerSection;
  kubelet: KubeletSection;
  nodePools: NodePool[];
  nodes: NodeManifest[];
  pods: PodManifest[];
  deployments: Deployment[];
  replicaSets: ReplicaSet[];
  jobs: Job[];
  statefulSets: StatefulSet[];
  daemonSets: DaemonSet[];
  pdbs: PodDisruptionBudget[];
  priorityClasses: PriorityClass[];
  generators: Generator[];
  resources: ResourceNames;
  /** A trace replayed by the run (spec.source), loaded once. */
  source?: TraceSource;
  /** spec.faults (empty or absent: no faults). */
  faults?: FaultSpec[];
  /** spec.controllers.nodeLifecycle merged over DEFAULT_NODE_LIFECYCLE (absent: the defaults). */
  nodeLifecycle?: NodeLifecycleConfig;
}

/** Defaults of the scenario wrapper. */
export const DEFAULT_SCENARIO = Object.freeze({
  seed: 1,
  durationMs: 3_600_000,
  sampleIntervalMs: 60_000,
  policy: 'default',
  /** Bind -> Running. KWOK's default pod stage "pod-ready" has no delay; 1 s approximates image-cached start-up. */
  podStartupMs: 1_000,
});
