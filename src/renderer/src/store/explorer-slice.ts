import type { StateCreator } from 'zustand';
import type { ScanId } from '../../../shared/domain';
import { DEFAULT_RESULT_SORT, type ResultSort } from '../../../shared/history';
import type { PortholeStore } from '.';

export type ExplorerView = 'ports' | 'hosts' | 'services';

/** One scan's explorer: its query text (the filter's one source), view, sort and open host. */
export interface ExplorerState {
  query: string;
  view: ExplorerView;
  sort: ResultSort;
  /** The host whose detail panel is open: its address and the name it was reached by. */
  host: { host: string; hostname: string | null } | null;
}

/** Open ports only, as nmap shows them; closed and filtered are one click away. */
export const DEFAULT_EXPLORER: ExplorerState = {
  query: 'open',
  view: 'ports',
  sort: DEFAULT_RESULT_SORT,
  host: null,
};

export interface ExplorerSlice {
  explorers: Record<number, ExplorerState>;
  setExplorer(id: ScanId, patch: Partial<ExplorerState>): void;
}

export const createExplorerSlice: StateCreator<PortholeStore, [], [], ExplorerSlice> = (set) => ({
  explorers: {},
  setExplorer(id, patch) {
    set((s) => ({
      explorers: { ...s.explorers, [id]: { ...(s.explorers[id] ?? DEFAULT_EXPLORER), ...patch } },
    }));
  },
});
