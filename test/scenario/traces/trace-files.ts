/**
 * Where tests find the Alibaba GPU trace: $KUBESIM_TRACE_DIR, else ../shared/traces/alibaba-gpu-2023
 * relative to the project root (or ../../shared/... from a git worktree one level deeper). Tests that
 * need it skip with a clear message when it is absent; the files are never copied into the repository.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const CANDIDATES = [process.env.KUBESIM_TRACE_DIR, resolve('..', 'shared', 'traces', 'alibaba-gpu-2023'), resolve('..', '..', 'shared', 'traces', 'alibaba-gpu-2023')];

export const TRACE_DIR = CANDIDATES.find((d): d is string => d !== undefined && existsSync(join(d, 'openb_node_list_gpu_node.csv')));
export const NO_TRACE = TRACE_DIR ? false : 'trace files absent: put cluster-trace-gpu-v2023/csv at ../shared/traces/alibaba-gpu-2023 or set KUBESIM_TRACE_DIR';

export function traceFile(name: string): string {
  return join(TRACE_DIR ?? '.', name);
}

export const NODES = 'openb_node_list_gpu_node.csv';
export const DEFAULT_PODS = 'openb_pod_list_default.csv';
