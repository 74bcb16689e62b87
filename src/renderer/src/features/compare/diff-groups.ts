import { changeKind } from '../../../../shared/diff-kind';
import type { HostRef, PortChange, ScanDiff } from '../../../../shared/history';
import type { DiffExportKind } from '../../../../shared/history-actions';

/** One host's part of a comparison: its port changes, and whether it appeared or went. */
export interface HostChanges extends HostRef {
  changes: PortChange[];
  appeared: boolean;
  gone: boolean;
}

export interface DiffCounts {
  added: number;
  removed: number;
  changed: number;
  hostsAdded: number;
  hostsGone: number;
}

export function diffCounts(diff: ScanDiff): DiffCounts {
  const counts: DiffCounts = {
    added: 0,
    removed: 0,
    changed: 0,
    hostsAdded: diff.hostsAdded.length,
    hostsGone: diff.hostsGone.length,
  };
  for (const change of diff.changes) counts[changeKind(change)] += 1;
  return counts;
}

/** How many changes of one kind (hosts appeared count as added, hosts gone as removed), or all. */
export function kindCount(counts: DiffCounts, kind: DiffExportKind | 'all'): number {
  const added = counts.added + counts.hostsAdded;
  const removed = counts.removed + counts.hostsGone;
  if (kind === 'added') return added;
  if (kind === 'removed') return removed;
  if (kind === 'changed') return counts.changed;
  return added + removed + counts.changed;
}

const keyOf = (h: HostRef) => `${h.host}\u0000${h.hostname ?? ''}`;

/** The changes by host, in the order the store gave them (host order, then port). */
export function groupDiff(diff: ScanDiff, kind: DiffExportKind | 'all' = 'all'): HostChanges[] {
  const groups = new Map<string, HostChanges>();
  const group = (ref: HostRef): HostChanges => {
    const key = keyOf(ref);
    let found = groups.get(key);
    if (!found) {
      found = { host: ref.host, hostname: ref.hostname, changes: [], appeared: false, gone: false };
      groups.set(key, found);
    }
    return found;
  };
  if (kind === 'all' || kind === 'added') for (const h of diff.hostsAdded) group(h).appeared = true;
  if (kind === 'all' || kind === 'removed') for (const h of diff.hostsGone) group(h).gone = true;
  for (const change of diff.changes) {
    if (kind === 'all' || changeKind(change) === kind) group(change).changes.push(change);
  }
  return [...groups.values()];
}
