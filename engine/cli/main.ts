/** The kubesim command line (commander). The only module that touches process, stdout/stderr and exit codes. */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { parseDuration } from '../core/time.js';
import type { SimError } from '../core/errors.js';
import { loadScenario } from '../scenario/load.js';
import { BUILTIN_POLICIES } from '../scheduler/profile.js';
import { EXIT, reportError } from './errors.js';
import { runCommand } from './run-command.js';
import { importCommand } from './import-command.js';
import { compareCommand } from './compare-command.js';
import { explainCommand } from './explain-command.js';
import { applyHeapPolicy } from './heap-policy.js';
import { trapSignals } from './signals.js';

function intArg(v: string): number {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError(`"${v}" is not a whole number`);
  return Number(v);
}

function durationArg(v: string): number {
  try {
    return parseDuration(v);
  } catch (e) {
    throw new InvalidArgumentError((e as SimError).message);
  }
}

function checkEveryArg(v: string): { everyEvents?: number; everyMs?: number } {
  if (/^\d+$/.test(v) && Number(v) > 0) return { everyEvents: Number(v) };
  const ms = durationArg(v);
  if (ms <= 0) throw new InvalidArgumentError(`"${v}" must be above 0`);
  return { everyMs: ms };
}

/** --max-nodes / --max-pods as LoadOptions.limits. */
export function limitFlags(opts: { maxNodes?: number; maxPods?: number }): { maxNodes?: number; maxPods?: number } {
  const out: { maxNodes?: number; maxPods?: number } = {};
  if (opts.maxNodes !== undefined) out.maxNodes = opts.maxNodes;
  if (opts.maxPods !== undefined) out.maxPods = opts.maxPods;
  return out;
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

export async function main(argv: string[]): Promise<number> {
  applyHeapPolicy(process.execArgv, process.env.NODE_OPTIONS);
  const signals = trapSignals();
  let code: number = EXIT.ok;
  const program = new Command()
    .name('kubesim')
    .description('Deterministic discrete-event simulator for Kubernetes scheduling and failure handling')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('run')
    .description('run a scenario and write summary.csv, timeseries.csv, pods.csv and events.csv')
    .argument('<scenario>', 'scenario file (kind: Scenario) or a stream of Kubernetes manifests')
    .option('--seed <n>', 'override spec.seed', intArg)
    .option('--until <duration>', 'override spec.duration, e.g. 2h', durationArg)
    .option('--policy <name|file>', 'scheduling policy: a built-in name (see kubesim policies) or a KubeSchedulerConfiguration file')
    .option('--plugin <[name=]path>', 'load an out-of-tree scheduler plugin module (repeatable)', collect, [])
    .option('--out <dir>', 'output folder (default out/<scenario name>)')
    .option('--set <path=value>', 'override a scenario field, e.g. spec.source.pods=/data/pods.csv (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('-q, --quiet', 'print nothing on success')
    .option('--max-nodes <n>', 'raise the node limit (default 200000)', intArg)
    .option('--max-pods <n>', 'raise the limit on pods a scenario is expected to create (default 5000000)', intArg)
    .option('--check', 'check the invariants after every event (docs/guarantees.md); a violation exits 1')
    .option('--check-every <n|duration>', 'with --check: every n events or every simulated duration, e.g. 1000 or 1m', checkEveryArg)
    .action(async (file: string, opts) => {
      code = await runCommand(file, opts, signals);
    });

  const collectArg = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), v];
  program
    .command('compare')
    .description('run scenarios x policies x seeds in parallel; write runs.csv and comparison.csv (docs/compare.md)')
    .argument('<scenario...>', 'scenario files')
    .requiredOption('--policy <name|file>', 'a policy to compare (repeat: the first is the baseline)', collectArg)
    .option('--seeds <list>', 'seeds, e.g. 1..20 or 1,2,5', '1..10')
    .option('--jobs <n>', 'worker threads (default: one per core)', intArg)
    .option('--out <dir>', 'output folder (default out/compare-<scenario name>)')
    .option('--baseline <policy>', 'policy the others are compared with (default: the first)')
    .option('--metric <column>', 'summary column to show in the table (repeatable)', collectArg)
    .option('--set <path=v1,v2>', 'override a scenario field; several values sweep (repeatable)', collectArg)
    .option('--keep-runs', 'also write each cell\'s usual CSVs into <out>/runs/<scenario>/<policy>/seed-<n>/')
    .option('-q, --quiet', 'print nothing on success')
    .action(async (files: string[], opts) => {
      code = await compareCommand(files, opts, signals);
    });

  program
    .command('explain')
    .description("show how the scheduler saw every node in one of a pod's scheduling attempts")
    .argument('<scenario>', 'scenario file (kind: Scenario) or a stream of Kubernetes manifests')
    .requiredOption('--pod <namespace/name>', 'the pod to explain')
    .option('--attempt <n>', 'which scheduling attempt (default 1)', intArg)
    .option('--json', 'print one JSON object')
    .option('--seed <n>', 'override spec.seed', intArg)
    .option('--until <duration>', 'override spec.duration, e.g. 2h', durationArg)
    .option('--policy <name|file>', 'scheduling policy: a built-in name or a KubeSchedulerConfiguration file')
    .option('--plugin <[name=]path>', 'load an out-of-tree scheduler plugin module (repeatable)', collect, [])
    .action(async (file: string, opts) => {
      code = await explainCommand(file, opts);
    });

  program
    .command('validate')
    .description('check scenario files without running them (exit 2 if any is invalid)')
    .argument('<scenario...>', 'scenario files')
    .option('--set <path=value>', 'override a scenario field before checking (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--max-nodes <n>', 'raise the node limit (default 200000)', intArg)
    .option('--max-pods <n>', 'raise the limit on pods a scenario is expected to create (default 5000000)', intArg)
    .action((files: string[], opts: { maxNodes?: number; maxPods?: number; set?: string[] }) => {
      let bad = 0;
      for (const f of files) {
        try {
          const s = loadScenario(f, { limits: limitFlags(opts), set: opts.set });
          process.stdout.write(`${f}: ok (${s.name}: ${s.nodePools.reduce((n, p) => n + p.count, 0) + s.nodes.length + (s.source?.nodes.length ?? 0)} nodes${s.source ? `, ${s.source.pods.length} trace pods` : ''})\n`);
        } catch (e) {
          bad++;
          reportError(e, (t) => process.stderr.write(t));
        }
      }
      code = bad > 0 ? EXIT.badInput : EXIT.ok;
    });

  program
    .command('import')
    .description('convert a trace into a plain scenario file (formats: alibaba-gpu-2023)')
    .argument('<format>', 'trace format: alibaba-gpu-2023')
    .requiredOption('--nodes <csv>', 'node list, e.g. openb_node_list_gpu_node.csv')
    .requiredOption('--pods <csv>', 'pod list, e.g. openb_pod_list_default.csv')
    .requiredOption('--out <file>', 'scenario file to write')
    .option('--seed <n>', 'seed of the shuffle and the tuning (default 42)', intArg)
    .option('--tune <ratio>', 'tune the GPU demand to ratio x capacity (default 1.3)')
    .option('--policy <name>', 'scheduler policy written into the scenario (default fgd)')
    .option('--name <name>', 'scenario name (default from the pod file)')
    .action((format: string, opts) => {
      code = importCommand(format, opts, (s) => process.stdout.write(s));
    });

  program
    .command('policies')
    .description('list the built-in scheduling policies')
    .action(() => {
      for (const [name, p] of BUILTIN_POLICIES) process.stdout.write(`${name.padEnd(15)} ${p.description}\n`);
      process.stdout.write('\n--policy also takes a KubeSchedulerConfiguration file (kubescheduler.config.k8s.io/v1); see docs/scheduler.md\n');
    });

  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    return reportError(e, (s) => process.stderr.write(s));
  }
}
