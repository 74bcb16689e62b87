export interface PagedListState<T> {
  items: T[];
  total: number | null;
  loading: boolean;
  error: string | null;
}

/**
 * A list read page by page (the hosts of a scan), outside React: the first page at once, more as
 * a view scrolls to its end. `refresh` re-reads the pages already shown in one request, so a
 * running scan's list updates without jumping. Views read it through useSyncExternalStore.
 */
export class PagedList<T> {
  private state: PagedListState<T> = { items: [], total: null, loading: false, error: null };
  private generation = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly fetch: (
      offset: number,
      limit: number,
    ) => Promise<{ items: T[]; total: number }>,
    private readonly pageSize: number,
  ) {
    this.load(0, pageSize, true);
  }

  getSnapshot = (): PagedListState<T> => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  loadMore(): void {
    const { loading, error, items, total } = this.state;
    if (loading || error || (total !== null && items.length >= total)) return;
    this.load(items.length, this.pageSize, false);
  }

  refresh(): void {
    this.generation += 1;
    this.load(0, Math.max(this.pageSize, this.state.items.length), true);
  }

  private load(offset: number, limit: number, replace: boolean): void {
    const mine = this.generation;
    this.set({ loading: true });
    this.fetch(offset, limit).then(
      (page) => {
        if (mine !== this.generation) return;
        const items = replace ? page.items : [...this.state.items, ...page.items];
        this.set({ items, total: page.total, error: null, loading: false });
      },
      (error: unknown) => {
        if (mine !== this.generation) return;
        this.set({ error: error instanceof Error ? error.message : String(error), loading: false });
      },
    );
  }

  private set(patch: Partial<PagedListState<T>>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
