import type { PortResult } from '../../../../shared/domain';
import { MAX_PAGE, type ResultPage } from '../../../../shared/history';

export type FetchPage = (offset: number, limit: number) => Promise<ResultPage>;

/** Rows per request: a screen or two, so a jump anywhere in a million rows costs one page. */
export const PAGE_SIZE = 200;
/** Pages asked for in one getResults call, which answers at most MAX_PAGE rows. */
const MAX_PAGES_PER_REQUEST = Math.floor(MAX_PAGE / PAGE_SIZE);

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

  /**
   * Fetches every page that rows first..last touch and that is missing or out of date; pages
   * side by side go in one request (a jump that straddles two pages costs one round trip).
   */
  ensure(first: number, last: number): void {
    const from = Math.max(0, Math.floor(first / PAGE_SIZE));
    const to = Math.max(from, Math.floor(Math.max(first, last) / PAGE_SIZE));
    let run: number[] = [];
    for (let page = from; page <= to; page += 1) {
      if (this.total !== null && page * PAGE_SIZE >= Math.max(this.total, 1)) break;
      if (this.wanted(page)) {
        run.push(page);
        if (run.length < MAX_PAGES_PER_REQUEST) continue;
      }
      if (run.length > 0) this.load(run);
      run = [];
    }
    if (run.length > 0) this.load(run);
  }

  private wanted(page: number): boolean {
    const cached = this.pages.get(page);
    if (cached && cached.generation === this.generation) return false;
    if (this.inFlight.get(page) === this.generation) return false;
    // A page that failed is asked again only after the next refresh, never in a loop.
    return this.failed.get(page) !== this.generation;
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

  /** Loads consecutive pages in one request. */
  private load(pages: number[]): void {
    const generation = this.generation;
    const first = pages[0]!;
    for (const page of pages) this.inFlight.set(page, generation);
    const settle = (page: number) => {
      if (this.inFlight.get(page) === generation) this.inFlight.delete(page);
    };
    this.fetchPage(first * PAGE_SIZE, pages.length * PAGE_SIZE).then(
      (result) => {
        pages.forEach((page, i) => {
          settle(page);
          const cached = this.pages.get(page);
          // An answer older than what is shown is dropped.
          if (cached && cached.generation > generation) return;
          this.pages.set(page, {
            rows: result.rows.slice(i * PAGE_SIZE, (i + 1) * PAGE_SIZE),
            generation,
          });
        });
        this.total = result.total;
        this.error = null;
        this.changed();
      },
      (error: unknown) => {
        for (const page of pages) {
          settle(page);
          this.failed.set(page, generation);
        }
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
