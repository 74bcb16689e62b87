import { useEffect, useRef } from 'react';
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
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h3 id="confirm-title">Start a scan of {formatCount(estimate.probes)} probes?</h3>
      <p>
        At {timingLabel} timing it takes about{' '}
        <strong>{formatDuration(estimate.durationMs.fast)}</strong> if hosts answer, and up to{' '}
        <strong>{formatDuration(estimate.durationMs.slow)}</strong> if nothing answers. You can
        pause or cancel it at any time; what was probed is kept.
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          Go back
        </button>
        <button type="button" className="primary" autoFocus onClick={onConfirm}>
          Start scan
        </button>
      </div>
    </dialog>
  );
}
