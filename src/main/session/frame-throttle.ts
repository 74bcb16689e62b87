/**
 * Calls `emit` at most once per interval while things change; a change inside the interval is
 * emitted when it ends, so no change is left unreported. The owner sends the final frame itself.
 */
export class FrameThrottle {
  private timer: NodeJS.Timeout | null = null;
  private lastEmit = 0;
  private dirty = false;

  constructor(
    private readonly emit: () => void,
    private readonly intervalMs = 50,
  ) {}

  /** Something changed: emit now if the interval has passed, else once it has. */
  touch(): void {
    this.dirty = true;
    if (this.timer) return;
    const wait = this.lastEmit + this.intervalMs - Date.now();
    if (wait <= 0) {
      this.fire();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.fire();
    }, wait);
  }

  /** Drops any pending emit: the owner is about to send the final frame. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.dirty = false;
  }

  private fire(): void {
    this.dirty = false;
    this.lastEmit = Date.now();
    this.emit();
  }
}
