/**
 * Loading a scenario: read the file (a `kind: Scenario` wrapper, or a plain stream of Kubernetes
 * manifests such as `kubectl get nodes,pods -A -o yaml` output), include manifest files relative to it,
 * cross-check references, and report every problem at once.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SimError, SimErrors } from '../core/errors.js';
import { AggregateSimError, SOURCE_LIMITS, parseSource } from './source.js';
import type { SourceDoc } from './source.js';
import { Problems, Reader } from './reader.js';
import type { Collected } from './k8s/manifests.js';
import { readManifest } from './k8s/manifests.js';
import { emptyCollected, readScenario } from './read-scenario.js';
import { crossCheck } from './cross-check.js';
import { readSchedulerConfig } from './scheduler-config.js';
import type { Scenario } from './types.js';
import type { SchedulerOptions } from '../scheduler/scheduler.js';
import { DEFAULT_SCENARIO } from './types.js';
import { checkLimits, defaultLimits } from './limits.js';
import type { Limits } from './limits.js';
import type { Override } from './overrides.js';
import { applyOverrides, singleOverrides } from './overrides.js';

function readSource(file: string, problems: Problems, from?: Reader): SourceDoc[] {
  let text: string;
  try {
    // Devices (/dev/zero), FIFOs and huge files are refused before reading: reading them never ends or exhausts memory.
    const st = statSync(file);
    if (st.isFile() && st.size > SOURCE_LIMITS.maxBytes) throw Object.assign(new Error(`it is ${st.size} bytes, more than the ${SOURCE_LIMITS.maxBytes} byte limit`), { code: 'ETOOBIG' });
    if (!st.isFile() && !st.isDirectory()) throw Object.assign(new Error('it is not a regular file'), { code: 'ENOTREG' });
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const dir = err.code === 'EISDIR';
    const msg = err.code === 'ENOENT' ? `file not found: ${file}` : dir ? `${file} is a directory` : `cannot read ${file}: ${err.message}`;
    if (from) from.fail(msg, 'paths are resolved relative to the scenario file', 'E_IO');
    else problems.add(new SimError('E_IO', msg, { location: { file }, hint: dir ? `pass a scenario file, or a directory that holds ${SCENARIO_FILE}` : 'check the path' }));
    return [];
  }
  try {
    return parseSource(file, text);
  } catch (e) {
    if (e instanceof SimError) problems.add(e);
    else if (e instanceof AggregateSimError) e.errors.forEach((x) => problems.add(x));
    else throw e;
    return [];
  }
}

export interface LoadOptions {
  /** Overrides spec.seed. */
  seed?: number;
  /** Overrides spec.duration. */
  durationMs?: number;
  /** `run --set` / `validate --set` flags (one value each), parsed like compare's and added to overrides. */
  set?: readonly string[];
  /** Raises (or lowers) SCENARIO_LIMITS: --max-nodes, --max-pods. */
  limits?: Partial<Limits>;
  /** `--set` overrides applied to the Scenario document before it is read (kubesim compare sweeps). */
  overrides?: readonly Override[];
  /** Names of out-of-tree plugins given on the command line (allowed in the scenario's configuration). */
  customPlugins?: readonly string[];
}

/** A scenario directory stands for the scenario.yaml in it (`kubesim run scenarios/scale-5k`); any other path is itself. */
export function scenarioFile(path: string): string {
  try {
    if (statSync(path).isDirectory() && statSync(join(path, SCENARIO_FILE)).isFile()) return join(path, SCENARIO_FILE);
  } catch {
    /* not there: reading the path itself reports it */
  }
  return path;
}

const SCENARIO_FILE = 'scenario.yaml';

