import type Database from 'better-sqlite3';

/**
 * Prepared statements by SQL text. Queries are built only from fixed fragments (never from user
 * text), so the set of distinct texts is small and each is prepared once per connection.
 */
export class StatementCache {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  get(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/** What every store module works with: the connection and its statement cache. */
export interface StoreContext {
  readonly sqlite: Database.Database;
  readonly statements: StatementCache;
}
