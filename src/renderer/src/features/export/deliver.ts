import type { ExportOutcome } from '../../../../shared/history-actions';
import { formatCount } from '../../ui/format';

/**
 * Finishes an export the way its transport answered: the browser host's single-use address is
 * downloaded by the page; the desktop window's main already wrote the file. Returns what to say.
 */
export function deliverExport(outcome: ExportOutcome): string | null {
  switch (outcome.kind) {
    case 'download': {
      const link = document.createElement('a');
      link.href = outcome.url;
      link.download = outcome.fileName;
      link.rel = 'noopener';
      document.body.append(link);
      link.click();
      link.remove();
      return `Downloading ${outcome.fileName}…`;
    }
    case 'saved':
      return `Saved ${formatCount(outcome.rows)} rows to ${outcome.file}`;
    case 'cancelled':
      return null;
  }
}