export function loadScenario(path: string, options: LoadOptions = {}): Scenario {
  const file = scenarioFile(path);
  const problems = new Problems();
  const limits: Limits = { ...defaultLimits(), ...options.limits };
  const docs = readSource(file, problems);
  const base = dirname(resolve(file));
  const seen = new Set<string>([resolve(file)]);
  const includeFile = (path: string, from: Reader, out: Collected): void => {
    const full = resolve(base, path);
    if (seen.has(full)) return void from.fail(`${path} is included twice`, 'list each manifest file once');
    seen.add(full);
    for (const doc of readSource(full, problems, from)) readManifest(Reader.root(doc, problems), out);
  };

  let scenario: Scenario | undefined;
  let collected: Collected | undefined;
  const first = docs[0];
  const isWrapper = first !== undefined && (first.value as { kind?: unknown } | null)?.kind === 'Scenario';
  const overrides = [...(options.overrides ?? []), ...singleOverrides(options.set ?? [])];
  if (overrides.length) {
    if (isWrapper && first) applyOverrides(first, overrides).forEach((e) => problems.add(e));
    else if (first) problems.add(new SimError('E_USAGE', '--set works on kind: Scenario files only', { location: { file }, hint: 'wrap the manifests in a kind: Scenario file (spec.manifestFiles)' }));
  }
  if (docs.length === 0 && problems.empty) problems.add(new SimError('E_SCHEMA', 'the file is empty', { location: { file }, hint: 'write a kind: Scenario document or Kubernetes manifests' }));
  if (isWrapper) {
    if (docs.length > 1) problems.add(new SimError('E_SCHEMA', 'a Scenario file holds one document', { location: { file, line: 1 }, hint: 'move the other documents into a file listed in spec.manifestFiles' }));
    const read = readScenario(Reader.root(first, problems), { includeFile, limits, baseDir: base });
    const { collected: c, ...rest } = read;
    collected = c;
    scenario = { ...rest, file };
    finishSchedulerSection(scenario, c, problems, options.customPlugins);
  } else if (docs.length > 0) {
    const out = emptyCollected();
    collected = out;
    for (const doc of docs) readManifest(Reader.root(doc, problems), out);
    const name = file.replace(/^.*[\\/]/, '').replace(/\.(ya?ml|json)$/, '').toLowerCase().replace(/[^a-z0-9-]+/g, '-') || 'manifests';
    scenario = {
      name,
      file,
      seed: DEFAULT_SCENARIO.seed,
      durationMs: DEFAULT_SCENARIO.durationMs,
      sampleIntervalMs: DEFAULT_SCENARIO.sampleIntervalMs,
      scheduler: { policy: DEFAULT_SCENARIO.policy, config: undefined, configFile: undefined },
      kubelet: { podStartupMs: DEFAULT_SCENARIO.podStartupMs },
      nodePools: [],
      nodes: out.nodes,
      pods: out.pods,
      deployments: out.deployments,
      replicaSets: out.replicaSets,
      jobs: out.jobs,
      statefulSets: out.statefulSets,
      daemonSets: out.daemonSets,
      pdbs: out.pdbs,
      priorityClasses: out.priorityClasses,
      generators: [],
      resources: out.resources,
    };
    finishSchedulerSection(scenario, out, problems, options.customPlugins);
  }
  if (scenario && collected) crossCheck(scenario, problems, docs[0]!, collected);
  if (!problems.empty || !scenario) throw new SimErrors(problems.list);
  if (options.seed !== undefined) scenario.seed = options.seed;
  if (options.durationMs !== undefined) scenario.durationMs = options.durationMs;
  scenario.resources.freeze();
  checkLimits(scenario, limits);
  return scenario;
}

function finishSchedulerSection(s: Scenario, out: Collected, problems: Problems, cliPlugins: readonly string[] = []): void {
  if (out.schedulerConfigs.length > 1) {
    out.schedulerConfigs[1]!.reader.fail('more than one KubeSchedulerConfiguration', 'keep one: it holds every profile');
  }
  const cfg = out.schedulerConfigs[0];
  if (cfg) {
    s.scheduler.config = cfg.value;
    s.scheduler.configFile = cfg.reader.src.file;
    s.scheduler.options = readSchedulerConfig(cfg.reader, [...cliPlugins, ...(s.scheduler.customPlugins ?? []).map((p) => p.name)]);
  }
  const base = dirname(resolve(s.file));
  for (const p of s.scheduler.customPlugins ?? []) p.path = resolve(base, p.path);
  void problems;
}

/** Reads a KubeSchedulerConfiguration file (`--policy FILE`), reporting every problem at once. */
export function loadSchedulerConfigFile(file: string, customPlugins: readonly string[] = []): SchedulerOptions {
  const problems = new Problems();
  const docs = readSource(file, problems);
  let options: SchedulerOptions | undefined;
  if (docs.length !== 1 && problems.empty) problems.add(new SimError('E_SCHEMA', `a policy file holds one KubeSchedulerConfiguration document, found ${docs.length}`, { location: { file } }));
  else if (docs[0]) options = readSchedulerConfig(Reader.root(docs[0], problems), customPlugins);
  if (!problems.empty || !options) throw new SimErrors(problems.list);
  return options;
}
