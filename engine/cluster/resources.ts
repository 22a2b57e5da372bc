/**
 * Resource vectors. Every resource name a scenario uses gets a small integer index, fixed before t=0,
 * so that per-node accounting is a flat Float64Array (safe integers: cpu in millicores, memory and
 * storage in bytes, everything else in units). Indices 0..3 are always cpu, memory, ephemeral-storage, pods.
 */
export const CPU = 0;
export const MEMORY = 1;
export const EPHEMERAL_STORAGE = 2;
export const PODS = 3;

export const BUILTIN_RESOURCES = ['cpu', 'memory', 'ephemeral-storage', 'pods'] as const;

/** Defaults charged per container in scoring only (pkg/scheduler/util/pod_resources.go). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export type ResourceVector = Float64Array;

export class ResourceNames {
  private readonly names: string[] = [...BUILTIN_RESOURCES];
  private readonly index = new Map<string, number>(this.names.map((n, i) => [n, i]));
  private frozen = false;

  /** Index of a resource name, registering it while the registry is still open (during loading). */
  intern(name: string): number {
    const found = this.index.get(name);
    if (found !== undefined) return found;
    if (this.frozen) throw new Error(`resource ${name} registered after the run started`);
    const i = this.names.length;
    this.names.push(name);
    this.index.set(name, i);
    return i;
  }

  lookup(name: string): number | undefined {
    return this.index.get(name);
  }

  name(i: number): string {
    return this.names[i] ?? `resource#${i}`;
  }

  get size(): number {
    return this.names.length;
  }

  freeze(): void {
    this.frozen = true;
  }

  vector(): ResourceVector {
    return new Float64Array(this.names.length);
  }

  /** Resource names are "scalar" (extended, hugepages-*, kubernetes.io/*) from index 4 on. */
  isScalar(i: number): boolean {
    return i > PODS;
  }
}

/** Whether a resource name counts in millis (cpu) rather than whole units when parsed. */
export function isMilliResource(name: string): boolean {
  return name === 'cpu';
}

export function addInto(target: ResourceVector, v: ResourceVector, sign = 1): void {
  const n = Math.min(target.length, v.length);
  for (let i = 0; i < n; i++) target[i] = target[i]! + sign * v[i]!;
}
