import { SCAN_STATUSES, type ScanStatus } from '../../../../shared/domain';
import type { ScanListQueryInput } from '../../../../shared/history';

/** What the history view filters by, as the person set it. */
export interface HistoryFilter {
  text: string;
  statuses: ScanStatus[];
  /** yyyy-mm-dd from a date input, in the person's time zone; '' for no bound. */
  from: string;
  to: string;
}

export const EMPTY_HISTORY_FILTER: HistoryFilter = { text: '', statuses: [], from: '', to: '' };

/** The listScans query for a filter; `to` includes its whole day. */
export function historyQuery(filter: HistoryFilter): Omit<ScanListQueryInput, 'offset' | 'limit'> {
  const startOf = (day: string) => new Date(`${day}T00:00:00`).getTime();
  const query: Omit<ScanListQueryInput, 'offset' | 'limit'> = {};
  if (filter.text.trim()) query.text = filter.text.trim();
  if (filter.statuses.length > 0 && filter.statuses.length < SCAN_STATUSES.length) {
    query.status = filter.statuses;
  }
  if (filter.from && Number.isFinite(startOf(filter.from))) query.from = startOf(filter.from);
  if (filter.to && Number.isFinite(startOf(filter.to))) query.to = startOf(filter.to) + 86_400_000;
  return query;
}
