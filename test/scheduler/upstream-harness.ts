/**
 * Turns one case of an upstream plugin test table (test/fixtures/upstream/*.json) into a stream of
 * Kubernetes manifests (Nodes, pre-bound Pods, one incoming Pod and a KubeSchedulerConfiguration that
 * enables only the plugin under test) and runs it through `explain`, so the numbers checked are the
 * ones a real run uses.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario } from '../../engine/scenario/load.js';
import { explainPod } from '../../engine/scenario/explain.js';
import type { ExplainRecord } from '../../engine/scheduler/framework/explain.js';
import type { AnyPlugin, PluginFactory } from '../../engine/scheduler/framework/interfaces.js';
import { Status } from '../../engine/scheduler/framework/status.js';
import { tempDir } from '../helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Json = any;

export interface FixtureFile {
  source: string;
  plugin: string;
  cases: Json[];
}

export const INFEASIBLE = 'HarnessInfeasible';
export const ZERO_SCORE = 'HarnessZeroScore';

function ns(v: unknown): string {
  return typeof v === 'string' && v !== '' ? v.toLowerCase() : 'default';
}

function container(c: Json, i: number, prefix: string): Json {
  const out: Json = { name: c.name || `${prefix}${i}` };
  if (c.image) out.image = c.image;
  const requests = c.requests ?? c.resources?.requests;
  const limits = c.limits ?? c.resources?.limits;
  if (requests || limits) out.resources = { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) };
  if (c.ports) out.ports = c.ports.map((p: Json) => ({ containerPort: p.containerPort || p.hostPort || 1, ...(p.hostPort ? { hostPort: p.hostPort } : {}), ...(p.protocol ? { protocol: p.protocol } : {}), ...(p.hostIP ? { hostIP: p.hostIP } : {}) }));
  if (c.restartPolicy) out.restartPolicy = c.restartPolicy;
  return out;
}

export function podManifest(p: Json, incoming: boolean, plugin: string): Json {
  const containers = (p.containers ?? []).map((c: Json, i: number) => container(c, i, 'c'));
  // A pod without containers requests nothing; an explicit 0 keeps the scoring defaults away.
  if (containers.length === 0) containers.push({ name: 'c0', resources: { requests: { cpu: '0', memory: '0' } } });
  const spec: Json = { containers };
  if (p.initContainers) spec.initContainers = p.initContainers.map((c: Json, i: number) => container(c, i, 'init'));
  for (const k of ['nodeSelector', 'tolerations', 'topologySpreadConstraints', 'overhead', 'priority']) if (p[k] !== undefined) spec[k] = p[k];
  if (p.affinity) spec.affinity = defaultNamespaces(p.affinity);
  if (p.nodeName && (!incoming || plugin === 'NodeName')) spec.nodeName = dnsName(p.nodeName);
  const metadata: Json = { name: dnsName(p.name), namespace: ns(p.namespace) };
  if (p.labels) metadata.labels = p.labels;
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}

/** Pods in namespace "" live in "default" here; terms naming "" follow them. */
function defaultNamespaces(v: Json): Json {
  if (Array.isArray(v)) return v.map(defaultNamespaces);
  if (v === null || typeof v !== 'object') return v;
  const out: Json = {};
  for (const [k, x] of Object.entries(v)) out[k] = k === 'namespaces' && Array.isArray(x) ? x.map((n: string) => ns(n)) : defaultNamespaces(x);
  return out;
}

/** Upstream tests use names like "nodeA"; Kubernetes names are lower-case (DNS-1123). */
export function dnsName(name: string): string {
  return name.toLowerCase();
}

export function nodeManifest(n: Json): Json {
  const status: Json = { allocatable: n.allocatable ?? {} };
  if (n.images) status.images = n.images;
  const spec: Json = {};
  if (n.taints) spec.taints = n.taints;
  if (n.unschedulable) spec.unschedulable = true;
  return { apiVersion: 'v1', kind: 'Node', metadata: { name: dnsName(n.name), ...(n.labels ? { labels: n.labels } : {}) }, spec, status };
}

