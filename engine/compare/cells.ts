/**
 * The plan of a comparison: scenario variants (files x --set sweeps) x policies x seeds, one cell per
 * combination, numbered in (scenario, policy, seed) order. Every variant and policy is loaded and
 * checked here, before any run starts, and all problems are reported at once.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { SimError, SimErrors } from '../core/errors.js';
import { loadScenario, loadSchedulerConfigFile } from '../scenario/load.js';
import type { Override, SetFlag } from '../scenario/overrides.js';
import { parseSetFlag, sweep, variantName } from '../scenario/overrides.js';
import { resolvePolicy } from '../scheduler/policies.js';
import type { SchedulerOptions } from '../scheduler/scheduler.js';

export interface PolicyChoice {
  /** The name in reports: a built-in name, or a policy file's base name. */
  label: string;
  /** The validated KubeSchedulerConfiguration of a --policy file, else undefined (plain data: it crosses to workers). */
  options: SchedulerOptions | undefined;
}

export interface Variant {
  name: string;
  /** metadata.name of the scenario, without the overrides. */
  baseName: string;
  file: string;
  overrides: Override[];
}

export interface Cell {
  index: number;
  scenario: Variant;
  policy: PolicyChoice;
  seed: number;
}

export interface Plan {
  variants: Variant[];
  policies: PolicyChoice[];
  seeds: number[];
  baseline: string;
  cells: Cell[];
}

export interface PlanInput {
  scenarios: readonly string[];
  policies: readonly string[];
  seeds?: string;
  sets?: readonly string[];
  baseline?: string;
}

function usage(message: string, hint: string): SimError {
  return new SimError('E_USAGE', message, { hint });
}

export const MAX_SEEDS = 100_000;

/** `1..10`, `1,2,5`, `1..3,7`: distinct seeds in the order given. */
export function parseSeeds(spec: string): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  for (const part of spec.split(',').map((s) => s.trim())) {
    const range = /^(\d+)\.\.(\d+)$/.exec(part);
    const one = /^\d+$/.test(part) ? Number(part) : undefined;
    if (!range && one === undefined) throw usage(`--seeds: cannot read "${part}"`, 'write a range like 1..10 or a list like 1,2,5');
    const lo = range ? Number(range[1]) : one!;
    const hi = range ? Number(range[2]) : one!;
    if (hi < lo) throw usage(`--seeds: the range ${part} is empty`, `write ${hi}..${lo}`);
    if (hi > 2 ** 32 - 1) throw usage(`--seeds: ${hi} is above 4294967295`, 'use seeds that fit in 32 bits');
    if (out.length + hi - lo + 1 > MAX_SEEDS) throw usage(`--seeds: more than ${MAX_SEEDS} seeds`, 'use fewer seeds');
    for (let s = lo; s <= hi; s++) {
      if (seen.has(s)) throw usage(`--seeds: seed ${s} is listed twice`, 'list each seed once');
      seen.add(s);
      out.push(s);
    }
  }
  return out;
}

/** A --policy argument: a built-in name, or a file holding a KubeSchedulerConfiguration. */
export function readPolicy(arg: string): PolicyChoice {
  const isFile = /\.(ya?ml|json)$/i.test(arg) || (arg.includes('/') && existsSync(arg));
  if (!isFile) {
    resolvePolicy(arg);
    return { label: arg, options: undefined };
  }
  if (!existsSync(arg)) throw new SimError('E_IO', `policy file not found: ${arg}`, { location: { file: arg }, hint: 'give a built-in policy name (kubesim policies) or a KubeSchedulerConfiguration file' });
  return { label: basename(arg).replace(/\.(ya?ml|json)$/i, ''), options: loadSchedulerConfigFile(arg) };
}

function collect(errors: SimError[], fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof SimErrors) errors.push(...e.errors);
    else if (e instanceof SimError) errors.push(e);
    else throw e;
  }
}

/** Checks everything and numbers the cells; throws SimErrors listing every problem. */
export function planCompare(input: PlanInput): Plan {
  const errors: SimError[] = [];
  const seeds: number[] = [];
  collect(errors, () => seeds.push(...parseSeeds(input.seeds ?? '1..10')));
  const flags: SetFlag[] = [];
  for (const s of input.sets ?? []) collect(errors, () => flags.push(parseSetFlag(s)));
  const policies: PolicyChoice[] = [];
  if (input.policies.length === 0) errors.push(usage('no --policy given', 'name at least one policy, e.g. --policy default --policy binpack'));
  for (const p of input.policies) collect(errors, () => policies.push(readPolicy(p)));
  const labels = policies.map((p) => p.label);
  for (const [i, l] of labels.entries()) if (labels.indexOf(l) !== i) errors.push(usage(`policy "${l}" is given twice`, 'list each policy once'));
  const baseline = input.baseline ?? labels[0] ?? '';
  if (input.baseline !== undefined && !labels.includes(input.baseline)) errors.push(usage(`--baseline "${input.baseline}" is not one of the policies`, labels.length ? `use one of: ${labels.join(', ')}` : 'name it with --policy too'));

  const variants: Variant[] = [];
  const combos = sweep(flags);
  for (const file of input.scenarios) {
    for (const overrides of combos) {
      collect(errors, () => {
        const s = loadScenario(file, { overrides });
        const name = variantName(s.name, overrides);
        if (variants.some((v) => v.name === name)) throw usage(`two scenarios are named "${name}"`, 'give each scenario file its own metadata.name');
        variants.push({ name, baseName: s.name, file, overrides });
      });
    }
  }
  if (errors.length > 0) throw new SimErrors(errors);
  const cells: Cell[] = [];
  for (const scenario of variants) for (const policy of policies) for (const seed of seeds) cells.push({ index: cells.length, scenario, policy, seed });
  return { variants, policies, seeds, baseline, cells };
}
