import type { StateCreator } from 'zustand';
import type { ScanId } from '../../../shared/domain';
import type { PortholeStore } from '.';

export type ScanTab = 'overview' | 'results';

/** Where the window is: the new-scan form, or one scan's overview or results. */
export type Route = { view: 'new-scan' } | { view: 'scan'; scanId: ScanId; tab: ScanTab };

export interface NavSlice {
  route: Route;
  navigate(route: Route): void;
}

export const createNavSlice: StateCreator<PortholeStore, [], [], NavSlice> = (set) => ({
  route: { view: 'new-scan' },
  navigate(route) {
    set({ route });
  },
});