/** Only the plugin under test: at PreFilter+Filter for filter cases, at PreScore+Score for score cases. */
export function configFor(plugin: string, c: Json, scoring: boolean): Json {
  const one = [{ name: plugin }];
  const infeasible = (c.nodes ?? []).some((n: Json) => n.feasible === false);
  const plugins: Json = { multiPoint: { disabled: [{ name: '*' }] } };
  if (scoring) {
    plugins.preScore = { enabled: one };
    plugins.score = { enabled: one };
    if (infeasible) plugins.filter = { enabled: [{ name: INFEASIBLE }] };
  } else {
    plugins.preFilter = { enabled: one };
    plugins.filter = { enabled: one };
    plugins.score = { enabled: [{ name: ZERO_SCORE }] }; // so that filtering visits every node
  }
  const profile: Json = { schedulerName: 'default-scheduler', plugins };
  if (c.pluginArgs && Object.keys(c.pluginArgs).length > 0) profile.pluginConfig = [{ name: plugin, args: c.pluginArgs }];
  return { apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration', percentageOfNodesToScore: 100, profiles: [profile] };
}

function harnessPlugins(infeasible: ReadonlySet<string>): Map<string, PluginFactory> {
  return new Map<string, PluginFactory>([
    [INFEASIBLE, (): AnyPlugin => ({ name: INFEASIBLE, filter: (_s, _p, node) => (infeasible.has(node.name) ? Status.unresolvable('not a candidate in the upstream test') : null) })],
    [ZERO_SCORE, (): AnyPlugin => ({ name: ZERO_SCORE, score: () => 0 })],
  ]);
}

export function manifestsFor(plugin: string, c: Json, scoring: boolean): string {
  const docs: Json[] = [];
  for (const n of c.nodes ?? []) docs.push(nodeManifest(n));
  for (const p of c.existingPods ?? []) if (p.nodeName) docs.push(podManifest(p, false, plugin));
  docs.push(podManifest(c.pod, true, plugin));
  docs.push(configFor(plugin, c, scoring));
  return docs.map((d) => JSON.stringify(d)).join('\n---\n');
}

/** Runs the case; returns the explain record of the incoming pod's first attempt. */
export function runCase(plugin: string, c: Json, scoring: boolean): ExplainRecord {
  const dir = tempDir('kubesim-upstream-');
  const file = join(dir, 'case.yaml');
  writeFileSync(file, manifestsFor(plugin, c, scoring));
  try {
    const scenario = loadScenario(file, { customPlugins: [INFEASIBLE, ZERO_SCORE] });
    const infeasible = new Set<string>((c.nodes ?? []).filter((n: Json) => n.feasible === false).map((n: Json) => dnsName(n.name)));
    const terminating = new Set<string>((c.existingPods ?? []).filter((p: Json) => p.terminating).map((p: Json) => `${ns(p.namespace)}/${dnsName(p.name)}`));
    return explainPod(scenario, `${ns(c.pod.namespace)}/${dnsName(c.pod.name)}`, 1, { plugins: harnessPlugins(infeasible) }, (sim) => {
      for (const p of sim.store.allPods) if (terminating.has(`${p.namespace}/${p.name}`)) sim.store.markDeleting(p);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export type Verdict = { result: 'pass' } | { result: 'fail'; detail: string } | { result: 'unsupported'; detail: string };

/** Why kubesim cannot express a case as a scenario, or undefined. */
export function unsupported(plugin: string, c: Json): string | undefined {
  if (c.unsupported) return String(c.unsupported);
  if (c.services?.length || c.replicaSets?.length || c.pod?.ownerReferences) return 'selector from Services/ReplicaSets objects (kubesim derives default-spread selectors from the pod owner it created)';
  if (plugin === 'NodeName' && c.pod?.nodeName && (c.nodes ?? []).some((n: Json) => n.name === c.pod.nodeName)) return 'a pod naming an existing node is bound without scheduling, as the kubelet would take it';
  const e = c.expected ?? {};
  if ((e.scores || e.preScoreSkip !== undefined) && (c.nodes ?? []).filter((n: Json) => n.feasible !== false).length < 2) return 'fewer than two candidate nodes: the scheduler picks the node without PreScore/Score';
  const text = JSON.stringify([c.pod, c.existingPods]);
  if (/"namespaceSelector":\{"match/.test(text)) return 'namespaceSelector over Namespace labels (kubesim models no Namespace objects)';
  if (missingTopologyKey([c.pod, ...(c.existingPods ?? [])])) return 'a pod affinity term without topologyKey (rejected by API validation)';
  if (plugin === 'NodeName' && c.pod?.nodeName) return 'spec.nodeName must name an existing node in kubesim (it binds pinned pods itself, as the kubelet takes them)';
  if (c.pod?.topologySpreadConstraints?.some((t: Json) => t.minDomains !== undefined && t.whenUnsatisfiable !== 'DoNotSchedule')) return 'minDomains with ScheduleAnyway (rejected by API validation)';
  const hostnameKey = [...(c.pod?.topologySpreadConstraints ?? []), ...(c.pluginArgs?.defaultConstraints ?? [])].some((t: Json) => t.topologyKey === 'kubernetes.io/hostname');
  if (plugin === 'PodTopologySpread' && hostnameKey && (c.nodes ?? []).some((n: Json) => n.labels && n.labels['kubernetes.io/hostname'] === undefined)) return 'a node without kubernetes.io/hostname (kubesim nodes always carry it, as the kubelet sets it)';
  return undefined;
}

function missingTopologyKey(pods: Json[]): boolean {
  for (const p of pods) {
    for (const kind of ['podAffinity', 'podAntiAffinity']) {
      const a = p?.affinity?.[kind];
      if (!a) continue;
      const terms = [...(a.requiredDuringSchedulingIgnoredDuringExecution ?? []), ...(a.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w: Json) => w.podAffinityTerm)];
      if (terms.some((t: Json) => !t?.topologyKey)) return true;
    }
  }
  return false;
}

function expectsError(e: Json): boolean {
  // A pod upstream's PreFilter cannot parse is one the API server rejects; kubesim rejects it at load time.
  if ([...(e.preFilter?.reasons ?? []), e.preFilter?.reasonContains ?? ''].some((r: string) => r.includes('Invalid value'))) return true;
  return e.preFilter?.code === 'Error' || e.error !== undefined || e.errorContains !== undefined || e.preScoreStatusCode === 'Error' || e.scoreStatusCode === 'Error';
}

export function checkCase(plugin: string, c: Json): Verdict {
  const why = unsupported(plugin, c);
  if (why) return { result: 'unsupported', detail: why };
  const e = c.expected ?? {};
  const scoring = e.scores !== undefined || e.preScoreSkip !== undefined;
  let rec: ExplainRecord;
  try {
    rec = runCase(plugin, c, scoring);
  } catch (err) {
    return expectsError(e) ? { result: 'pass' } : { result: 'fail', detail: `error: ${(err as Error).message.split('\n')[0]}` };
  }
  if (expectsError(e)) return { result: 'fail', detail: 'expected an error, the run succeeded' };
  const problems: string[] = [];
  if (e.preScoreSkip !== undefined && rec.skipped.includes(`${plugin} (PreScore)`) !== Boolean(e.preScoreSkip)) problems.push(`PreScore Skip ${!e.preScoreSkip}`);
  if (e.preFilter) {
    const skipped = rec.skipped.includes(`${plugin} (PreFilter)`);
    if (e.preFilter.code === 'Skip' && !skipped) problems.push('PreFilter did not Skip');
    if (e.preFilter.code !== 'Skip') {
      const n = rec.nodes[0];
      if (!n || n.code !== e.preFilter.code) problems.push(`PreFilter ${n?.code ?? 'none'} != ${e.preFilter.code}`);
    }
  }
  const preRejects = e.preFilter && e.preFilter.code !== 'Skip';
  if (preRejects && e.preFilter.reasons && rec.nodes[0]?.reason !== e.preFilter.reasons.join(', ')) problems.push(`PreFilter reason "${rec.nodes[0]?.reason}"`);
  const narrowedTo: string[] | undefined = e.preFilterResult?.nodeNames.map(dnsName).sort();
  if (narrowedTo && JSON.stringify(rec.preFilterResult) !== JSON.stringify(narrowedTo)) problems.push(`PreFilterResult ${JSON.stringify(rec.preFilterResult)} != ${JSON.stringify(narrowedTo)}`);
  for (const [node, want] of Object.entries<Json>(preRejects ? {} : (e.filter ?? {}))) {
    const got = rec.nodes.find((n) => n.node === dnsName(node));
    if (!got) continue;
    const code = got.feasible ? 'Success' : got.code;
    if (code !== want.code) problems.push(`${node}: ${code} (${got.reason}) != ${want.code}`);
    // Upstream's test calls Filter on a node the cycle never filters: the cycle rejects it as absent.
    else if (narrowedTo && !narrowedTo.includes(dnsName(node))) {
      if (got.reason !== `node(s) didn't satisfy plugin(s) [${plugin}]`) problems.push(`${node}: reason "${got.reason}" for a node outside the PreFilterResult`);
    }
    else if (want.reasons && !got.feasible && got.reason !== want.reasons.join(', ')) problems.push(`${node}: reason "${got.reason}" != "${want.reasons.join(', ')}"`);
  }
  if (e.scores && !e.preScoreSkip) {
    for (const [node, want] of Object.entries<number>(e.scores)) {
      const got = rec.nodes.find((n) => n.node === dnsName(node));
      const score = got?.scores[plugin]?.normalized ?? (rec.skipped.includes(`${plugin} (PreScore)`) ? 0 : undefined);
      if (score !== want) problems.push(`${node}: ${score} != ${want}`);
    }
  }
  return problems.length === 0 ? { result: 'pass' } : { result: 'fail', detail: problems.join('; ') };
}
