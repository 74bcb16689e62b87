import type { StateCreator } from 'zustand';
import { toScanId, type ScanId } from '../../../shared/domain';
import type { PortholeStore } from '.';

export type ScanTab = 'overview' | 'results';

/** Where the window is: the form, the history, one scan's overview or results, a comparison. */
export type Route =
  | { view: 'new-scan' }
  | { view: 'history' }
  | { view: 'scan'; scanId: ScanId; tab: ScanTab }
  | { view: 'compare'; from: ScanId; to: ScanId };

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
  if (hash === '#/history') return { view: 'history' };
  const compare = /^#\/compare\/(\d{1,15})\/(\d{1,15})$/.exec(hash);
  if (compare) {
    return {
      view: 'compare',
      from: toScanId(Number(compare[1])),
      to: toScanId(Number(compare[2])),
    };
  }
  const match = /^#\/scan\/(\d{1,15})(?:\/(overview|results))?$/.exec(hash);
  if (!match) return { view: 'new-scan' };
  return {
    view: 'scan',
    scanId: toScanId(Number(match[1])),
    tab: (match[2] as ScanTab | undefined) ?? 'overview',
  };
}

export function hashOfRoute(route: Route): string {
  switch (route.view) {
    case 'scan':
      return `#/scan/${route.scanId}/${route.tab}`;
    case 'compare':
      return `#/compare/${route.from}/${route.to}`;
    case 'history':
      return '#/history';
    case 'new-scan':
      return '#/new';
  }
}

export const createNavSlice: StateCreator<PortholeStore, [], [], NavSlice> = (set, get) => ({
  route: routeOfHash(window.location.hash),
  navigate(route) {
    // A scan's data is asked for before the view renders: main works while React does.
    if (route.view === 'scan') void get().openScan(route.scanId);
    const hash = hashOfRoute(route);
    if (window.location.hash !== hash) window.history.pushState(null, '', hash);
    set({ route });
  },
  routeFromLocation() {
    set({ route: routeOfHash(window.location.hash) });
  },
});
