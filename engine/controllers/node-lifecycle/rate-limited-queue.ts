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
   * FIFO of (node, seq) as two parallel arrays; an entry is live while its node's queued seq is its seq
   * (lazy deletion: O(1) remove). Membership and queued seqs are kept by node index, not in a Map and a
   * Set: every monitor pass removes and re-adds each queued node (thousands during a zone outage).
   */
  private entryNodes: Node[] = [];
  private entrySeqs: number[] = [];
  private head = 0;
  private seq = 0;
  /** Per node index: the seq of its live entry, 0 when not queued. */
  private queuedSeq = new Float64Array(64);
  /** Per node index: 1 while in the set (queued, or taken off the queue and not removed since). */
  private member = new Uint8Array(64);
  private queuedCount = 0;
  /** 0 = never limiter. */
  private qps: number;
  /** The bucket has its token from this time on (ms); Infinity for the never limiter. */
  private tokenAtMs: number;

  constructor(qps: number) {
    this.qps = qps;
    this.tokenAtMs = qps > 0 ? -Infinity : Infinity;
  }

  get length(): number {
    return this.queuedCount;
  }

  /** When the next token is there (Infinity: never). */
  get nextTokenMs(): number {
    return this.tokenAtMs;
  }

  /** Add: false when the node is already in the set. */
  add(node: Node): boolean {
    const i = node.index;
    if (i >= this.member.length) this.grow(i);
    if (this.member[i] === 1) return false;
    this.member[i] = 1;
    this.enqueue(node);
    return true;
  }

  /** Remove then Add (always true): the node goes to the back of the queue, queued or not before. */
  requeue(node: Node): true {
    const i = node.index;
    if (i >= this.member.length) this.grow(i);
    this.member[i] = 1;
    if (this.queuedSeq[i] !== 0) this.queuedCount--;
    this.enqueue(node);
    return true;
  }

  private enqueue(node: Node): void {
    this.queuedSeq[node.index] = ++this.seq;
    this.queuedCount++;
    this.entryNodes.push(node);
    this.entrySeqs.push(this.seq);
    if (this.entryNodes.length - this.head > 2 * this.queuedCount + 1024) this.compact();
  }

  /** Remove from the queue and the set. */
  remove(node: Node): void {
    const i = node.index;
    if (i >= this.member.length || this.member[i] === 0) return;
    this.member[i] = 0;
    if (this.queuedSeq[i] !== 0) {
      this.queuedSeq[i] = 0;
      this.queuedCount--;
    }
  }

  has(node: Node): boolean {
    return node.index < this.member.length && this.member[node.index] === 1;
  }

  private grow(index: number): void {
    const size = Math.max(index + 1, this.member.length * 2);
    const member = new Uint8Array(size);
    member.set(this.member);
    this.member = member;
    const seqs = new Float64Array(size);
    seqs.set(this.queuedSeq);
    this.queuedSeq = seqs;
  }

  private compact(): void {
    const nodes: Node[] = [];
    const seqs: number[] = [];
    for (let i = this.head; i < this.entryNodes.length; i++) {
      const node = this.entryNodes[i]!;
      const seq = this.entrySeqs[i]!;
      if (this.queuedSeq[node.index] !== seq) continue;
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
      if (this.queuedSeq[node.index] === this.entrySeqs[this.head]) return node;
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
      this.queuedSeq[node.index] = 0;
      this.queuedCount--;
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
