import { useState } from 'react';
import type { ScanId } from '../../../../shared/domain';
import { useStore } from '../../store';
import { messageOf } from '../../store/app-slice';
import { controllableHere } from '../../store/scans-slice';

type Action = 'pause' | 'resume' | 'cancel';

/** Pause, resume and cancel, for a scan still running or paused in this process. */
export function ScanControls({ scanId }: { scanId: ScanId }) {
  const status = useStore((s) => s.live[scanId]?.status);
  const here = useStore((s) => controllableHere(s, scanId));
  const actions = {
    pause: useStore((s) => s.pauseScan),
    resume: useStore((s) => s.resumeScan),
    cancel: useStore((s) => s.cancelScan),
  };
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!here) return null;
  const run = (action: Action) => async () => {
    setBusy(action);
    setError(null);
    try {
      await actions[action](scanId);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="scan-controls">
      {status === 'running' ? (
        <button type="button" onClick={run('pause')} disabled={busy !== null}>
          Pause
        </button>
      ) : (
        <button type="button" onClick={run('resume')} disabled={busy !== null}>
          Resume
        </button>
      )}
      <button type="button" className="danger" onClick={run('cancel')} disabled={busy !== null}>
        {busy === 'cancel' ? 'Cancelling…' : 'Cancel scan'}
      </button>
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
