/** The fused path's per-key spread scores (score-table.ts) must equal the brute-force scores, cycle after cycle. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from '../../../../engine/cluster/node.js';
import { MAX_COMBOS } from '../../../../engine/scheduler/plugins/podtopologyspread/score-table.js';
import type { Template } from './world.js';
import { HOST, World, ZONE, spread } from './world.js';

const NO_LABELS: Record<string, string> = {};
const RS = { kind: 'ReplicaSet', name: 'rs', uid: 1, controller: true };

function nodes(w: World, count: number, labelsOf: (i: number) => Record<string, string>): Node[] {
  return Array.from({ length: count }, (_, i) => w.node({ [HOST]: `h${i}`, ...labelsOf(i) }));
}

/** Binds `t`'s pods one by one, each on the node the fused scores rank first, checking every cycle. */
function bindAndCheck(w: World, t: Template, candidates: readonly Node[], cycles: number): void {
  for (let c = 0; c < cycles; c++) {
    const pod = w.pod(t);
    const fused = w.fusedScores(pod, candidates);
    assert.deepEqual(fused, w.oracleScores(pod, candidates), `cycle ${c}`);
    assert.deepEqual(fused, w.scores(pod, candidates), `cycle ${c} (per-node path)`);
    const best = fused!.indexOf(Math.max(...fused!));
    w.store.bindPod(pod, candidates[(best + c) % candidates.length]!);
  }
}

describe('PodTopologySpread fused scores', () => {
  it('follow the counts from cycle to cycle with the system defaults (hostname + zone keys reused across cycles)', () => {
    const w = new World();
    const all = nodes(w, 12, (i) => ({ [ZONE]: `z${i % 3}` }));
    bindAndCheck(w, { namespace: 'default', labels: { app: 'web' }, owner: RS, spec: w.spec({}) }, all, 30);
  });

  it('count nodes without a zone as their own domain and candidates subsets as upstream', () => {
    const w = new World();
    const all = nodes(w, 9, (i) => (i % 4 === 0 ? NO_LABELS : { [ZONE]: `z${i % 2}` }));
    bindAndCheck(w, { namespace: 'default', labels: { app: 'web' }, owner: RS, spec: w.spec({}) }, all.slice(2), 20);
  });

  it('with two hostname constraints take the per-candidate loops and give the same scores', () => {
    const w = new World();
    const all = nodes(w, 8, (i) => ({ [ZONE]: `z${i % 2}` }));
    const spec = w.spec({ topologySpreadConstraints: [spread(HOST, 'ScheduleAnyway', 'a', { maxSkew: 1 }), spread(HOST, 'ScheduleAnyway', 'a', { maxSkew: 4 }), spread(ZONE, 'ScheduleAnyway', 'a')] });
    bindAndCheck(w, { namespace: 'default', labels: { app: 'a' }, spec }, all, 12);
  });

  it(`with more than ${MAX_COMBOS} domain combinations take the per-candidate loops and give the same scores`, () => {
    const w = new World();
    const all = nodes(w, 40, (i) => ({ rack: `r${i}`, row: `w${i}` }));
    const spec = w.spec({ topologySpreadConstraints: [spread('rack', 'ScheduleAnyway', 'a'), spread('row', 'ScheduleAnyway', 'a', { maxSkew: 2 })] });
    bindAndCheck(w, { namespace: 'default', labels: { app: 'a' }, spec }, all, 10);
  });

  it('ignore candidates without every key (own constraints) as upstream', () => {
    const w = new World();
    const all = nodes(w, 10, (i) => (i % 3 === 0 ? NO_LABELS : { [ZONE]: `z${i % 2}` }));
    const spec = w.spec({ topologySpreadConstraints: [spread(ZONE, 'ScheduleAnyway', 'a'), spread(HOST, 'ScheduleAnyway', 'a', { maxSkew: 2 })] });
    bindAndCheck(w, { namespace: 'default', labels: { app: 'a' }, spec }, all, 12);
  });
});
