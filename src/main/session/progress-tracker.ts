import { emptyStateCounts, type PortResult, type StateCounts } from '../../shared/domain';
import { PortRunsCollector, type HostPortRuns } from '../../shared/port-map';

/** How far back the rate looks: long enough to be steady, short enough to follow a pause. */
const RATE_WINDOW_MS = 3_000;

/** Counts results as they arrive and answers "how far, how fast, how long" in O(1) per batch. */
export class ProgressTracker {
  readonly counts: StateCounts = emptyStateCounts();
  done = 0;
  private newOpen: PortResult[] = [];
  /** Only a window draws a port map; the terminal does not pay for one. */
  private readonly settled: PortRunsCollector | null;
  private readonly samples: { at: number; done: number }[] = [];

  constructor(
    readonly total: number,
    private readonly startedAt: number,
    private readonly now: () => number = Date.now,
    options: { portMap?: boolean } = {},
  ) {
    this.settled = options.portMap ? new PortRunsCollector() : null;
  }

  add(batch: readonly PortResult[]): void {
    for (const result of batch) {
      this.counts[result.state]++;
      if (result.state === 'open') this.newOpen.push(result);
      this.settled?.add(result.host, result.hostname, result.port, result.state);
    }
    this.done += batch.length;
    this.samples.push({ at: this.now(), done: this.done });
  }

  /** The open ports found since the previous call. */
  takeNewOpen(): PortResult[] {
    const taken = this.newOpen;
    this.newOpen = [];
    return taken;
  }

  /** The ports settled since the previous call, per host, as runs (what the port map needs). */
  takeSettled(): HostPortRuns[] {
    return this.settled?.take() ?? [];
  }

  /** Probes per second over the last few seconds. */
  rate(): number {
    const now = this.now();
    while (this.samples.length > 1 && now - this.samples[0]!.at > RATE_WINDOW_MS)
      this.samples.shift();
    const first = this.samples[0];
    if (!first) return 0;
    const since = first.at === now ? this.startedAt : first.at;
    const doneSince = first.at === now ? this.done : this.done - first.done;
    const seconds = (now - since) / 1000;
    return seconds > 0 ? doneSince / seconds : 0;
  }

  etaSeconds(): number | null {
    const rate = this.rate();
    return rate > 0 ? Math.max(0, (this.total - this.done) / rate) : null;
  }

  elapsedMs(): number {
    return this.now() - this.startedAt;
  }
}
