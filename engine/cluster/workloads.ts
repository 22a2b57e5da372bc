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

export type Workload = Deployment | ReplicaSet | Job;
