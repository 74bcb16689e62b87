import type Database from 'better-sqlite3';

/** Statements kept per connection; the least recently used goes first past this. */
const MAX_STATEMENTS = 256;

/**
 * Prepared statements by SQL text. Queries are built only from fixed fragments (never from user
 * text), but a filter's lists (hosts, services, words) give one text per count of entries, so the
 * cache keeps the most recently used and lets the rest be collected.
 */
export class StatementCache {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  get(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement) {
      // Map keeps insertion order: moving a hit to the end makes the first key the least recent.
      this.statements.delete(sql);
    } else {
      statement = this.db.prepare(sql);
      if (this.statements.size >= MAX_STATEMENTS) {
        const oldest = this.statements.keys().next().value;
        if (oldest !== undefined) this.statements.delete(oldest);
      }
    }
    this.statements.set(sql, statement);
    return statement;
  }

  get size(): number {
    return this.statements.size;
  }
}

/** What every store module works with: the connection and its statement cache. */
export interface StoreContext {
  readonly sqlite: Database.Database;
  readonly statements: StatementCache;
}
