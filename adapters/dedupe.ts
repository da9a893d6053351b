/**
 * "Have we seen this delivery before?" for platforms that redeliver (Slack retries,
 * DingTalk re-pushes unacked callbacks). `claim` checks and records in one synchronous
 * step, so two copies arriving back to back can never both pass.
 */
export class DedupeSet {
  private readonly seen = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly max: number;
  private readonly now: () => number;

  constructor(opts: { ttlMs?: number; max?: number; now?: () => number } = {}) {
    this.ttlMs = opts.ttlMs ?? 60 * 60_000;
    this.max = opts.max ?? 10_000;
    this.now = opts.now ?? Date.now;
  }

  /**
   * Claims every key at once: true when none of them was seen (all are now recorded),
   * false when any was (a duplicate; nothing changes). Empty/undefined keys are skipped.
   */
  claim(...keys: Array<string | undefined>): boolean {
    const now = this.now();
    const live = keys.filter((k): k is string => typeof k === 'string' && k.length > 0);
    for (const k of live) {
      const at = this.seen.get(k);
      if (at !== undefined && now - at < this.ttlMs) return false;
    }
    for (const k of live) {
      this.seen.delete(k); // re-insert so Map order stays oldest-first
      this.seen.set(k, now);
    }
    this.evict(now);
    return true;
  }

  /** Forgets keys again (a claimed delivery that could not be taken after all). */
  release(...keys: string[]): void {
    for (const k of keys) this.seen.delete(k);
  }

  private evict(now: number): void {
    for (const [k, at] of this.seen) {
      if (this.seen.size <= this.max && now - at < this.ttlMs) break;
      this.seen.delete(k);
    }
  }
}
