/** Workload objects as the controllers see them (apps/v1, batch/v1, scheduling.k8s.io/v1, policy/v1). */
import type { LabelSelector, Labels } from './labels.js';
import type { PodSpec } from './pod.js';

export interface ObjectMeta {
  name: string;
  namespace: string;
  labels: Labels;
  annotations: Labels;
  uid: number;
}

export interface PodTemplate {
  labels: Labels;
  annotations: Labels;
  spec: PodSpec;
}

export interface Deployment {
  kind: 'Deployment';
  meta: ObjectMeta;
  replicas: number;
  selector: LabelSelector;
  template: PodTemplate;
  maxSurge: string | number;
  maxUnavailable: string | number;
}

export interface ReplicaSet {
  kind: 'ReplicaSet';
  meta: ObjectMeta;
  replicas: number;
  selector: LabelSelector;
  template: PodTemplate;
  /** Owning Deployment name, or '' for a bare ReplicaSet. */
  ownerDeployment: string;
}

export interface Job {
  kind: 'Job';
  meta: ObjectMeta;
  completions: number;
  parallelism: number;
  backoffLimit: number;
  completionMode: 'NonIndexed' | 'Indexed';
  podReplacementPolicy: 'TerminatingOrFailed' | 'Failed';
  /** spec.activeDeadlineSeconds in ms, counted from the Job's start; undefined = none. */
  activeDeadlineMs?: number;
  template: PodTemplate;
  /** Simulated ms when the Job object was created. */
  createdMs: number;
}

export interface PriorityClass {
  kind: 'PriorityClass';
  name: string;
  value: number;
  globalDefault: boolean;
  preemptionPolicy: 'PreemptLowerPriority' | 'Never';
}

/** apps/v1 StatefulSet: stable pod names <name>-<ordinal>. */
export interface StatefulSet {
  kind: 'StatefulSet';
  meta: ObjectMeta;
  replicas: number;
  selector: LabelSelector;
  template: PodTemplate;
  podManagementPolicy: 'OrderedReady' | 'Parallel';
}

/** apps/v1 DaemonSet: one pod per eligible node. */
export interface DaemonSet {
  kind: 'DaemonSet';
  meta: ObjectMeta;
  selector: LabelSelector;
  template: PodTemplate;
  /** spec.template.spec.hostNetwork: adds the network-unavailable toleration (daemonset_util.go). */
  hostNetwork: boolean;
}

/** intstr.IntOrString: an integer or a percentage such as "50%". */
export type IntOrPercent = number | string;

/** policy/v1 PodDisruptionBudget status, kept by the disruption controller (pkg/controller/disruption). */
export interface PdbStatus {
  currentHealthy: number;
  desiredHealthy: number;
  expectedPods: number;
  disruptionsAllowed: number;
  /** Pods evicted through the Eviction API and not yet deleting: pod name -> eviction time (ms). */
  disruptedPods: Map<string, number>;
}

/** policy/v1 PodDisruptionBudget: exactly one of minAvailable / maxUnavailable is set. */
export interface PodDisruptionBudget {
  kind: 'PodDisruptionBudget';
  meta: ObjectMeta;
  /** undefined (no selector) selects no pod; an empty selector selects every pod of the namespace (policy/v1). */
  selector: LabelSelector | undefined;
  minAvailable: IntOrPercent | undefined;
  maxUnavailable: IntOrPercent | undefined;
  unhealthyPodEvictionPolicy: 'IfHealthyBudget' | 'AlwaysAllow';
  status: PdbStatus;
}

export type Workload = Deployment | ReplicaSet | Job | StatefulSet | DaemonSet;
