import type { StateCreator } from 'zustand';
import type { AppInfo } from '../../../shared/app-info';
import { portholeApi } from '../api';
import type { PortholeStore } from '.';

export interface AppSlice {
  appInfo: AppInfo | null;
  /** Why the window cannot reach Porthole (never connected, or the connection dropped). */
  connectionError: string | null;
  loadAppInfo(): Promise<void>;
  connectionLost(reason: string): void;
}

export const createAppSlice: StateCreator<PortholeStore, [], [], AppSlice> = (set) => ({
  appInfo: null,
  connectionError: null,
  async loadAppInfo() {
    try {
      set({ appInfo: await portholeApi().call('getAppInfo'), connectionError: null });
    } catch (error) {
      set({ connectionError: messageOf(error) });
    }
  },
  connectionLost(reason) {
    set({ connectionError: reason });
  },
});

export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
