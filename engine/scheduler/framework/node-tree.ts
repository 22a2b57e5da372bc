/**
 * Node order as kube-scheduler's cache lists it (pkg/scheduler/backend/cache/node_tree.go): nodes are
 * grouped by zone key (region + zone labels), zones in order of first appearance, nodes within a zone
 * in insertion order, and the list interleaves the zones round-robin (one node per zone in turn).
 */
import type { Node } from '../../cluster/node.js';

const LABEL_REGION = 'topology.kubernetes.io/region';
const LABEL_ZONE = 'topology.kubernetes.io/zone';
const LABEL_REGION_BETA = 'failure-domain.beta.kubernetes.io/region';
const LABEL_ZONE_BETA = 'failure-domain.beta.kubernetes.io/zone';

/** utilnode.GetZoneKey: "" when the node has neither region nor zone. */
export function zoneKey(node: Node): string {
  const l = node.labels;
  const region = l[LABEL_REGION] ?? l[LABEL_REGION_BETA] ?? '';
  const zone = l[LABEL_ZONE] ?? l[LABEL_ZONE_BETA] ?? '';
  if (region === '' && zone === '') return '';
  return `${region}:\u0000:${zone}`;
}

/** Live nodes (in store index order) re-ordered zone-interleaved. */
export function nodeTreeOrder(nodes: readonly Node[]): Node[] {
  const zones = new Map<string, Node[]>();
  for (const n of nodes) {
    const key = zoneKey(n);
    let list = zones.get(key);
    if (!list) zones.set(key, (list = []));
    list.push(n);
  }
  if (zones.size <= 1) return [...nodes];
  const lists = [...zones.values()];
  const out: Node[] = [];
  for (let i = 0; out.length < nodes.length; i++) {
    for (const list of lists) if (i < list.length) out.push(list[i]!);
  }
  return out;
}
