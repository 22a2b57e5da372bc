/** The in-tree plugin registry: plugin name -> factory (pkg/scheduler/framework/plugins/registry.go). */
import type { PluginFactory } from './framework/interfaces.js';
import { newDefaultPreemption } from './plugins/defaultpreemption/default-preemption.js';
import { newImageLocality } from './plugins/imagelocality/image-locality.js';
import { newInterPodAffinity } from './plugins/interpodaffinity/inter-pod-affinity.js';
import { newNodeAffinity } from './plugins/nodeaffinity/node-affinity.js';
import { newNodeName } from './plugins/nodename/node-name.js';
import { newNodePorts } from './plugins/nodeports/node-ports.js';
import { newNodeResourcesBalancedAllocation } from './plugins/noderesources/balanced-allocation.js';
import { newNodeResourcesFit } from './plugins/noderesources/fit.js';
import { newNodeUnschedulable } from './plugins/nodeunschedulable/node-unschedulable.js';
import { NOOP_PLUGINS, noopFactory } from './plugins/noop/noop.js';
import { newPodTopologySpread } from './plugins/podtopologyspread/pod-topology-spread.js';
import { newPrioritySort } from './plugins/queuesort/priority-sort.js';
import { newTaintToleration } from './plugins/tainttoleration/taint-toleration.js';
import { newGpuFit } from './plugins/gpufit/gpu-fit.js';
import { newRandomScore } from './plugins/randomscore/random-score.js';
import { newDotProd } from './plugins/dotprod/dot-prod.js';
import { newGpuClustering } from './plugins/gpuclustering/gpu-clustering.js';
import { newGpuPacking } from './plugins/gpupacking/gpu-packing.js';
import { newBestFit } from './plugins/bestfit/best-fit.js';
import { newFGD } from './plugins/fgd/fgd.js';

const entries: [string, PluginFactory][] = [
  ['PrioritySort', newPrioritySort],
  ['NodeUnschedulable', newNodeUnschedulable],
  ['NodeName', newNodeName],
  ['TaintToleration', newTaintToleration],
  ['NodeAffinity', newNodeAffinity],
  ['NodePorts', newNodePorts],
  ['NodeResourcesFit', newNodeResourcesFit],
  ['PodTopologySpread', newPodTopologySpread],
  ['InterPodAffinity', newInterPodAffinity],
  ['NodeResourcesBalancedAllocation', newNodeResourcesBalancedAllocation],
  ['ImageLocality', newImageLocality],
  ['DefaultPreemption', newDefaultPreemption],
  // GPU devices and the six policies of the FGD paper (docs/gpu-and-traces.md).
  ['GpuFit', newGpuFit],
  ['RandomScore', newRandomScore],
  ['DotProd', newDotProd],
  ['GpuClustering', newGpuClustering],
  ['GpuPacking', newGpuPacking],
  ['BestFit', newBestFit],
  ['FGD', newFGD],
  ...NOOP_PLUGINS.map((n): [string, PluginFactory] => [n, noopFactory(n)]),
];

export const REGISTRY: ReadonlyMap<string, PluginFactory> = new Map(entries);

/** Plugins that are registered for compatibility but have nothing to act on in kubesim. */
export const NOOP_PLUGIN_NAMES: ReadonlySet<string> = new Set(NOOP_PLUGINS);
