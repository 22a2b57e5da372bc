/** A small cluster with a PodTopologySpread plugin for the index tests: nodes, pod templates, checks. */
import { ClusterStore } from '../../../../engine/cluster/store.js';
import { ResourceNames } from '../../../../engine/cluster/resources.js';
import { Simulator } from '../../../../engine/core/simulator.js';
import { Rng } from '../../../../engine/core/rng.js';
import { createPod } from '../../../../engine/cluster/pod-factory.js';
import type { Node } from '../../../../engine/cluster/node.js';
import type { Pod, PodSpec, TopologySpreadConstraint } from '../../../../engine/cluster/pod.js';
import type { Labels } from '../../../../engine/cluster/labels.js';
import type { Taint } from '../../../../engine/cluster/taints.js';
import assert from 'node:assert/strict';
import { CycleState } from '../../../../engine/scheduler/framework/interfaces.js';
import { Code } from '../../../../engine/scheduler/framework/status.js';
import type { PodTopologySpreadArgs } from '../../../../engine/scheduler/plugins/podtopologyspread/common.js';
import { DEFAULT_POD_TOPOLOGY_SPREAD_ARGS, podConstraints } from '../../../../engine/scheduler/plugins/podtopologyspread/common.js';
import type { PodTopologySpread } from '../../../../engine/scheduler/plugins/podtopologyspread/pod-topology-spread.js';
import { newPodTopologySpread } from '../../../../engine/scheduler/plugins/podtopologyspread/pod-topology-spread.js';
import type { HardPlan } from '../../../../engine/scheduler/plugins/podtopologyspread/plan.js';
import { oracleFilter, oraclePreFilter, oracleScores } from './oracle.js';

export const ZONE = 'topology.kubernetes.io/zone';
export const HOST = 'kubernetes.io/hostname';

export function spread(topologyKey: string, when: TopologySpreadConstraint['whenUnsatisfiable'], app: string, over: Partial<TopologySpreadConstraint> = {}): TopologySpreadConstraint {
  return { maxSkew: 1, topologyKey, whenUnsatisfiable: when, labelSelector: { matchLabels: { app }, matchExpressions: [] }, minDomains: undefined, nodeAffinityPolicy: 'Honor', nodeTaintsPolicy: 'Ignore', matchLabelKeys: [], ...over };
}

export interface Template {
  labels: Labels;
  spec: PodSpec;
  namespace: string;
  owner?: Pod['owner'];
  /** Each pod gets its own labels object with its name added (as StatefulSet pods). */
  perPodLabels?: boolean;
}

export class World {
  readonly names = new ResourceNames();
  readonly store = new ClusterStore(new Simulator(), this.names);
  plugin: PodTopologySpread;
  private seq = 0;

  constructor(readonly args: PodTopologySpreadArgs = DEFAULT_POD_TOPOLOGY_SPREAD_ARGS) {
    this.plugin = newPodTopologySpread(args, { store: this.store, rng: new Rng('pts') });
  }

  /** A fresh plugin (and index) over the current store, as if the scheduler started now. */
  restartPlugin(): void {
    this.plugin = newPodTopologySpread(this.args, { store: this.store, rng: new Rng('pts') });
  }

  spec(over: Partial<PodSpec>): PodSpec {
    return { requests: this.names.vector(), nonZeroCpu: 0, nonZeroMemory: 0, nodeName: '', tolerations: [], nodeSelector: {}, affinity: undefined, topologySpreadConstraints: [], priority: 0, ...over } as unknown as PodSpec;
  }

  node(labels: Labels, taints: Taint[] = []): Node {
    return this.store.addNode({ name: `n${this.seq++}`, labels, taints, unschedulable: false, allocatable: this.names.vector(), images: [], pool: '' });
  }

  pod(t: Template, on?: Node): Pod {
    const name = `p${this.seq++}`;
    const labels = t.perPodLabels ? { ...t.labels, 'pod-name': name } : t.labels;
    const pod = createPod(this.store, { name, namespace: t.namespace, labels, spec: t.spec, owner: t.owner });
    if (on) this.store.bindPod(pod, on);
    return pod;
  }

