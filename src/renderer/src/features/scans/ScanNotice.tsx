import type { ScanId } from '../../../../shared/domain';
import { useStore } from '../../store';
import { runsElsewhere } from '../../store/scans-slice';
import { formatCount, plural } from '../../ui/format';

/** "1,234 results kept (2 open)": what a scan that ended early left in the history. */
const keptText = (results: number, open: number): string =>
  `${plural(results, 'result')} kept (${formatCount(open)} open)`;

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Why a scan ended other than completed, and what of it was kept. */
export function ScanNotice({ scanId }: { scanId: ScanId }) {
  const status = useStore((s) => s.live[scanId]?.status);
  const error = useStore((s) => s.live[scanId]?.error ?? null);
  const done = useStore((s) => s.live[scanId]?.done ?? 0);
  const open = useStore((s) => s.live[scanId]?.counts.open ?? 0);
  const elsewhere = useStore((s) => runsElsewhere(s, scanId));
  const kept = keptText(done, open);
  if (elsewhere) {
    return (
      <div className="notice elsewhere" role="status">
        {status === 'paused' ? 'Paused' : 'Running'} in another Porthole process (the porthole
        command or another window): pause, resume or cancel it there. Its figures here are read from
        the history every few seconds.
      </div>
    );
  }
  if (status === 'failed') {
    return (
      <div className="notice failed" role="alert">
        <strong>The scan failed:</strong> {error ?? 'no cause was recorded'}. {capitalised(kept)}.
      </div>
    );
  }
  if (status === 'cancelled') {
    return (
      <div className="notice cancelled" role="status">
        Cancelled: {kept}.
      </div>
    );
  }
  if (status === 'interrupted') {
    return (
      <div className="notice interrupted" role="status">
        Interrupted: Porthole stopped while this scan ran. {capitalised(kept)}.
      </div>
    );
  }
  return null;
}
