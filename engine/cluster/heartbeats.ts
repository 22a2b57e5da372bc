/**
 * What the control plane knows of each kubelet's heartbeats (Node Lease renewals and status posts), shared
 * by the kubelets (which write it) and the node lifecycle controller (which reads it), like the Lease
 * objects in kube-node-lease. Heartbeats are not simulated one by one (PERFORMANCE.md lesson 2): while
 * they flow, a node counts as heard from at every instant; when they stop, `lastMs` keeps the time of the
 * last renewal that reached the API server.
 */
import type { Node } from './node.js';

export type HeartbeatListener = (node: Node, flowing: boolean) => void;

export class NodeHeartbeats {
  /** Per node index: -1 while heartbeats flow, else the time of the last one that arrived. */
  private readonly silentSince: number[] = [];
  /** Per node index: the time of the first heartbeat ever (-1 if the kubelet never posted). */
  private readonly firstMs: number[] = [];
  private readonly listeners: HeartbeatListener[] = [];

  on(fn: HeartbeatListener): void {
    this.listeners.push(fn);
  }

  /** Heartbeats reach the control plane from `atMs` on. */
  resume(node: Node, atMs: number): void {
    if (this.firstMs[node.index] === undefined || this.firstMs[node.index]! < 0) this.firstMs[node.index] = atMs;
    this.silentSince[node.index] = -1;
    for (const fn of this.listeners) fn(node, true);
  }

  /** Heartbeats stopped; the last one arrived at `lastMs` (-1 if there never was one). */
  stop(node: Node, lastMs: number): void {
    if (lastMs < 0 && this.firstMs[node.index] === undefined) this.firstMs[node.index] = -1;
    this.silentSince[node.index] = lastMs;
    for (const fn of this.listeners) fn(node, false);
  }

  /** True while heartbeats reach the control plane (the default for a node nobody stopped). */
  flowing(node: Node): boolean {
    const s = this.silentSince[node.index];
    return s === undefined || s === -1;
  }

  /** Time of the last heartbeat that arrived, for a silent node. */
  lastHeartbeatMs(node: Node): number {
    return this.silentSince[node.index] ?? -1;
  }

  /** Whether the kubelet ever posted status (a node that never did gets the startup grace period). */
  everPosted(node: Node): boolean {
    const f = this.firstMs[node.index];
    return f === undefined || f >= 0;
  }
}
