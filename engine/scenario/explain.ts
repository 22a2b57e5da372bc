/**
 * `kubesim explain`: runs a scenario until one pod's N-th scheduling attempt and returns what the
 * scheduler's runtime recorded in that very cycle (filter verdicts, raw / normalized / weighted scores,
 * the chosen node), plus the PostFilter outcome (nominated node, victims) once the cycle is over.
 */
import { podKey } from '../cluster/pod.js';
import { SimError } from '../core/errors.js';
import type { ExplainRecord } from '../scheduler/framework/explain.js';
import type { RunOptions } from './simulation.js';
import { Simulation } from './simulation.js';
import type { Scenario } from './types.js';

/** The JSON document `kubesim explain --json` prints (the shape issue 3 specifies). */
export interface ExplainJson {
  pod: string;
  attempt: number;
  time_s: number;
  nodes: { node: string; feasible: boolean; rejectedBy: string | null; reason: string | null; scores: ExplainRecord['nodes'][number]['scores']; total: number | null }[];
  selected: string | null;
  nominatedNode: string | null;
  victims: string[];
}

/** `prepare` may adjust the assembled simulation before it runs (tests: e.g. mark pods terminating). */
export function explainPod(scenario: Scenario, pod: string, attempt = 1, options: RunOptions = {}, prepare?: (s: Simulation) => void): ExplainRecord {
  const key = pod.includes('/') ? pod : `default/${pod}`;
  const simulation = new Simulation(scenario, options);
  prepare?.(simulation);
  let record: ExplainRecord | undefined;
  simulation.scheduler.runtime.explain = {
    want: (p, n) => n === attempt && podKey(p) === key,
    done: (r) => {
      record = r;
      // No later attempt joins this one's event (Scheduler.cycle runs attempts in a row only until a stop).
      simulation.sim.stop();
    },
  };
  const { sim, store } = simulation;
  // PostFilter runs right after the recorded cycle, in the same event: its victims are this attempt's.
  const victims: string[] = [];
  store.events.onRecord((_t, event, object, _node, detail) => {
    if (record !== undefined && event === 'PodPreempted' && detail === `preempted by ${key}`) victims.push(object);
  });
  const end = scenario.durationMs;
  while (record === undefined) {
    const t = sim.queue.peekTime();
    if (t === undefined || t > end) break;
    sim.step();
  }
  if (record === undefined) {
    const p = store.allPods.find((x) => podKey(x) === key);
    const why = p === undefined ? 'no pod of that name exists in the run' : `it made ${p.attempts} scheduling attempt(s) before the end of the run`;
    throw new SimError('E_USAGE', `pod ${key} has no scheduling attempt ${attempt}: ${why}`, { hint: p === undefined ? 'give --pod as namespace/name (kubectl style)' : `use --attempt 1..${Math.max(p.attempts, 1)}` });
  }
  const target = store.allPods.find((x) => podKey(x) === key);
  if (target && target.nominatedNodeName) record.nominatedNode = target.nominatedNodeName;
  record.victims = victims;
  return record;
}

export function explainJson(r: ExplainRecord): ExplainJson {
  return {
    pod: r.pod,
    attempt: r.attempt,
    time_s: r.time_s,
    nodes: r.nodes.map((n) => ({ node: n.node, feasible: n.feasible, rejectedBy: n.rejectedBy, reason: n.reason, scores: n.scores, total: n.total })),
    selected: r.selected,
    nominatedNode: r.nominatedNode,
    victims: r.victims,
  };
}

/** A plain-text report: one line per node, the score plugins as columns. */
export function explainText(r: ExplainRecord): string {
  const plugins = [...new Set(r.nodes.flatMap((n) => Object.keys(n.scores)))];
  const lines = [`pod ${r.pod}, attempt ${r.attempt}, t=${r.time_s}s`];
  if (r.skipped.length > 0) lines.push(`Skip returned by: ${r.skipped.join(', ')}`);
  const width = Math.max(4, ...r.nodes.map((n) => n.node.length));
  const head = ['node'.padEnd(width), 'verdict'.padEnd(10), ...plugins.map((p) => `${p} raw/norm/weighted`), 'total'];
  lines.push(head.join('  '));
  for (const n of r.nodes) {
    if (!n.feasible) {
      const verdict = n.rejectedBy ? `rejected by ${n.rejectedBy}: ${n.reason ?? ''}` : (n.reason ?? 'not evaluated');
      lines.push(`${n.node.padEnd(width)}  ${verdict}`);
      continue;
    }
    const cells = plugins.map((p) => {
      const s = n.scores[p];
      return (s ? `${s.raw}/${s.normalized}/${s.weighted}` : '-').padEnd(p.length + 18);
    });
    lines.push([n.node.padEnd(width), 'feasible'.padEnd(10), ...cells, String(n.total ?? '-')].join('  '));
  }
  lines.push(`selected: ${r.selected ?? '(none: no feasible node)'}`);
  if (r.nominatedNode) lines.push(`nominated node: ${r.nominatedNode}`);
  if (r.victims.length > 0) lines.push(`victims: ${r.victims.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
