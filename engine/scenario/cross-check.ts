/** Checks that need every document read: duplicate names, priority classes, pinned nodes, limits. */
import { didYouMean } from '../core/errors.js';
import type { Problems } from './reader.js';
import { Reader } from './reader.js';
import type { Collected } from './k8s/manifests.js';
import type { SourceDoc } from './source.js';
import type { Scenario } from './types.js';

export function crossCheck(s: Scenario, problems: Problems, root: SourceDoc, c: Collected): void {
  const seen = new Map<string, Reader>();
  for (const { key, reader } of c.names) {
    const first = seen.get(key);
    if (first) {
      const where = first.src.locate(first.path);
      reader.fail(`duplicate ${key} (first defined at ${first.src.file}${where.line ? `:${where.line}` : ''})`, 'give every object a unique name', 'E_DUPLICATE');
    } else seen.set(key, reader);
  }

  const classes = new Map(s.priorityClasses.map((p) => [p.name, p]));
  const globalDefaults = s.priorityClasses.filter((p) => p.globalDefault);
  if (globalDefaults.length > 1) Reader.root(root, problems).fail(`more than one PriorityClass has globalDefault: true (${globalDefaults.map((p) => p.name).join(', ')})`, 'keep one global default');
  const nodeNames = new Set<string>([...s.nodes.map((n) => n.name), ...s.nodePools.flatMap((p) => Array.from({ length: p.count }, (_, i) => `${p.pool}-${i}`))]);
  for (const { spec, reader } of c.specs) {
    if (spec.priorityClassName) {
      const pc = classes.get(spec.priorityClassName) ?? builtinClass(spec.priorityClassName);
      if (!pc) {
        const guess = didYouMean(spec.priorityClassName, [...classes.keys()]);
        reader.child('priorityClassName').fail(`no PriorityClass named "${spec.priorityClassName}"`, guess ? `did you mean "${guess}"?` : 'add a PriorityClass manifest with this name', 'E_REFERENCE');
        continue;
      }
      if (reader.child('priority').present && spec.priority !== pc.value) reader.child('priority').fail(`priority ${spec.priority} disagrees with PriorityClass ${pc.name} (${pc.value})`, 'drop spec.priority: it is set from the class');
      spec.priority = pc.value;
      if (!reader.child('preemptionPolicy').present) spec.preemptionPolicy = pc.preemptionPolicy;
    } else if (globalDefaults[0] && !reader.child('priority').present) {
      spec.priority = globalDefaults[0].value;
      spec.priorityClassName = globalDefaults[0].name;
      spec.preemptionPolicy = globalDefaults[0].preemptionPolicy;
    }
    if (spec.nodeName && !nodeNames.has(spec.nodeName)) {
      const guess = didYouMean(spec.nodeName, [...nodeNames]);
      reader.child('nodeName').fail(`no node named "${spec.nodeName}"`, guess ? `did you mean "${guess}"?` : 'add the node, or drop spec.nodeName to let the scheduler place the pod', 'E_REFERENCE');
    }
  }
  // The node and pod limits are checked by checkLimits (limits.ts), which knows --max-nodes / --max-pods.
}

/** System priority classes every cluster has (pkg/apis/scheduling/types.go). */
function builtinClass(name: string): { name: string; value: number; preemptionPolicy: 'PreemptLowerPriority' } | undefined {
  if (name === 'system-cluster-critical') return { name, value: 2_000_000_000, preemptionPolicy: 'PreemptLowerPriority' };
  if (name === 'system-node-critical') return { name, value: 2_000_001_000, preemptionPolicy: 'PreemptLowerPriority' };
  return undefined;
}
