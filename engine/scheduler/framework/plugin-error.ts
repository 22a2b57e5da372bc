/** A plugin that throws is a bug in that plugin: the error names the plugin, the extension point and the pod. */
import type { Pod } from '../../cluster/pod.js';
import { podKey } from '../../cluster/pod.js';
import { SimError } from '../../core/errors.js';

export function pluginError(plugin: string, point: string, pod: Pod, node: string | undefined, e: unknown): SimError {
  if (e instanceof SimError && (e.code === 'E_PLUGIN' || e.code === 'E_INVARIANT')) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new SimError('E_PLUGIN', `plugin ${plugin} threw in ${point} for pod ${podKey(pod)}${node ? ` on node ${node}` : ''}: ${message}`, {
    hint: `fix the plugin or remove ${plugin} from the scheduler profile`,
  });
}
