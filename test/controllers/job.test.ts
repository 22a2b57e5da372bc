import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { JOB_BACKOFF, remainingBackoffMs } from '../../engine/controllers/job/backoff.js';
import { JobController, LABEL_COMPLETION_INDEX } from '../../engine/controllers/job/job.js';
import type { Job } from '../../engine/cluster/workloads.js';
import type { Pod } from '../../engine/cluster/pod.js';
import { meta, template, world } from './fixture.js';

function job(over: Partial<Job> = {}): Job {
  return {
    kind: 'Job', meta: meta('batch'), completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed',
    podReplacementPolicy: 'TerminatingOrFailed', template: template({ app: 'batch' }, { restartPolicy: 'Never' }), createdMs: 0, ...over,
  };
}

/** Job pods run for `runMs` once Running (the fake kubelet does not finish them, so the test does). */
function setup(j: Job, runMs = 60_000): { w: ReturnType<typeof world>; jobs: JobController } {
  const w = world(1_000);
  w.addNode('a');
  w.addNode('b');
  const jobs = new JobController(w.sim, w.store, () => runMs);
  w.store.events.onPod((type, pod) => {
    if (type === 'PodPhaseChanged' && pod.phase === 'Running') w.sim.after(runMs, () => pod.phase === 'Running' && w.store.setPodPhase(pod, 'Succeeded'));
  });
  jobs.addJob(j);
  return { w, jobs };
}

const live = (w: ReturnType<typeof world>): Pod[] => w.store.allPods.filter((p) => !p.removed && p.phase !== 'Succeeded' && p.phase !== 'Failed' && p.deletionMs < 0);

describe('Job pod-failure backoff', () => {
  it('caps at 10 min as MaxJobPodFailureBackOff in the v1.33 code (docs say 6 min)', () => {
    assert.deepEqual({ ...JOB_BACKOFF }, { initialMs: 10_000, maxMs: 600_000 });
  });
  const cases: [number, number][] = [[0, 0], [1, 10_000], [2, 20_000], [3, 40_000], [6, 320_000], [7, 600_000], [12, 600_000]];
  for (const [failures, want] of cases) {
    it(`${failures} consecutive failures -> ${want / 1000} s from the last failure`, () => {
      assert.equal(remainingBackoffMs(failures, 5_000, 5_000), want);
    });
  }
  it('counts the wait from the failed pod finish time, not from the sync', () => {
    assert.equal(remainingBackoffMs(1, 5_000, 6_000), 9_000);
    assert.equal(remainingBackoffMs(1, 5_000, 15_000), 0);
  });
});

