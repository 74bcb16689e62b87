import { useEffect } from 'react';
import type { ScanId } from '../../../../shared/domain';
import { useStore } from '../../store';
import { runsElsewhere } from '../../store/scans-slice';

/** How often a scan running in another process is read again. */
const FOLLOW_EVERY_MS = 2000;

/**
 * Keeps a scan that runs in another process (the CLI, another `porthole serve`) up to date while
 * it is shown: its progress events go to that process, so the history is read again, one read
 * at a time, until the scan ends.
 */
export function useFollowElsewhere(scanId: ScanId): void {
  const elsewhere = useStore((s) => runsElsewhere(s, scanId));
  const follow = useStore((s) => s.followElsewhere);
  useEffect(() => {
    if (!elsewhere) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const next = () => {
      timer = setTimeout(() => {
        void follow(scanId)
          .catch(() => {
            // Read again on the next turn; a scan deleted meanwhile stops being followed.
          })
          .finally(() => {
            if (!stopped) next();
          });
      }, FOLLOW_EVERY_MS);
    };
    next();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [elsewhere, follow, scanId]);
}
