/**
 * One zone's NoExecute tainter: a unique queue of node names behind a token bucket
 * (pkg/controller/nodelifecycle/scheduler/rate_limited_queue.go). Burst 1: the bucket holds at most one
 * token, refilled at `qps`; rate 0 is the "never" limiter that never yields a token.
 *
 * Like upstream's UniqueQueue, a node taken off the queue (tainted) stays in the set, so it cannot be added
 * again until it is explicitly removed (the node lost its taint, or became Ready).
 */
import type { Node } from '../../cluster/node.js';

/** The QPS the "never" limiter reports (flowcontrol.NewFakeNeverRateLimiter): SwapLimiter compares with it. */
const NEVER_LIMITER_QPS = 1;

export class ZoneTainter {
  private queue: Node[] = [];
  private readonly inSet = new Set<Node>();
  /** 0 = never limiter. */
  private qps: number;
  /** The bucket has its token from this time on (ms); Infinity for the never limiter. */
  private tokenAtMs: number;

  constructor(qps: number) {
    this.qps = qps;
    this.tokenAtMs = qps > 0 ? -Infinity : Infinity;
  }

  get length(): number {
    return this.queue.length;
  }

  /** When the next token is there (Infinity: never). */
  get nextTokenMs(): number {
    return this.tokenAtMs;
  }

  /** Add: false when the node is already in the set. */
  add(node: Node): boolean {
    if (this.inSet.has(node)) return false;
    this.inSet.add(node);
    this.queue.push(node);
    return true;
  }

  /** Remove from the queue and the set. */
  remove(node: Node): void {
    if (!this.inSet.delete(node)) return;
    const i = this.queue.indexOf(node);
    if (i >= 0) this.queue.splice(i, 1);
  }

  has(node: Node): boolean {
    return this.inSet.has(node);
  }

  /** TryAccept: takes the token if there is one at `now`. */
  tryAccept(now: number): boolean {
    if (now < this.tokenAtMs) return false;
    this.tokenAtMs = now + Math.round(1000 / this.qps);
    return true;
  }

  /** Try: while there is a head and a token, take it off the queue (kept in the set) and hand it to `fn`. */
  tryProcess(now: number, fn: (node: Node) => void): void {
    while (this.queue.length > 0) {
      if (!this.tryAccept(now)) return;
      const node = this.queue.shift()!;
      fn(node);
    }
  }

  /**
   * SwapLimiter: nothing when the reported QPS is unchanged; otherwise a new bucket that starts full,
   * unless the old one had no token at this moment, in which case the new one starts empty.
   */
  swapLimiter(qps: number, now: number): void {
    const reported = this.qps > 0 ? this.qps : NEVER_LIMITER_QPS;
    if (reported === qps) return;
    const oldHadToken = now >= this.tokenAtMs;
    this.qps = qps;
    if (qps <= 0) this.tokenAtMs = Infinity;
    else this.tokenAtMs = oldHadToken ? -Infinity : now + Math.round(1000 / qps);
  }
}
