/**
 * The Alibaba GPU cluster trace 2023 (alibaba/clusterdata cluster-trace-gpu-v2023, "openb"): node list
 * `sn,cpu_milli,memory_mib,gpu,model` and pod list `name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,
 * qos,pod_phase,creation_time,deletion_time,scheduled_time` (the time columns may be absent).
 * A scenario reads it with `spec.source: {format: alibaba-gpu-2023, nodes, pods, mode, tune}`; paths are
 * relative to the scenario file. Each file is streamed once, row by row.
 */
import { resolve } from 'node:path';
import { didYouMean } from '../../core/errors.js';
import type { Reader } from '../reader.js';
import { forEachCsvRow } from './csv-lines.js';

export const ALIBABA_GPU_2023 = 'alibaba-gpu-2023';
export const TRACE_FORMATS = [ALIBABA_GPU_2023] as const;
export type TraceMode = 'timed' | 'fgd';
export const TRACE_MODES: readonly TraceMode[] = ['timed', 'fgd'];
/** The FGD paper's inflation ratio: arrived GPU demand is tuned to 1.3 x cluster GPU capacity. */
export const DEFAULT_TUNE = 1.3;
/** Pod-count limit of a trace node: effectively unlimited, as in the paper's simulator (fgd-experiment.md 1.1). */
export const TRACE_NODE_MAX_PODS = 1001;

const NODE_COLUMNS = ['sn', 'cpu_milli', 'memory_mib', 'gpu', 'model'] as const;
const POD_COLUMNS = ['name', 'cpu_milli', 'memory_mib', 'num_gpu', 'gpu_milli'] as const;

export interface TraceNode {
  name: string;
  cpuMillis: number;
  memoryMiB: number;
  gpus: number;
  model: string;
}

export interface TracePod {
  name: string;
  cpuMillis: number;
  memoryMiB: number;
  gpuCount: number;
  /** Per-GPU milli, min(gpu_milli, 1000); 0 for CPU-only pods. */
  gpuMilli: number;
  gpuSpec: string;
  /** Seconds from the trace start; NaN when the column is absent or empty. */
  creationS: number;
  deletionS: number;
}

export interface TraceSource {
  format: typeof ALIBABA_GPU_2023;
  mode: TraceMode;
  tune: number;
  nodesFile: string;
  podsFile: string;
  nodes: TraceNode[];
  pods: TracePod[];
}

type Fail = (message: string, hint?: string) => void;

function columnIndex(header: string[], required: readonly string[], file: string, fail: Fail): Map<string, number> | undefined {
  const index = new Map(header.map((h, i) => [h, i]));
  const missing = required.filter((c) => !index.has(c));
  if (missing.length > 0) {
    fail(`${file}: missing column(s) ${missing.join(', ')} (header: ${header.join(',')})`, `an ${ALIBABA_GPU_2023} file has the columns ${required.join(',')}`);
    return undefined;
  }
  return index;
}

/** Streams a CSV, checks the header, and maps each row; reports at most a few bad rows. */
function readRows<T>(file: string, required: readonly string[], fail: Fail, map: (get: (c: string) => string, line: number) => T | string): T[] {
  const out: T[] = [];
  let index: Map<string, number> | undefined;
  let checked = false;
  let bad = 0;
  let fields: string[] = [];
  const get = (c: string): string => {
    const i = index?.get(c);
    return i === undefined ? '' : (fields[i] ?? '').trim();
  };
  try {
    const header = forEachCsvRow(file, (f, line, head) => {
      if (!checked) {
        checked = true;
        index = columnIndex(head, required, file, fail);
      }
      if (!index) return;
      fields = f;
      const r = map(get, line);
      if (typeof r === 'string') {
        if (bad++ < 5) fail(`${file}:${line}: ${r}`, 'fix or remove the row');
      } else out.push(r);
    });
    if (!checked) columnIndex(header, required, file, fail);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    fail(err.code === 'ENOENT' ? `trace file not found: ${file}` : `cannot read ${file}: ${err.message}`, 'paths are resolved relative to the scenario file; the files are in alibaba/clusterdata, cluster-trace-gpu-v2023/csv (docs/gpu-and-traces.md); or use --set spec.source.nodes=<path>');
  }
  return out;
}

