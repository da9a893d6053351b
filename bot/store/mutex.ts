/**
 * An in-process async mutex per key: callers with the same key run one at a time in
 * arrival order, callers with different keys never wait for each other.
 */
export class KeyedMutex {
  /** The tail of each key's queue; removed when the queue drains so idle keys cost nothing. */
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    try {
      return await task();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys with a running or queued task (for tests and diagnostics). */
  get activeKeys(): number {
    return this.tails.size;
  }
}
