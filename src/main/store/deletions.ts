import type { ScanId } from '../../shared/domain';
import { PortholeError } from '../../shared/errors';
import type { StoreContext } from './statements';

/** Deletions of one scan on one connection: how many began, how many are still under way. */
interface Deletions {
  begun: number;
  active: number;
}

// Per connection (the key), so two databases open in one process never see each other's marks.
const byConnection = new WeakMap<object, Map<ScanId, Deletions>>();

function deletionsOf(ctx: StoreContext, id: ScanId): Deletions {
  let scans = byConnection.get(ctx.sqlite);
  if (!scans) byConnection.set(ctx.sqlite, (scans = new Map()));
  let found = scans.get(id);
  if (!found) scans.set(id, (found = { begun: 0, active: 0 }));
  return found;
}

/**
 * Marks a deletion of `id` as under way until the returned function is called. A delete runs in
 * many small transactions and removes the scan's row last, so until it ends the row says nothing:
 * this mark is what tells a reader meanwhile (an export) that the rows it reads are going.
 */
export function beginDeletion(ctx: StoreContext, id: ScanId): () => void {
  const mark = deletionsOf(ctx, id);
  mark.begun++;
  mark.active++;
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    mark.active--;
  };
}

const exists = (ctx: StoreContext, id: ScanId): boolean =>
  ctx.statements.get(`SELECT 1 FROM scans WHERE id = ?`).get(id) !== undefined;

/**
 * For a reader that reads scans in chunks with the event loop free between them (exports): a
 * scan deleted meanwhile would otherwise end as a silently shorter file. Throws not-found now when
 * a scan is missing or being deleted; the returned check throws not-found when any of them was
 * deleted, or began to be, since. Call it after the last read, before saying the export is whole.
 * A delete from another process is seen only once it has removed the scan's row.
 */
export function watchForDeletion(ctx: StoreContext, ids: readonly ScanId[]): () => void {
  const begun = ids.map((id) => {
    if (!exists(ctx, id)) throw new PortholeError('not-found', `scan ${id} is not in the history`);
    const mark = deletionsOf(ctx, id);
    if (mark.active > 0) throw new PortholeError('not-found', `scan ${id} is being deleted`);
    return mark.begun;
  });
  return () => {
    ids.forEach((id, i) => {
      if (!exists(ctx, id) || deletionsOf(ctx, id).begun !== begun[i]) {
        throw new PortholeError('not-found', `scan ${id} was deleted while it was being exported`);
      }
    });
  };
}
