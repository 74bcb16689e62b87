import { useEffect, useState } from 'react';
import { useStore } from '../../store';

const REFRESH_MS = 1000;

/**
 * Grows when the history may have changed: a scan in this window made progress or ended (at most
 * once a second), or the window came back to the front (the CLI may have added scans).
 */
export function useHistoryRefresh(): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bump = () => {
      timer = undefined;
      setTick((t) => t + 1);
    };
    const soon = () => {
      timer ??= setTimeout(bump, REFRESH_MS);
    };
    const unsubscribe = useStore.subscribe((state, previous) => {
      if (state.live !== previous.live || state.recent !== previous.recent) soon();
    });
    window.addEventListener('focus', bump);
    return () => {
      unsubscribe();
      window.removeEventListener('focus', bump);
      clearTimeout(timer);
    };
  }, []);
  return tick;
}