describe('Job controller', () => {
  it('replaces failed pods after 10 s, then 20 s, measured from the failure (syncs batched by 1 s)', () => {
    const { w } = setup(job());
    w.sim.at(5_000, () => w.store.setPodPhase(live(w)[0]!, 'Failed'));
    w.sim.at(20_000, () => w.store.setPodPhase(live(w)[0]!, 'Failed'));
    w.run(200_000);
    assert.deepEqual(w.store.allPods.map((p) => p.createdMs), [0, 15_000, 40_000]);
  });

  it('a success resets the consecutive-failure count', () => {
    const { w } = setup(job({ completions: 3 }), 10_000);
    w.sim.at(5_000, () => w.store.setPodPhase(live(w)[0]!, 'Failed')); // replacement at 15 s
    w.run(200_000);
    // 15 s: second pod, Running at 16, Succeeded at 26, sync at 27 creates the third without backoff.
    assert.deepEqual(w.store.allPods.map((p) => p.createdMs), [0, 15_000, 27_000, 39_000]);
  });

  it('fails with BackoffLimitExceeded once failures exceed backoffLimit', () => {
    const { w, jobs } = setup(job({ backoffLimit: 1 }));
    w.sim.at(5_000, () => w.store.setPodPhase(live(w)[0]!, 'Failed'));
    w.sim.at(20_000, () => w.store.setPodPhase(live(w)[0]!, 'Failed'));
    w.run(200_000);
    assert.equal(jobs.jobs[0]!.done, 'Failed');
    assert.deepEqual(w.named('JobFailed').map((r) => [r.t, r.detail]), [[21_000, 'BackoffLimitExceeded duration_s=21']]);
  });

  const replacement: [Job['podReplacementPolicy'], number[]][] = [
    ['TerminatingOrFailed', [0, 15_000]],
    ['Failed', [0]],
  ];
  for (const [policy, want] of replacement) {
    it(`podReplacementPolicy ${policy}: pod stuck Terminating -> replacements created at ${JSON.stringify(want)}`, () => {
      const { w } = setup(job({ podReplacementPolicy: policy }), 1_000_000);
      w.sim.at(5_000, () => {
        const p = live(w)[0]!;
        w.stuck.add(w.store.nodeOf(p)!.name);
        w.store.markDeleting(p);
      });
      w.run(300_000);
      assert.deepEqual(w.store.allPods.map((p) => p.createdMs), want);
    });
  }

  it('podReplacementPolicy Failed replaces the pod once it is Failed, 10 s after its finish time', () => {
    const { w } = setup(job({ podReplacementPolicy: 'Failed' }), 1_000_000);
    let stuck: Pod | undefined;
    w.sim.at(5_000, () => {
      stuck = live(w)[0]!;
      w.stuck.add(w.store.nodeOf(stuck)!.name);
      w.store.markDeleting(stuck);
    });
    w.sim.at(100_000, () => w.store.setPodPhase(stuck!, 'Failed'));
    w.run(300_000);
    // Failed at 100 s (its containers' finish time): sync at 101 s waits out the 10 s backoff.
    assert.deepEqual(w.store.allPods.map((p) => p.createdMs), [0, 110_000]);
  });

  it('Indexed: one pod per index, named with the index, and a failed index is recreated with the same index', () => {
    const { w, jobs } = setup(job({ completionMode: 'Indexed', completions: 3, parallelism: 3 }));
    w.run(1);
    assert.deepEqual(w.store.allPods.map((p) => [p.name, p.labels[LABEL_COMPLETION_INDEX]]), [
      ['batch-0-00000', '0'], ['batch-1-00001', '1'], ['batch-2-00002', '2'],
    ]);
    w.sim.at(5_000, () => w.store.setPodPhase(w.store.pod('default', 'batch-1-00001')!, 'Failed'));
    w.run(300_000);
    const fourth = w.store.allPods[3]!;
    assert.deepEqual([fourth.name, fourth.labels[LABEL_COMPLETION_INDEX], fourth.createdMs], ['batch-1-00003', '1', 15_000]);
    assert.equal(jobs.jobs[0]!.done, 'Complete');
    assert.equal(w.store.allPods.length, 4);
  });

  it('parallelism and completions: at most parallelism pods, until completions have succeeded', () => {
    const { w, jobs } = setup(job({ completions: 5, parallelism: 2 }), 10_000);
    w.run(300_000);
    assert.deepEqual(w.store.allPods.map((p) => p.createdMs), [0, 0, 12_000, 12_000, 24_000]);
    assert.equal(jobs.jobs[0]!.finishedMs, 36_000);
    assert.deepEqual(w.named('JobCompleted').map((r) => [r.t, r.detail]), [[36_000, 'succeeded=5 failed=0 duration_s=36']]);
  });

  it('lets a finished Job\'s pods and bookkeeping go, keeping its counts', () => {
    const { w, jobs } = setup(job({ completionMode: 'Indexed', completions: 3, parallelism: 3 }), 10_000);
    w.run(300_000);
    const st = jobs.jobs[0]!;
    assert.deepEqual([st.done, st.succeeded, st.failed], ['Complete', 3, 0]);
    assert.deepEqual([st.pods.size, st.counted.size, st.succeededIndexes.size, st.indexOf.size], [0, 0, 0, 0]);
  });
});

describe('Job activeDeadlineSeconds', () => {
  it('fails the Job with DeadlineExceeded at start + deadline and deletes its active pods', () => {
    const { w, jobs } = setup(job({ activeDeadlineMs: 30_000, parallelism: 2, completions: 4 }), 1_000_000);
    w.run(100_000);
    assert.equal(jobs.jobs[0]!.done, 'Failed');
    assert.deepEqual(w.named('JobFailed').map((r) => [r.t, r.detail]), [[30_000, 'DeadlineExceeded duration_s=30']]);
    assert.deepEqual(w.store.allPods.map((p) => p.deletionMs), [30_000, 30_000]);
  });
});

describe('Job pods evicted from an unreachable node', () => {
  it('count their finish time from when the node went Unknown, so the 10 s backoff has long passed', () => {
    const { w } = setup(job(), 1_000_000);
    let node: ReturnType<typeof w.addNode> | undefined;
    w.sim.at(10_000, () => {
      node = w.store.nodeOf(live(w)[0]!)!;
      w.stuck.add(node.name);
      w.store.setNodeReady(node, 'Unknown'); // pods marked Ready=False now
    });
    w.sim.at(310_000, () => w.store.markDeleting(w.store.allPods[0]!)); // taint eviction 300 s later
    w.run(400_000);
    // Counted failed at the 311 s sync; its finish time is 10 s, so no backoff is left.
    assert.deepEqual(w.store.allPods.map((p) => p.createdMs), [0, 311_000]);
  });
});
