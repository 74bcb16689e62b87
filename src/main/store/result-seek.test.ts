import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanId } from '../../shared/domain';
import {
  ResultFilterSchema,
  ResultSortSchema,
  type ResultFilterInput,
  type ResultSortInput,
} from '../../shared/history';
import { parseWith } from '../../shared/validate';
import { openDatabase, type HistoryDb } from './database';
import type { RawResult } from './result-rows';
import { SEEK_FROM_OFFSET } from './result-seek';
import { resultPageSql } from './results-query';
import { request, result, tempDir } from './test-support';
import { createResultWriter } from './writer';

let db: HistoryDb;
let remove: () => void;
let id: ScanId;
const HOSTS = 60;
const PORTS = 600;

beforeAll(async () => {
  const t = tempDir();
  remove = t.remove;
  db = openDatabase(join(t.dir, 'porthole.db'));
  id = db.createScan(request({ targets: '10.0.0.0/26' }));
  const writer = createResultWriter(db, id);
  // Hosts written out of address order, each with its own mix of states.
  for (let i = HOSTS - 1; i >= 0; i -= 1) {
    const rows = [];
    for (let port = 1; port <= PORTS; port += 1) {
      const state = (port + i) % 13 === 0 ? 'open' : (port * i) % 7 === 0 ? 'filtered' : 'closed';
      rows.push(result(port, { host: `10.0.0.${i}`, state }));
    }
    writer.write(rows);
  }
  await writer.close();
  db.finishScan(id, { status: 'completed', endedAt: Date.now() });
});
afterAll(() => {
  db.close();
  remove();
});

/** The page straight from OFFSET, as before the seek existed: what the seek must agree with. */
function byOffset(filter: ResultFilterInput, sort: ResultSortInput, offset: number): RawResult[] {
  const query = resultPageSql(
    id,
    parseWith(ResultFilterSchema, filter),
    parseWith(ResultSortSchema, sort),
    { offset, limit: 300 },
  );
  return db.sqlite
    .prepare(query.text)
    .raw(true)
    .all(...query.params) as RawResult[];
}

const asRaw = (filter: ResultFilterInput, sort: ResultSortInput, offset: number) =>
  db
    .getResults(id, filter, sort, { offset, limit: 300 })
    .rows.map((r) => [r.host, r.hostname ?? '', r.port, r.protocol, r.state]);

describe('deep pages of the natural order', () => {
  it.each<[string, ResultFilterInput, ResultSortInput]>([
    ['every row', {}, { column: 'host', direction: 'asc' }],
    ['every row, descending', {}, { column: 'host', direction: 'desc' }],
    ['two states', { state: ['closed', 'filtered'] }, { column: 'host', direction: 'asc' }],
    [
      'host blocks',
      { host: ['10.0.0.0/27', '10.0.0.40-59'] },
      { column: 'host', direction: 'desc' },
    ],
  ])('start at the right host and row (%s)', (_name, filter, sort) => {
    const total = db.getResults(id, filter, sort, { limit: 1 }).total;
    expect(total).toBeGreaterThan(SEEK_FROM_OFFSET);
    for (const offset of [
      SEEK_FROM_OFFSET,
      SEEK_FROM_OFFSET + 1,
      total - 700,
      total - 300,
      total - 1,
    ]) {
      const expected = byOffset(filter, sort, offset).map((r) => r.slice(0, 5));
      expect(asRaw(filter, sort, offset)).toEqual(expected);
    }
  });
});
