/** Shared test helpers: scenarios from inline YAML, runs captured in memory, CLI runs in a child process. */
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadScenario } from '../engine/scenario/load.js';
import type { LoadOptions } from '../engine/scenario/load.js';
import { Simulation } from '../engine/scenario/simulation.js';
import type { RunOptions, RunResult } from '../engine/scenario/simulation.js';
import type { Scenario } from '../engine/scenario/types.js';
import { MemorySink } from '../engine/metrics/sink.js';
import type { Cell } from '../engine/metrics/sink.js';
import { SimError, SimErrors } from '../engine/core/errors.js';

export function tempDir(prefix = 'kubesim-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes files into a fresh temp folder and returns its path. */
export function withFiles(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

export function scenarioFromText(yaml: string, options: LoadOptions = {}, extraFiles: Record<string, string> = {}): Scenario {
  const dir = withFiles({ 'scenario.yaml': yaml, ...extraFiles });
  try {
    return loadScenario(join(dir, 'scenario.yaml'), options);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The errors loading the scenario reports (the test fails if it loads). */
export function loadProblems(yaml: string, extraFiles: Record<string, string> = {}): SimError[] {
  try {
    scenarioFromText(yaml, {}, extraFiles);
  } catch (e) {
    if (e instanceof SimErrors) return [...e.errors];
    if (e instanceof SimError) return [e];
    throw e;
  }
  throw new Error('expected the scenario to be rejected');
}

export interface CapturedRun extends RunResult {
  events: Cell[][];
  timeseries: Cell[][];
}

/** Runs in memory; the invariant checker is on unless `check: false` is passed. */
export function runScenario(scenario: Scenario, options: RunOptions = {}): CapturedRun {
  const events = new MemorySink();
  const timeseries = new MemorySink();
  const result = new Simulation(scenario, { check: true, ...options, events, timeseries }).run();
  return { ...result, events: events.rows, timeseries: timeseries.rows };
}

export function runText(yaml: string, options: RunOptions & LoadOptions = {}): CapturedRun {
  return runScenario(scenarioFromText(yaml, options), options);
}

/** Rows of events.csv with the given event name. */
export function eventsNamed(run: CapturedRun, name: string): Cell[][] {
  return run.events.filter((r) => r[1] === name);
}

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI (bin/kubesim.js, or another entry script such as one with test plugins) in a child process. */
export function cli(args: string[], cwd = process.cwd(), entry = join(process.cwd(), 'bin/kubesim.js')): CliResult {
  const r = spawnSync(process.execPath, [entry, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A minimal valid scenario with `n` nodes of 4 cpu / 16Gi, to extend in tests. */
export function smallScenario(body = '', n = 3, extraSpec = ''): string {
  return `apiVersion: kubesim.io/v1alpha1
kind: Scenario
metadata: {name: test}
spec:
  seed: 7
  duration: 10m
${extraSpec}
  nodes:
    - pool: n
      count: ${n}
      zones: [a, b, c]
      allocatable: {cpu: "4", memory: 16Gi, pods: 110}
  manifests:
${body}`;
}

/** A Deployment list item for smallScenario's manifests (app=<name>, one container). */
export function deploymentYaml(name: string, replicas: number, cpu = '1', memory = '1Gi'): string {
  return `
    - apiVersion: apps/v1
      kind: Deployment
      metadata: {name: ${name}}
      spec:
        replicas: ${replicas}
        selector: {matchLabels: {app: ${name}}}
        template:
          metadata: {labels: {app: ${name}}}
          spec:
            containers: [{name: c, image: x, resources: {requests: {cpu: "${cpu}", memory: ${memory}}}}]`;
}
