/** The kubesim command line (commander). The only module that touches process, stdout/stderr and exit codes. */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { parseDuration } from '../core/time.js';
import type { SimError } from '../core/errors.js';
import { loadScenario } from '../scenario/load.js';
import { BUILTIN_POLICIES } from '../scheduler/profile.js';
import { EXIT, reportError } from './errors.js';
import { runCommand } from './run-command.js';
import { importCommand } from './import-command.js';
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

export async function main(argv: string[]): Promise<number> {
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
    .option('--policy <name>', 'scheduling policy (see kubesim policies)')
    .option('--out <dir>', 'output folder (default out/<scenario name>)')
    .option('--set <path=value>', 'override a scenario field, e.g. spec.source.pods=/data/pods.csv (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('-q, --quiet', 'print nothing on success')
    .action(async (file: string, opts) => {
      code = await runCommand(file, opts, signals);
    });

  program
    .command('validate')
    .description('check scenario files without running them (exit 2 if any is invalid)')
    .argument('<scenario...>', 'scenario files')
    .option('--set <path=value>', 'override a scenario field before checking (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .action((files: string[], opts: { set?: string[] }) => {
      let bad = 0;
      for (const f of files) {
        try {
          const s = loadScenario(f, { set: opts.set });
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
