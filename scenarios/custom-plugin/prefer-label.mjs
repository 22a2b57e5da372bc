// A custom kubesim scheduler plugin: a Score plugin that prefers nodes carrying a given label.
// The default export is a factory with the same signature as the built-in plugins' factories:
// (args, handle) => plugin. `args` is the profile's pluginConfig entry for this plugin (unvalidated:
// check it yourself); `handle.store` is the read-only cluster store, `handle.rng` the scheduler stream.
// See engine/scheduler/framework/interfaces.ts for every extension point a plugin may implement.

export const NAME = 'PreferLabel';

/** @param {{label?: string, value?: string} | undefined} args */
export default function newPreferLabel(args) {
  const label = args?.label ?? 'kubesim.io/preferred';
  const value = args?.value ?? 'true';
  if (typeof label !== 'string' || typeof value !== 'string') throw new Error('PreferLabel args: label and value must be strings');
  return {
    name: NAME,
    // Score must return an integer; without normalizeScore it must already be within 0..100.
    score(_state, _pod, node) {
      return node.labels[label] === value ? 100 : 0;
    },
  };
}
