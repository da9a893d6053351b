/**
 * Tracks turns that are still being handled, so shutdown can let them finish
 * (stop receiving first, then drain) instead of cutting replies off mid-way.
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  get size(): number {
    return this.running.size;
  }

  /** Runs `work` detached from the caller; errors must be handled inside `work`. */
  run(work: () => Promise<unknown>): Promise<void> {
    const p = work().then(
      () => undefined,
      () => undefined,
    );
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
    return p;
  }

  /** Resolves once every tracked turn finished, or after `timeoutMs` (returns how many were still running). */
  async drain(timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.running.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return this.running.size;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all([...this.running]), new Promise((r) => (timer = setTimeout(r, left)))]);
      clearTimeout(timer);
    }
    return 0;
  }
}
