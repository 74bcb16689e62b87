export interface PagedListState<T> {
  items: T[];
  total: number | null;
  loading: boolean;
  error: string | null;
}

/**
 * A list read page by page (the scans of the history, the hosts of a scan), outside React: the
 * first page when a view first subscribes, more as it scrolls to its end. `refresh` reads again,
 * page by page (never more in one call than the contract allows), the pages already shown, and
 * swaps them in at once, so a running scan's list updates without jumping. At most one refresh
 * runs at a time; one asked for meanwhile runs when it ends.
 */
export class PagedList<T> {
  private state: PagedListState<T> = { items: [], total: null, loading: false, error: null };
  private generation = 0;
  private started = false;
  private refreshing = false;
  private refreshAgain = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly fetch: (
      offset: number,
      limit: number,
    ) => Promise<{ items: T[]; total: number }>,
    private readonly pageSize: number,
  ) {}

  getSnapshot = (): PagedListState<T> => this.state;

  /** The first page is asked for when the first view subscribes, not when React renders. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.started) {
      this.started = true;
      void this.read(this.pageSize, false);
    }
    return () => this.listeners.delete(listener);
  };

  loadMore(): void {
    const { loading, error, items, total } = this.state;
    if (loading || error || this.refreshing || (total !== null && items.length >= total)) return;
    void this.read(this.pageSize, true);
  }

  /** Reads again what is shown (after an error, what the first page was). */
  refresh(): void {
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = true;
    void this.read(Math.max(this.pageSize, this.state.items.length), false).finally(() => {
      this.refreshing = false;
      if (this.refreshAgain) {
        this.refreshAgain = false;
        this.refresh();
      }
    });
  }

  /** Reads `count` items, from the end of the list (`append`) or from its start, a page at a time. */
  private async read(count: number, append: boolean): Promise<void> {
    const mine = ++this.generation;
    this.set({ loading: true });
    const start = append ? this.state.items.length : 0;
    const read: T[] = [];
    let total = this.state.total;
    try {
      while (read.length < count) {
        const page = await this.fetch(
          start + read.length,
          Math.min(this.pageSize, count - read.length),
        );
        if (mine !== this.generation) return;
        read.push(...page.items);
        total = page.total;
        if (page.items.length < this.pageSize || start + read.length >= page.total) break;
      }
      const items = append ? [...this.state.items, ...read] : read;
      this.set({ items, total, error: null, loading: false });
    } catch (error) {
      if (mine !== this.generation) return;
      this.set({ error: error instanceof Error ? error.message : String(error), loading: false });
    }
  }

  private set(patch: Partial<PagedListState<T>>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
