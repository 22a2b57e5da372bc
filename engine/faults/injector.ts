/**
 * The one interpreter of planned faults: at each planned time it acts on the nodes, through the store and
 * the kubelets' fault interface, and records NodeFailed / NodeRecovered / NodeDeleted / ... in events.csv.
 */
import type { Node } from '../cluster/node.js';
import { EVENT_PRIORITY } from '../cluster/priorities.js';
import type { ClusterStore } from '../cluster/store.js';
import { TAINT_OUT_OF_SERVICE } from '../cluster/taints.js';
import type { Simulator } from '../core/simulator.js';
import type { PlannedFault } from './spec.js';

/** The kubelet side of node faults (implemented by controllers/kubelet NodeAgents). */
export interface NodeFaultTarget {
  change(node: Node, kind: 'down' | 'partitioned' | 'notReady', delta: 1 | -1): void;
}

export interface InjectorDeps {
  sim: Simulator;
  store: ClusterStore;
  kubelets: NodeFaultTarget;
  /** Adds one node shaped like the given pool (nodeAdd). */
  addPoolNode: (pool: string) => void;
}

export class FaultInjector {
  constructor(private readonly d: InjectorDeps) {}

  schedule(plan: readonly PlannedFault[]): void {
    for (const f of plan) {
      this.d.sim.at(f.atMs, () => this.start(f), undefined, EVENT_PRIORITY.fault);
      if (f.endMs >= 0 && f.action !== 'delete' && f.action !== 'add') this.d.sim.at(f.endMs, () => this.end(f), undefined, EVENT_PRIORITY.fault);
    }
  }

  private nodes(f: PlannedFault): Node[] {
    const out: Node[] = [];
    for (const name of f.nodes) {
      const n = this.d.store.node(name);
      if (n) out.push(n);
    }
    return out;
  }

  private start(f: PlannedFault): void {
    const { store } = this.d;
    if (f.action === 'add') {
      for (let i = 0; i < f.addCount; i++) this.d.addPoolNode(f.addPool);
      return;
    }
    for (const node of this.nodes(f)) {
      switch (f.action) {
        case 'down':
        case 'partitioned':
        case 'notReady':
          store.record('NodeFailed', node.name, node.name, `${f.type}:${f.action}`);
          this.d.kubelets.change(node, f.action, 1);
          break;
        case 'delete':
          store.record('NodeDeleted', node.name, node.name, `${f.type}:${f.action}`);
          this.d.kubelets.change(node, 'down', 1);
          store.removeNode(node);
          break;
        case 'drain':
          store.setNodeUnschedulable(node, true);
          store.record('NodeDrainRequested', node.name, node.name, 'cordoned');
          store.events.emitNode('NodeDrainRequested', node);
          break;
        case 'outOfService':
          store.setNodeTaints(node, [...node.taints, { key: TAINT_OUT_OF_SERVICE, value: 'nodeshutdown', effect: 'NoExecute', timeAddedMs: this.d.sim.now }]);
          store.record('NodeTainted', node.name, node.name, `${TAINT_OUT_OF_SERVICE}=nodeshutdown:NoExecute`);
          break;
      }
    }
  }

  private end(f: PlannedFault): void {
    const { store } = this.d;
    for (const node of this.nodes(f)) {
      switch (f.action) {
        case 'down':
        case 'partitioned':
        case 'notReady':
          store.record('NodeRecovered', node.name, node.name, `${f.type}:${f.action}`);
          this.d.kubelets.change(node, f.action, -1);
          break;
        case 'drain':
          store.setNodeUnschedulable(node, false);
          store.record('NodeUncordoned', node.name, node.name, '');
          break;
        case 'outOfService':
          store.setNodeTaints(node, node.taints.filter((t) => t.key !== TAINT_OUT_OF_SERVICE));
          store.record('NodeUntainted', node.name, node.name, `${TAINT_OUT_OF_SERVICE}=nodeshutdown:NoExecute`);
          break;
        default:
          break;
      }
    }
  }
}
