/**
 * The Job controller (pkg/controller/job/job_controller.go): keeps up to `parallelism` active pods until
 * `completions` pods (NonIndexed) or indexes (Indexed) have succeeded. A failed pod counts against
 * `backoffLimit` (default 6) and delays the next pod by the pod-failure backoff (backoff.ts). With
 * podReplacementPolicy TerminatingOrFailed (the default) a terminating pod counts as failed at once and is
 * replaced; with Failed the replacement waits until the old pod is terminal or gone. Syncs caused by pod
 * changes are batched by SyncJobBatchPeriod (1 s). Each pod's run time is drawn from a stream keyed by the
 * Job and the pod's creation ordinal, so it does not depend on the scheduling policy.
 */
import type { Labels } from '../../cluster/labels.js';
import type { OwnerRef, Pod } from '../../cluster/pod.js';
import { isActive } from '../../cluster/pod.js';
import { createPod } from '../../cluster/pod-factory.js';
import { EVENT_PRIORITY } from '../../cluster/priorities.js';
import type { ClusterStore } from '../../cluster/store.js';
import type { Job } from '../../cluster/workloads.js';
import type { Rng } from '../../core/rng.js';
import type { Simulator } from '../../core/simulator.js';
import { remainingBackoffMs } from './backoff.js';
import { classifyNewPods, finishedTimeMs } from './pod-outcome.js';

export { JOB_BACKOFF } from './backoff.js';

/** SyncJobBatchPeriod: pod events reach the Job's sync this much later (job_controller.go). */
export const JOB_SYNC_BATCH_MS = 1_000;
/** Label and annotation carrying an Indexed Job pod's index (batch/v1 types.go). */
export const LABEL_COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';

export interface JobState {
  job: Job;
  pods: Set<Pod>;
  created: number;
  succeeded: number;
  failed: number;
  done: 'Complete' | 'Failed' | '';
  finishedMs: number;
  syncAtMs: number;
  /** Pods already counted as succeeded or failed (each pod counts once). */
  counted: Set<number>;
  failuresAfterLastSuccess: number;
  lastFailureMs: number;
  /** Indexed Jobs: indexes with a succeeded pod. */
  succeededIndexes: Set<number>;
  indexOf: Map<number, number>;
  /** Shared by every pod of the Job (made on the first pod): one owner reference, and the labels of non-indexed pods. */
  owner?: OwnerRef;
  podLabels?: Labels;
  /** status.startTime: the first sync. */
  startMs: number;
}

export type DrawRunMs = (job: Job, ordinal: number) => number;

export class JobController {
  readonly jobs: JobState[] = [];
  private readonly byUid = new Map<number, JobState>();
  /** Node index -> when its Ready condition went Unknown (cleared when Ready again). */
  private readonly unknownSince = new Map<number, number>();
  private readonly finished = (p: Pod): number => finishedTimeMs(p, (i) => this.unknownSince.get(i));

  constructor(
    private readonly sim: Simulator,
    private readonly store: ClusterStore,
    private readonly drawRunMs: DrawRunMs,
  ) {
    store.events.onNode((type, node) => {
      if (type !== 'NodeReadyChanged') return;
      if (node.ready === 'Unknown') this.unknownSince.set(node.index, this.sim.now);
      else this.unknownSince.delete(node.index);
    });
    store.events.onPod((type, pod) => {
      if (pod.owner?.kind !== 'Job') return;
      if (type !== 'PodPhaseChanged' && type !== 'PodDeleting' && type !== 'PodRemoved') return;
      const st = this.byUid.get(pod.owner.uid);
      if (st) this.enqueue(st, this.sim.now + JOB_SYNC_BATCH_MS);
    });
  }

  addJob(job: Job): JobState {
    const st: JobState = {
      job, pods: new Set(), created: 0, succeeded: 0, failed: 0, done: '', finishedMs: -1, syncAtMs: -1, counted: new Set(),
      failuresAfterLastSuccess: 0, lastFailureMs: -1, succeededIndexes: new Set(), indexOf: new Map(), startMs: -1,
    };
    this.jobs.push(st);
    this.byUid.set(job.meta.uid, st);
    this.store.record('JobCreated', `${job.meta.namespace}/${job.meta.name}`, '', `completions=${job.completions} parallelism=${job.parallelism}`);
    this.enqueue(st, this.sim.now);
    return st;
  }

  /** One pending sync per Job, at the earliest time asked for. */
  private enqueue(st: JobState, atMs: number): void {
    if (st.done) return;
    const t = Math.max(atMs, this.sim.now);
    if (st.syncAtMs >= 0 && st.syncAtMs <= t) return;
    st.syncAtMs = t;
    this.sim.at(t, () => {
      if (st.syncAtMs === t) this.sync(st);
    }, undefined, EVENT_PRIORITY.controller);
  }

