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
  /**
   * FIFO of (node, seq) as two parallel arrays (a pass re-adds every queued node: no object per entry); an
   * entry is live while `queued` maps its node to its seq (lazy deletion: O(1) remove).
   */
  private entryNodes: Node[] = [];
  private entrySeqs: number[] = [];
  private head = 0;
  private seq = 0;
  private readonly queued = new Map<Node, number>();
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
    return this.queued.size;
  }

  /** When the next token is there (Infinity: never). */
  get nextTokenMs(): number {
    return this.tokenAtMs;
  }

  /** Add: false when the node is already in the set. */
  add(node: Node): boolean {
    if (this.inSet.has(node)) return false;
    this.inSet.add(node);
    this.queued.set(node, ++this.seq);
    this.entryNodes.push(node);
    this.entrySeqs.push(this.seq);
    if (this.entryNodes.length - this.head > 2 * this.queued.size + 1024) this.compact();
    return true;
  }

  /** Remove from the queue and the set. */
  remove(node: Node): void {
    if (!this.inSet.delete(node)) return;
    this.queued.delete(node);
  }

  has(node: Node): boolean {
    return this.inSet.has(node);
  }

  private compact(): void {
    const nodes: Node[] = [];
    const seqs: number[] = [];
    for (let i = this.head; i < this.entryNodes.length; i++) {
      const node = this.entryNodes[i]!;
      const seq = this.entrySeqs[i]!;
      if (this.queued.get(node) !== seq) continue;
      nodes.push(node);
      seqs.push(seq);
    }
    this.entryNodes = nodes;
    this.entrySeqs = seqs;
    this.head = 0;
  }

  /** The live head of the queue, dropping stale entries. */
  private peek(): Node | undefined {
    while (this.head < this.entryNodes.length) {
      const node = this.entryNodes[this.head]!;
      if (this.queued.get(node) === this.entrySeqs[this.head]) return node;
      this.head++;
    }
    return undefined;
  }

  /** TryAccept: takes the token if there is one at `now`. */
  tryAccept(now: number): boolean {
    if (now < this.tokenAtMs) return false;
    this.tokenAtMs = now + Math.round(1000 / this.qps);
    return true;
  }

  /** Try: while there is a head and a token, take it off the queue (kept in the set) and hand it to `fn`. */
  tryProcess(now: number, fn: (node: Node) => void): void {
    for (let node = this.peek(); node !== undefined; node = this.peek()) {
      if (!this.tryAccept(now)) return;
      this.head++;
      this.queued.delete(node);
      fn(node);
    }
    if (this.head > 1024) this.compact();
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