  live(): Node[] {
    return this.store.nodes.filter((n) => !n.deleted);
  }

  /** Filter outcome per live node, as the plugin gives it ('skip' when PreFilter skips). */
  filter(pod: Pod): string[] {
    const state = new CycleState();
    const nodes = this.live();
    const s = this.plugin.preFilter(state, pod);
    if (s?.code === Code.Skip) return nodes.map(() => 'skip');
    return nodes.map((n) => {
      const r = this.plugin.filter(state, pod, n);
      return r === null ? 'ok' : r.code === Code.UnschedulableAndUnresolvable ? 'label' : 'skew';
    });
  }

  /** tpValueToMatchNum and the minimum per hard constraint, as the index holds them after PreFilter. */
  domains(pod: Pod): { counts: Record<string, number>; min: number; rawMin: number }[] {
    const state = new CycleState();
    if (this.plugin.preFilter(state, pod)?.code === Code.Skip) return [];
    const plan = state.read<HardPlan>('PreFilterPodTopologySpread')!;
    return plan.counts.map((c, i) => {
      const counts: Record<string, number> = {};
      c.view.values.forEach((v, id) => {
        if (c.view.nodesIn[id]! > 0) counts[v] = c.count[id]!;
      });
      return { counts, min: plan.minMatch[i]!, rawMin: c.min };
    });
  }

  oracleDomains(pod: Pod): { counts: Record<string, number>; min: number; rawMin: number }[] {
    const constraints = podConstraints(pod, 'DoNotSchedule', this.args);
    if (constraints.length === 0) return [];
    const s = oraclePreFilter(this.store, pod, constraints);
    return constraints.map((c, i) => {
      const m = s.tpValueToMatchNum[i]!;
      return { counts: Object.fromEntries(m), min: m.size < c.minDomains ? 0 : s.minMatch[i]!, rawMin: s.minMatch[i]! };
    });
  }

  oracleFilter(pod: Pod): string[] {
    const constraints = podConstraints(pod, 'DoNotSchedule', this.args);
    const nodes = this.live();
    if (constraints.length === 0) return nodes.map(() => 'skip');
    const s = oraclePreFilter(this.store, pod, constraints);
    return nodes.map((n) => oracleFilter(s, constraints, pod, n));
  }

  /** Normalized scores of the candidates (null when PreScore skips). */
  scores(pod: Pod, filtered: readonly Node[]): number[] | null {
    const state = new CycleState();
    const s = this.plugin.preScore(state, pod, filtered);
    if (s?.code === Code.Skip) return null;
    const scores = filtered.map((n) => this.plugin.score(state, pod, n));
    this.plugin.normalizeScore(state, pod, filtered, scores);
    return scores;
  }

  /**
   * The fused path's scores of the candidates (addWeightedScores with weight 1 over totals of 7; null when
   * PreScore skips), checking the highest total it reports against a scan as selectHost's.
   */
  fusedScores(pod: Pod, filtered: readonly Node[]): number[] | null {
    const state = new CycleState();
    const s = this.plugin.preScore(state, pod, filtered);
    if (s?.code === Code.Skip) return null;
    const totals = new Float64Array(filtered.length).fill(7);
    const top = { max: 0, ties: 0, first: 0 };
    const tracked = this.plugin.addWeightedScores(state, filtered, Int32Array.from(filtered, (n) => n.index), filtered.length, new Float64Array(filtered.length), 1, totals, 0, top);
    if (tracked) {
      const max = Math.max(...totals);
      assert.deepEqual(top, { max, ties: totals.filter((t) => t === max).length, first: totals.indexOf(max) });
    }
    return [...totals].map((t) => t - 7);
  }

  oracleScores(pod: Pod, filtered: readonly Node[]): number[] | null {
    const constraints = podConstraints(pod, 'ScheduleAnyway', this.args);
    if (constraints.length === 0) return null;
    const requireAll = pod.spec.topologySpreadConstraints.length > 0 || this.args.defaultingType !== 'System';
    return oracleScores(this.store, pod, constraints, filtered, requireAll);
  }
}
