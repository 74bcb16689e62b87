import type { ExportOutcome } from '../../../../shared/history-actions';
import { launchToken } from '../../transport/token';
import { formatCount } from '../../ui/format';
import { postDownload } from './download-form';

/**
 * Finishes an export the way its transport answered: the browser host's single-use address is
 * downloaded by the page (its launch token posted, never in the address); the desktop window's
 * main already wrote the file. Returns what to say; `onRefused` hears if the host refuses the
 * download instead (the ticket was used or expired, the scan was deleted meanwhile).
 */
export function deliverExport(
  outcome: ExportOutcome,
  onRefused?: (message: string) => void,
): string | null {
  switch (outcome.kind) {
    case 'download':
      postDownload(outcome.url, launchToken(), onRefused);
      return `Download of ${outcome.fileName} started`;
    case 'saved':
      return `Saved ${formatCount(outcome.rows)} rows to ${outcome.file}`;
    case 'cancelled':
      return null;
  }
}
