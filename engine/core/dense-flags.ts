/**
 * A set of small non-negative integers (ids handed out in order, such as pod uids) as one byte each:
 * membership without hashing, for listeners that see every object of a run.
 */
export class DenseFlags {
  private bits = new Uint8Array(64);
  /** Members. */
  size = 0;

  has(i: number): boolean {
    return i < this.bits.length && this.bits[i] === 1;
  }

  /** Adds i; false when it was there already. */
  add(i: number): boolean {
    if (i >= this.bits.length) {
      const grown = new Uint8Array(Math.max(i + 1, this.bits.length * 2));
      grown.set(this.bits);
      this.bits = grown;
    }
    if (this.bits[i] === 1) return false;
    this.bits[i] = 1;
    this.size++;
    return true;
  }

  /** Removes i; false when it was not there. */
  delete(i: number): boolean {
    if (!this.has(i)) return false;
    this.bits[i] = 0;
    this.size--;
    return true;
  }
}
