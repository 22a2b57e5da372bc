/**
 * The verdicts a standing list (standing-list.ts) asks of one cycle's filters: `passes`, the walk's
 * verdict on one node from the filters that read the node alone (the static filters' byte, NodePorts,
 * NodeResourcesFit, GpuFit), for the nodes changed since the last cycle; and `extra`, PodTopologySpread's
 * and InterPodAffinity's filters (they follow pods across a domain), asked each cycle of the window's
 * nodes only. Made once per fast path, pointed at each cycle's inputs by begin(): two closures per
 * cycle were a tenth of a Deployment pod's allocation.
 */
import type { Node } from '../../cluster/node.js';
import type { Pod } from '../../cluster/pod.js';
import type { CycleState } from '../framework/interfaces.js';
import type { GpuFit } from '../plugins/gpufit/gpu-fit.js';
import type { InterPodAffinity } from '../plugins/interpodaffinity/inter-pod-affinity.js';
import type { NodePorts } from '../plugins/nodeports/node-ports.js';
import type { NodeResourcesFit } from '../plugins/noderesources/fit.js';
import type { DomainVerdicts, PodTopologySpread } from '../plugins/podtopologyspread/pod-topology-spread.js';
import type { WindowExtra } from './standing-list.js';

const NONE = new Uint8Array(0);
const NO_INDEXES = new Int32Array(0);

export class StandingVerdicts implements WindowExtra {
  private state: CycleState | null = null;
  private pod: Pod | null = null;
  private nodes: readonly Node[] = [];
  private ok: Uint8Array = NONE;
  indexes: Int32Array = NO_INDEXES;
  private ports: NodePorts | null = null;
  private gpu: GpuFit | null = null;
  private spread: PodTopologySpread | null = null;
  private interPod: InterPodAffinity | null = null;
  /** One zone constraint: the spread filter's verdict per zone, read by node index (checkNode's test). */
  private byDomain: DomainVerdicts | null = null;
  /** byDomain when it alone decides `keeps` (no InterPodAffinity filter this cycle). */
  domainOnly: DomainVerdicts | null = null;

  constructor(private readonly fit: NodeResourcesFit) {}

  /** This cycle's inputs; the window's extra filter (this), or null when neither PodTopologySpread's nor InterPodAffinity's filter runs. */
  begin(state: CycleState, pod: Pod, nodes: readonly Node[], ok: Uint8Array, indexes: Int32Array, ports: NodePorts | null, gpu: GpuFit | null, spread: PodTopologySpread | null, interPod: InterPodAffinity | null): WindowExtra | null {
    this.state = state;
    this.pod = pod;
    this.nodes = nodes;
    this.ok = ok;
    this.indexes = indexes;
    this.ports = ports;
    this.gpu = gpu;
    this.spread = spread;
    this.interPod = interPod;
    this.byDomain = spread === null ? null : spread.domainVerdicts(state);
    this.domainOnly = interPod === null ? this.byDomain : null;
    return spread === null && interPod === null ? null : this;
  }

  /** The walk's verdict on a node of index i from the filters that read the node alone. */
  readonly passes = (node: Node, i: number): boolean => {
    const state = this.state!;
    const pod = this.pod!;
    return i < this.ok.length && this.ok[i] === 1 && (this.ports === null || this.ports.filter(state, pod, node) === null) && this.fit.fits(pod, node) && (this.gpu === null || this.gpu.filter(state, pod, node) === null);
  };

  /** The domain-following filters' verdict on node position q. */
  keeps(q: number): boolean {
    return (this.spread === null || this.spreadPasses(q)) && (this.interPod === null || this.interPod.filter(this.state!, this.pod!, this.nodes[q]!) === null);
  }

  private spreadPasses(q: number): boolean {
    const i = this.indexes[q]!;
    const d = this.byDomain;
    if (d !== null && i < d.hasKey.length) return d.hasKey[i] === 1 && d.ok[d.valueOf[i]!] === 1;
    return this.spread!.filter(this.state!, this.pod!, this.nodes[q]!) === null;
  }
}
