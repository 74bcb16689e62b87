import type { PortChange } from './history';
import type { DiffExportKind } from './history-actions';

/**
 * How a person reads one change between two scans: a port that is open now and was not
 * (`added`: newly scanned open, or closed/filtered before), one that was open and is not any more
 * (`removed`), or anything else that differs (`changed`: service or banner of an open port, or a
 * move between closed, filtered and error). The compare view, "what changed" and the exported
 * comparison all use this one reading.
 */
export function changeKind(change: Pick<PortChange, 'before' | 'after'>): DiffExportKind {
  const wasOpen = change.before?.state === 'open';
  const isOpen = change.after?.state === 'open';
  if (isOpen && !wasOpen) return 'added';
  if (wasOpen && !isOpen) return 'removed';
  return 'changed';
}
