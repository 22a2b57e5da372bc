/**
 * Upstream default-profile plugins that have nothing to act on in kubesim (no volumes, no DRA, no
 * scheduling gates, binding is immediate). They are registered so that upstream configurations load
 * unchanged, and implement no extension point.
 */
import type { AnyPlugin, PluginFactory } from '../../framework/interfaces.js';

export const NOOP_PLUGINS = ['SchedulingGates', 'VolumeRestrictions', 'NodeVolumeLimits', 'VolumeBinding', 'VolumeZone', 'DynamicResources', 'DefaultBinder'] as const;

export function noopFactory(name: string): PluginFactory {
  return (): AnyPlugin => ({ name });
}
