/**
 * A single-consumer async queue: the scanner pushes batches, the session pulls them with for-await.
 * It ends after `close()` once drained, or rejects the pending pull after `fail()`.
 */
export class BatchQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private waiting: {
    resolve: (r: IteratorResult<T>) => void;
    reject: (e: unknown) => void;
  } | null = null;
  private closed = false;
  private failure: { error: unknown } | null = null;
  /** Called after the consumer takes a queued item (for back-pressure). */
  onDrain: (() => void) | null = null;

  push(item: T): void {
    if (this.closed) return;
    if (this.waiting !== null) {
      const w = this.waiting;
      this.waiting = null;
      w.resolve({ value: item, done: false });
    } else {
      this.items.push(item);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.settleWaiting();
  }

  fail(error: unknown): void {
    if (this.closed) return;
    this.failure = { error };
    this.closed = true;
    this.settleWaiting();
  }

  /** Batches produced but not yet pulled (for back-pressure). */
  get backlog(): number {
    return this.items.length;
  }

  private settleWaiting(): void {
    const w = this.waiting;
    if (w === null) return;
    this.waiting = null;
    if (this.failure !== null) w.reject(this.failure.error);
    else w.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        const item = this.items.shift();
        if (item !== undefined) {
          this.onDrain?.();
          return Promise.resolve({ value: item, done: false });
        }
        if (this.failure !== null) return Promise.reject(this.failure.error);
        if (this.closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => {
          this.waiting = { resolve, reject };
        });
      },
      return: () => {
        this.closed = true;
        this.items.length = 0;
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