function int(text: string, min = 0): number {
  return /^-?\d+$/.test(text) && Number(text) >= min ? Number(text) : NaN;
}

export function readTraceNodes(file: string, fail: Fail): TraceNode[] {
  return readRows(file, NODE_COLUMNS, fail, (get) => {
    const node = { name: get('sn'), cpuMillis: int(get('cpu_milli')), memoryMiB: int(get('memory_mib')), gpus: int(get('gpu')), model: get('model') };
    if (!node.name) return 'empty sn';
    if (Number.isNaN(node.cpuMillis) || Number.isNaN(node.memoryMiB) || Number.isNaN(node.gpus)) return 'cpu_milli, memory_mib and gpu must be whole numbers >= 0';
    return node;
  });
}

export function readTracePods(file: string, fail: Fail): TracePod[] {
  return readRows(file, POD_COLUMNS, fail, (get) => {
    const gpuCount = int(get('num_gpu'));
    const milli = int(get('gpu_milli'));
    const pod = {
      name: get('name'),
      cpuMillis: int(get('cpu_milli')),
      memoryMiB: int(get('memory_mib')),
      gpuCount,
      gpuMilli: gpuCount > 0 ? Math.min(milli, 1000) : 0,
      gpuSpec: get('gpu_spec'),
      creationS: get('creation_time') === '' ? NaN : Number(get('creation_time')),
      deletionS: get('deletion_time') === '' ? NaN : Number(get('deletion_time')),
    };
    if (!pod.name) return 'empty name';
    if ([pod.cpuMillis, pod.memoryMiB, gpuCount, milli].some(Number.isNaN)) return 'cpu_milli, memory_mib, num_gpu and gpu_milli must be whole numbers >= 0';
    if (gpuCount > 0 && milli === 0) return 'num_gpu > 0 with gpu_milli 0';
    if (gpuCount > 1 && milli < 1000) return 'a multi-GPU pod must use whole GPUs (gpu_milli 1000)';
    return pod;
  });
}

/** Reads `spec.source` of a scenario; `baseDir` is the scenario file's folder. */
export function readTraceSource(r: Reader, baseDir: string): TraceSource | undefined {
  if (!r.present) return undefined;
  r.object(['format', 'nodes', 'pods', 'mode', 'tune'], [], ['format', 'nodes', 'pods']);
  const format = r.child('format').str({ required: true });
  if (format !== undefined && format !== ALIBABA_GPU_2023) {
    const guess = didYouMean(format, TRACE_FORMATS);
    r.child('format').fail(`unknown trace format "${format}"`, guess ? `did you mean "${guess}"?` : `known formats: ${TRACE_FORMATS.join(', ')}`);
  }
  const mode = (r.child('mode').str({ oneOf: TRACE_MODES }) ?? 'fgd') as TraceMode;
  const tune = r.child('tune').num({ min: 0, exclusiveMin: true }) ?? DEFAULT_TUNE;
  const nodesPath = r.child('nodes').str({ required: true });
  const podsPath = r.child('pods').str({ required: true });
  if (format !== ALIBABA_GPU_2023 || !nodesPath || !podsPath) return undefined;
  const nodesFile = resolve(baseDir, nodesPath);
  const podsFile = resolve(baseDir, podsPath);
  const nodes = readTraceNodes(nodesFile, (m, h) => r.child('nodes').fail(m, h));
  const pods = readTracePods(podsFile, (m, h) => r.child('pods').fail(m, h));
  return { format: ALIBABA_GPU_2023, mode, tune, nodesFile, podsFile, nodes, pods };
}
