/**
 * Token bucket for probes per second. The bucket holds at most a twentieth of a second's worth
 * (at least one token), so bursts stay short and the long-run rate is the asked one.
 */
export class RateLimiter {
  private tokens: number;
  private readonly capacity: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.capacity = Math.max(1, perSecond / 20);
    this.tokens = 1;
    this.last = this.now();
  }

  /** Takes a token if one is there. */
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) * this.perSecond) / 1000);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until the next token. */
  waitMs(): number {
    return Math.max(1, ((1 - this.tokens) * 1000) / this.perSecond);
  }
}
