/**
 * Child process of bench/memory.ts (run with `node --expose-gc`): builds one kind of object in bulk and
 * prints {what, count, bytes, bytesPerItem} as JSON, where bytes is the growth of the V8 heap (after full
 * GCs) that the objects caused. Usage: node --expose-gc dist/bench/memory-probe.js nodes|pods|events <count>
 */
import { createPod } from '../engine/cluster/pod-factory.js';
import { Simulator } from '../engine/core/simulator.js';
import { Simulation } from '../engine/scenario/simulation.js';
import { scenarioFromYaml } from './scenario-text.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

function heap(): number {
  for (let i = 0; i < 3; i++) gc!();
  return process.memoryUsage().heapUsed;
}

function clusterYaml(nodes: number): string {
  return `apiVersion: kubesim.io/v1alpha1
kind: Scenario
metadata: {name: memory}
spec:
  duration: 1h
  sampleInterval: 1h
  nodes:
    - pool: n
      count: ${nodes}
      zones: [zone-a, zone-b, zone-c]
      allocatable: {cpu: "64", memory: 256Gi, pods: 110}
  manifests:
    - apiVersion: v1
      kind: Pod
      metadata: {name: template, labels: {app: memory}}
      spec:
        schedulerName: memory-probe
        containers: [{name: c, image: probe:1, resources: {requests: {cpu: 100m, memory: 128Mi}}}]
`;
}

/** Heap per node of a built Simulation (store, scheduler, kubelet and metrics state), scenario loaded first. */
function nodes(count: number): number {
  const scenario = scenarioFromYaml(clusterYaml(count));
  const before = heap();
  const sim = new Simulation(scenario);
  const after = heap();
  if (sim.store.liveNodes().length !== count + 0) throw new Error('node count');
  return after - before;
}

/** Heap per live (bound, Running) pod sharing one spec, on a cluster of count/4 nodes built first. */
function pods(count: number): number {
  const scenario = scenarioFromYaml(clusterYaml(Math.max(1, count >> 2)));
  const simulation = new Simulation(scenario);
  const { store } = simulation;
  const spec = scenario.pods[0]!.spec;
  const labels = scenario.pods[0]!.meta.labels;
  const nodeList = store.liveNodes();
  simulation.sim.run(1000);
  const before = heap();
  for (let i = 0; i < count; i++) {
    const pod = createPod(store, { name: `p-${i}`, namespace: 'default', labels, spec });
    store.bindPod(pod, nodeList[i % nodeList.length]!);
  }
  simulation.sim.run(120_000); // kubelets start the pods
  const after = heap();
  if (store.pod('default', `p-${count - 1}`)?.phase !== 'Running') throw new Error('pods did not start');
  return after - before;
}

/** Heap per pending timer event in a Simulator (one shared handler). */
function events(count: number): number {
  const sim = new Simulator();
  const handler = (): void => undefined;
  const before = heap();
  for (let i = 0; i < count; i++) sim.at(1 + (i % 100_000), handler);
  const after = heap();
  if (sim.queue.size !== count) throw new Error('queue length');
  return after - before;
}

const what = process.argv[2] ?? '';
const count = Number(process.argv[3] ?? '0');
const probes: Record<string, (n: number) => number> = { nodes, pods, events };
const probe = probes[what];
if (!probe || !(count > 0)) throw new Error('usage: memory-probe.js nodes|pods|events <count>');
const bytes = probe(count);
process.stdout.write(`${JSON.stringify({ what, count, bytes, bytesPerItem: bytes / count })}\n`);
