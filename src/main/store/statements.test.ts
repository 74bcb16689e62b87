import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StatementCache } from './statements';

let db: Database.Database | null = null;
afterEach(() => db?.close());

describe('StatementCache', () => {
  it('prepares each text once and keeps only the most recently used', () => {
    db = new Database(':memory:');
    const cache = new StatementCache(db);
    const first = cache.get('SELECT 0');
    expect(cache.get('SELECT 0')).toBe(first);
    // A filter's lists give one text per count of entries: far more than it keeps.
    for (let i = 1; i <= 1000; i++) {
      cache.get(`SELECT ${i}`);
      cache.get('SELECT 0'); // used all along: never the least recent
    }
    expect(cache.size).toBe(256);
    expect(cache.get('SELECT 0')).toBe(first);
    expect(cache.get('SELECT 1000').pluck().get()).toBe(1000);
  });
});
