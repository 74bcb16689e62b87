import type Database from 'better-sqlite3';

/**
 * Automatic checkpoints would run inside a commit and hold the event loop for tens of ms (they
 * fsync). Instead the WAL is folded back in its own macrotask once enough rows were committed, and
 * when the connection closes.
 */
export class CheckpointScheduler {
  private rowsSince = 0;
  private scheduled: NodeJS.Immediate | null = null;
  lastCheckpointMs = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly everyRows = 200_000,
  ) {}

  afterCommit(rows: number): void {
    this.rowsSince += rows;
    if (this.rowsSince >= this.everyRows) this.scheduled ??= setImmediate(() => this.run());
  }

  /** PASSIVE: never waits for readers; what it cannot copy now is copied next time. */
  run(): void {
    this.scheduled = null;
    if (!this.db.open) return;
    const started = performance.now();
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
      this.rowsSince = 0;
    } catch {
      // A busy or read-only database simply keeps its WAL until the next attempt.
    }
    this.lastCheckpointMs = performance.now() - started;
  }

  stop(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
  }
}
