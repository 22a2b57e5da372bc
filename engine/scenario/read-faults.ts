/**
 * Reads spec.faults and spec.controllers.nodeLifecycle of a Scenario, checking node, pool and zone names
 * against the scenario's nodes (every problem reported with file, line and field path).
 */
import { didYouMean } from '../core/errors.js';
import type { NodeLifecycleConfig } from '../controllers/node-lifecycle/config.js';
import { DEFAULT_NODE_LIFECYCLE } from '../controllers/node-lifecycle/config.js';
import type { FaultSpec, FaultType, NodeInfo, NodeSelection } from '../faults/spec.js';
import { FAULT_TYPES, RANDOM_FAILURES } from '../faults/spec.js';
import { matching } from '../faults/plan.js';
import type { Reader } from './reader.js';
import { parseRunDuration } from './run-duration.js';
import { readStringMap } from './k8s/meta.js';

const SCHEDULED_FIELDS = ['type', 'at', 'duration', 'nodes', 'selector', 'count', 'pool'];
const RANDOM_FIELDS = ['type', 'failure', 'mtbf', 'mttr', 'nodes', 'selector', 'correlated', 'start', 'stop'];
const NLC_FIELDS = ['nodeMonitorPeriod', 'nodeMonitorGracePeriod', 'nodeStartupGracePeriod', 'nodeEvictionRate', 'secondaryNodeEvictionRate', 'unhealthyZoneThreshold', 'largeClusterSizeThreshold'];

export function readNodeLifecycle(r: Reader): NodeLifecycleConfig {
  r.object(['nodeLifecycle']);
  const n = r.child('nodeLifecycle');
  n.object(NLC_FIELDS);
  const d = DEFAULT_NODE_LIFECYCLE;
  const period = n.child('nodeMonitorPeriod').duration() ?? d.monitorPeriodMs;
  if (period === 0) n.child('nodeMonitorPeriod').fail('nodeMonitorPeriod must be above 0', 'the default is 5s');
  return {
    monitorPeriodMs: period || d.monitorPeriodMs,
    gracePeriodMs: n.child('nodeMonitorGracePeriod').duration() ?? d.gracePeriodMs,
    startupGracePeriodMs: n.child('nodeStartupGracePeriod').duration() ?? d.startupGracePeriodMs,
    evictionRate: n.child('nodeEvictionRate').num({ min: 0 }) ?? d.evictionRate,
    secondaryEvictionRate: n.child('secondaryNodeEvictionRate').num({ min: 0 }) ?? d.secondaryEvictionRate,
    unhealthyZoneThreshold: n.child('unhealthyZoneThreshold').num({ min: 0, max: 1 }) ?? d.unhealthyZoneThreshold,
    largeClusterSizeThreshold: n.child('largeClusterSizeThreshold').int({ min: 0 }) ?? d.largeClusterSizeThreshold,
  };
}

export function readFaults(r: Reader, nodes: readonly NodeInfo[], pools: readonly string[], durationMs: number): FaultSpec[] {
  const out: FaultSpec[] = [];
  for (const item of r.items()) {
    if (!item.object(item.keys(), [], ['type'])) continue;
    const type = item.child('type').str({ required: true, oneOf: FAULT_TYPES }) as FaultType | undefined;
    if (type === undefined) continue;
    if (type === 'random') {
      item.object(RANDOM_FIELDS);
      const mtbfMs = item.child('mtbf').duration(true);
      if (mtbfMs === 0) item.child('mtbf').fail('mtbf must be above 0');
      const mttrText = mttrString(item.child('mttr'));
      const mttr = mttrText === undefined ? undefined : item.child('mttr').guard(() => parseRunDuration(mttrText));
      const target = readSelection(item, nodes, pools, false);
      const startMs = item.child('start').duration() ?? 0;
      const stopMs = item.child('stop').duration() ?? durationMs;
      if (stopMs < startMs) item.child('stop').fail('stop is before start');
      const failure = (item.child('failure').str({ oneOf: RANDOM_FAILURES }) ?? 'nodeDown') as (typeof RANDOM_FAILURES)[number];
      const correlated = (item.child('correlated').str({ oneOf: ['none', 'zone'] }) ?? 'none') as 'none' | 'zone';
      if (mtbfMs && mttr && target) out.push({ type, failure, mtbfMs, mttr, target, correlated, startMs, stopMs });
      continue;
    }
    item.object(SCHEDULED_FIELDS);
    const atMs = item.child('at').duration(true);
    if (atMs !== undefined && atMs > durationMs) item.child('at').fail(`at is after the end of the run (${durationMs / 1000}s)`, 'move it earlier or lengthen spec.duration');
    const durationField = item.child('duration');
    const dur = durationField.duration();
    if (dur === 0) durationField.fail('duration must be above 0', 'drop it for a fault that lasts to the end');
    if (dur !== undefined && (type === 'nodeDelete' || type === 'nodeAdd')) durationField.fail(`${type} is permanent: it takes no duration`, 'remove duration');
    let addPool = '';
    let addCount = 0;
    let target: NodeSelection | undefined;
    if (type === 'nodeAdd') {
      addPool = item.child('pool').str({ required: true }) ?? '';
      if (addPool && !pools.includes(addPool)) item.child('pool').fail(`no node pool named "${addPool}"`, hint(addPool, pools, 'name a pool of spec.nodes'));
      addCount = item.child('count').int({ min: 1, max: 100_000 }) ?? 1;
      target = { nodes: [], pool: undefined, zone: undefined, labels: {}, count: -1 };
    } else {
      if (item.child('pool').present) item.child('pool').fail('pool is for nodeAdd', 'select nodes with selector: {pool: ...}');
      target = readSelection(item, nodes, pools, type === 'zoneOutage' || type === 'zonePartition');
    }
    if (atMs !== undefined && target) out.push({ type, atMs, durationMs: dur ?? -1, target, addPool, addCount });
  }
  return out;
}

