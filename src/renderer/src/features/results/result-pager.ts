import type { PortResult } from '../../../../shared/domain';
import type { ResultPage } from '../../../../shared/history';

export type FetchPage = (offset: number, limit: number) => Promise<ResultPage>;

/** Rows per request: a screen or two, so a jump anywhere in a million rows costs one page. */
export const PAGE_SIZE = 200;

/**
 * Pages of one query's results, fetched from the history on demand, for a virtual table. It holds
 * only the pages asked for; `refresh` (a running scan) re-asks for them while the old rows stay on
 * screen until the new ones arrive, so nothing flickers.
 */
export class ResultPager {
  total: number | null = null;
  error: string | null = null;
  private readonly pages = new Map<number, { rows: PortResult[]; generation: number }>();
  private readonly inFlight = new Map<number, number>();
  private readonly failed = new Map<number, number>();
  private generation = 0;
  private version = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly fetchPage: FetchPage) {}

  row(index: number): PortResult | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.rows[index % PAGE_SIZE];
  }

  /** Fetches every page that rows first..last touch and that is missing or out of date. */
  ensure(first: number, last: number): void {
    const from = Math.max(0, Math.floor(first / PAGE_SIZE));
    const to = Math.max(from, Math.floor(Math.max(first, last) / PAGE_SIZE));
    for (let page = from; page <= to; page += 1) {
      if (this.total !== null && page * PAGE_SIZE >= Math.max(this.total, 1)) break;
      const cached = this.pages.get(page);
      if (cached && cached.generation === this.generation) continue;
      if (this.inFlight.get(page) === this.generation) continue;
      // A page that failed is asked again only after the next refresh, never in a loop.
      if (this.failed.get(page) === this.generation) continue;
      this.load(page);
    }
  }

  /** Marks every page out of date (new results committed); views then ensure what they show. */
  refresh(): void {
    this.generation += 1;
    this.changed();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getVersion = (): number => this.version;

  private load(page: number): void {
    const generation = this.generation;
    this.inFlight.set(page, generation);
    this.fetchPage(page * PAGE_SIZE, PAGE_SIZE).then(
      (result) => {
        if (this.inFlight.get(page) === generation) this.inFlight.delete(page);
        const cached = this.pages.get(page);
        // An answer older than what is shown is dropped.
        if (cached && cached.generation > generation) return;
        this.pages.set(page, { rows: result.rows, generation });
        this.total = result.total;
        this.error = null;
        this.changed();
      },
      (error: unknown) => {
        if (this.inFlight.get(page) === generation) this.inFlight.delete(page);
        this.failed.set(page, generation);
        this.error = error instanceof Error ? error.message : String(error);
        this.changed();
      },
    );
  }

  private changed(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}
