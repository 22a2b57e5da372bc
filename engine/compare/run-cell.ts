/** One cell of a comparison: an ordinary run (the same Simulation as `kubesim run`) of one scenario variant, policy and seed. */
import { loadScenario } from '../scenario/load.js';
import type { RunResult } from '../scenario/simulation.js';
import { Simulation } from '../scenario/simulation.js';
import type { RowSink } from '../metrics/sink.js';
import type { Cell as CsvCell } from '../metrics/sink.js';
import type { Cell } from './cells.js';

/** What a worker sends back for one cell. */
export interface CellResult {
  index: number;
  summary: Record<string, CsvCell>;
  /** The GPU allocation curve ([x, alloc %, frag %] per percent of arrived demand), when the run had GPUs. */
  curve?: [number, number, number][];
}

export interface CellSinks {
  events?: RowSink;
  timeseries?: RowSink;
}

/** Runs the cell to the end of its scenario; the summary's scenario column is the variant name. */
export function runCell(cell: Cell, sinks: CellSinks = {}): RunResult {
  const scenario = loadScenario(cell.scenario.file, { seed: cell.seed, overrides: cell.scenario.overrides });
  scenario.name = cell.scenario.name;
  const sim = new Simulation(scenario, { policy: cell.policy.label, schedulerOptions: cell.policy.options, events: sinks.events, timeseries: sinks.timeseries });
  return sim.run();
}

/** Where --keep-runs puts a cell's usual CSVs, relative to the output folder. */
export function cellRunDir(cell: Cell): string {
  return ['runs', safeSegment(cell.scenario.name), safeSegment(cell.policy.label), `seed-${cell.seed}`].join('/');
}

function safeSegment(s: string): string {
  return s.replace(/[^A-Za-z0-9._=,\-[\]]+/g, '_');
}
