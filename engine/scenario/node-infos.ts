/** The scenario's initial nodes as the fault planner sees them (same names, order and labels as the run). */
import { LABEL_ZONE, zoneOf } from '../cluster/node.js';
import type { NodeInfo } from '../faults/spec.js';
import type { NodeManifest, NodePool } from './types.js';
import type { TraceNode } from './traces/alibaba-gpu-2023.js';
import { traceNodeLabels } from './traces/replay.js';

export function scenarioNodeInfos(pools: readonly NodePool[], manifests: readonly NodeManifest[], traceNodes: readonly TraceNode[] = []): NodeInfo[] {
  const out: NodeInfo[] = [];
  for (const pool of pools) {
    for (let i = 0; i < pool.count; i++) {
      const labels: Record<string, string> = { ...pool.labels, 'kubesim.io/pool': pool.pool };
      if (pool.zones.length > 0) labels[LABEL_ZONE] = pool.zones[i % pool.zones.length]!;
      out.push({ name: `${pool.pool}-${i}`, zone: zoneOf(labels), pool: pool.pool, labels });
    }
  }
  for (const n of manifests) out.push({ name: n.name, zone: zoneOf(n.labels), pool: '', labels: n.labels });
  // The nodes of a replayed trace (spec.source) come last, as the run adds them; select them by labels.
  for (const n of traceNodes) out.push({ name: n.name, zone: '', pool: 'trace', labels: traceNodeLabels(n) });
  return out;
}
