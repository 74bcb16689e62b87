import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { isActive } from '../../../../shared/domain';
import { useStore } from '../../store';
import { runsElsewhere } from '../../store/scans-slice';

/** How often scans running in another process are read again. */
const FOLLOW_EVERY_MS = 2000;
/** How often the sidebar's list is read again while it shows a scan running or paused. */
const RECENT_EVERY_MS = 5000;

/**
 * Keeps scans that run in another process (the CLI, another `porthole serve`) up to date: their
 * progress events go to that process, so the history is read again, one read at a time, until
 * they end; the sidebar's list too, while it shows one running.
 */
export function useFollowElsewhere(): void {
  const elsewhere = useStore(
    useShallow((s) =>
      Object.values(s.live)
        .filter((scan) => runsElsewhere(s, scan.id))
        .map((scan) => scan.id),
    ),
  );
  const recentActive = useStore((s) => s.recent.some((scan) => isActive(scan.status)));
  const follow = useStore((s) => s.followElsewhere);
  const refreshRecent = useStore((s) => s.refreshRecent);

  useEffect(() => {
    if (elsewhere.length === 0) return;
    return every(FOLLOW_EVERY_MS, async () => {
      for (const id of elsewhere) {
        // A failed read is tried again on the next turn; a deleted scan stops being followed.
        await follow(id).catch(() => {});
      }
    });
  }, [elsewhere, follow]);

  useEffect(() => {
    if (!recentActive) return;
    return every(RECENT_EVERY_MS, async () => refreshRecent());
  }, [recentActive, refreshRecent]);
}

/** Runs `task` every `ms`, never two at once; returns the stop. */
function every(ms: number, task: () => Promise<void>): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout>;
  const next = () => {
    timer = setTimeout(() => {
      void task().finally(() => {
        if (!stopped) next();
      });
    }, ms);
  };
  next();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
