/**
 * Memory per node, per live pod and per pending event: each probe runs in its own `node --expose-gc`
 * child process (bench/memory-probe.ts) and reports the heap growth its objects caused, divided by their
 * number. Targets (shared/PERFORMANCE.md): <= 1 KiB per node, 0.5 KiB per live pod, 100 B per pending event.
 * Run: `npm run build && node dist/bench/memory.js`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const MEMORY_SIZES = { nodes: 50_000, pods: 200_000, events: 1_000_000 } as const;
export const MEMORY_TARGETS_BYTES = { nodes: 1024, pods: 512, events: 100 } as const;

export interface MemoryResult {
  what: keyof typeof MEMORY_SIZES;
  count: number;
  bytesPerItem: number;
  targetBytes: number;
}

const PROBE = fileURLToPath(new URL('./memory-probe.js', import.meta.url));

export function runMemoryBench(sizes: Partial<Record<keyof typeof MEMORY_SIZES, number>> = MEMORY_SIZES): MemoryResult[] {
  const out: MemoryResult[] = [];
  for (const what of ['nodes', 'pods', 'events'] as const) {
    const count = sizes[what] ?? MEMORY_SIZES[what];
    const r = spawnSync(process.execPath, ['--expose-gc', PROBE, what, String(count)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`memory probe ${what} failed: ${r.stderr.trim()}`);
    const { bytesPerItem } = JSON.parse(r.stdout) as { bytesPerItem: number };
    const result = { what, count, bytesPerItem: Math.round(bytesPerItem), targetBytes: MEMORY_TARGETS_BYTES[what] };
    console.log(`${what}: ${result.bytesPerItem} B each (${count} built; target <= ${result.targetBytes} B)`);
    out.push(result);
  }
  return out;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runMemoryBench();
}
