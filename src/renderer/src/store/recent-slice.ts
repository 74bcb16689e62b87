import type { StateCreator } from 'zustand';
import type { ScanSummary } from '../../../shared/history';
import { portholeApi } from '../api';
import { messageOf } from './app-slice';
import type { PortholeStore } from '.';

/** How many scans the sidebar lists (the whole history is part 2's history view). */
export const RECENT_SHOWN = 30;

export interface RecentSlice {
  recent: ScanSummary[];
  recentTotal: number;
  recentError: string | null;
  refreshRecent(): void;
}

export const createRecentSlice: StateCreator<PortholeStore, [], [], RecentSlice> = (set) => {
  let inFlight = false;
  let again = false;
  function refresh(): void {
    // Many scans ending together ask once, then once more for what changed meanwhile.
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    void portholeApi()
      .call('listScans', { limit: RECENT_SHOWN })
      .then(
        (page) => set({ recent: page.scans, recentTotal: page.total, recentError: null }),
        (error: unknown) => set({ recentError: messageOf(error) }),
      )
      .finally(() => {
        inFlight = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  }
  return { recent: [], recentTotal: 0, recentError: null, refreshRecent: refresh };
};
