/**
 * PrioritySort (pkg/scheduler/framework/plugins/queuesort): higher spec.priority first, then the
 * earlier enqueue time. The ordering itself lives in the scheduling queue; the plugin is registered by
 * name so that profiles can list it as upstream's do.
 */
import type { AnyPlugin } from '../../framework/interfaces.js';

export const NAME = 'PrioritySort';

export function newPrioritySort(): AnyPlugin {
  return { name: NAME };
}
