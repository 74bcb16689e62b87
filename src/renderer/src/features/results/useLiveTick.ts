import { useEffect, useState } from 'react';
import { isActive, type ScanId } from '../../../../shared/domain';
import { useStore } from '../../store';

/** How often the explorer re-reads a running scan's results: fresh, without hammering the store. */
const REFRESH_MS = 1000;

/**
 * A number that grows while a scan commits results (at most once a second) and once more when it
 * ends, so views built on stored pages re-read them. It does not change for a finished scan.
 */
export function useLiveTick(scanId: ScanId): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    let watched = false;
    const bump = () => {
      timer = undefined;
      last = Date.now();
      setTick((t) => t + 1);
    };
    const unsubscribe = useStore.subscribe((state, previous) => {
      const now = state.live[scanId];
      const before = previous.live[scanId];
      if (!now || now === before || (now.done === before?.done && now.status === before.status))
        return;
      const active = isActive(now.status);
      if (active) watched = true;
      if (!watched) return;
      if (!active) {
        // The end: the final rows are committed, read them now.
        watched = false;
        clearTimeout(timer);
        bump();
        return;
      }
      timer ??= setTimeout(bump, Math.max(0, last + REFRESH_MS - Date.now()));
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [scanId]);
  return tick;
}
