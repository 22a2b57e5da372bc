/**
 * The Job controller (pkg/controller/job): keeps up to `parallelism` active pods until `completions`
 * pods have succeeded; a failed pod counts against `backoffLimit` (default 6) and its replacement waits
 * the pod-failure backoff (10 s doubling, capped at 6 min as documented). Each pod's run time is drawn
 * from a stream keyed by the Job and the pod's ordinal, so it does not depend on the scheduling policy.
 */
import type { Pod } from '../../cluster/pod.js';
import { isActive } from '../../cluster/pod.js';
import { createPod } from '../../cluster/pod-factory.js';
import { EVENT_PRIORITY } from '../../cluster/priorities.js';
import type { ClusterStore } from '../../cluster/store.js';
import type { Job } from '../../cluster/workloads.js';
import type { Rng } from '../../core/rng.js';
import type { Simulator } from '../../core/simulator.js';

/** Job pod-failure backoff (pkg/controller/job: DefaultJobPodFailureBackOff 10 s, MaxJobPodFailureBackOff). */
export const JOB_BACKOFF = Object.freeze({ initialMs: 10_000, maxMs: 360_000 });

export interface JobState {
  job: Job;
  pods: Set<Pod>;
  created: number;
  succeeded: number;
  failed: number;
  done: 'Complete' | 'Failed' | '';
  finishedMs: number;
  syncPending: boolean;
  nextCreateMs: number;
  /** Pods already counted as succeeded or failed (each pod counts once). */
  counted: Set<number>;
}

export type DrawRunMs = (job: Job, ordinal: number) => number;

export class JobController {
  readonly jobs: JobState[] = [];
  private readonly byUid = new Map<number, JobState>();

  constructor(
    private readonly sim: Simulator,
    private readonly store: ClusterStore,
    private readonly drawRunMs: DrawRunMs,
  ) {
    store.events.onPod((type, pod) => {
      if (pod.owner?.kind !== 'Job') return;
      if (type !== 'PodPhaseChanged' && type !== 'PodDeleting' && type !== 'PodRemoved') return;
      const st = this.byUid.get(pod.owner.uid);
      if (st) this.enqueue(st);
    });
  }

  addJob(job: Job): JobState {
    const st: JobState = { job, pods: new Set(), created: 0, succeeded: 0, failed: 0, done: '', finishedMs: -1, syncPending: false, nextCreateMs: 0, counted: new Set() };
    this.jobs.push(st);
    this.byUid.set(job.meta.uid, st);
    this.store.record('JobCreated', `${job.meta.namespace}/${job.meta.name}`, '', `completions=${job.completions} parallelism=${job.parallelism}`);
    this.enqueue(st);
    return st;
  }

  private enqueue(st: JobState, atMs = this.sim.now): void {
    if (st.syncPending || st.done) return;
    st.syncPending = true;
    this.sim.at(Math.max(atMs, this.sim.now), () => this.sync(st), undefined, EVENT_PRIORITY.controller);
  }

  private sync(st: JobState): void {
    st.syncPending = false;
    if (st.done) return;
    const { job } = st;
    let active = 0;
    let terminating = 0;
    for (const p of st.pods) {
      if (p.phase === 'Succeeded' && !st.counted.has(p.uid)) {
        st.counted.add(p.uid);
        st.succeeded++;
      } else if ((p.phase === 'Failed' || (p.deletionMs >= 0 && p.phase !== 'Succeeded')) && !st.counted.has(p.uid)) {
        st.counted.add(p.uid);
        st.failed++;
        st.nextCreateMs = this.sim.now + Math.min(JOB_BACKOFF.maxMs, JOB_BACKOFF.initialMs * 2 ** (st.failed - 1));
      }
      if (isActive(p)) active++;
      else if (p.deletionMs >= 0 && !p.removed && p.phase !== 'Succeeded' && p.phase !== 'Failed') terminating++;
      if (p.removed) st.pods.delete(p);
    }
    const key = `${job.meta.namespace}/${job.meta.name}`;
    if (st.succeeded >= job.completions) return this.finish(st, 'Complete', key);
    if (st.failed > job.backoffLimit) return this.finish(st, 'Failed', key, 'BackoffLimitExceeded');
    if (this.sim.now < st.nextCreateMs) return this.enqueue(st, st.nextCreateMs);
    const busy = job.podReplacementPolicy === 'Failed' ? active + terminating : active;
    const want = Math.min(job.parallelism, job.completions - st.succeeded) - busy;
    for (let i = 0; i < want; i++) this.createJobPod(st);
  }

  private finish(st: JobState, done: 'Complete' | 'Failed', key: string, reason = ''): void {
    st.done = done;
    st.finishedMs = this.sim.now;
    for (const p of st.pods) if (isActive(p)) this.store.markDeleting(p);
    this.store.record(done === 'Complete' ? 'JobCompleted' : 'JobFailed', key, '', reason || `succeeded=${st.succeeded} failed=${st.failed}`);
  }

  private createJobPod(st: JobState): void {
    const { job } = st;
    const ordinal = st.created++;
    const pod = createPod(this.store, {
      name: `${job.meta.name}-${ordinalSuffix(ordinal)}`,
      namespace: job.meta.namespace,
      labels: { ...job.template.labels, 'batch.kubernetes.io/job-name': job.meta.name },
      spec: job.template.spec,
      owner: { kind: 'Job', name: job.meta.name, uid: job.meta.uid, controller: true },
      runDurationMs: this.drawRunMs(job, ordinal),
    });
    st.pods.add(pod);
  }
}

/** Deterministic 5-character pod suffix from the ordinal (base 36, zero-padded). */
function ordinalSuffix(n: number): string {
  return n.toString(36).padStart(5, '0');
}

export function runDrawer(streamFor: (key: string) => Rng, draw: (job: Job, rng: Rng) => number): DrawRunMs {
  return (job, ordinal) => draw(job, streamFor(`${job.meta.namespace}/${job.meta.name}#${ordinal}`));
}
