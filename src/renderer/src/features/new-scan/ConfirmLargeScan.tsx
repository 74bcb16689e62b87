import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { formatCount, formatDuration } from '../../ui/format';
import type { ScanEstimate } from './estimate';

interface Props {
  estimate: ScanEstimate;
  timingLabel: string;
  onConfirm(): void;
  onCancel(): void;
}

/** Asked before a scan of over a million probes: how many, and how long it may take. */
export function ConfirmLargeScan({ estimate, timingLabel, onConfirm, onCancel }: Props) {
  return (
    <ConfirmDialog
      title={`Start a scan of ${formatCount(estimate.probes)} probes?`}
      confirmLabel="Start scan"
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>
        At {timingLabel} timing it takes about{' '}
        <strong>{formatDuration(estimate.durationMs.fast)}</strong> if hosts answer, and up to{' '}
        <strong>{formatDuration(estimate.durationMs.slow)}</strong> if nothing answers. You can
        pause or cancel it at any time; what was probed is kept.
      </p>
    </ConfirmDialog>
  );
}
