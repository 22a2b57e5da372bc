/**
 * The real CLI with two test-only plugins registered (never shipped): CrashingFilter throws from
 * Filter, AdmitAll lets every pod onto every node (a "broken plugin" that over-commits nodes).
 * Policies: crash-test = NodeResourcesFit + CrashingFilter; broken-fit = AdmitAll only.
 */
import { main } from '../../engine/cli/main.js';
import type { PluginFactory } from '../../engine/scheduler/framework/interfaces.js';
import type { BuiltinPolicy } from '../../engine/scheduler/builtin-policies.js';
import { BUILTIN_POLICIES } from '../../engine/scheduler/builtin-policies.js';
import { REGISTRY } from '../../engine/scheduler/registry.js';

const registry = REGISTRY as Map<string, PluginFactory>;
const policies = BUILTIN_POLICIES as Map<string, BuiltinPolicy>;
registry.set('CrashingFilter', () => ({
  name: 'CrashingFilter',
  filter: () => {
    throw new TypeError("Cannot read properties of undefined (reading 'zone')");
  },
}));
registry.set('AdmitAll', () => ({ name: 'AdmitAll', filter: () => null }));
policies.set('crash-test', { description: 'test only', profile: { plugins: [{ name: 'NodeResourcesFit' }, { name: 'CrashingFilter' }] } });
policies.set('broken-fit', { description: 'test only', profile: { plugins: [{ name: 'AdmitAll' }] } });

main(process.argv).then((code) => {
  process.exitCode = code;
});
