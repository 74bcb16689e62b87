import { useState } from 'react';
import { isFinal, type ScanId } from '../../../../shared/domain';
import { useStore } from '../../store';
import { statusOf } from '../../store/scans-slice';
import { messageOf } from '../../store/app-slice';

/** For a scan that ended: run it again with the same settings. */
export function ScanActions({ scanId }: { scanId: ScanId }) {
  const status = useStore((s) => statusOf(s, scanId));
  const scanAgain = useStore((s) => s.scanAgain);
  const [error, setError] = useState<string | null>(null);
  if (!isFinal(status)) return null;
  return (
    <div className="scan-controls">
      <button
        type="button"
        onClick={() => {
          setError(null);
          scanAgain(scanId).catch((e: unknown) => setError(messageOf(e)));
        }}
      >
        Scan again
      </button>
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
