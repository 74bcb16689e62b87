import type { StateCreator } from 'zustand';
import { toScanId, type ScanId } from '../../../shared/domain';
import type { PortholeStore } from '.';

export type ScanTab = 'overview' | 'results';

/** Where the window is: the new-scan form, or one scan's overview or results. */
export type Route = { view: 'new-scan' } | { view: 'scan'; scanId: ScanId; tab: ScanTab };

export interface NavSlice {
  route: Route;
  navigate(route: Route): void;
  /** Follows the address bar (back and forward in a browser). */
  routeFromLocation(): void;
}

/**
 * The route lives in the address's fragment (`#/scan/12/results`), so a reload or the browser's
 * back button keeps the person where they were. The launch token's fragment is read and cleared
 * before any route is written (transport/token.ts).
 */
export function routeOfHash(hash: string): Route {
  const match = /^#\/scan\/(\d{1,15})(?:\/(overview|results))?$/.exec(hash);
  if (!match) return { view: 'new-scan' };
  return {
    view: 'scan',
    scanId: toScanId(Number(match[1])),
    tab: (match[2] as ScanTab | undefined) ?? 'overview',
  };
}

export function hashOfRoute(route: Route): string {
  return route.view === 'scan' ? `#/scan/${route.scanId}/${route.tab}` : '#/new';
}

export const createNavSlice: StateCreator<PortholeStore, [], [], NavSlice> = (set) => ({
  route: routeOfHash(window.location.hash),
  navigate(route) {
    const hash = hashOfRoute(route);
    if (window.location.hash !== hash) window.history.pushState(null, '', hash);
    set({ route });
  },
  routeFromLocation() {
    set({ route: routeOfHash(window.location.hash) });
  },
});