  private sync(st: JobState): void {
    st.syncAtMs = -1;
    if (st.done) return;
    const { job } = st;
    if (st.startMs < 0) {
      st.startMs = this.sim.now;
      if (job.activeDeadlineMs !== undefined) this.sim.at(st.startMs + job.activeDeadlineMs, () => this.enqueue(st, this.sim.now), undefined, EVENT_PRIORITY.controller);
    }
    this.count(st);
    const succeeded = job.completionMode === 'Indexed' ? st.succeededIndexes.size : st.succeeded;
    if (succeeded >= job.completions) return this.finish(st, 'Complete');
    if (st.failed > job.backoffLimit) return this.finish(st, 'Failed', 'BackoffLimitExceeded');
    if (job.activeDeadlineMs !== undefined && this.sim.now - st.startMs >= job.activeDeadlineMs) return this.finish(st, 'Failed', 'DeadlineExceeded');
    const wait = remainingBackoffMs(st.failuresAfterLastSuccess, st.lastFailureMs, this.sim.now);
    if (wait > 0) return this.enqueue(st, this.sim.now + wait);
    let busy = 0;
    for (const p of st.pods) if (isBusy(p, job)) busy++;
    const want = Math.min(job.parallelism, job.completions - succeeded) - busy;
    if (want <= 0) return;
    if (job.completionMode === 'Indexed') this.createIndexed(st, [...st.pods].filter((p) => isBusy(p, job)), want);
    else for (let i = 0; i < want; i++) this.createJobPod(st, -1);
  }

  /** Counts newly succeeded and failed pods once each and updates the backoff record (newBackoffRecord). */
  private count(st: JobState): void {
    const { succeeded, failed } = classifyNewPods(st.pods, st.counted, st.job.podReplacementPolicy, this.finished);
    for (const p of succeeded) {
      st.counted.add(p.uid);
      st.succeeded++;
      const index = st.indexOf.get(p.uid);
      if (index !== undefined) st.succeededIndexes.add(index);
    }
    for (const p of failed) {
      st.counted.add(p.uid);
      st.failed++;
    }
    if (succeeded.length === 0) {
      if (failed.length > 0) {
        st.failuresAfterLastSuccess += failed.length;
        st.lastFailureMs = this.finished(failed[failed.length - 1]!);
      }
    } else {
      st.failuresAfterLastSuccess = 0;
      st.lastFailureMs = -1;
      const lastSuccess = this.finished(succeeded[succeeded.length - 1]!);
      for (let i = failed.length - 1; i >= 0; i--) {
        const t = this.finished(failed[i]!);
        if (t <= lastSuccess) break;
        if (st.lastFailureMs < 0) st.lastFailureMs = t;
        st.failuresAfterLastSuccess++;
      }
    }
    for (const p of st.pods) if (p.removed) st.pods.delete(p);
  }

  /** The lowest indexes that have neither succeeded nor a busy pod are (re)created, with their index. */
  private createIndexed(st: JobState, busy: readonly Pod[], want: number): void {
    const taken = new Set<number>(busy.map((p) => st.indexOf.get(p.uid) ?? -1));
    for (let index = 0; index < st.job.completions && want > 0; index++) {
      if (st.succeededIndexes.has(index) || taken.has(index)) continue;
      this.createJobPod(st, index);
      want--;
    }
  }

  private finish(st: JobState, done: 'Complete' | 'Failed', reason = ''): void {
    const key = `${st.job.meta.namespace}/${st.job.meta.name}`;
    st.done = done;
    st.finishedMs = this.sim.now;
    for (const p of st.pods) if (isActive(p)) this.store.markDeleting(p);
    const took = `duration_s=${(st.finishedMs - st.job.createdMs) / 1000}`;
    this.store.record(done === 'Complete' ? 'JobCompleted' : 'JobFailed', key, '', `${reason || `succeeded=${st.succeeded} failed=${st.failed}`} ${took}`);
    // A finished Job never syncs again: its pods and bookkeeping are let go (a day of Jobs would keep
    // every pod they ever made alive after PodGC removed them). The counts stay.
    this.byUid.delete(st.job.meta.uid);
    st.pods.clear();
    st.counted.clear();
    st.succeededIndexes.clear();
    st.indexOf.clear();
  }

  private createJobPod(st: JobState, index: number): void {
    const { job } = st;
    const ordinal = st.created++;
    const labels = index >= 0 ? { ...job.template.labels, 'batch.kubernetes.io/job-name': job.meta.name, [LABEL_COMPLETION_INDEX]: String(index) } : (st.podLabels ??= { ...job.template.labels, 'batch.kubernetes.io/job-name': job.meta.name });
    const pod = createPod(this.store, {
      name: index >= 0 ? `${job.meta.name}-${index}-${ordinalSuffix(ordinal)}` : `${job.meta.name}-${ordinalSuffix(ordinal)}`,
      namespace: job.meta.namespace,
      labels,
      spec: job.template.spec,
      owner: (st.owner ??= { kind: 'Job', name: job.meta.name, uid: job.meta.uid, controller: true }),
      runDurationMs: this.drawRunMs(job, ordinal),
    });
    if (index >= 0) st.indexOf.set(pod.uid, index);
    st.pods.add(pod);
  }
}

/** A pod that holds one of the Job's parallelism slots: active, or terminating under podReplacementPolicy Failed. */
function isBusy(p: Pod, job: Job): boolean {
  const terminating = p.deletionMs >= 0 && !p.removed && p.phase !== 'Succeeded' && p.phase !== 'Failed';
  return isActive(p) || (terminating && job.podReplacementPolicy === 'Failed');
}

/** Deterministic 5-character pod suffix from the ordinal (base 36, zero-padded). */
function ordinalSuffix(n: number): string {
  return n.toString(36).padStart(5, '0');
}

export function runDrawer(streamFor: (key: string) => Rng, draw: (job: Job, rng: Rng) => number): DrawRunMs {
  return (job, ordinal) => draw(job, streamFor(`${job.meta.namespace}/${job.meta.name}#${ordinal}`));
}
