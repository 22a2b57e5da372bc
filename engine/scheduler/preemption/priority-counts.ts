/** A multiset of pod priorities with its minimum, kept in step with binds and releases. */
export class PriorityCounts {
  private readonly counts = new Map<number, number>();
  private cachedMin = Infinity;
  private dirty = false;

  add(priority: number): void {
    this.counts.set(priority, (this.counts.get(priority) ?? 0) + 1);
    if (priority < this.cachedMin) this.cachedMin = priority;
  }

  remove(priority: number): void {
    const n = this.counts.get(priority);
    if (n === undefined) return;
    if (n > 1) this.counts.set(priority, n - 1);
    else {
      this.counts.delete(priority);
      if (priority === this.cachedMin) this.dirty = true;
    }
  }

  /** The lowest priority present, or Infinity. */
  min(): number {
    if (this.dirty) {
      this.dirty = false;
      this.cachedMin = Infinity;
      for (const p of this.counts.keys()) if (p < this.cachedMin) this.cachedMin = p;
    }
    return this.cachedMin;
  }
}
