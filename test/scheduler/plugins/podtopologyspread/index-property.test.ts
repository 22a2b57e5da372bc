import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Node } from '../../../../engine/cluster/node.js';
import type { Pod } from '../../../../engine/cluster/pod.js';
import type { Taint } from '../../../../engine/cluster/taints.js';
import type { PodTopologySpreadArgs } from '../../../../engine/scheduler/plugins/podtopologyspread/common.js';
import type { Template } from './world.js';
import { HOST, World, ZONE, spread } from './world.js';

const ZONES = ['z1', 'z2', 'z3', undefined] as const;
const TAINTS: Taint[][] = [[], [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }], [{ key: 'bad', value: '', effect: 'NoExecute' }]];
const RS = { kind: 'ReplicaSet', name: 'rs', uid: 1, controller: true };

function nodeLabels(zone: number, tier: number): Record<string, string> {
  const z = ZONES[zone % ZONES.length];
  return { ...(z === undefined ? {} : { [ZONE]: z }), tier: tier % 2 === 0 ? 'x' : 'y' };
}

/** Templates covering hard/soft, zone/hostname, inclusion policies, minDomains, matchLabelKeys, defaults. */
function templates(w: World): Template[] {
  const tolerateDedicated = [{ key: 'dedicated', operator: 'Exists' as const, value: '', effect: '' as const }];
  return [
    { namespace: 'default', labels: { app: 'a' }, spec: w.spec({ topologySpreadConstraints: [spread(ZONE, 'DoNotSchedule', 'a', { nodeAffinityPolicy: 'Ignore' })] }) },
    { namespace: 'default', labels: { app: 'b' }, spec: w.spec({ nodeSelector: { tier: 'x' }, tolerations: tolerateDedicated, topologySpreadConstraints: [spread(ZONE, 'DoNotSchedule', 'b', { nodeTaintsPolicy: 'Honor', minDomains: 3 })] }) },
    { namespace: 'default', labels: { app: 'c' }, spec: w.spec({ topologySpreadConstraints: [spread(HOST, 'DoNotSchedule', 'c', { maxSkew: 2, minDomains: 4 }), spread(ZONE, 'DoNotSchedule', 'a', { maxSkew: 2 })] }) },
    { namespace: 'default', labels: { app: 'd' }, spec: w.spec({ nodeSelector: { tier: 'y' }, topologySpreadConstraints: [spread(ZONE, 'ScheduleAnyway', 'd', { nodeTaintsPolicy: 'Honor' }), spread(HOST, 'ScheduleAnyway', 'a', { maxSkew: 3 })] }) },
    { namespace: 'default', labels: { app: 'e' }, owner: RS, spec: w.spec({}) },
    { namespace: 'default', labels: { app: 'f', ver: '1' }, spec: w.spec({ topologySpreadConstraints: [spread(ZONE, 'DoNotSchedule', 'f', { matchLabelKeys: ['ver'] }), spread(ZONE, 'ScheduleAnyway', 'f', { matchLabelKeys: ['ver'] })] }) },
    { namespace: 'other', labels: { app: 'a' }, owner: RS, spec: w.spec({}) },
    { namespace: 'default', labels: { app: 'f', ver: '2' }, spec: w.spec({}) },
    { namespace: 'default', labels: { app: 'g' }, owner: { ...RS, kind: 'StatefulSet' }, perPodLabels: true, spec: w.spec({}) },
  ];
}

type Op = [kind: number, a: number, b: number];

/** Applies one churn step: binds, terminations, removals, node add/delete/relabel/retaint. */
function apply(w: World, tpls: Template[], bound: Pod[], [kind, a, b]: Op): void {
  const live = w.live();
  switch (kind) {
    case 0:
    case 1:
      if (live.length > 0) bound.push(w.pod(tpls[a % tpls.length]!, live[b % live.length]!));
      return;
    case 2:
    case 3:
    case 4: {
      if (bound.length === 0) return;
      const pod = bound[a % bound.length]!;
      if (kind === 2) w.store.markDeleting(pod);
      else if (kind === 3) w.store.setPodPhase(pod, b % 2 === 0 ? 'Succeeded' : 'Running');
      else {
        w.store.removePod(pod);
        bound.splice(a % bound.length, 1);
      }
      return;
    }
    case 5:
      if (live.length > 0) w.store.removeNode(live[a % live.length]!);
      return;
    case 6:
      w.node(nodeLabels(a, b), TAINTS[b % TAINTS.length]!);
      return;
    case 7:
      if (live.length > 0) {
        const n = live[a % live.length]!;
        w.store.setNodeLabels(n, { ...nodeLabels(b, a), [HOST]: n.labels[HOST]! });
      }
      return;
    default:
      if (live.length > 0) w.store.setNodeTaints(live[a % live.length]!, TAINTS[b % TAINTS.length]!);
  }
}

function compare(w: World, incoming: Pod[], pick: number): void {
  const live = w.live();
  const filtered: Node[] = live.filter((_, i) => ((pick >> i % 16) & 1) === 0);
  for (const pod of incoming) {
    assert.deepEqual(w.domains(pod), w.oracleDomains(pod), `domains of ${pod.labels.app ?? ''} in ${pod.namespace}`);
    assert.deepEqual(w.filter(pod), w.oracleFilter(pod), `filter of ${pod.labels.app ?? ''} in ${pod.namespace}`);
    if (filtered.length > 0) assert.deepEqual(w.scores(pod, filtered), w.oracleScores(pod, filtered), `scores of ${pod.labels.app ?? ''} in ${pod.namespace}`);
    if (filtered.length > 0) assert.deepEqual(w.fusedScores(pod, filtered), w.oracleScores(pod, filtered), `fused scores of ${pod.labels.app ?? ''} in ${pod.namespace}`);
  }
}

function property(args?: PodTopologySpreadArgs): void {
  const op = fc.tuple(fc.nat(8), fc.nat(1000), fc.nat(1000));
  fc.assert(
    fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), fc.nat(), (ops, pick) => {
      const w = new World(args);
      const tpls = templates(w);
      for (let i = 0; i < 6; i++) w.node(nodeLabels(i, i >> 1), TAINTS[i % 3]!);
      const bound: Pod[] = [];
      const incoming = tpls.map((t) => w.pod(t));
      for (const o of ops) {
        apply(w, tpls, bound, o as Op);
        compare(w, incoming, pick);
      }
      // Pods with labels of their own (StatefulSet) bring new selectors while the index runs.
      compare(w, bound.filter((p) => p.labels['pod-name'] !== undefined), pick);
    }),
    { numRuns: 60, seed: 7 },
  );
}

describe('PodTopologySpread index equals the brute-force computation', () => {
  it('under pod and node churn with the system default constraints', () => property());

  it('under pod and node churn with listed default constraints (hard and soft)', () =>
    property({
      defaultingType: 'List',
      defaultConstraints: [
        { maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule' },
        { maxSkew: 2, topologyKey: HOST, whenUnsatisfiable: 'ScheduleAnyway' },
      ],
    }));
});
