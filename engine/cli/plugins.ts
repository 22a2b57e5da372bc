/**
 * Out-of-tree scheduler plugins: ES modules whose default export is a PluginFactory (the interface the
 * built-in plugins use). The engine is synchronous, so the CLI imports them before the run starts.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SimError } from '../core/errors.js';
import type { PluginFactory } from '../scheduler/framework/interfaces.js';

export interface PluginSpec {
  /** Name used in KubeSchedulerConfiguration; from the module's NAME export when not given. */
  name?: string;
  path: string;
}

/** `--plugin NAME=PATH` or `--plugin PATH`. */
export function parsePluginArg(v: string): PluginSpec {
  const eq = v.indexOf('=');
  return eq > 0 && !v.slice(0, eq).includes('/') ? { name: v.slice(0, eq), path: v.slice(eq + 1) } : { path: v };
}

export async function loadPlugins(specs: readonly PluginSpec[]): Promise<Map<string, PluginFactory>> {
  const out = new Map<string, PluginFactory>();
  for (const spec of specs) {
    const file = resolve(spec.path);
    let mod: { default?: unknown; NAME?: unknown };
    try {
      mod = (await import(pathToFileURL(file).href)) as { default?: unknown; NAME?: unknown };
    } catch (e) {
      throw new SimError('E_IO', `cannot load plugin module ${spec.path}: ${(e as Error).message.split('\n')[0]}`, { hint: 'give the path of a .js or .mjs ES module (compile TypeScript plugins with tsc first)' });
    }
    if (typeof mod.default !== 'function') throw new SimError('E_SCHEMA', `plugin module ${spec.path} has no default export function`, { hint: 'export default function factory(args, handle) { return { name, filter(...) {...} } }' });
    const name = spec.name ?? (typeof mod.NAME === 'string' ? mod.NAME : undefined);
    if (!name) throw new SimError('E_SCHEMA', `plugin module ${spec.path} does not say its name`, { hint: 'export const NAME = "MyPlugin", or pass --plugin MyPlugin=path' });
    out.set(name, mod.default as PluginFactory);
  }
  return out;
}

/** Peeks at a module's NAME export without keeping it (used before the scenario is validated). */
export async function pluginNames(specs: readonly PluginSpec[]): Promise<string[]> {
  return [...(await loadPlugins(specs)).keys()];
}
