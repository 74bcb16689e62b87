import type { ScanStatus } from '../../../shared/domain';

const LABELS: Record<ScanStatus, string> = {
  running: 'Running',
  paused: 'Paused',
  completed: 'Completed',
  cancelled: 'Cancelled',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

export function StatusBadge({ status }: { status: ScanStatus }) {
  return (
    <span className={`badge badge-${status}`} data-testid="scan-status">
      {LABELS[status]}
    </span>
  );
}
