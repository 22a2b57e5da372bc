/** Draws the concrete fault schedule from the specs, the initial nodes and the 'faults' stream only. */
import type { Rng } from '../core/rng.js';
import { sample } from '../core/rng.js';
import type { FaultAction, FaultSpec, NodeInfo, NodeSelection, PlannedFault, RandomFault, ScheduledFault } from './spec.js';

const ACTION: Record<ScheduledFault['type'], FaultAction> = {
  nodeDown: 'down',
  zoneOutage: 'down',
  partition: 'partitioned',
  zonePartition: 'partitioned',
  notReady: 'notReady',
  nodeDelete: 'delete',
  drain: 'drain',
  nodeAdd: 'add',
  outOfService: 'outOfService',
};

export function matching(sel: NodeSelection, nodes: readonly NodeInfo[]): NodeInfo[] {
  if (sel.nodes.length > 0) {
    const wanted = new Set(sel.nodes);
    return nodes.filter((n) => wanted.has(n.name));
  }
  return nodes.filter(
    (n) => (sel.pool === undefined || n.pool === sel.pool) && (sel.zone === undefined || n.zone === sel.zone) && hasLabels(n.labels, sel.labels),
  );
}

function hasLabels(labels: NodeInfo['labels'], want: NodeSelection['labels']): boolean {
  for (const k in want) if (labels[k] !== want[k]) return false;
  return true;
}

/** `count` distinct nodes at random (a partial Fisher-Yates shuffle), in their original order. */
function pick(nodes: NodeInfo[], count: number, rng: Rng): NodeInfo[] {
  if (count < 0 || count >= nodes.length) return nodes;
  const idx = nodes.map((_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(idx.length - i);
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx.slice(0, count).sort((a, b) => a - b).map((i) => nodes[i]!);
}

export function planFaults(specs: readonly FaultSpec[], nodes: readonly NodeInfo[], rng: Rng, endMs: number): PlannedFault[] {
  const out: PlannedFault[] = [];
  for (const spec of specs) {
    if (spec.type === 'random') planRandom(spec, nodes, rng, endMs, out);
    else {
      const chosen = spec.type === 'nodeAdd' ? [] : pick(matching(spec.target, nodes), spec.target.count, rng);
      out.push({
        atMs: spec.atMs,
        endMs: spec.durationMs >= 0 ? spec.atMs + spec.durationMs : -1,
        action: ACTION[spec.type],
        type: spec.type,
        nodes: chosen.map((n) => n.name),
        addPool: spec.addPool,
        addCount: spec.addCount,
      });
    }
  }
  // Stable by time: equal times keep the order of the specs.
  return out.map((f, i) => ({ f, i })).sort((a, b) => a.f.atMs - b.f.atMs || a.i - b.i).map((x) => x.f);
}

function planRandom(spec: RandomFault, nodes: readonly NodeInfo[], rng: Rng, endMs: number, out: PlannedFault[]): void {
  const chosen = matching(spec.target, nodes);
  const units: NodeInfo[][] = [];
  if (spec.correlated === 'zone') {
    const byZone = new Map<string, NodeInfo[]>();
    for (const n of chosen) byZone.set(n.zone, [...(byZone.get(n.zone) ?? []), n]);
    for (const zone of [...byZone.keys()].sort()) units.push(byZone.get(zone)!);
  } else for (const n of chosen) units.push([n]);
  const stop = Math.min(spec.stopMs, endMs);
  for (const unit of units) {
    let t = spec.startMs;
    for (;;) {
      t += Math.max(1, Math.round(rng.exponential(spec.mtbfMs)));
      if (t >= stop) break;
      const repair = spec.mttr.kind === 'fixed' ? spec.mttr.ms : Math.max(1, Math.round(sample(rng, spec.mttr.spec)));
      out.push({ atMs: t, endMs: t + repair, action: ACTION[spec.failure], type: 'random', nodes: unit.map((n) => n.name), addPool: '', addCount: 0 });
      t += repair;
    }
  }
}