/** Parameters of each distribution in the mapping form of mttr, in the order of the string form. */
const MTTR_PARAMS: Record<string, readonly string[]> = {
  fixed: ['value'],
  exponential: ['mean'],
  uniform: ['min', 'max'],
  normal: ['mean', 'stddev'],
  lognormal: ['median', 'sigma'],
  weibull: ['shape', 'scale'],
};

/**
 * mttr as a string (`1h`, `exponential(1h)`, `lognormal(1h, 0.8)`, ...) or as a mapping
 * (`{distribution: lognormal, median: 1h, sigma: 0.8}`), returned in the string form.
 */
function mttrString(r: Reader): string | undefined {
  if (!r.present || typeof r.value !== 'object') return r.str({ required: true });
  const dist = r.child('distribution').str({ required: true, oneOf: Object.keys(MTTR_PARAMS) });
  if (dist === undefined) return undefined;
  const params = MTTR_PARAMS[dist]!;
  r.object(['distribution', ...params], [], params);
  const args = params.map((k) => r.child(k).str() ?? '');
  if (args.some((a) => a === '')) return undefined;
  return dist === 'fixed' ? args[0] : `${dist}(${args.join(', ')})`;
}

function hint(name: string, known: readonly string[], otherwise: string): string {
  const g = didYouMean(name, known);
  return g ? `did you mean "${g}"?` : otherwise;
}

function readSelection(item: Reader, nodes: readonly NodeInfo[], pools: readonly string[], needsZone: boolean): NodeSelection | undefined {
  const names = item.child('nodes').items().map((n) => n.str() ?? '');
  const known = nodes.map((n) => n.name);
  const knownSet = new Set(known);
  item.child('nodes').items().forEach((n, i) => {
    const name = names[i]!;
    if (name && !knownSet.has(name)) n.fail(`no node named "${name}"`, hint(name, known, 'pool nodes are named <pool>-<index>, from 0'));
  });
  const sel = item.child('selector');
  sel.object(['pool', 'zone', 'labels']);
  const pool = sel.child('pool').str();
  const zone = sel.child('zone').str();
  const zones = [...new Set(nodes.map((n) => n.zone))];
  if (pool !== undefined && !pools.includes(pool)) sel.child('pool').fail(`no node pool named "${pool}"`, hint(pool, pools, 'name a pool of spec.nodes'));
  if (zone !== undefined && !zones.includes(zone)) sel.child('zone').fail(`no node in zone "${zone}"`, hint(zone, zones, `zones here: ${zones.join(', ')}`));
  if (needsZone && zone === undefined && names.length === 0) item.fail('a zone fault needs selector.zone', 'add selector: {zone: <zone>}');
  if (names.length > 0 && sel.present) item.child('selector').fail('give nodes or selector, not both');
  if (names.length === 0 && !sel.present && !needsZone && !item.child('count').present) item.fail('which nodes? give nodes: [...], selector: {...} or count: N', 'e.g. nodes: [general-0]');
  const count = item.child('count').int({ min: 1 }) ?? -1;
  const target: NodeSelection = { nodes: names, pool, zone, labels: readStringMap(sel.child('labels')), count };
  const matched = matching(target, nodes).length;
  if (count > matched) item.child('count').fail(`count ${count} is more than the ${matched} matching nodes`);
  return target;
}
